/**
 * Review: several analysts' mentions on one document, grouped into items to
 * compare and decide. An item is a group of mentions from different
 * annotators that overlap one another; each item says how they differ.
 */
import type { Mention } from './model';

export type ItemKind =
  /** Every annotator has the same span with the same label. */
  | 'agree'
  /** Every annotator has the same span, with different labels. */
  | 'label'
  /** Every annotator has a mention here, but the spans differ. */
  | 'overlap'
  /** Only some annotators have a mention here. */
  | 'single';

export const ITEM_KIND_NAMES: Record<ItemKind, string> = {
  agree: 'same span and label',
  label: 'same span, other label',
  overlap: 'overlapping spans',
  single: 'only some annotators',
};

export interface ReviewItem {
  /** Stable for the same layers: the covered range and the annotators' labels. */
  key: string;
  start: number;
  end: number;
  kind: ItemKind;
  /** Each annotator's mentions in this item (several when one annotator has overlapping mentions here). */
  byAnnotator: Record<string, Mention[]>;
}

interface Node {
  annotator: string;
  m: Mention;
}

/** Groups the annotators' mentions into review items, in text order. */
export function reviewItems(layers: readonly { annotator: string; mentions: readonly Mention[] }[]): ReviewItem[] {
  const nodes: Node[] = [];
  for (const l of layers) for (const m of l.mentions) if (!m.pending) nodes.push({ annotator: l.annotator, m });
  nodes.sort((a, b) => a.m.start - b.m.start || b.m.end - a.m.end);

  // Union-find over overlaps between different annotators' mentions, in one sweep over starts.
  const parent = nodes.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const active: number[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    for (let k = active.length - 1; k >= 0; k--) if (nodes[active[k]].m.end <= n.m.start) active.splice(k, 1);
    for (const j of active) if (nodes[j].annotator !== n.annotator) parent[find(i)] = find(j);
    active.push(i);
  }

  const groups = new Map<number, Node[]>();
  for (let i = 0; i < nodes.length; i++) {
    const r = find(i);
    const g = groups.get(r) ?? [];
    g.push(nodes[i]);
    groups.set(r, g);
  }

  const names = layers.map((l) => l.annotator);
  const items: ReviewItem[] = [];
  for (const g of groups.values()) {
    const byAnnotator: Record<string, Mention[]> = {};
    for (const n of g) (byAnnotator[n.annotator] ??= []).push(n.m);
    const start = Math.min(...g.map((n) => n.m.start));
    const end = Math.max(...g.map((n) => n.m.end));
    items.push({ key: itemKey(start, end, byAnnotator), start, end, kind: kindOf(names, byAnnotator), byAnnotator });
  }
  return items.sort((a, b) => a.start - b.start || a.end - b.end);
}

function kindOf(names: readonly string[], by: Record<string, Mention[]>): ItemKind {
  if (names.some((a) => !by[a]?.length)) return 'single';
  const all = names.flatMap((a) => by[a]);
  const sameSpans = names.every((a) => by[a].length === by[names[0]].length) && all.every((m) => m.start === all[0].start && m.end === all[0].end);
  if (!sameSpans) return 'overlap';
  return all.every((m) => m.label === all[0].label) ? 'agree' : 'label';
}

function itemKey(start: number, end: number, by: Record<string, Mention[]>): string {
  const parts = Object.keys(by)
    .sort()
    .map((a) => `${a}=${by[a].map((m) => `${m.start}-${m.end}:${m.label}`).join('+')}`);
  return `${start}-${end}|${parts.join('|')}`;
}

/** The mentions a decision puts in the gold layer: one annotator's, or the union of distinct ones ("accept both"). */
export function acceptedMentions(item: ReviewItem, annotators: readonly string[]): Mention[] {
  const out: Mention[] = [];
  for (const a of annotators) {
    for (const m of item.byAnnotator[a] ?? []) {
      if (!out.some((x) => x.start === m.start && x.end === m.end && x.label === m.label)) out.push(m);
    }
  }
  return out;
}
