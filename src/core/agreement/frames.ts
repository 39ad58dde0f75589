/**
 * Frame agreement. Two annotators' frames of the same type are matched one to
 * one by how much their evidence spans overlap, largest overlap first (then
 * the more alike pair, then reading order). Matched frames are then compared
 * attribute by attribute (Polarity of a Stance, Status of an Agreement, any
 * attribute a schema adds) and role by role.
 *
 * Role fillers are compared by what they point at, since each annotator has
 * their own mention ids: a mention by span and label, an entity by entity id,
 * a topic by its normalised text. A role's fillers agree when the two frames
 * have the same fillers in any order (a role neither frame fills agrees).
 * A missing attribute is the value null, which agrees only with null.
 */
import type { Frame, Mention, RoleFiller } from '../model';
import { cohenKappaOfPairs } from './kappa';
import { greedyMatching, type Candidate } from './matching';
import { prf, type PRF } from './spans';
import { ratio } from './stats';

/** The attribute and role names compared for one frame type. */
export interface FrameTypeShape {
  attributes: string[];
  roles: string[];
}

/**
 * The frame types found in any layer, each with every attribute and role name
 * used by any frame of that type, sorted. Comparing the union means a frame
 * that leaves a role or attribute out disagrees with one that fills it.
 */
export function frameShapes(layers: Iterable<readonly Frame[]>): Map<string, FrameTypeShape> {
  const found = new Map<string, { attributes: Set<string>; roles: Set<string> }>();
  for (const frames of layers) {
    for (const f of frames) {
      let shape = found.get(f.type);
      if (!shape) found.set(f.type, (shape = { attributes: new Set(), roles: new Set() }));
      for (const name of Object.keys(f.attrs)) shape.attributes.add(name);
      for (const name of Object.keys(f.roles)) shape.roles.add(name);
    }
  }
  const shapes = new Map<string, FrameTypeShape>();
  for (const type of [...found.keys()].sort()) {
    const s = found.get(type)!;
    shapes.set(type, { attributes: [...s.attributes].sort(), roles: [...s.roles].sort() });
  }
  return shapes;
}

/**
 * One-to-one matches between frames of the same type whose evidence spans
 * overlap (or are the same empty span), as index pairs into `a` and `b`.
 */
export function matchFrames(a: readonly Frame[], b: readonly Frame[]): Array<[number, number]> {
  const candidates: Candidate[] = [];
  a.forEach((fa, i) => {
    b.forEach((fb, j) => {
      if (fa.type !== fb.type) return;
      const ea = fa.evidence;
      const eb = fb.evidence;
      const overlap = Math.min(ea.end, eb.end) - Math.max(ea.start, eb.start);
      const same = ea.start === eb.start && ea.end === eb.end;
      if (overlap > 0 || same) candidates.push({ a: i, b: j, overlap: Math.max(overlap, 0), union: Math.max(ea.end, eb.end) - Math.min(ea.start, eb.start) });
    });
  });
  return greedyMatching(a.length, b.length, candidates);
}

/** Topic text compared without case, spacing, Unicode form or surrounding punctuation. */
export function normalizeTopic(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');
}

/** What a filler points at, comparable across annotators; `mention` looks up the annotator's own mentions. */
export function fillerKey(filler: RoleFiller, mention: (id: string) => Mention | undefined): string {
  switch (filler.kind) {
    case 'mention': {
      const m = mention(filler.mentionId);
      // A dangling reference agrees with nothing another annotator wrote.
      return m ? `mention:${m.start}-${m.end}:${m.label}` : `missing-mention:${filler.mentionId}`;
    }
    case 'entity':
      return `entity:${filler.entityId}`;
    case 'topic':
      return `topic:${normalizeTopic(filler.text)}`;
  }
}

/** Frame counts for one pair of layers and one frame type; additive over documents. */
export interface FrameTally {
  countA: number;
  countB: number;
  matched: number;
  /** Per attribute, the (a, b) values of each matched pair. */
  attributes: Map<string, Array<[string | null, string | null]>>;
  /** Per role, matched pairs whose fillers agree. */
  rolesEqual: Map<string, number>;
}

