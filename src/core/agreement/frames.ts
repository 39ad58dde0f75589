/**
 * Frame agreement. Frames of the same type whose evidence spans overlap are
 * candidates for a match; among candidates the pair whose role fillers agree
 * on more roles is preferred, then the larger evidence overlap, then the more
 * alike extent, then reading order. Matched frames are compared attribute by
 * attribute (Polarity of a Stance, Status of an Agreement, any attribute a
 * schema adds) and role by role.
 *
 * Each annotator has their own mention ids, so role fillers are compared by
 * what they point at ("resolved"): two fillers are the same thing when both
 * resolve to a registry entity and it is the same one (a mention linked to an
 * entity, or the entity itself); otherwise when both are mentions over the
 * same span; otherwise when both are topics with the same text after
 * normalising case and spacing. A role's fillers agree when the two frames
 * have as many fillers and they pair up one to one (any order).
 *
 * Frame F1 comes in three strengths, each a one-to-one matching:
 * - `f1_overlap`: same type and overlapping evidence (the matching used for
 *   attributes and roles);
 * - `f1_entity`: that, and every role's fillers agree as resolved above;
 * - `f1_exact`: same type, the same evidence span, and every filler identical
 *   (a mention of the same span and label, the same entity id, the same topic
 *   text).
 * Attributes do not enter F1; they are measured on matched frames.
 */
import type { Frame, Mention, RoleFiller } from '../model';
import { cohenKappaOfPairs } from './kappa';
import { greedyMatching, maximumMatching, type Candidate } from './matching';
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

/** Topic text compared without case, spacing, Unicode form or surrounding punctuation. */
export function normalizeTopic(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');
}

/** One annotator's frames with the mentions their fillers refer to. */
export interface FrameLayer {
  frames: readonly Frame[];
  mentions: readonly Mention[];
}

/** What a filler points at, comparable across annotators. */
export interface ResolvedFiller {
  /** The registry entity: the filler's own, or the one its mention is linked to. */
  entity?: string;
  /** `start-end` of the mention. */
  span?: string;
  /** Normalised topic text. */
  topic?: string;
  /** Identity for exact comparison: mention span and label, entity id, or topic text as written. */
  exact: string;
}

export function resolveFiller(filler: RoleFiller, mention: (id: string) => Mention | undefined): ResolvedFiller {
  switch (filler.kind) {
    case 'mention': {
      const m = mention(filler.mentionId);
      // A dangling reference resolves to nothing and agrees with nothing another annotator wrote.
      if (!m) return { exact: `missing-mention:${filler.mentionId}` };
      return { entity: m.entityId, span: `${m.start}-${m.end}`, exact: `mention:${m.start}-${m.end}:${m.label}` };
    }
    case 'entity':
      return { entity: filler.entityId, exact: `entity:${filler.entityId}` };
    case 'topic':
      return { topic: normalizeTopic(filler.text), exact: `topic:${filler.text}` };
  }
}

/** Whether two resolved fillers are the same thing (see the module comment for the order of the rules). */
export function sameThing(a: ResolvedFiller, b: ResolvedFiller): boolean {
  if (a.entity !== undefined && b.entity !== undefined) return a.entity === b.entity;
  if (a.span !== undefined && b.span !== undefined) return a.span === b.span;
  if (a.topic !== undefined && b.topic !== undefined) return a.topic === b.topic;
  return false;
}

/** How many of `a` pair one to one with a filler of `b` that is the same thing. */
export function commonFillers(a: readonly ResolvedFiller[], b: readonly ResolvedFiller[]): number {
  const used = new Array<boolean>(b.length).fill(false);
  let common = 0;
  for (const x of a) {
    const j = b.findIndex((y, k) => !used[k] && sameThing(x, y));
    if (j >= 0) {
      used[j] = true;
      common++;
    }
  }
  return common;
}

