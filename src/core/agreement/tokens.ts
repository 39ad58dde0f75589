/**
 * Token-level agreement. Each token gets, per annotator, the label of the
 * mention covering it or 'O'; the labels are small integer codes in a typed
 * array (0 = 'O', i + 1 = labels[i]) so a million tokens cost a few megabytes
 * and no objects.
 *
 * A mention covers a token when they share at least one character, so a
 * mention boundary inside a word still labels that word. Where several
 * mentions cover a token the earliest-starting wins, then the longest, then
 * the smallest id: the outermost mention of a nest, as in IOB exports.
 *
 * All token measures are computed from a `TokenTally`: the confusion matrix of
 * every pair of annotators, plus per-category sums grouped by how many
 * annotators labelled the token. Tallies add up over documents, so a corpus is
 * the sum of its documents and every measure is exact for the pooled tokens.
 */
import { ParleyError } from '../errors';
import type { Mention } from '../model';
import type { Token } from '../tokenize';
import { alphaNominalFromSums } from './alpha';
import { binaryCohenKappaFlat, cohenKappaFlat, fleissKappaFromSums, observedAgreementFlat } from './kappa';
import { codeMentions, type CodedSpan } from './spans';
import { pairsOf } from './stats';

/** The category of a token no mention covers. */
export const OUTSIDE = 'O';

/** Codes up to 65,535 labels; the sweep writes into this. */
export type LabelCodes = Uint16Array;
export const MAX_LABELS = 0xffff;

/**
 * Fails unless tokens are in text order and do not overlap, which the sweep
 * in `labelTokens` relies on. `where` names the document in the message.
 */
export function checkTokens(tokens: readonly Token[], where: string): void {
  let end = 0;
  for (let t = 0; t < tokens.length; t++) {
    const { start, end: tokenEnd } = tokens[t];
    if (start < end || tokenEnd < start) {
      throw new ParleyError(
        'invalid_argument',
        `${where}: token ${t} (${start}–${tokenEnd}) overlaps the previous token or ends before it starts; tokens must be in text order and must not overlap.`,
      );
    }
    end = tokenEnd;
  }
}

/**
 * Writes each token's label code into `out` in one sweep over tokens and
 * mentions. `spans` must be in `codeMentions` order (start, longest, id) and
 * `tokens` in text order without overlaps.
 *
 * Mentions are opened as tokens reach their start; `head` is the first opened
 * mention, in precedence order, that has not ended before the current token.
 * A mention that ended before one token has ended before every later token,
 * so `head` only moves forward and the sweep is linear.
 */
export function labelTokens(tokens: readonly Token[], spans: readonly CodedSpan[], out: LabelCodes): void {
  let opened = 0;
  let head = 0;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    while (opened < spans.length && spans[opened].start < token.end) opened++;
    while (head < opened && spans[head].end <= token.start) head++;
    out[t] = head < opened ? spans[head].code : 0;
  }
}

/**
 * The label of every token for one annotator's mentions, as strings ('O'
 * where no mention covers the token). Pending and empty mentions are ignored.
 */
export function tokenLabels(tokens: readonly Token[], mentions: readonly Mention[]): string[] {
  const labels = [...new Set(mentions.map((m) => m.label))].sort();
  const codes = new Map(labels.map((l, i) => [l, i + 1] as const));
  checkTokens(tokens, 'tokenLabels');
  const out = new Uint16Array(tokens.length);
  labelTokens(tokens, codeMentions(mentions, codes), out);
  return Array.from(out, (c) => (c === 0 ? OUTSIDE : labels[c - 1]));
}

/** Sufficient statistics of every token measure; see the file comment. */
export interface TokenTally {
  /** Categories, 'O' included. */
  codes: number;
  /** Annotators of the whole comparison (M). */
  annotators: number;
  /** For each pair of `pairsOf(annotators)`, a codes×codes confusion matrix, row-major. */
  confusion: Float64Array[];
  /** units[m]: tokens labelled by exactly m annotators. */
  units: Float64Array;
  /** valueTotals[m·codes + c]: Σ over those tokens of n_c, the annotators giving category c (m ≥ 2 only). */
  valueTotals: Float64Array;
  /** valueSquares[m·codes + c]: Σ over those tokens of n_c² (m ≥ 2 only). */
  valueSquares: Float64Array;
}

export function emptyTokenTally(codes: number, annotators: number): TokenTally {
  const pairs = (annotators * (annotators - 1)) / 2;
  return {
    codes,
    annotators,
    confusion: Array.from({ length: pairs }, () => new Float64Array(codes * codes)),
    units: new Float64Array(annotators + 1),
    valueTotals: new Float64Array((annotators + 1) * codes),
    valueSquares: new Float64Array((annotators + 1) * codes),
  };
}

/**
 * Tallies one document: `labels[a]` holds annotator a's code per token, or
 * null when a did not annotate the document (their values are missing).
 *
 * Only the pairwise confusion matrices are counted token by token. The
 * per-category sums follow from them: n_c² = n_c + 2·(pairs agreeing on c),
 * and each annotator's category counts are a margin of any of their pairs.
 */
