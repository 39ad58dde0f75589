/**
 * CSV node and edge lists (the column names Gephi's spreadsheet import
 * knows: Id, Label; Source, Target, Type, Weight) and JSON of the whole network.
 */
import { joinList, valueName } from './xml';
import type { Network } from './types';

/** One CSV field, quoted when it holds a comma, quote or line break; a leading =+-@ cannot start a formula. */
function field(v: string | number | boolean | null): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const row = (xs: (string | number | boolean | null)[]) => xs.map(field).join(',') + '\r\n';

export function* nodesCsv(net: Network): Generator<string> {
  yield row(['Id', 'Label', 'type', 'kind', 'entity_id', 'unlinked', 'weighted_degree', 'first', 'last']);
  let part = '';
  for (const [i, n] of net.nodes.entries()) {
    part += row([n.id, n.label, n.type, n.kind, n.entityId, n.unlinked, n.weightedDegree, n.first, n.last]);
    if (i % 500 === 499) {
      yield part;
      part = '';
    }
  }
  yield part;
}

export function* edgesCsv(net: Network): Generator<string> {
  yield row(['Source', 'Target', 'Type', 'Weight', 'kind', 'frame_type', 'polarity', 'status', 'topics', 'documents', 'frames', 'first', 'last']);
  let part = '';
  for (const [i, e] of net.edges.entries()) {
    const which = valueName(e.kind);
    part += row([
      e.source,
      e.target,
      e.directed ? 'Directed' : 'Undirected',
      e.weight,
      e.kind,
      e.frameType,
      which === 'polarity' ? e.value : '',
      which === 'status' ? e.value : '',
      joinList(e.topics),
      joinList(e.documents),
      e.frames.length,
      e.first,
      e.last,
    ]);
    if (i % 500 === 499) {
      yield part;
      part = '';
    }
  }
  yield part;
}

/** The network as JSON: nodes, edges (frames as indices), the frames and the documents in article order. */
export function* networkJson(net: Network): Generator<string> {
  yield `{"counted":${net.counted},"incomplete":${net.incomplete},"documents":${JSON.stringify(net.documents)},\n"nodes":[`;
  for (const [i, n] of net.nodes.entries()) yield (i ? ',\n' : '\n') + JSON.stringify(n);
  yield '],\n"edges":[';
  for (const [i, e] of net.edges.entries()) yield (i ? ',\n' : '\n') + JSON.stringify(e);
  yield '],\n"frames":[';
  for (const [i, f] of net.frames.entries()) yield (i ? ',\n' : '\n') + JSON.stringify(f);
  yield ']}\n';
}