/** Mentions by id, built once per mention list: each layer is compared with every other annotator's. */
const mentionIndexes = new WeakMap<readonly Mention[], ReadonlyMap<string, Mention>>();
export function mentionIndex(mentions: readonly Mention[]): ReadonlyMap<string, Mention> {
  let index = mentionIndexes.get(mentions);
  if (!index) mentionIndexes.set(mentions, (index = new Map(mentions.map((m) => [m.id, m] as const))));
  return index;
}

/** The resolved fillers of one role of a frame in its layer. */
export function roleFillers(frame: Frame, role: string, layer: FrameLayer): ResolvedFiller[] {
  const fillers = frame.roles[role] ?? [];
  if (fillers.length === 0) return [];
  const index = mentionIndex(layer.mentions);
  return fillers.map((f) => resolveFiller(f, (id) => index.get(id)));
}

/** Role names filled (or named) by either frame, sorted. */
function roleNames(a: Frame, b: Frame): string[] {
  return [...new Set([...Object.keys(a.roles), ...Object.keys(b.roles)])].sort();
}

/** How many roles two frames agree on, and whether they agree on all. */
export function rolesAgreeing(a: Frame, la: FrameLayer, b: Frame, lb: FrameLayer): { agreeing: number; all: boolean } {
  let agreeing = 0;
  let all = true;
  for (const role of roleNames(a, b)) {
    const x = roleFillers(a, role, la);
    const y = roleFillers(b, role, lb);
    if (x.length === y.length && commonFillers(x, y) === x.length) agreeing++;
    else all = false;
  }
  return { agreeing, all };
}

function evidenceOverlap(a: Frame, b: Frame): { overlap: number; union: number } | null {
  const ea = a.evidence;
  const eb = b.evidence;
  const overlap = Math.min(ea.end, eb.end) - Math.max(ea.start, eb.start);
  const same = ea.start === eb.start && ea.end === eb.end;
  if (overlap <= 0 && !same) return null;
  return { overlap: Math.max(overlap, 0), union: Math.max(ea.end, eb.end) - Math.min(ea.start, eb.start) };
}

/**
 * Candidates are ranked by overlap first in `greedyMatching`; agreeing roles
 * are weighted above any character overlap so they decide first.
 */
const ROLE_WEIGHT = 2 ** 32;

/**
 * One-to-one matches between frames of the same type whose evidence spans
 * overlap (or are the same empty span), as index pairs into `a.frames` and
 * `b.frames`, the pairs whose fillers agree on more roles first.
 */
export function matchFrames(a: FrameLayer, b: FrameLayer): Array<[number, number]> {
  const candidates: Candidate[] = [];
  a.frames.forEach((fa, i) => {
    b.frames.forEach((fb, j) => {
      if (fa.type !== fb.type) return;
      const o = evidenceOverlap(fa, fb);
      if (!o) return;
      const { agreeing } = rolesAgreeing(fa, a, fb, b);
      candidates.push({ a: i, b: j, overlap: agreeing * ROLE_WEIGHT + o.overlap, union: o.union });
    });
  });
  return greedyMatching(a.frames.length, b.frames.length, candidates);
}

/**
 * Groups the frames of several annotators: each group holds at most one frame
 * per annotator (its index in that layer, or null), matched to the frames
 * already grouped as `matchFrames` matches two layers, the first member of a
 * group standing for it. Groups come in the order of their first frame.
 */
export function groupFrames(layers: readonly FrameLayer[]): Array<Array<number | null>> {
  const n = layers.length;
  const groups: Array<Array<number | null>> = [];
  // The frame that stands for each group, and the layer it comes from.
  const heads: Array<{ layer: number; index: number }> = [];
  layers.forEach((layer, l) => {
    // Heads come from different layers, so each is resolved in its own layer.
    const candidates: Candidate[] = [];
    heads.forEach((h, g) => {
      const fh = layers[h.layer].frames[h.index];
      layer.frames.forEach((f, j) => {
        if (f.type !== fh.type) return;
        const o = evidenceOverlap(fh, f);
        if (!o) return;
        const { agreeing } = rolesAgreeing(fh, layers[h.layer], f, layer);
        candidates.push({ a: g, b: j, overlap: agreeing * ROLE_WEIGHT + o.overlap, union: o.union });
      });
    });
    const taken = new Set<number>();
    for (const [g, j] of greedyMatching(heads.length, layer.frames.length, candidates)) {
      groups[g][l] = j;
      taken.add(j);
    }
    layer.frames.forEach((_, j) => {
      if (taken.has(j)) return;
      const group = new Array<number | null>(n).fill(null);
      group[l] = j;
      groups.push(group);
      heads.push({ layer: l, index: j });
    });
  });
  return groups;
}

