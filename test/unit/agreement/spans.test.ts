import { describe, expect, it } from 'vitest';
import { greedyMatching, maximumMatching } from '../../../src/core/agreement/matching';
import { codeMentions, matchMentions, prf, tallyMentions } from '../../../src/core/agreement/spans';
import { mention } from './build';

const CODES = new Map(['GPE', 'LOC', 'ORG', 'PERSON'].map((l, i) => [l, i + 1] as const));

function tally(a: ReturnType<typeof mention>[], b: ReturnType<typeof mention>[]) {
  const t = tallyMentions(codeMentions(a, CODES), codeMentions(b, CODES), CODES.size + 1);
  const total = (xs: Float64Array) => xs.reduce((s, x) => s + x, 0);
  return {
    exact: prf(total(t.exact), total(t.countA), total(t.countB)),
    overlap: prf(total(t.overlap), total(t.countA), total(t.countB)),
    label: (l: string) => {
      const c = CODES.get(l)!;
      return { exact: prf(t.exact[c], t.countA[c], t.countB[c]), overlap: prf(t.overlap[c], t.countA[c], t.countB[c]) };
    },
  };
}

describe('mention F1', () => {
  // A: PERSON 0–10, ORG 20–30, GPE 40–45, PERSON 50–60 nested in ORG 50–70.
  // B: the same PERSON 0–10, ORG 22–30 (overlap only), LOC 40–45 (other label),
  //    PERSON 52–58 (overlap only, nested) and the same ORG 50–70.
  const a = [mention('a1', 'PERSON', 0, 10), mention('a2', 'ORG', 20, 30), mention('a3', 'GPE', 40, 45), mention('a4', 'PERSON', 50, 60), mention('a5', 'ORG', 50, 70)];
  const b = [mention('b1', 'PERSON', 0, 10), mention('b2', 'ORG', 22, 30), mention('b3', 'LOC', 40, 45), mention('b4', 'PERSON', 52, 58), mention('b5', 'ORG', 50, 70)];

  it('counts exact matches on start, end and label', () => {
    // PERSON 0–10 and ORG 50–70: 2 matches of 5 + 5 → P = R = F1 = 0.4.
    expect(tally(a, b).exact).toEqual({ matched: 2, count_a: 5, count_b: 5, precision: 0.4, recall: 0.4, f1: 0.4 });
  });

  it('counts overlap matches with the same label, nested mentions included', () => {
    // Both PERSONs and both ORGs match; GPE vs LOC does not: 4 of 5 + 5 → 0.8.
    expect(tally(a, b).overlap).toEqual({ matched: 4, count_a: 5, count_b: 5, precision: 0.8, recall: 0.8, f1: 0.8 });
  });

  it('reports each label separately, null where a side has none', () => {
    const t = tally(a, b);
    expect(t.label('PERSON').exact.f1).toBe(0.5);
    expect(t.label('PERSON').overlap.f1).toBe(1);
    expect(t.label('ORG').exact).toMatchObject({ matched: 1, f1: 0.5 });
    // A has a GPE, B none: recall 0, precision undefined, F1 0.
    expect(t.label('GPE').exact).toEqual({ matched: 0, count_a: 1, count_b: 0, precision: null, recall: 0, f1: 0 });
    expect(t.label('LOC').overlap).toEqual({ matched: 0, count_a: 0, count_b: 1, precision: 0, recall: null, f1: 0 });
  });

  it('matches one to one: one long mention is credited once against two short ones', () => {
    const t = tally([mention('a', 'PERSON', 0, 20)], [mention('b1', 'PERSON', 0, 5), mention('b2', 'PERSON', 10, 15)]);
    // 1 match of 1 + 2: P = 1/2, R = 1, F1 = 2/3.
    expect(t.overlap.matched).toBe(1);
    expect(t.overlap.precision).toBe(0.5);
    expect(t.overlap.recall).toBe(1);
    expect(t.overlap.f1).toBeCloseTo(2 / 3, 12);
  });

  it('finds the largest number of overlap matches where greedy pairing would not', () => {
    // A1 0–10 overlaps B1 5–12 by 5 and B2 0–4 by 4; A2 8–12 overlaps only B1, by 4.
    // Greedy by overlap pairs A1–B1 first and strands A2 and B2; the maximum is A1–B2, A2–B1.
    const a2 = [mention('A1', 'ORG', 0, 10), mention('A2', 'ORG', 8, 12)];
    const b2 = [mention('B1', 'ORG', 5, 12), mention('B2', 'ORG', 0, 4)];
    expect(tally(a2, b2).overlap.matched).toBe(2);
    const match = matchMentions(a2, b2, 'overlap');
    expect(match.matched.map(([x, y]) => `${x.id}-${y.id}`).sort()).toEqual(['A1-B2', 'A2-B1']);
    expect(match.onlyA).toEqual([]);
  });

  it('matches duplicates only as often as both sides have them', () => {
    const t = tally([mention('a1', 'ORG', 0, 3), mention('a2', 'ORG', 0, 3)], [mention('b1', 'ORG', 0, 3)]);
    expect(t.exact.matched).toBe(1);
    expect(t.overlap.matched).toBe(1);
  });

  it('ignores pending suggestions and empty spans', () => {
    const t = tally(
      [mention('a1', 'ORG', 0, 3), mention('a2', 'ORG', 5, 8, { pending: true }), mention('a3', 'ORG', 9, 9)],
      [mention('b1', 'ORG', 0, 3), mention('b2', 'ORG', 5, 8)],
    );
    expect(t.exact).toMatchObject({ matched: 1, count_a: 1, count_b: 2 });
  });

  it('is undefined, not zero, when neither annotator has a mention', () => {
    expect(tally([], []).exact).toEqual({ matched: 0, count_a: 0, count_b: 0, precision: null, recall: null, f1: null });
  });

  it('touching spans do not overlap', () => {
    expect(tally([mention('a', 'ORG', 0, 5)], [mention('b', 'ORG', 5, 9)]).overlap.matched).toBe(0);
  });

  it('lists matched and unmatched mentions for a view of disagreements', () => {
    const match = matchMentions(a, b, 'exact');
    expect(match.matched.map(([x, y]) => [x.id, y.id])).toEqual([
      ['a1', 'b1'],
      ['a5', 'b5'],
    ]);
    expect(match.onlyA.map((m) => m.id)).toEqual(['a2', 'a3', 'a4']);
    expect(match.onlyB.map((m) => m.id)).toEqual(['b2', 'b3', 'b4']);
  });
});

