/**
 * GEXF 1.2 of a network for Gephi, whose timeline plays it: a dynamic graph
 * in days, each node and edge alive from the first article that makes it
 * (a spell with no end), and each edge's running count of frames as a
 * dynamic attribute that grows article date by article date.
 */
import { joinList, valueName, xmlText } from './xml';
import type { Network, NetworkEdge } from './types';

const NODE_ATTRS = [
  ['type', 'string'],
  ['kind', 'string'],
  ['entity_id', 'string'],
  ['unlinked', 'boolean'],
  ['weighted_degree', 'double'],
  ['first', 'string'],
  ['last', 'string'],
] as const;
const EDGE_ATTRS = [
  ['kind', 'string'],
  ['frame_type', 'string'],
  ['polarity', 'string'],
  ['status', 'string'],
  ['topics', 'string'],
  ['documents', 'string'],
  ['frames', 'integer'],
  ['first', 'string'],
  ['last', 'string'],
  ['directed', 'boolean'],
] as const;

const att = (id: string, v: string | number | boolean | null) => (v === null || v === '' ? '' : `<attvalue for="${id}" value="${(typeof v === 'string' ? xmlText(v) : String(v))}"/>`);

/** Frames so far at each article date where the count changes: [date, count, next date]. */
function running(net: Network, e: NetworkEdge): string {
  const byDay = new Map<string, number>();
  for (const i of e.frames) {
    const d = net.frames[i].date;
    if (d) byDay.set(d, (byDay.get(d) ?? 0) + 1);
  }
  const days = [...byDay.keys()].sort();
  let total = 0;
  return days
    .map((d, i) => {
      total += byDay.get(d)!;
      const end = days[i + 1];
      return `<attvalue for="count" value="${total}" start="${d}"${end ? ` endopen="${end}"` : ''}/>`;
    })
    .join('');
}

export function* gexf(net: Network): Generator<string> {
  const days = net.documents.map((d) => d.date).filter((d): d is string => d !== null);
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">\n  <meta><creator>Parley</creator><description>Stance and agreement network</description></meta>\n';
  out += `  <graph defaultedgetype="directed" mode="dynamic" timeformat="date"${days.length ? ` start="${days[0]}" end="${days[days.length - 1]}"` : ''}>\n`;
  out += '    <attributes class="node" mode="static">\n';
  NODE_ATTRS.forEach(([name, type]) => (out += `      <attribute id="${name}" title="${name}" type="${type}"/>\n`));
  out += '    </attributes>\n    <attributes class="edge" mode="static">\n';
  EDGE_ATTRS.forEach(([name, type]) => (out += `      <attribute id="${name}" title="${name}" type="${type}"/>\n`));
  out += '    </attributes>\n    <attributes class="edge" mode="dynamic">\n      <attribute id="count" title="frames so far" type="integer"/>\n    </attributes>\n    <nodes>\n';
  yield out;
  let part = '';
  let n = 0;
  const flush = () => {
    const p = part;
    part = '';
    return p;
  };
  for (const node of net.nodes) {
    part +=
      `      <node id="${xmlText(node.id)}" label="${xmlText(node.label)}"><attvalues>` +
      att('type', node.type) +
      att('kind', node.kind) +
      att('entity_id', node.entityId) +
      att('unlinked', node.unlinked) +
      att('weighted_degree', node.weightedDegree) +
      att('first', node.first) +
      att('last', node.last) +
      `</attvalues>${node.first ? `<spells><spell start="${node.first}"/></spells>` : ''}</node>\n`;
    if (++n % 100 === 0) yield flush();
  }
  part += '    </nodes>\n    <edges>\n';
  for (const e of net.edges) {
    const which = valueName(e.kind);
    part +=
      `      <edge id="${xmlText(e.id)}" source="${xmlText(e.source)}" target="${xmlText(e.target)}" weight="${e.weight}"><attvalues>` +
      att('kind', e.kind) +
      att('frame_type', e.frameType) +
      att(which, e.value) +
      att('topics', joinList(e.topics)) +
      att('documents', joinList(e.documents)) +
      att('frames', e.frames.length) +
      att('first', e.first) +
      att('last', e.last) +
      att('directed', e.directed) +
      running(net, e) +
      `</attvalues>${e.first ? `<spells><spell start="${e.first}"/></spells>` : ''}</edge>\n`;
    if (++n % 100 === 0) yield flush();
  }
  yield `${part}    </edges>\n  </graph>\n</gexf>\n`;
}
