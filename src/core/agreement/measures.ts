/**
 * Every measure of the report from pooled tallies: span F1, token kappas and
 * alpha, per-label figures, frame measures, and the confusion matrix (see
 * report.ts for the conventions).
 */
import { frameMeasures, valueConfusion, type FramePairMeasures, type RoleAgreement } from './frameMeasures';
import { addFrameTally, emptyFrameTally, type FrameTally } from './frameTally';
import type {
  AgreementMeasures,
  FrameAgreement,
  FrameAttributeAgreement,
  FrameMeasuresSummary,
  FramePairAgreement,
  FrameTypeAgreement,
  LabelAgreement,
  MentionPairAgreement,
  TokenPairAgreement,
} from './reportTypes';
import type { PairTally, Scope } from './scope';
import { prf } from './spans';
import { meanDefined } from './stats';
import {
  OUTSIDE,
  comparedTokens,
  pairTokenCount,
  tokenCohenKappa,
  tokenFleissKappa,
  tokenKrippendorffAlpha,
  tokenObservedAgreement,
  tokensRatedByAll,
  type TokenTally,
} from './tokens';
import { unitsAlpha, type AttributeUnits } from './units';

/**
 * Every measure from pooled tallies. `pairs[p]` is null for a pair that did
 * not both annotate (a document missing a layer); such pairs are left out.
 */
export function measures(scope: Scope, pairs: ReadonlyArray<PairTally | null>, tokens: TokenTally, units: AttributeUnits): AgreementMeasures {
  const included = scope.pairs.flatMap(([a, b], p) => {
    const tally = pairs[p];
    return tally ? [{ p, a: scope.annotators[a], b: scope.annotators[b], tally }] : [];
  });

  const mentionPairs: MentionPairAgreement[] = included.map(({ a, b, tally }) => {
    const m = tally.mentions;
    const labels: MentionPairAgreement['labels'] = {};
    scope.labels.forEach((label, i) => {
      const c = i + 1;
      labels[label] = { exact: prf(m.exact[c], m.countA[c], m.countB[c]), overlap: prf(m.overlap[c], m.countA[c], m.countB[c]) };
    });
    return { a, b, documents: tally.documents, exact: prf(sum(m.exact), sum(m.countA), sum(m.countB)), overlap: prf(sum(m.overlap), sum(m.countA), sum(m.countB)), labels };
  });

  const k = scope.codes;
  const tokenPairs: TokenPairAgreement[] = included.map(({ p, a, b }) => ({
    a,
    b,
    count: pairTokenCount(tokens, p),
    observed_agreement: tokenObservedAgreement(tokens, p),
    cohen_kappa: tokenCohenKappa(tokens, p),
    confusion: toMatrix(tokens.confusion[p], k),
  }));
  const summed = new Float64Array(k * k);
  for (const { p } of included) tokens.confusion[p].forEach((v, i) => (summed[i] += v));

  const labels: Record<string, LabelAgreement> = {};
  scope.labels.forEach((label, i) => {
    const c = i + 1;
    labels[label] = {
      f1_exact: meanDefined(mentionPairs.map((m) => m.labels[label].exact.f1)),
      f1_overlap: meanDefined(mentionPairs.map((m) => m.labels[label].overlap.f1)),
      cohen_kappa: meanDefined(included.map(({ p }) => tokenCohenKappa(tokens, p, c))),
      fleiss_kappa: tokenFleissKappa(tokens, c),
      krippendorff_alpha: tokenKrippendorffAlpha(tokens, c),
    };
  });

  const types: Record<string, FrameTypeAgreement> = {};
  for (const type of scope.shapes.keys()) {
    const framePairs: FramePairAgreement[] = included.map(({ a, b, tally }) => ({ a, b, documents: tally.documents, ...frameMeasures(tally.frames.get(type)!) }));
    const typeUnits = units.get(type) ?? new Map<string, Array<Array<string | undefined>>>();
    const tallies = included.map(({ tally }) => tally.frames.get(type)!);
    types[type] = { ...frameSummary(scope, framePairs, tallies, typeUnits), pairs: framePairs };
  }
  // Every type pooled: one tally per pair over all types, and every type's units.
  const pooledTallies = included.map(({ tally }) => {
    const all = emptyFrameTally({ attributes: [], roles: [] });
    for (const t of tally.frames.values()) addFrameTally(all, t);
    return all;
  });
  const pooledUnits = new Map<string, Array<Array<string | undefined>>>();
  for (const byName of units.values()) {
    for (const [name, list] of byName) {
      const t = pooledUnits.get(name);
      if (t) for (const u of list) t.push(u);
      else pooledUnits.set(name, list.slice());
    }
  }
  const frames: FrameAgreement = {
    ...frameSummary(
      scope,
      pooledTallies.map((t) => frameMeasures(t)),
      pooledTallies,
      pooledUnits,
    ),
    types,
  };

  return {
    mentions: {
      f1_exact: meanDefined(mentionPairs.map((m) => m.exact.f1)),
      f1_overlap: meanDefined(mentionPairs.map((m) => m.overlap.f1)),
      pairs: mentionPairs,
    },
    tokens: {
      count: comparedTokens(tokens),
      rated_by_all: tokensRatedByAll(tokens),
      cohen_kappa: meanDefined(tokenPairs.map((t) => t.cohen_kappa)),
      fleiss_kappa: tokenFleissKappa(tokens),
      krippendorff_alpha: tokenKrippendorffAlpha(tokens),
      pairs: tokenPairs,
    },
    labels,
    frames,
    confusion: { labels: [OUTSIDE, ...scope.labels], matrix: toMatrix(summed, k) },
  };
}

