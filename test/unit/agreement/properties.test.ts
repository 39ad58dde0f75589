/**
 * The fast paths (sweeps, augmenting paths, tallies) against slow, obvious
 * implementations on random inputs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maximumMatching, type Candidate } from '../../../src/core/agreement/matching';
import { codeMentions, overlapCandidates } from '../../../src/core/agreement/spans';
import { tokenLabels } from '../../../src/core/agreement/tokens';
import { mention } from './build';

const spanArb = fc.record({ start: fc.integer({ min: 0, max: 40 }), length: fc.integer({ min: 0, max: 12 }), label: fc.constantFrom('A', 'B') });
const mentionsArb = fc.array(spanArb, { maxLength: 14 }).map((spans) => spans.map((s, i) => mention(`m${i}`, s.label, s.start, s.start + s.length)));
const CODES = new Map([['A', 1], ['B', 2]]);

/** The size of a maximum matching by trying every assignment of a to b (small inputs only). */
function bruteForceMaximum(nA: number, candidates: readonly Candidate[]): number {
  const adj = Array.from({ length: nA }, () => [] as number[]);
  for (const c of candidates) adj[c.a].push(c.b);
  const used = new Set<number>();
  const best = (a: number): number => {
    if (a === nA) return 0;
    let result = best(a + 1);
    for (const b of adj[a]) {
      if (used.has(b)) continue;
      used.add(b);
      result = Math.max(result, 1 + best(a + 1));
      used.delete(b);
    }
    return result;
  };
  return best(0);
}

describe('properties', () => {
  it('maximumMatching is one-to-one, uses only candidates and is maximum', () => {
    const graph = fc
      .tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 7 }))
      .chain(([nA, nB]) =>
        fc.tuple(
          fc.constant(nA),
          fc.constant(nB),
          fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: nA - 1 }), fc.integer({ min: 0, max: nB - 1 }), fc.integer({ min: 1, max: 5 })), {
            selector: ([a, b]) => `${a}-${b}`,
            maxLength: 20,
          }),
        ),
      );
    fc.assert(
      fc.property(graph, ([nA, nB, edges]) => {
        const candidates = edges.map(([a, b, w]) => ({ a, b, overlap: w, union: w }));
        const pairs = maximumMatching(nA, nB, candidates);
        expect(new Set(pairs.map(([a]) => a)).size).toBe(pairs.length);
        expect(new Set(pairs.map(([, b]) => b)).size).toBe(pairs.length);
        for (const [a, b] of pairs) expect(candidates.some((c) => c.a === a && c.b === b)).toBe(true);
        expect(pairs.length).toBe(bruteForceMaximum(nA, candidates));
      }),
    );
  });

  it('the overlap sweep finds exactly the overlapping same-label pairs', () => {
    fc.assert(
      fc.property(mentionsArb, mentionsArb, (a, b) => {
        const sa = codeMentions(a, CODES);
        const sb = codeMentions(b, CODES);
        const found = overlapCandidates(sa, sb)
          .map((c) => `${c.a}-${c.b}:${c.overlap}`)
          .sort();
        const expected: string[] = [];
        sa.forEach((x, i) =>
          sb.forEach((y, j) => {
            const overlap = Math.min(x.end, y.end) - Math.max(x.start, y.start);
            if (x.code === y.code && overlap > 0) expected.push(`${i}-${j}:${overlap}`);
          }),
        );
        expect(found).toEqual(expected.sort());
      }),
    );
  });

  it('the token sweep gives each token its first covering mention in precedence order', () => {
    const tokensArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 4 })), { maxLength: 15 }).map((gaps) => {
      let at = 0;
      return gaps.map(([gap, length]) => {
        const token = { start: at + gap, end: at + gap + length };
        at = token.end;
        return token;
      });
    });
    fc.assert(
      fc.property(tokensArb, mentionsArb, (tokens, mentions) => {
        const naive = tokens.map((t) => {
          const covering = mentions
            .filter((m) => m.end > m.start && m.start < t.end && m.end > t.start)
            .sort((x, y) => x.start - y.start || y.end - x.end || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
          return covering[0]?.label ?? 'O';
        });
        expect(tokenLabels(tokens, mentions)).toEqual(naive);
      }),
    );
  });
});
