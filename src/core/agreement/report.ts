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
import { tokenize, type Token } from '../tokenize';
import { frameShapes, tallyFrames } from './frameTally';
import { measures } from './measures';
import type { AgreementDocument, AgreementOptions, AgreementReport, AnnotatorLayer } from './reportTypes';
import { addPairTally, emptyPairTally, type PairTally, type Scope } from './scope';
import { codeMentions, tallyMentions, type CodedSpan } from './spans';
import { pairsOf } from './stats';
import { MAX_LABELS, addTokenTally, checkTokens, emptyTokenTally, labelTokens, tallyDocumentTokens, type LabelCodes } from './tokens';
import { addUnits, attributeUnits, type AttributeUnits } from './units';

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