describe('one-to-one matching', () => {
  const candidates = [
    { a: 0, b: 0, overlap: 5, union: 12 },
    { a: 0, b: 1, overlap: 4, union: 10 },
    { a: 1, b: 0, overlap: 4, union: 7 },
  ];

  it('greedy takes the largest overlap first', () => {
    expect(greedyMatching(2, 2, candidates)).toEqual([[0, 0]]);
  });

  it('maximum grows the greedy matching along augmenting paths', () => {
    expect(maximumMatching(2, 2, candidates)).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });

  it('prefers the more alike pair when overlaps tie', () => {
    expect(greedyMatching(1, 2, [
      { a: 0, b: 0, overlap: 3, union: 9 },
      { a: 0, b: 1, overlap: 3, union: 4 },
    ])).toEqual([[0, 1]]);
  });

  it('follows an augmenting path through a long chain', () => {
    // a_i prefers b_{i+1} and also overlaps b_i. Greedy pairs every a_i with b_{i+1},
    // leaving a_n and b_0 free; the one augmenting path runs a_n, b_n, a_{n−1}, …, a_0, b_0,
    // 2000 levels deep, which the iterative search follows without recursion.
    const n = 2000;
    const chain = [];
    for (let i = 0; i < n; i++) {
      chain.push({ a: i, b: i + 1, overlap: 2, union: 2 });
      chain.push({ a: i + 1, b: i + 1, overlap: 1, union: 1 });
    }
    chain.push({ a: 0, b: 0, overlap: 1, union: 1 });
    expect(maximumMatching(n + 1, n + 1, chain)).toHaveLength(n + 1);
  });
});
