/**
 * The agreement report: every measure for every pair of annotators, pooled
 * over the corpus and per document, as plain JSON (numbers, strings, arrays,
 * null). A measure that is undefined (a zero denominator, e.g. kappa when all
 * tokens are 'O' for both annotators, or F1 when neither has a mention) is
 * null, never NaN.
 *
 * Conventions:
 * - Pairs are (a, b) with a before b in `annotators`; precision and recall
 *   read b against a, confusion rows are a and columns b.
 * - A document without a layer for an annotator was not annotated by them:
 *   pairs involving them skip it, and its tokens are missing values for
 *   Krippendorff's alpha; Fleiss' kappa uses only tokens every annotator
 *   labelled.
 * - Corpus figures pool counts over documents (micro-averaged), then average
 *   over pairs, skipping pairs where the figure is undefined. Counts are
 *   summed over pairs.
 * - Per-label token measures treat each token as "this label" or "not this
 *   label", derived from the single label each token gets (see tokens.ts), so
 *   they agree with the confusion matrix and with Fleiss' category kappa. A
 *   mention nested inside a longer one does not label tokens; span F1 per
 *   label still counts it.
 */
import { ParleyError } from '../errors';
import type { Frame, Mention } from '../model';
import { tokenize, type Token } from '../tokenize';
import { krippendorffAlphaNominal } from './alpha';
import {
  addFrameTally,
  emptyFrameTally,
  frameMeasures,
  frameShapes,
  groupFrames,
  tallyFrames,
  UNSET,
  valueConfusion,
  type AttributeAgreement,
  type FramePairMeasures,
  type FrameTally,
  type FrameTypeShape,
  type RoleAgreement,
  type ValueConfusion,
} from './frames';
import { addMentionTally, codeMentions, emptyMentionTally, prf, tallyMentions, type CodedSpan, type MentionTally, type PRF } from './spans';
import { meanDefined, pairsOf } from './stats';
import {
  MAX_LABELS,
  OUTSIDE,
  addTokenTally,
  checkTokens,
  comparedTokens,
  emptyTokenTally,
  labelTokens,
  pairTokenCount,
  tallyDocumentTokens,
  tokenCohenKappa,
  tokenFleissKappa,
  tokenKrippendorffAlpha,
  tokenObservedAgreement,
  tokensRatedByAll,
  type LabelCodes,
  type TokenTally,
} from './tokens';

/** One annotator's labels on one document. */
export interface AnnotatorLayer {
  annotator: string;
  mentions: Mention[];
  frames: Frame[];
}

/** A document to compare; an annotator without a layer here did not annotate it. */
export interface AgreementDocument {
  docId: string;
  text: string;
  /** The tokens of `text`; when absent the text is tokenized with `tokenize`. */
  tokens?: Token[];
  layers: AnnotatorLayer[];
}

export interface AgreementOptions {
  /**
   * The labels to measure, in report order. Mentions with other labels are
   * ignored everywhere. Default: every label used by a non-pending mention, sorted.
   */
  labels?: string[];
  /** Per frame attribute, its values in the order confusion tables list them (the schema's order). */
  attributeValues?: Record<string, string[]>;
}

export interface LabelAgreement {
  f1_exact: number | null;
  f1_overlap: number | null;
  /** Binary (this label vs not) token kappa, mean over pairs. */
  cohen_kappa: number | null;
  fleiss_kappa: number | null;
  krippendorff_alpha: number | null;
}

export interface MentionPairAgreement {
  a: string;
  b: string;
  /** Documents both annotated. */
  documents: number;
  exact: PRF;
  overlap: PRF;
  labels: Record<string, { exact: PRF; overlap: PRF }>;
}

export interface MentionAgreement {
  /** Micro F1 with exact matching, mean over pairs. */
  f1_exact: number | null;
  /** Micro F1 with one-to-one overlap matching, mean over pairs. */
  f1_overlap: number | null;
  pairs: MentionPairAgreement[];
}

export interface TokenPairAgreement {
  a: string;
  b: string;
  /** Tokens both labelled. */
  count: number;
  observed_agreement: number | null;
  cohen_kappa: number | null;
  /** Rows: a's label, columns: b's, in `confusion.labels` order. */
  confusion: number[][];
}

export interface TokenAgreement {
  /** Tokens labelled by at least two annotators (the ones compared). */
  count: number;
  /** Tokens labelled by every annotator (the items of Fleiss' kappa). */
  rated_by_all: number;
  /** Cohen's kappa: the pair's with two annotators, the mean over pairs with more. */
  cohen_kappa: number | null;
  fleiss_kappa: number | null;
  krippendorff_alpha: number | null;
  pairs: TokenPairAgreement[];
}

