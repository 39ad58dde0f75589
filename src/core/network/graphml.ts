/**
 * GraphML of a network, as networkx, Gephi and yEd read it: one directed
 * graph (undirected kinds say so in their `directed` attribute, since a
 * GraphML reader refuses mixed edges), every attribute declared with a key.
 */
import { joinList, valueName, xmlAttr, xmlText } from './xml';
import type { Network } from './types';

const NODE_KEYS = [
  ['label', 'string'],
  ['type', 'string'],
  ['kind', 'string'],
  ['entity_id', 'string'],
  ['unlinked', 'boolean'],
  ['weighted_degree', 'double'],
  ['first', 'string'],
  ['last', 'string'],
] as const;
const EDGE_KEYS = [
  ['kind', 'string'],
  ['frame_type', 'string'],
  ['polarity', 'string'],
  ['status', 'string'],
  ['weight', 'double'],
  ['topics', 'string'],
  ['documents', 'string'],
  ['frames', 'int'],
  ['first', 'string'],
  ['last', 'string'],
  ['directed', 'boolean'],
] as const;

const data = (key: string, v: string | number | boolean | null) => (v === null || v === '' ? '' : `<data key="${key}">${(typeof v === 'string' ? xmlText(v) : String(v))}</data>`);

const VALUE_KEY = { polarity: 'e_polarity', status: 'e_status' } as const;

/** The file in parts of about a hundred elements each. */
export function* graphml(net: Network): Generator<string> {
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n';
  for (const [name, type] of NODE_KEYS) out += `  <key id="n_${name}" for="node" attr.name="${name}" attr.type="${type}"/>\n`;
  for (const [name, type] of EDGE_KEYS) out += `  <key id="e_${name}" for="edge" attr.name="${name}" attr.type="${type}"/>\n`;
  out += '  <graph id="parley" edgedefault="directed">\n';
  yield out;
  let part = '';
  let n = 0;
  for (const node of net.nodes) {
    part +=
      `    <node id="${xmlAttr(node.id)}">` +
      data('n_label', node.label) +
      data('n_type', node.type) +
      data('n_kind', node.kind) +
      data('n_entity_id', node.entityId) +
      data('n_unlinked', node.unlinked) +
      data('n_weighted_degree', node.weightedDegree) +
      data('n_first', node.first) +
      data('n_last', node.last) +
      '</node>\n';
    if (++n % 100 === 0) {
      yield part;
      part = '';
    }
  }
  for (const e of net.edges) {
    // One template per edge: the parts that are never empty written in place rather than through `data`.
    part += `    <edge id="${xmlAttr(e.id)}" source="${xmlAttr(e.source)}" target="${xmlAttr(e.target)}"><data key="e_kind">${xmlText(e.kind)}</data>${data('e_frame_type', e.frameType)}${data(VALUE_KEY[valueName(e.kind)], e.value)}<data key="e_weight">${e.weight}</data>${data('e_topics', joinList(e.topics))}${data('e_documents', joinList(e.documents))}<data key="e_frames">${e.frames.length}</data>${data('e_first', e.first)}${data('e_last', e.last)}<data key="e_directed">${e.directed}</data></edge>\n`;
    if (++n % 100 === 0) {
      yield part;
      part = '';
    }
  }
  yield `${part}  </graph>\n</graphml>\n`;
}
