/**
 * Frame agreement. Frames of the same type whose evidence spans overlap are
 * candidates for a match; among candidates the pair whose role fillers agree
 * on more roles is preferred, then the larger evidence overlap, then the more
 * alike extent, then reading order. Matched frames are compared attribute by
 * attribute (Polarity of a Stance, Status of an Agreement, any attribute a
 * schema adds) and role by role.
 *
 * Role fillers are compared by what they point at, across annotators' own
 * mention ids (fillers.ts). Frames are counted per pair of annotators in
 * frameTally.ts and measured in frameMeasures.ts.
 *
 * Frame F1 comes in three strengths, each a one-to-one matching:
 * - `f1_overlap`: same type and overlapping evidence (the matching used for
 *   attributes and roles);
 * - `f1_entity`: that, and every role's fillers agree as fillers.ts resolves them;
 * - `f1_exact`: same type, the same evidence span, and every filler identical
 *   (a mention of the same span and label, the same entity id, the same topic
 *   text).
 * Attributes do not enter F1; they are measured on matched frames.
 */
import type { Frame } from '../model';
import { rolesAgreeing, type FrameLayer } from './fillers';
import { greedyMatching, type Candidate } from './matching';

/** How far two frames' evidence spans overlap, and their union; null when they do not overlap (and are not the same empty span). */
export function evidenceOverlap(a: Frame, b: Frame): { overlap: number; union: number } | null {
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
