/**
 * Builds the network of a corpus from its documents' frames: stance edges
 * (holder → target, one per polarity), agreement edges (each pair of parties,
 * one per status) and the congruence and conflict derived from the stances.
 * A frame type whose first role takes one filler reads as a stance (first
 * role → second role); one whose first role takes several reads as an
 * agreement among them, its other roles naming the topic. Its first
 * attribute is the polarity or status. Incomplete frames are counted, not drawn.
 */
import { frameProblems } from '../frames';
import type { Entity, FrameTypeDef, LabelSchema, Mention, RoleFiller } from '../model';
import { dayOf, withinDates } from './dates';
import { derive, mergedFrames, sideOf, type Statement } from './derived';
import { nodeOf, type NodeSeed } from './nodes';
import type { EdgeKind, Network, NetworkDocument, NetworkEdge, NetworkFilter, NetworkFrame, NetworkNode, NetworkSourceDoc } from './types';

export interface NetworkInput {
  schema: LabelSchema;
  entities: readonly Entity[];
  docs: readonly NetworkSourceDoc[];
}

/** The comparison `localeCompare` makes, set up once rather than on every call. */
const byLocale = new Intl.Collator().compare;

/** Documents by date (undated last), then title: the order the corpus is replayed in. */
export function articleOrder(docs: readonly NetworkSourceDoc[]): NetworkDocument[] {
  return docs
    .map((d) => ({ id: d.id, title: d.title, date: dayOf(d.date), order: 0 }))
    .sort((a, b) => byLocale(a.date ?? '\uffff', b.date ?? '\uffff') || byLocale(a.title, b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((d, order) => ({ ...d, order }));
}

function shapeOf(type: FrameTypeDef): 'stance' | 'agreement' | null {
  const first = type.roles[0];
  if (!first) return null;
  if (first.max === 1) return type.roles.length >= 2 ? 'stance' : null;
  return 'agreement';
}

interface EdgeAcc {
  kind: EdgeKind;
  source: string;
  target: string;
  directed: boolean;
  frameType: string;
  value: string;
  weight: number;
  topics: string[];
  frames: number[];
}

export function buildNetwork(input: NetworkInput, filter: NetworkFilter = {}): Network {
  const { schema } = input;
  const kinds = new Set<EdgeKind>(filter.kinds?.length ? filter.kinds : ['stance', 'agreement', 'congruence', 'conflict']);
  const statuses = filter.statuses?.length ? new Set(filter.statuses) : null;
  const types = filter.frameTypes?.length ? new Set(filter.frameTypes) : null;
  const values = filter.values?.length ? new Set(filter.values) : null;
  const entities = new Map(input.entities.map((e) => [e.id, e]));
  const typeDefs = new Map(schema.frameTypes.map((t) => [t.name, t]));

  const chosen = input.docs.filter((d) => (!statuses || statuses.has(d.status)) && withinDates(dayOf(d.date), filter.from, filter.to));
  const documents = articleOrder(chosen);
  const position = new Map(documents.map((d) => [d.id, d]));

  const seeds = new Map<string, NodeSeed>();
  const frames: NetworkFrame[] = [];
  const edges = new Map<string, EdgeAcc>();
  const statements = new Map<string, Statement>();
  let counted = 0;
  const derived = kinds.has('congruence') || kinds.has('conflict');
  let incomplete = 0;

  // Entity and topic fillers name their node by themselves alone: each is worked out once.
  const byEntity = new Map<string, NodeSeed>();
  const byTopic = new Map<string, NodeSeed>();
  const seed = (f: RoleFiller, byId: ReadonlyMap<string, Mention>): NodeSeed | null => {
    const known = f.kind === 'entity' ? byEntity.get(f.entityId) : f.kind === 'topic' ? byTopic.get(f.text) : undefined;
    if (known) return known;
    const n = nodeOf(f, byId, entities);
    if (n && !seeds.has(n.id)) seeds.set(n.id, n);
    if (!n) return null;
    const kept = seeds.get(n.id)!;
    if (f.kind === 'entity') byEntity.set(f.entityId, kept);
    else if (f.kind === 'topic') byTopic.set(f.text, kept);
    return kept;
  };
  const edge = (kind: EdgeKind, source: string, target: string, directed: boolean, frameType: string, value: string): EdgeAcc => {
    const key = `${kind}\u0000${frameType}\u0000${source}\u0000${target}\u0000${value}`;
    let e = edges.get(key);
    if (!e) edges.set(key, (e = { kind, source, target, directed, frameType, value, weight: 0, topics: [], frames: [] }));
    return e;
  };

  const ordered = [...chosen].sort((a, b) => position.get(a.id)!.order - position.get(b.id)!.order);
  for (const doc of ordered) {
    const pos = position.get(doc.id)!;
    let byId: Map<string, Mention> | null = null;
    for (const frame of doc.frames) {
      const type = typeDefs.get(frame.type);
      if (!type || (types && !types.has(frame.type))) continue;
      const shape = shapeOf(type);
      if (!shape || (shape === 'stance' && !kinds.has('stance') && !kinds.has('congruence') && !kinds.has('conflict')) || (shape === 'agreement' && !kinds.has('agreement'))) continue;
      const attr = type.attributes[0]?.name;
      const value = attr ? (frame.attrs[attr] ?? '') : '';
      if (values && !values.has(value)) continue;
      byId ??= new Map(doc.mentions.map((m) => [m.id, m]));
      if (frameProblems(frame, schema, byId).length) {
        incomplete++;
        continue;
      }
      const [first, ...rest] = type.roles.map((r) => (frame.roles[r.name] ?? []).map((f) => seed(f, byId!)).filter((n): n is NodeSeed => n !== null));
      const others = rest.flat();
      counted++;
      const index = frames.length;
      const describe = (ns: NodeSeed[]) => ns.map((n) => n.label).join(' & ') || '?';
      frames.push({
        docId: doc.id,
        docTitle: doc.title,
        date: pos.date,
        order: pos.order,
        frameId: frame.id,
        type: frame.type,
        value,
        evidence: { start: frame.evidence.start, end: frame.evidence.end, quote: frame.evidence.quote },
        summary: shape === 'stance' ? `${describe(first)} → ${describe(rest[0] ?? [])}${value ? `: ${value}` : ''}` : `${describe(first)} on ${describe(others)}${value ? `: ${value.replace(/_/g, ' ')}` : ''}`,
      });
      if (shape === 'stance') {
        const holder = first[0];
        const target = rest[0]?.[0];
        if (!holder || !target) continue;
        if (kinds.has('stance')) edge('stance', holder.id, target.id, true, frame.type, value).frames.push(index);
        const side = derived ? sideOf(value) : null;
        if (side) {
          const key = `${holder.id}\u0000${target.id}\u0000${side}`;
          const s = statements.get(key);
          if (s) s.frames.push(index);
          else statements.set(key, { actor: holder.id, target: target.id, side, frames: [index] });
        }
      } else {
        const parties = [...new Map(first.map((n) => [n.id, n])).values()].sort((a, b) => (a.id < b.id ? -1 : 1));
        for (let i = 0; i < parties.length; i++) {
          for (let j = i + 1; j < parties.length; j++) {
            const e = edge('agreement', parties[i].id, parties[j].id, false, frame.type, value);
            e.frames.push(index);
            for (const t of others) if (!e.topics.includes(t.label)) e.topics.push(t.label);
          }
        }
      }
    }
  }
  for (const e of edges.values()) e.weight = e.frames.length;

  // Derived edges are one per kind, pair and value already: kept apart from the keyed map, after the frames' own edges.
  const all: EdgeAcc[] = [...edges.values()];
  for (const d of derived ? derive(statements.values(), { congruence: kinds.has('congruence'), conflict: kinds.has('conflict') }) : []) {
    all.push({ kind: d.kind, source: d.a, target: d.b, directed: false, frameType: '', value: d.value, weight: d.weight, topics: d.targets.map((t) => seeds.get(t)?.label ?? t), frames: mergedFrames(d.parts) });
  }

  // Each frame's article as a number, and its date, so an edge's documents and dates come from comparing numbers.
  const frameOrder = new Int32Array(frames.length);
  for (let i = 0; i < frames.length; i++) frameOrder[i] = frames[i].order;
  const minWeight = filter.minWeight ?? 1;
  const outEdges: NetworkEdge[] = [];
  const degree = new Map<string, { w: number; first: string | null; last: string | null }>();
  const touch = (id: string, w: number, first: string | null, last: string | null) => {
    const d = degree.get(id);
    if (!d) degree.set(id, { w, first, last });
    else {
      d.w += w;
      if (first && (!d.first || first < d.first)) d.first = first;
      if (last && (!d.last || last > d.last)) d.last = last;
    }
  };
  for (const e of all) {
    if (!kinds.has(e.kind) || e.weight < minWeight || e.frames.length === 0) continue;
    const docs: string[] = [];
    // Frames come in article order, so a document's frames are next to each other, and
    // articles come by date with the undated last: the first date is the first frame's, the last the last dated one's.
    let previous = -1;
    for (const i of e.frames) {
      const o = frameOrder[i];
      if (o !== previous) {
        docs.push(frames[i].docId);
        previous = o;
      }
    }
    const first = frames[e.frames[0]].date;
    let last: string | null = null;
    for (let k = e.frames.length - 1; k >= 0 && last === null; k--) last = frames[e.frames[k]].date;
    outEdges.push({
      id: `${e.kind}:${e.frameType}:${e.source}->${e.target}:${e.value}`,
      kind: e.kind,
      source: e.source,
      target: e.target,
      directed: e.directed,
      frameType: e.frameType,
      value: e.value,
      weight: e.weight,
      topics: e.topics,
      documents: docs,
      first,
      last,
      frames: e.frames,
    });
    touch(e.source, e.weight, first, last);
    touch(e.target, e.weight, first, last);
  }
  const nodes: NetworkNode[] = [];
  for (const [id, d] of degree) nodes.push({ ...seeds.get(id)!, weightedDegree: d.w, first: d.first, last: d.last });
  nodes.sort((a, b) => b.weightedDegree - a.weightedDegree || byLocale(a.label, b.label));
  return { nodes, edges: outEdges, frames, documents, counted, incomplete };
}