export interface FramePairAgreement extends FramePairMeasures {
  a: string;
  b: string;
  documents: number;
}

export interface FrameAttributeAgreement extends AttributeAgreement {
  /** Krippendorff's alpha over groups of matched frames, any number of annotators; an unset attribute is a value of its own. */
  alpha: number | null;
  /** Values of matched pairs, summed over pairs: rows the earlier annotator of each pair, columns the later. */
  confusion: ValueConfusion;
}

export interface FrameMeasuresSummary {
  /** Matched frames (type and overlapping evidence), summed over pairs. */
  matched: number;
  /** Frames without a match, both sides, summed over pairs. */
  unmatched: number;
  /** Frame F1, each a mean over pairs: matched by overlapping evidence, with fillers agreeing through the registry, and identical. */
  f1_overlap: number | null;
  f1_entity: number | null;
  f1_exact: number | null;
  /** Per attribute, means over pairs, alpha over all annotators. */
  attributes: Record<string, FrameAttributeAgreement>;
  /** Per role, mean over pairs. */
  roles: Record<string, RoleAgreement>;
}

export interface FrameTypeAgreement extends FrameMeasuresSummary {
  pairs: FramePairAgreement[];
}

/** Every frame type pooled, then per type. Attributes and roles of the same name in two types are pooled. */
export interface FrameAgreement extends FrameMeasuresSummary {
  types: Record<string, FrameTypeAgreement>;
}

export interface Confusion {
  /** 'O' then the labels. */
  labels: string[];
  /** Token counts summed over pairs: rows the earlier annotator of each pair, columns the later. */
  matrix: number[][];
}

export interface AgreementMeasures {
  mentions: MentionAgreement;
  tokens: TokenAgreement;
  labels: Record<string, LabelAgreement>;
  frames: FrameAgreement;
  confusion: Confusion;
}

export interface DocumentAgreement extends AgreementMeasures {
  docId: string;
  /** The annotators with a layer for this document. */
  annotators: string[];
}

export interface AgreementReport extends AgreementMeasures {
  annotators: string[];
  documents: DocumentAgreement[];
}

/** What is pooled for one pair of annotators over some documents. */
interface PairTally {
  documents: number;
  mentions: MentionTally;
  frames: Map<string, FrameTally>;
}

/** Per frame type and attribute, each group of matched frames as one unit: the values by annotator (undefined: no frame). */
type AttributeUnits = Map<string, Map<string, Array<Array<string | undefined>>>>;

/** The labels and frame shapes every document of one report is measured against. */
interface Scope {
  annotators: string[];
  labels: string[];
  codes: number;
  shapes: Map<string, FrameTypeShape>;
  pairs: Array<[number, number]>;
  attributeValues: Record<string, string[]>;
}

export function agreementReport(docs: readonly AgreementDocument[], annotators: readonly string[], options: AgreementOptions = {}): AgreementReport {
  const names = [...annotators];
  const index = new Map(names.map((n, i) => [n, i] as const));
  if (index.size !== names.length) throw new ParleyError('invalid_argument', `Annotators must be distinct; got ${names.join(', ')}.`);

  const layersByDoc = docs.map((doc) => layersOf(doc, index));
  const labels = options.labels ? [...new Set(options.labels)] : usedLabels(layersByDoc);
  if (labels.length > MAX_LABELS) throw new ParleyError('invalid_argument', `At most ${MAX_LABELS} labels can be compared; got ${labels.length}.`);
  const scope: Scope = {
    annotators: names,
    labels,
    codes: labels.length + 1,
    shapes: frameShapes(layersByDoc.flatMap((layers) => layers.filter((l) => l !== null).map((l) => l.frames))),
    pairs: pairsOf(names.length),
    attributeValues: options.attributeValues ?? {},
  };
  const codeOf = new Map(labels.map((l, i) => [l, i + 1] as const));

  const corpusTokens = emptyTokenTally(scope.codes, names.length);
  const corpusPairs = scope.pairs.map(() => emptyPairTally(scope));
  const corpusUnits: AttributeUnits = new Map();
  const documents = docs.map((doc, d) => {
    const layers = layersByDoc[d];
    const present = names.filter((_, a) => layers[a] !== null);
    const spans = layers.map((l) => (l ? codeMentions(l.mentions, codeOf) : null));
    // With fewer than two layers no token is compared, so the text is not even tokenized.
    let tokenTally = emptyTokenTally(scope.codes, names.length);
    if (present.length >= 2) {
      const tokens = doc.tokens ?? tokenize(doc.text);
      checkTokens(tokens, `Document ${doc.docId}`);
      tokenTally = tallyDocumentTokens(spans.map((s) => (s ? tokenCodes(tokens, s) : null)), tokens.length, scope.codes);
      addTokenTally(corpusTokens, tokenTally);
    }

    const pairs = scope.pairs.map(([a, b], p) => {
      const la = layers[a];
      const lb = layers[b];
      if (!la || !lb) return null;
      const tally: PairTally = { documents: 1, mentions: tallyMentions(spans[a]!, spans[b]!, scope.codes), frames: tallyFrames(la, lb, scope.shapes) };
      addPairTally(corpusPairs[p], tally);
      return tally;
    });
    const units = attributeUnits(scope, layers);
    addUnits(corpusUnits, units);
    return { docId: doc.docId, annotators: present, ...measures(scope, pairs, tokenTally, units) };
  });

  return { annotators: names, ...measures(scope, corpusPairs, corpusTokens, corpusUnits), documents };
}

