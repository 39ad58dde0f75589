import { describe, expect, it } from 'vitest';
import { krippendorffAlphaNominal } from '../../../src/core/agreement/alpha';
import { cohenKappa, fleissKappa } from '../../../src/core/agreement/kappa';
import {
  addTokenTally,
  comparedTokens,
  emptyTokenTally,
  tallyDocumentTokens,
  tokenCohenKappa,
  tokenFleissKappa,
  tokenKrippendorffAlpha,
  tokenLabels,
  tokensRatedByAll,
  type TokenTally,
} from '../../../src/core/agreement/tokens';
import { mention } from './build';
import { DIAGNOSES, KRIPPENDORFF_2011 } from './fixtures';

const EPS = 1e-9;

describe('token labels', () => {
  //            0         1         2         3
  //            0123456789012345678901234567890123
  const text = 'The Russian foreign ministry said';
  const tokens = [...text.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));

  it("labels covered tokens and leaves the rest 'O'", () => {
    expect(tokenLabels(tokens, [mention('m1', 'ORG', 4, 28)])).toEqual(['O', 'ORG', 'ORG', 'ORG', 'O']);
  });

  it('gives a nested token the outer mention: earliest start, then longest', () => {
    const labels = tokenLabels(tokens, [mention('inner', 'GPE', 4, 11), mention('outer', 'ORG', 4, 28)]);
    expect(labels).toEqual(['O', 'ORG', 'ORG', 'ORG', 'O']);
  });

  it('gives a token covered by overlapping mentions the earlier-starting one', () => {
    const labels = tokenLabels(tokens, [mention('x', 'ORG', 4, 19), mention('y', 'PERSON', 0, 11)]);
    expect(labels).toEqual(['PERSON', 'PERSON', 'ORG', 'O', 'O']);
  });

  it('breaks a tie of identical spans by id', () => {
    expect(tokenLabels(tokens, [mention('m2', 'ORG', 4, 11), mention('m1', 'GPE', 4, 11)])[1]).toBe('GPE');
  });

  it('labels a token a mention covers only in part', () => {
    // "ussi" inside "Russian": the boundary does not fall on the token's.
    expect(tokenLabels(tokens, [mention('m', 'GPE', 5, 9)])).toEqual(['O', 'GPE', 'O', 'O', 'O']);
  });

  it('ignores pending and empty mentions', () => {
    expect(tokenLabels(tokens, [mention('p', 'ORG', 4, 28, { pending: true }), mention('e', 'GPE', 6, 6)])).toEqual(['O', 'O', 'O', 'O', 'O']);
  });

  it('rejects tokens out of order', () => {
    expect(() => tokenLabels([tokens[1], tokens[0]], [])).toThrow(/text order/);
  });
});

/** Tallies documents given as rows of category codes per annotator (null: no layer). */
function tallyOf(docs: Array<Array<number[] | null>>, codes: number): TokenTally {
  const total = emptyTokenTally(codes, docs[0].length);
  for (const doc of docs) {
    const n = doc.find((row) => row !== null)?.length ?? 0;
    addTokenTally(total, tallyDocumentTokens(doc.map((row) => (row ? Uint16Array.from(row) : null)), n, codes));
  }
  return total;
}