/** Exact identity of a frame for `f1_exact`: type, evidence span, and every role's fillers as written. */
export function exactFrameKey(frame: Frame, layer: FrameLayer): string {
  const roles = Object.keys(frame.roles)
    .filter((r) => frame.roles[r].length > 0)
    .sort()
    .map((r) => `${r}=${roleFillers(frame, r, layer).map((f) => f.exact).sort().join('\u0002')}`);
  return `${frame.type}\u0001${frame.evidence.start}-${frame.evidence.end}\u0001${roles.join('\u0001')}`;
}

/** Per role, filler counts over matched frames: the base of per-role F1. */
export interface RoleTally {
  /** Fillers that pair with the same thing in the other frame. */
  common: number;
  countA: number;
  countB: number;
  /** Matched pairs whose fillers agree entirely. */
  equal: number;
}

/** Frame counts for one pair of layers and one frame type; additive over documents. */
export interface FrameTally {
  countA: number;
  countB: number;
  /** Matched by type and overlapping evidence. */
  matched: number;
  /** Matched when fillers must agree too. */
  matchedEntity: number;
  /** Matched when evidence and fillers must be identical. */
  matchedExact: number;
  /** Per attribute, the (a, b) values of each matched pair; an unset attribute is null. */
  attributes: Map<string, Array<[string | null, string | null]>>;
  roles: Map<string, RoleTally>;
}

export function emptyFrameTally(shape: FrameTypeShape): FrameTally {
  return {
    countA: 0,
    countB: 0,
    matched: 0,
    matchedEntity: 0,
    matchedExact: 0,
    attributes: new Map(shape.attributes.map((n) => [n, []])),
    roles: new Map(shape.roles.map((n) => [n, { common: 0, countA: 0, countB: 0, equal: 0 }])),
  };
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
  if (a.frames.length === 0 || b.frames.length === 0) return tallies;

  for (const [i, j] of matchFrames(a, b)) {
    const fa = a.frames[i];
    const fb = b.frames[j];
    const t = tallies.get(fa.type);
    if (!t) continue;
    t.matched++;
    for (const [name, values] of t.attributes) values.push([fa.attrs[name] ?? null, fb.attrs[name] ?? null]);
    for (const [name, r] of t.roles) {
      const x = roleFillers(fa, name, a);
      const y = roleFillers(fb, name, b);
      const common = commonFillers(x, y);
      r.common += common;
      r.countA += x.length;
      r.countB += y.length;
      if (common === x.length && x.length === y.length) r.equal++;
    }
  }

  // Entity-level: candidates whose fillers all agree; the count of a maximum matching among them.
  const entityCandidates: Candidate[] = [];
  a.frames.forEach((fa, i) => {
    b.frames.forEach((fb, j) => {
      if (fa.type !== fb.type) return;
      const o = evidenceOverlap(fa, fb);
      if (o && rolesAgreeing(fa, a, fb, b).all) entityCandidates.push({ a: i, b: j, ...o });
    });
  });
  for (const [i] of maximumMatching(a.frames.length, b.frames.length, entityCandidates)) {
    const t = tallies.get(a.frames[i].type);
    if (t) t.matchedEntity++;
  }

  // Exact: identical keys pair up as often as they occur on both sides.
  const keysB = new Map<string, number>();
  for (const f of b.frames) {
    const k = exactFrameKey(f, b);
    keysB.set(k, (keysB.get(k) ?? 0) + 1);
  }
  for (const f of a.frames) {
    const k = exactFrameKey(f, a);
    const left = keysB.get(k) ?? 0;
    const t = tallies.get(f.type);
    if (left > 0 && t) {
      keysB.set(k, left - 1);
      t.matchedExact++;
    }
  }
  return tallies;
}

