/**
 * One-to-one matching between two annotators' items (mentions or frames)
 * given candidate pairs that overlap. Each item is used at most once, so two
 * short mentions cannot both be credited against one long one.
 */

/** A candidate pair: item `a` of the first annotator, item `b` of the second. */
export interface Candidate {
  a: number;
  b: number;
  /** Characters the two spans share. */
  overlap: number;
  /** Characters covered by either span; among equal overlaps, the more alike pair is preferred. */
  union: number;
}

/** Larger overlap first, then the more alike pair, then reading order, so results are deterministic. */
export function comparePreference(x: Candidate, y: Candidate): number {
  return y.overlap - x.overlap || x.union - y.union || x.a - y.a || x.b - y.b;
}

/**
 * Greedy matching by largest overlap: candidates are taken in order of
 * preference whenever both items are still free. Used for frames, where
 * which frame is paired with which matters (their attributes and roles are
 * compared next), so the most alike pairs are kept together.
 */
export function greedyMatching(nA: number, nB: number, candidates: readonly Candidate[]): Array<[number, number]> {
  const mateA = new Int32Array(nA).fill(-1);
  const mateB = new Int32Array(nB).fill(-1);
  seedGreedy(candidates, mateA, mateB);
  return pairsFrom(mateA);
}

/**
 * A maximum-cardinality matching that starts from the greedy one and then
 * grows it along augmenting paths (Kuhn's algorithm). Used for mentions, where
 * only the number of matches enters F1: the greedy rule can leave a mention
 * unmatched that a different assignment would have matched (A1 overlaps B1
 * and B2, A2 only B1, greedy pairs A1–B1), and such a choice must not lower
 * the score. Augmenting never unmatches an item, so the greedy pairs are
 * changed only where that gains a match.
 */
export function maximumMatching(nA: number, nB: number, candidates: readonly Candidate[]): Array<[number, number]> {
  const mateA = new Int32Array(nA).fill(-1);
  const mateB = new Int32Array(nB).fill(-1);
  // Only contested candidates can lie on an augmenting path: an uncontested
  // pair's items have no other candidate to move to.
  const sorted = seedGreedy(candidates, mateA, mateB);
  if (sorted.length === 0) return pairsFrom(mateA);

  // Adjacency of each a, in order of preference (CSR layout).
  const start = new Int32Array(nA + 1);
  for (const c of sorted) start[c.a + 1]++;
  for (let i = 0; i < nA; i++) start[i + 1] += start[i];
  const adj = new Int32Array(sorted.length);
  const fill = start.slice(0, nA);
  for (const c of sorted) adj[fill[c.a]++] = c.b;

  const seen = new Int32Array(nB).fill(-1);
  const stackA: number[] = [];
  const stackEdge: number[] = [];
  const via: number[] = []; // the b through which each stack level descended
  for (let root = 0; root < nA; root++) {
    if (mateA[root] !== -1 || start[root] === start[root + 1]) continue;
    // Iterative depth-first search for an augmenting path from `root`;
    // `seen` is stamped with the root so it needs no clearing between searches.
    stackA.length = stackEdge.length = via.length = 0;
    stackA.push(root);
    stackEdge.push(start[root]);
    while (stackA.length > 0) {
      const level = stackA.length - 1;
      const a = stackA[level];
      const e = stackEdge[level];
      if (e === start[a + 1]) {
        // Dead end: back up. The parent's `via` entry is rewritten before it is read again.
        stackA.pop();
        stackEdge.pop();
        continue;
      }
      stackEdge[level] = e + 1;
      const b = adj[e];
      if (seen[b] === root) continue;
      seen[b] = root;
      if (mateB[b] === -1) {
        via[level] = b;
        for (let l = level; l >= 0; l--) {
          mateA[stackA[l]] = via[l];
          mateB[via[l]] = stackA[l];
        }
        break;
      }
      via[level] = b;
      stackA.push(mateB[b]);
      stackEdge.push(start[mateB[b]]);
    }
  }
  return pairsFrom(mateA);
}

/**
 * The greedy matching, in `mateA`/`mateB`; returns the contested candidates in
 * order of preference. A candidate whose two items have no other candidate is
 * matched by any rule, and in agreement data most are such (the annotators
 * marked the same thing), so only the rest is sorted.
 */
function seedGreedy(candidates: readonly Candidate[], mateA: Int32Array, mateB: Int32Array): Candidate[] {
  const degreeA = new Int32Array(mateA.length);
  const degreeB = new Int32Array(mateB.length);
  for (const c of candidates) {
    degreeA[c.a]++;
    degreeB[c.b]++;
  }
  const contested: Candidate[] = [];
  for (const c of candidates) {
    if (degreeA[c.a] === 1 && degreeB[c.b] === 1) {
      mateA[c.a] = c.b;
      mateB[c.b] = c.a;
    } else contested.push(c);
  }
  contested.sort(comparePreference);
  for (const c of contested) {
    if (mateA[c.a] !== -1 || mateB[c.b] !== -1) continue;
    mateA[c.a] = c.b;
    mateB[c.b] = c.a;
  }
  return contested;
}

function pairsFrom(mateA: Int32Array): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  for (let a = 0; a < mateA.length; a++) if (mateA[a] !== -1) pairs.push([a, mateA[a]]);
  return pairs;
}