export function tallyDocumentTokens(labels: readonly (LabelCodes | null)[], tokens: number, codes: number): TokenTally {
  const tally = emptyTokenTally(codes, labels.length);
  const pairs = pairsOf(labels.length);
  const present: number[] = [];
  labels.forEach((l, a) => l && present.push(a));
  const m = present.length;
  tally.units[m] += tokens;
  if (m < 2) return tally;

  pairs.forEach(([a, b], p) => {
    const la = labels[a];
    const lb = labels[b];
    if (!la || !lb) return;
    const conf = tally.confusion[p];
    for (let t = 0; t < tokens; t++) conf[la[t] * codes + lb[t]]++;
  });

  const totals = tally.valueTotals.subarray(m * codes, (m + 1) * codes);
  const squares = tally.valueSquares.subarray(m * codes, (m + 1) * codes);
  for (const a of present) {
    const partner = present.find((b) => b !== a)!;
    const p = pairs.findIndex(([x, y]) => (x === a && y === partner) || (x === partner && y === a));
    const conf = tally.confusion[p];
    const asRow = a < partner;
    for (let c = 0; c < codes; c++) {
      for (let d = 0; d < codes; d++) totals[c] += asRow ? conf[c * codes + d] : conf[d * codes + c];
    }
  }
  for (let c = 0; c < codes; c++) {
    let agreeing = 0;
    pairs.forEach(([a, b], p) => {
      if (labels[a] && labels[b]) agreeing += tally.confusion[p][c * codes + c];
    });
    squares[c] = totals[c] + 2 * agreeing;
  }
  return tally;
}

export function addTokenTally(into: TokenTally, from: TokenTally): void {
  into.confusion.forEach((conf, p) => addInto(conf, from.confusion[p]));
  addInto(into.units, from.units);
  addInto(into.valueTotals, from.valueTotals);
  addInto(into.valueSquares, from.valueSquares);
}

function addInto(into: Float64Array, from: Float64Array): void {
  for (let i = 0; i < into.length; i++) into[i] += from[i];
}

/** Tokens labelled by at least two annotators: the ones any measure compares. */
export function comparedTokens(t: TokenTally): number {
  let n = 0;
  for (let m = 2; m <= t.annotators; m++) n += t.units[m];
  return n;
}

/** Tokens labelled by every annotator: the items of Fleiss' kappa. */
export function tokensRatedByAll(t: TokenTally): number {
  return t.annotators >= 2 ? t.units[t.annotators] : 0;
}

export function pairTokenCount(t: TokenTally, pair: number): number {
  let n = 0;
  for (const v of t.confusion[pair]) n += v;
  return n;
}

/** Cohen's kappa of one pair over all categories, or for `code` against the rest. */
export function tokenCohenKappa(t: TokenTally, pair: number, code?: number): number | null {
  const conf = t.confusion[pair];
  return code === undefined ? cohenKappaFlat(conf, t.codes) : binaryCohenKappaFlat(conf, t.codes, code);
}

export function tokenObservedAgreement(t: TokenTally, pair: number): number | null {
  return observedAgreementFlat(t.confusion[pair], t.codes);
}

/**
 * Fleiss' kappa over the tokens labelled by all annotators, over all
 * categories or for `code` against the rest (Fleiss' category kappa κ_j).
 */
export function tokenFleissKappa(t: TokenTally, code?: number): number | null {
  const m = t.annotators;
  if (m < 2) return null;
  const items = t.units[m];
  const k = t.codes;
  const totals = t.valueTotals.subarray(m * k, (m + 1) * k);
  const squares = t.valueSquares.subarray(m * k, (m + 1) * k);
  if (code === undefined) {
    let sumSquares = 0;
    for (let c = 0; c < k; c++) sumSquares += squares[c];
    return fleissKappaFromSums({ items, raters: m, sumSquares, categoryTotals: totals });
  }
  // Collapse to {code, rest}: Σ_i (n_i² + (m − n_i)²) = 2·Σn_i² − 2m·Σn_i + N·m².
  const s1 = totals[code];
  const s2 = squares[code];
  return fleissKappaFromSums({ items, raters: m, sumSquares: 2 * s2 - 2 * m * s1 + items * m * m, categoryTotals: [s1, items * m - s1] });
}

/**
 * Krippendorff's nominal alpha over every token labelled by two or more
 * annotators (an annotator without a layer for a document is missing there),
 * over all categories or for `code` against the rest.
 */
export function tokenKrippendorffAlpha(t: TokenTally, code?: number): number | null {
  const k = t.codes;
  let pairable = 0;
  let agreement = 0;
  const valueTotals = new Float64Array(code === undefined ? k : 2);
  for (let m = 2; m <= t.annotators; m++) {
    const units = t.units[m];
    if (units === 0) continue;
    pairable += m * units;
    const base = m * k;
    if (code === undefined) {
      for (let c = 0; c < k; c++) {
        const s1 = t.valueTotals[base + c];
        valueTotals[c] += s1;
        agreement += (t.valueSquares[base + c] - s1) / (m - 1);
      }
    } else {
      const s1 = t.valueTotals[base + code];
      const s2 = t.valueSquares[base + code];
      valueTotals[0] += s1;
      valueTotals[1] += m * units - s1;
      // o_cc = Σ n(n−1)/(m−1); o_rest = Σ (m−n)(m−n−1)/(m−1) = (U·m(m−1) − 2m·Σn + Σn² + Σn)/(m−1).
      agreement += (s2 - s1) / (m - 1) + (units * m * (m - 1) - 2 * m * s1 + s2 + s1) / (m - 1);
    }
  }
  return alphaNominalFromSums({ pairable, agreement, valueTotals });
}