export function addFrameTally(into: FrameTally, from: FrameTally): void {
  into.countA += from.countA;
  into.countB += from.countB;
  into.matched += from.matched;
  into.matchedEntity += from.matchedEntity;
  into.matchedExact += from.matchedExact;
  for (const [name, values] of from.attributes) {
    const target = into.attributes.get(name);
    if (target) for (const v of values) target.push(v);
    else into.attributes.set(name, values.slice());
  }
  for (const [name, r] of from.roles) {
    const t = into.roles.get(name);
    if (!t) into.roles.set(name, { ...r });
    else {
      t.common += r.common;
      t.countA += r.countA;
      t.countB += r.countB;
      t.equal += r.equal;
    }
  }
}

/** A confusion table of one attribute's values: rows the first annotator's value, columns the second's. */
export interface ValueConfusion {
  /** The values in table order; an unset attribute is `UNSET`. */
  values: string[];
  matrix: number[][];
}

export const UNSET = '(unset)';

export function valueConfusion(pairs: ReadonlyArray<readonly [string | null, string | null]>, order: readonly string[] = []): ValueConfusion {
  const seen = new Set<string>();
  for (const [x, y] of pairs) {
    seen.add(x ?? UNSET);
    seen.add(y ?? UNSET);
  }
  const values = [...order.filter((v) => seen.has(v)), ...[...seen].filter((v) => !order.includes(v) && v !== UNSET).sort(), ...(seen.has(UNSET) ? [UNSET] : [])];
  const index = new Map(values.map((v, i) => [v, i] as const));
  const matrix = values.map(() => values.map(() => 0));
  for (const [x, y] of pairs) matrix[index.get(x ?? UNSET)!][index.get(y ?? UNSET)!]++;
  return { values, matrix };
}

export interface AttributeAgreement {
  /** Share of matched frames with the same value; null without matched frames. */
  agreement: number | null;
  /** Cohen's kappa over matched frames; null without them or when every value is the same (expected agreement 1). */
  cohen_kappa: number | null;
}

export interface RoleAgreement {
  /** Share of matched frames whose fillers agree entirely; null without matched frames. */
  agreement: number | null;
  /** Filler F1 over matched frames: fillers that are the same thing on both sides, against each side's fillers. */
  f1: number | null;
}

export interface FramePairMeasures extends PRF {
  /** F1 of frames matched by type and overlapping evidence (same as `f1`). */
  f1_overlap: number | null;
  f1_entity: number | null;
  f1_exact: number | null;
  unmatched_a: number;
  unmatched_b: number;
  attributes: Record<string, AttributeAgreement>;
  roles: Record<string, RoleAgreement>;
}

export function roleAgreement(r: RoleTally, matched: number): RoleAgreement {
  return { agreement: ratio(r.equal, matched), f1: prf(r.common, r.countA, r.countB).f1 };
}

export function frameMeasures(t: FrameTally): FramePairMeasures {
  const attributes: Record<string, AttributeAgreement> = {};
  for (const [name, values] of t.attributes) {
    const same = values.filter(([x, y]) => x === y).length;
    attributes[name] = { agreement: ratio(same, values.length), cohen_kappa: cohenKappaOfPairs(values) };
  }
  const roles: Record<string, RoleAgreement> = {};
  for (const [name, r] of t.roles) roles[name] = roleAgreement(r, t.matched);
  const overlap = prf(t.matched, t.countA, t.countB);
  return {
    ...overlap,
    f1_overlap: overlap.f1,
    f1_entity: prf(t.matchedEntity, t.countA, t.countB).f1,
    f1_exact: prf(t.matchedExact, t.countA, t.countB).f1,
    unmatched_a: t.countA - t.matched,
    unmatched_b: t.countB - t.matched,
    attributes,
    roles,
  };
}