export function emptyFrameTally(shape: FrameTypeShape): FrameTally {
  return {
    countA: 0,
    countB: 0,
    matched: 0,
    attributes: new Map(shape.attributes.map((n) => [n, []])),
    rolesEqual: new Map(shape.roles.map((n) => [n, 0])),
  };
}

/** One annotator's frames with the mentions their fillers refer to. */
export interface FrameLayer {
  frames: readonly Frame[];
  mentions: readonly Mention[];
}

/** Compares two annotators' frames on one document, per frame type of `shapes`. */
export function tallyFrames(a: FrameLayer, b: FrameLayer, shapes: ReadonlyMap<string, FrameTypeShape>): Map<string, FrameTally> {
  const tallies = new Map<string, FrameTally>();
  for (const [type, shape] of shapes) tallies.set(type, emptyFrameTally(shape));
  for (const f of a.frames) {
    const t = tallies.get(f.type);
    if (t) t.countA++;
  }
  for (const f of b.frames) {
    const t = tallies.get(f.type);
    if (t) t.countB++;
  }
  const matches = matchFrames(a.frames, b.frames);
  // Looked up lazily: frames whose fillers are all entities and topics need no index.
  const mentionA = (id: string) => mentionIndex(a.mentions).get(id);
  const mentionB = (id: string) => mentionIndex(b.mentions).get(id);
  for (const [i, j] of matches) {
    const fa = a.frames[i];
    const fb = b.frames[j];
    const t = tallies.get(fa.type);
    if (!t) continue;
    t.matched++;
    for (const [name, values] of t.attributes) values.push([fa.attrs[name] ?? null, fb.attrs[name] ?? null]);
    for (const [name, equal] of t.rolesEqual) {
      if (fillersKey(fa, name, mentionA) === fillersKey(fb, name, mentionB)) t.rolesEqual.set(name, equal + 1);
    }
  }
  return tallies;
}

/** Mentions by id, built once per layer: each layer is compared with every other annotator's. */
const mentionIndexes = new WeakMap<readonly Mention[], ReadonlyMap<string, Mention>>();
function mentionIndex(mentions: readonly Mention[]): ReadonlyMap<string, Mention> {
  let index = mentionIndexes.get(mentions);
  if (!index) mentionIndexes.set(mentions, (index = new Map(mentions.map((m) => [m.id, m] as const))));
  return index;
}

/** The fillers of a role as an order-free key (sorted, so Party lists compare as sets with repeats). */
function fillersKey(frame: Frame, role: string, mention: (id: string) => Mention | undefined): string {
  return (frame.roles[role] ?? [])
    .map((f) => fillerKey(f, mention))
    .sort()
    .join('\u0001');
}

export function addFrameTally(into: FrameTally, from: FrameTally): void {
  into.countA += from.countA;
  into.countB += from.countB;
  into.matched += from.matched;
  for (const [name, values] of from.attributes) into.attributes.get(name)?.push(...values);
  for (const [name, equal] of from.rolesEqual) into.rolesEqual.set(name, (into.rolesEqual.get(name) ?? 0) + equal);
}

export interface AttributeAgreement {
  /** Share of matched frames with the same value; null without matched frames. */
  agreement: number | null;
  /** Cohen's kappa over matched frames; null without them or when every value is the same (expected agreement 1). */
  cohen_kappa: number | null;
}

export interface RoleAgreement {
  /** Share of matched frames whose fillers agree; null without matched frames. */
  agreement: number | null;
}

export interface FramePairMeasures extends PRF {
  unmatched_a: number;
  unmatched_b: number;
  attributes: Record<string, AttributeAgreement>;
  roles: Record<string, RoleAgreement>;
}

export function frameMeasures(t: FrameTally): FramePairMeasures {
  const attributes: Record<string, AttributeAgreement> = {};
  for (const [name, values] of t.attributes) {
    const same = values.filter(([x, y]) => x === y).length;
    attributes[name] = { agreement: ratio(same, values.length), cohen_kappa: cohenKappaOfPairs(values) };
  }
  const roles: Record<string, RoleAgreement> = {};
  for (const [name, equal] of t.rolesEqual) roles[name] = { agreement: ratio(equal, t.matched) };
  return { ...prf(t.matched, t.countA, t.countB), unmatched_a: t.countA - t.matched, unmatched_b: t.countB - t.matched, attributes, roles };
}
