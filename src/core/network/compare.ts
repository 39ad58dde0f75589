/**
 * Two networks side by side (two analysts, or one and gold): the edges only
 * one of them has, and those both have with a different weight.
 */
import type { Network, NetworkEdge } from './types';

export interface NetworkComparison {
  onlyLeft: NetworkEdge[];
  onlyRight: NetworkEdge[];
  /** Same edge in both, weights differing: [left, right]. */
  reweighted: [NetworkEdge, NetworkEdge][];
  shared: number;
  /** The names of the nodes the edges only the right has lead from and to: the left network may not have them. */
  rightLabels: Record<string, string>;
}

export function compareNetworks(left: Network, right: Network): NetworkComparison {
  const rightById = new Map(right.edges.map((e) => [e.id, e]));
  const leftIds = new Set(left.edges.map((e) => e.id));
  const out: NetworkComparison = { onlyLeft: [], onlyRight: [], reweighted: [], shared: 0, rightLabels: {} };
  for (const e of left.edges) {
    const r = rightById.get(e.id);
    if (!r) out.onlyLeft.push(e);
    else if (r.weight !== e.weight) out.reweighted.push([e, r]);
    else out.shared++;
  }
  for (const e of right.edges) if (!leftIds.has(e.id)) out.onlyRight.push(e);
  const names = new Map(right.nodes.map((n) => [n.id, n.label]));
  for (const e of out.onlyRight) for (const id of [e.source, e.target]) out.rightLabels[id] = names.get(id) ?? id;
  return out;
}
