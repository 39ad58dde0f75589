/** Frame measures for one pair of annotators from their tally: frame F1 at each strength, and agreement per attribute and role. */
import { cohenKappaOfPairs } from './kappa';
import type { FrameTally, RoleTally } from './frameTally';
import { prf, type PRF } from './spans';
import { ratio } from './stats';

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
