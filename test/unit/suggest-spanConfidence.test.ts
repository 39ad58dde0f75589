import { describe, expect, it } from 'vitest';
import { decodeSpans, spanLogProbs, type Lattice } from '../../src/core/suggest/viterbi';

/** A one-token line: tag 0 is O, the others each open a span; `scores[c]` is tag c's score. */
function oneToken(scores: number[]): Lattice {
  const k = scores.length;
  const at = new Float64Array(k * k).fill(-Infinity);
  for (let c = 0; c < k; c++) at[c] = scores[c];
  return { n: 1, k, start: 0, at };
}

const begins = (c: number) => c > 0;
const never = () => false;

describe('a span’s chance counts every rival tagging, not only the best', () => {
  it('one token, one rival: the chance is the logistic of the score gap over the temperature', () => {
    const l = oneToken([0, 2]);
    const { path, spans } = decodeSpans(l, begins, never);
    expect(spans).toEqual([{ from: 0, to: 0, tag: 1, margin: 2 }]);
    const [logP] = spanLogProbs(l, path, spans, never, 1);
    expect(Math.exp(logP)).toBeCloseTo(Math.exp(2) / (Math.exp(2) + 1), 10);
    const [flatter] = spanLogProbs(l, path, spans, never, 4);
    expect(Math.exp(flatter)).toBeCloseTo(Math.exp(0.5) / (Math.exp(0.5) + 1), 10);
  });

  it('the same margin with two near rivals is less sure than with one', () => {
    const one = oneToken([0, 2, -Infinity]);
    const two = oneToken([0, 2, 0]);
    const a = decodeSpans(one, begins, never);
    const b = decodeSpans(two, begins, never);
    expect(a.spans[0].margin).toBe(b.spans[0].margin);
    const [pa] = spanLogProbs(one, a.path, a.spans, never, 1);
    const [pb] = spanLogProbs(two, b.path, b.spans, never, 1);
    expect(Math.exp(pb)).toBeCloseTo(Math.exp(2) / (Math.exp(2) + 2), 10);
    expect(pb).toBeLessThan(pa);
  });

  it('a span is held only where the next token does not go on with it', () => {
    // Tags: 0 O, 1 B-X, 2 I-X. Two tokens; B-X then O scores 3, B-X then I-X scores 2, O O scores 0.
    const k = 3;
    const at = new Float64Array(2 * k * k).fill(-Infinity);
    at[0 * k + 0] = 0;
    at[0 * k + 1] = 3;
    const second = (p: number, c: number, v: number) => (at[(1 * k + p) * k + c] = v);
    second(0, 0, 0);
    second(1, 0, 0);
    second(1, 2, -1);
    const l: Lattice = { n: 2, k, start: 0, at };
    const continues = (c: number, open: number) => open === 1 && c === 2;
    const { path, spans } = decodeSpans(l, (c) => c === 1, continues);
    expect(path).toEqual([1, 0]);
    const [logP] = spanLogProbs(l, path, spans, continues, 1);
    // Taggings: B O (3), B I (2), O O (0): only B O holds the one-token span.
    expect(Math.exp(logP)).toBeCloseTo(Math.exp(3) / (Math.exp(3) + Math.exp(2) + 1), 10);
  });
});