describe('token measures from tallies', () => {
  it("reproduce Fleiss (1971)'s kappa with tokens as patients and annotators as psychiatrists", () => {
    // Diagnosis d becomes category code d − 1 (diagnosis 1 is 'O').
    const byAnnotator = [0, 1, 2, 3, 4, 5].map((r) => DIAGNOSES.map((row) => row[r] - 1));
    const t = tallyOf([byAnnotator], 5);
    expect(tokensRatedByAll(t)).toBe(30);
    expect(Math.abs(tokenFleissKappa(t)! - 5437 / 12637)).toBeLessThan(EPS);

    // Per category: the same table collapsed to "this diagnosis" vs the rest.
    for (let c = 0; c < 5; c++) {
      const collapsed = DIAGNOSES.map((row) => {
        const n = row.filter((d) => d - 1 === c).length;
        return [n, 6 - n];
      });
      expect(Math.abs(tokenFleissKappa(t, c)! - fleissKappa(collapsed)!)).toBeLessThan(EPS);
    }

    // Without missing values alpha and Cohen's kappa match the direct formulas too.
    expect(Math.abs(tokenKrippendorffAlpha(t)! - krippendorffAlphaNominal(byAnnotator)!)).toBeLessThan(EPS);
    const confusion = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
    byAnnotator[0].forEach((c, i) => confusion[c][byAnnotator[1][i]]++);
    expect(Math.abs(tokenCohenKappa(t, 0)! - cohenKappa(confusion)!)).toBeLessThan(EPS);
  });

  it("reproduce Krippendorff (2011)'s alpha with missing data, an absent layer per document", () => {
    // Missing values come from annotators without a layer for a document, so the
    // 12 units become documents with the observers who coded them:
    // unit 1 (A, B, D), units 2–9 (all), unit 10 (B, C, D), unit 11 (C, D), unit 12 (B).
    const column = (from: number, to: number, present: boolean[]) =>
      KRIPPENDORFF_2011.map((row, r) => (present[r] ? row.slice(from, to).map((v) => v! - 1) : null));
    const docs = [
      column(0, 1, [true, true, false, true]),
      column(1, 9, [true, true, true, true]),
      column(9, 10, [false, true, true, true]),
      column(10, 11, [false, false, true, true]),
      column(11, 12, [false, true, false, false]),
    ];
    const t = tallyOf(docs, 5);
    expect(Math.abs(tokenKrippendorffAlpha(t)! - 904 / 1216)).toBeLessThan(EPS);
    expect(comparedTokens(t)).toBe(11);
    expect(tokensRatedByAll(t)).toBe(8);

    // Per category, alpha of the binarised matrix ("value c" vs anything else).
    for (let c = 0; c < 5; c++) {
      const binary = KRIPPENDORFF_2011.map((row) => row.map((v) => (v === null ? null : v - 1 === c)));
      expect(Math.abs(tokenKrippendorffAlpha(t, c)! - krippendorffAlphaNominal(binary)!)).toBeLessThan(EPS);
    }

    // Fleiss' kappa uses the 8 units everyone coded: units 2–9.
    const complete = KRIPPENDORFF_2011[0].slice(1, 9).map((_, u) => [1, 2, 3, 4, 5].map((v) => KRIPPENDORFF_2011.filter((row) => row[u + 1] === v).length));
    expect(Math.abs(tokenFleissKappa(t)! - fleissKappa(complete)!)).toBeLessThan(EPS);
  });

  it("computes binary Cohen's kappa per label from the confusion matrix", () => {
    // a: O O X X Y Y, b: O X X X Y O. For X vs rest: a (0 0 1 1 0 0), b (0 1 1 1 0 0)
    // → table [[2, 0], [1, 3]] as (X, rest): κ = (6·5 − (2·3 + 4·3)) / (36 − 18) = 12/18.
    const t = tallyOf([[[0, 0, 1, 1, 2, 2], [0, 1, 1, 1, 2, 0]]], 3);
    expect(Math.abs(tokenCohenKappa(t, 0, 1)! - 12 / 18)).toBeLessThan(EPS);
    expect(Math.abs(tokenCohenKappa(t, 0, 1)! - cohenKappa([[2, 0], [1, 3]])!)).toBeLessThan(EPS);
  });

  it('is undefined with one annotator or when all tokens are O', () => {
    const one = tallyOf([[[0, 1, 1]]], 2);
    expect(tokenFleissKappa(one)).toBeNull();
    expect(tokenKrippendorffAlpha(one)).toBeNull();
    expect(comparedTokens(one)).toBe(0);
    const allO = tallyOf([[[0, 0, 0], [0, 0, 0]]], 2);
    expect(tokenCohenKappa(allO, 0)).toBeNull();
    expect(tokenFleissKappa(allO)).toBeNull();
    expect(tokenKrippendorffAlpha(allO)).toBeNull();
  });
});
