import { describe, expect, it } from 'vitest';
import { agreementReport, type AgreementDocument } from '../../../src/core/agreement';
import { krippendorffAlphaNominal } from '../../../src/core/agreement/alpha';
import { cohenKappa, fleissKappa } from '../../../src/core/agreement/kappa';
import { tokenLabels } from '../../../src/core/agreement/tokens';
import { ParleyError } from '../../../src/core/errors';
import type { Mention } from '../../../src/core/model';
import { tokenize } from '../../../src/core/tokenize';
import { frame, mention } from './build';

const EPS = 1e-9;

/** Whitespace tokens, so these tests do not depend on the tokenizer's rules. */
function wordTokens(text: string) {
  return [...text.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

//            0         1         2         3
//            0123456789012345678901234567890123456789
const TEXT = 'Lavrov met Blinken in Geneva on Monday .';

const ana: Mention[] = [mention('a1', 'PERSON', 0, 6), mention('a2', 'PERSON', 11, 18), mention('a3', 'GPE', 22, 28), mention('a4', 'DATE', 32, 38)];
const ben: Mention[] = [mention('b1', 'PERSON', 0, 6), mention('b2', 'ORG', 11, 18), mention('b3', 'LOC', 22, 28), mention('b4', 'DATE', 29, 38)];

function twoAnnotators(): AgreementDocument {
  return {
    docId: 'talks',
    text: TEXT,
    tokens: wordTokens(TEXT),
    layers: [
      {
        annotator: 'ana',
        mentions: ana,
        frames: [frame('s', 'Stance', [0, 28], { Holder: [{ kind: 'mention', mentionId: 'a1' }], Target: [{ kind: 'mention', mentionId: 'a2' }] }, { Polarity: 'favor' })],
      },
      {
        annotator: 'ben',
        mentions: ben,
        frames: [frame('t', 'Stance', [0, 18], { Holder: [{ kind: 'mention', mentionId: 'b1' }], Target: [{ kind: 'mention', mentionId: 'b2' }] }, { Polarity: 'favor' })],
      },
    ],
  };
}

describe('agreementReport with two annotators', () => {
  const report = agreementReport([twoAnnotators()], ['ana', 'ben']);

  it('reports mention F1, exact and by overlap', () => {
    // Exact: only PERSON 0–6 → 1 of 4 + 4 → 0.25. Overlap adds DATE 32–38 ~ 29–38 → 0.5.
    expect(report.annotators).toEqual(['ana', 'ben']);
    expect(report.mentions.f1_exact).toBe(0.25);
    expect(report.mentions.f1_overlap).toBe(0.5);
    expect(report.mentions.pairs).toHaveLength(1);
    expect(report.mentions.pairs[0]).toMatchObject({ a: 'ana', b: 'ben', documents: 1, exact: { matched: 1, count_a: 4, count_b: 4 } });
  });

  it("reports token kappa, Fleiss' kappa and alpha, checked by hand", () => {
    // ana: PERSON O PERSON O GPE O    DATE O
    // ben: PERSON O ORG    O LOC DATE DATE O
    // 8 tokens, 5 agree. Margins ana (O 4, DATE 1, GPE 1, PERSON 2), ben (O 3, DATE 2, LOC 1, ORG 1, PERSON 1):
    // Σ r·c = 12 + 2 + 2 = 16; κ = (8·5 − 16) / (64 − 16) = 1/2.
    expect(report.tokens.count).toBe(8);
    expect(report.tokens.cohen_kappa).toBe(0.5);
    expect(report.tokens.pairs[0]).toMatchObject({ a: 'ana', b: 'ben', count: 8, observed_agreement: 5 / 8, cohen_kappa: 0.5 });
    // Pooled values n_c: O 7, DATE 3, GPE 1, LOC 1, ORG 1, PERSON 3 (n = 16); Σ o_cc = 5·2 = 10.
    // α = (15·10 − (42 + 6 + 6)) / (16·15 − 54) = 96/186.
    expect(Math.abs(report.tokens.krippendorff_alpha! - 96 / 186)).toBeLessThan(EPS);
    // Fleiss with two raters: Σ n² = 5·4 + 3·2 = 26, N·m = 16, Σ totals² = 70:
    // κ = (16·(26 − 16) − 70) / (256 − 70) = 90/186.
    expect(Math.abs(report.tokens.fleiss_kappa! - 90 / 186)).toBeLessThan(EPS);
  });

  it('reports a confusion matrix with O first and labels sorted', () => {
    expect(report.confusion.labels).toEqual(['O', 'DATE', 'GPE', 'LOC', 'ORG', 'PERSON']);
    expect(report.confusion.matrix).toEqual([
      [3, 1, 0, 0, 0, 0],
      [0, 1, 0, 0, 0, 0],
      [0, 0, 0, 1, 0, 0],
      [0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 1, 1],
    ]);
    expect(report.tokens.pairs[0].confusion).toEqual(report.confusion.matrix);
  });

  it('reports every measure per label', () => {
    // PERSON: ana 2, ben 1, 1 matched → F1 2/3. Tokens PERSON vs rest: 7 of 8 agree,
    // chance 2·1 + 6·7 = 44 → κ = (56 − 44) / (64 − 44) = 0.6.
    const person = report.labels.PERSON;
    expect(person.f1_exact).toBeCloseTo(2 / 3, 12);
    expect(person.f1_overlap).toBeCloseTo(2 / 3, 12);
    expect(Math.abs(person.cohen_kappa! - 0.6)).toBeLessThan(EPS);
    expect(report.labels.DATE).toMatchObject({ f1_exact: 0, f1_overlap: 1 });
    expect(Object.keys(report.labels)).toEqual(['DATE', 'GPE', 'LOC', 'ORG', 'PERSON']);
    // Per-label Fleiss and alpha: the collapsed two-category table.
    const collapsed = [[2, 0], [0, 2], [1, 1], [0, 2], [0, 2], [0, 2], [0, 2], [0, 2]];
    expect(Math.abs(person.fleiss_kappa! - fleissKappa(collapsed)!)).toBeLessThan(EPS);
  });

  it('reports frame agreement: matched by evidence, fillers by span, exact by span, label and evidence', () => {
    const stance = report.frames.types.Stance;
    // Evidence 0–28 vs 0–18 overlaps; Holder 0–6 and Target 11–18 are the same spans on both sides,
    // so the fillers agree (f1_entity 1); the evidence and Target's label differ, so f1_exact is 0.
    expect(stance).toMatchObject({ matched: 1, unmatched: 0, f1_overlap: 1, f1_entity: 1, f1_exact: 0 });
    // Both say favor: agreement 1, kappa and alpha undefined (one value only).
    expect(stance.attributes.Polarity).toEqual({ agreement: 1, cohen_kappa: null, alpha: null, confusion: { values: ['favor'], matrix: [[1]] } });
    expect(stance.roles).toEqual({ Holder: { agreement: 1, f1: 1 }, Target: { agreement: 1, f1: 1 } });
    // With one frame type the pooled figures are the type's.
    const { types: _types, ...overall } = report.frames;
    const { pairs: _pairs, ...typeFigures } = stance;
    expect(overall).toEqual(typeFigures);
  });

  it('repeats the measures per document', () => {
    expect(report.documents).toHaveLength(1);
    const doc = report.documents[0];
    expect(doc.docId).toBe('talks');
    expect(doc.annotators).toEqual(['ana', 'ben']);
    const { documents: _documents, annotators: _annotators, ...corpus } = report;
    const { docId: _docId, annotators: _docAnnotators, ...perDocument } = doc;
    expect(perDocument).toEqual(corpus);
  });

  it('is plain JSON: no NaN, no typed arrays', () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(JSON.stringify(report)).not.toMatch(/NaN|Infinity/);
  });
});

describe('agreementReport over a corpus', () => {
  const other = 'Moscow rejected the proposal .';
  const otherTokens = wordTokens(other);
  const docs: AgreementDocument[] = [
    {
      docId: 'd1',
      text: TEXT,
      tokens: wordTokens(TEXT),
      layers: [
        { annotator: 'ana', mentions: ana, frames: [] },
        { annotator: 'ben', mentions: ben, frames: [] },
        { annotator: 'cat', mentions: [mention('c1', 'PERSON', 0, 6), mention('c2', 'PERSON', 11, 18), mention('c3', 'GPE', 22, 28)], frames: [] },
      ],
    },
    {
      docId: 'd2',
      text: other,
      tokens: otherTokens,
      layers: [
        { annotator: 'ana', mentions: [mention('a5', 'GPE', 0, 6), mention('a6', 'TOPIC', 20, 28)], frames: [] },
        { annotator: 'ben', mentions: [mention('b5', 'GPE', 0, 6)], frames: [] },
        // cat did not annotate d2.
      ],
    },
  ];
  const report = agreementReport(docs, ['ana', 'ben', 'cat']);

  it('lists every pair and averages over pairs', () => {
    expect(report.tokens.pairs.map((p) => `${p.a}-${p.b}`)).toEqual(['ana-ben', 'ana-cat', 'ben-cat']);
    const kappas = report.tokens.pairs.map((p) => p.cohen_kappa!);
    expect(report.tokens.cohen_kappa).toBeCloseTo((kappas[0] + kappas[1] + kappas[2]) / 3, 12);
    const f1s = report.mentions.pairs.map((p) => p.exact.f1!);
    expect(report.mentions.f1_exact).toBeCloseTo((f1s[0] + f1s[1] + f1s[2]) / 3, 12);
    expect(report.mentions.pairs.map((p) => p.documents)).toEqual([2, 1, 1]);
  });

  it('pools tokens over documents rather than averaging documents', () => {
    // ana vs ben over both documents, as one confusion matrix.
    const labels = ['O', 'DATE', 'GPE', 'LOC', 'ORG', 'PERSON', 'TOPIC'];
    const conf = labels.map(() => labels.map(() => 0));
    const pairs: Array<[string[], string[]]> = [
      [tokenLabels(wordTokens(TEXT), ana), tokenLabels(wordTokens(TEXT), ben)],
      [tokenLabels(otherTokens, docs[1].layers[0].mentions), tokenLabels(otherTokens, docs[1].layers[1].mentions)],
    ];
    for (const [x, y] of pairs) x.forEach((l, i) => conf[labels.indexOf(l)][labels.indexOf(y[i])]++);
    expect(Math.abs(report.tokens.pairs[0].cohen_kappa! - cohenKappa(conf)!)).toBeLessThan(EPS);
    expect(report.tokens.pairs[0].count).toBe(13);
  });

  it("treats a missing layer as missing values for alpha and leaves it out of Fleiss' kappa", () => {
    const byAnnotator = (name: string) =>
      docs.flatMap((d) => {
        const layer = d.layers.find((l) => l.annotator === name);
        return layer ? tokenLabels(d.tokens!, layer.mentions) : d.tokens!.map(() => null);
      });
    const data = ['ana', 'ben', 'cat'].map(byAnnotator);
    expect(Math.abs(report.tokens.krippendorff_alpha! - krippendorffAlphaNominal(data)!)).toBeLessThan(EPS);

    // Fleiss: only d1's 8 tokens were labelled by all three.
    expect(report.tokens.rated_by_all).toBe(8);
    expect(report.tokens.count).toBe(13);
    const categories = ['O', 'DATE', 'GPE', 'LOC', 'ORG', 'PERSON'];
    const table = data[0].slice(0, 8).map((_, t) => categories.map((c) => data.filter((row) => row[t] === c).length));
    expect(Math.abs(report.tokens.fleiss_kappa! - fleissKappa(table)!)).toBeLessThan(EPS);
  });

  it('lists, per document, who annotated it and only their pairs', () => {
    const d2 = report.documents[1];
    expect(d2.annotators).toEqual(['ana', 'ben']);
    expect(d2.tokens.pairs.map((p) => `${p.a}-${p.b}`)).toEqual(['ana-ben']);
    expect(d2.tokens.rated_by_all).toBe(0);
    expect(d2.tokens.fleiss_kappa).toBeNull();
    expect(d2.mentions.f1_exact).toBeCloseTo(2 / 3, 12);
  });
});

describe('agreementReport edge cases', () => {
  it('with one annotator reports counts and null measures', () => {
    const doc = twoAnnotators();
    const report = agreementReport([doc], ['ana']);
    expect(report.mentions).toEqual({ f1_exact: null, f1_overlap: null, pairs: [] });
    expect(report.tokens).toEqual({ count: 0, rated_by_all: 0, cohen_kappa: null, fleiss_kappa: null, krippendorff_alpha: null, pairs: [] });
    expect(report.labels.PERSON).toEqual({ f1_exact: null, f1_overlap: null, cohen_kappa: null, fleiss_kappa: null, krippendorff_alpha: null });
    expect(report.frames.types.Stance).toMatchObject({ matched: 0, unmatched: 0, f1_overlap: null, f1_entity: null, f1_exact: null, pairs: [] });
    expect(JSON.stringify(report)).not.toMatch(/NaN/);
  });

  it('without any mention reports undefined F1 and kappa, not zero or one', () => {
    const report = agreementReport(
      [{ docId: 'd', text: TEXT, tokens: wordTokens(TEXT), layers: [{ annotator: 'ana', mentions: [], frames: [] }, { annotator: 'ben', mentions: [], frames: [] }] }],
      ['ana', 'ben'],
    );
    expect(report.mentions.f1_exact).toBeNull();
    expect(report.mentions.pairs[0].exact).toEqual({ matched: 0, count_a: 0, count_b: 0, precision: null, recall: null, f1: null });
    expect(report.tokens).toMatchObject({ count: 8, cohen_kappa: null, fleiss_kappa: null, krippendorff_alpha: null });
    expect(report.labels).toEqual({});
    expect(report.frames).toMatchObject({ types: {}, attributes: {}, roles: {}, matched: 0, f1_exact: null });
    expect(report.confusion).toEqual({ labels: ['O'], matrix: [[8]] });
  });

  it('with a missing layer skips the document for that annotator', () => {
    const doc = twoAnnotators();
    doc.layers = [doc.layers[0]];
    const report = agreementReport([doc, twoAnnotators()], ['ana', 'ben']);
    expect(report.mentions.pairs[0].documents).toBe(1);
    expect(report.mentions.f1_exact).toBe(0.25);
    expect(report.tokens.count).toBe(8);
    expect(report.documents[0]).toMatchObject({ annotators: ['ana'], mentions: { f1_exact: null, pairs: [] } });
  });

  it('without documents returns an empty report', () => {
    const report = agreementReport([], ['ana', 'ben']);
    expect(report.documents).toEqual([]);
    expect(report.tokens.count).toBe(0);
    expect(report.mentions.pairs[0].exact.f1).toBeNull();
  });

  it('measures only the labels asked for', () => {
    const report = agreementReport([twoAnnotators()], ['ana', 'ben'], { labels: ['PERSON'] });
    expect(Object.keys(report.labels)).toEqual(['PERSON']);
    expect(report.confusion.labels).toEqual(['O', 'PERSON']);
    // PERSON only: ana 2, ben 1, one exact match → 2/3.
    expect(report.mentions.f1_exact).toBeCloseTo(2 / 3, 12);
  });

  it('ignores pending suggestions and layers of annotators not asked for', () => {
    const doc = twoAnnotators();
    doc.layers[1] = { ...doc.layers[1], mentions: [...ben, mention('p', 'PERSON', 11, 18, { pending: true })] };
    doc.layers.push({ annotator: 'zoe', mentions: [mention('z', 'EVENT', 0, 40)], frames: [] });
    const report = agreementReport([doc], ['ana', 'ben']);
    expect(report.mentions.f1_exact).toBe(0.25);
    expect(report.labels.EVENT).toBeUndefined();
  });

  it('rejects two layers by one annotator and repeated annotators, naming them', () => {
    const doc = twoAnnotators();
    doc.layers.push(doc.layers[0]);
    expect(() => agreementReport([doc], ['ana', 'ben'])).toThrow(ParleyError);
    expect(() => agreementReport([doc], ['ana', 'ben'])).toThrow(/talks.*ana/);
    expect(() => agreementReport([], ['ana', 'ana'])).toThrow(/distinct/);
  });

  it('tokenizes the text when no tokens are given', () => {
    const doc = twoAnnotators();
    delete doc.tokens;
    const report = agreementReport([doc], ['ana', 'ben']);
    expect(report.tokens.count).toBe(tokenize(TEXT).length);
  });
});