/** The document's layers indexed like `annotators`; null where an annotator has none. */
function layersOf(doc: AgreementDocument, index: ReadonlyMap<string, number>): Array<AnnotatorLayer | null> {
  const layers: Array<AnnotatorLayer | null> = Array.from({ length: index.size }, () => null);
  for (const layer of doc.layers) {
    const a = index.get(layer.annotator);
    if (a === undefined) continue;
    if (layers[a]) throw new ParleyError('invalid_argument', `Document ${doc.docId} has two layers by ${layer.annotator}; pass one layer per annotator and document.`);
    layers[a] = layer;
  }
  return layers;
}

/** The frames of one document grouped across every annotator with a layer, as units of each attribute. */
function attributeUnits(scope: Scope, layers: ReadonlyArray<AnnotatorLayer | null>): AttributeUnits {
  const units: AttributeUnits = new Map();
  const present = layers.flatMap((l, a) => (l && l.frames.length ? [{ l, a }] : []));
  if (present.length < 2) return units;
  for (const group of groupFrames(present.map((p) => p.l))) {
    const first = group.findIndex((i) => i !== null);
    const type = present[first].l.frames[group[first]!].type;
    const shape = scope.shapes.get(type);
    if (!shape) continue;
    let byName = units.get(type);
    if (!byName) units.set(type, (byName = new Map()));
    for (const name of shape.attributes) {
      const unit = new Array<string | undefined>(scope.annotators.length).fill(undefined);
      group.forEach((i, k) => {
        if (i !== null) unit[present[k].a] = present[k].l.frames[i].attrs[name] ?? UNSET;
      });
      let list = byName.get(name);
      if (!list) byName.set(name, (list = []));
      list.push(unit);
    }
  }
  return units;
}

function addUnits(into: AttributeUnits, from: AttributeUnits): void {
  for (const [type, byName] of from) {
    let target = into.get(type);
    if (!target) into.set(type, (target = new Map()));
    for (const [name, list] of byName) {
      const t = target.get(name);
      if (t) for (const u of list) t.push(u);
      else target.set(name, list.slice());
    }
  }
}

/** Nominal alpha with each unit a column of the reliability matrix. */
function unitsAlpha(units: ReadonlyArray<ReadonlyArray<string | undefined>>, coders: number): number | null {
  return krippendorffAlphaNominal(Array.from({ length: coders }, (_, c) => units.map((u) => u[c])));
}

function usedLabels(layersByDoc: ReadonlyArray<ReadonlyArray<AnnotatorLayer | null>>): string[] {
  const labels = new Set<string>();
  for (const layers of layersByDoc) for (const l of layers) for (const m of l?.mentions ?? []) if (m.pending !== true) labels.add(m.label);
  return [...labels].sort();
}

function tokenCodes(tokens: readonly Token[], spans: readonly CodedSpan[]): LabelCodes {
  const out = new Uint16Array(tokens.length);
  labelTokens(tokens, spans, out);
  return out;
}

function emptyPairTally(scope: Scope): PairTally {
  return {
    documents: 0,
    mentions: emptyMentionTally(scope.codes),
    frames: new Map([...scope.shapes].map(([type, shape]) => [type, emptyFrameTally(shape)])),
  };
}

function addPairTally(into: PairTally, from: PairTally): void {
  into.documents += from.documents;
  addMentionTally(into.mentions, from.mentions);
  for (const [type, t] of from.frames) addFrameTally(into.frames.get(type)!, t);
}

/**
 * Every measure from pooled tallies. `pairs[p]` is null for a pair that did
 * not both annotate (a document missing a layer); such pairs are left out.
 */
function measures(scope: Scope, pairs: ReadonlyArray<PairTally | null>, tokens: TokenTally, units: AttributeUnits): AgreementMeasures {
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