/** Frame measures over pairs (means) and over all annotators (alpha), from each pair's tally and the attribute units. */
function frameSummary(
  scope: Scope,
  pairs: readonly FramePairMeasures[],
  tallies: readonly FrameTally[],
  units: ReadonlyMap<string, ReadonlyArray<ReadonlyArray<string | undefined>>>,
): FrameMeasuresSummary {
  const attributeNames = [...new Set(tallies.flatMap((t) => [...t.attributes.keys()]))].sort();
  const roleNames = [...new Set(tallies.flatMap((t) => [...t.roles.keys()]))].sort();
  const attributes: Record<string, FrameAttributeAgreement> = {};
  for (const name of attributeNames) {
    attributes[name] = {
      agreement: meanDefined(pairs.map((f) => f.attributes[name]?.agreement ?? null)),
      cohen_kappa: meanDefined(pairs.map((f) => f.attributes[name]?.cohen_kappa ?? null)),
      alpha: unitsAlpha(units.get(name) ?? [], scope.annotators.length),
      confusion: valueConfusion(
        tallies.flatMap((t) => t.attributes.get(name) ?? []),
        scope.attributeValues[name],
      ),
    };
  }
  const roles: Record<string, RoleAgreement> = {};
  for (const name of roleNames) {
    roles[name] = {
      agreement: meanDefined(pairs.map((f) => f.roles[name]?.agreement ?? null)),
      f1: meanDefined(pairs.map((f) => f.roles[name]?.f1 ?? null)),
    };
  }
  return {
    matched: pairs.reduce((n, f) => n + f.matched, 0),
    unmatched: pairs.reduce((n, f) => n + f.unmatched_a + f.unmatched_b, 0),
    f1_overlap: meanDefined(pairs.map((f) => f.f1_overlap)),
    f1_entity: meanDefined(pairs.map((f) => f.f1_entity)),
    f1_exact: meanDefined(pairs.map((f) => f.f1_exact)),
    attributes,
    roles,
  };
}

function sum(xs: Float64Array): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

function toMatrix(flat: Float64Array, k: number): number[][] {
  return Array.from({ length: k }, (_, i) => Array.from(flat.subarray(i * k, (i + 1) * k)));
}
