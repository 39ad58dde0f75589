/**
 * Frame counts for one pair of annotators: per frame type, the frames each
 * has, how many match at each strength (overlap, entity, exact; see
 * frames.ts), and per attribute and role what the matched pairs hold.
 */
import type { Frame, Mention } from '../model';
import { commonFillers, roleFillers, rolesAgreeing, type FrameLayer } from './fillers';
import { evidenceOverlap, matchFrames } from './frames';
import { maximumMatching, type Candidate } from './matching';

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

const exactKeys = new WeakMap<readonly Mention[], WeakMap<Frame, string>>();

/** Exact identity of a frame for `f1_exact`: type, evidence span, and every role's fillers as written. */
export function exactFrameKey(frame: Frame, layer: FrameLayer): string {
  let byFrame = exactKeys.get(layer.mentions);
  if (!byFrame) exactKeys.set(layer.mentions, (byFrame = new WeakMap()));
  let key = byFrame.get(frame);
  if (key === undefined) byFrame.set(frame, (key = computeExactKey(frame, layer)));
  return key;
}

function computeExactKey(frame: Frame, layer: FrameLayer): string {
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
