/**
 * Train/dev/test splits by document: the selected documents, sorted by id,
 * shuffled with a seeded generator and cut at the requested percentages.
 * The same documents and seed always give the same split, whatever order
 * the workspace lists them in.
 */
import { ParleyError } from '../../core/errors';
import { seededRandom as rng } from '../../core/random';

export const SPLIT_NAMES = ['train', 'dev', 'test'] as const;
export type SplitName = (typeof SPLIT_NAMES)[number];
export type SplitRequest = Record<SplitName, number> & { seed: number };


export function checkSplit(split: SplitRequest): void {
  const sum = split.train + split.dev + split.test;
  if (Math.abs(sum - 100) > 1e-6) {
    throw new ParleyError('invalid_argument', `the split percentages add up to ${sum}; expected 100 (e.g. train 80, dev 10, test 10)`);
  }
}

/** The splits that get a folder: those with a share above zero. */
export function activeSplits(split: SplitRequest): SplitName[] {
  return SPLIT_NAMES.filter((name) => split[name] > 0);
}

/**
 * Document counts per split summing to `n` exactly: each split gets the
 * floor of its share, and the documents left over go to the splits with the
 * largest remainders (train first on ties).
 */
export function splitCounts(n: number, split: SplitRequest): Record<SplitName, number> {
  const exact = SPLIT_NAMES.map((name) => (n * split[name]) / 100);
  const counts = exact.map(Math.floor);
  let left = n - counts.reduce((a, b) => a + b, 0);
  const order = [0, 1, 2].sort((a, b) => exact[b] - counts[b] - (exact[a] - counts[a]) || a - b);
  for (const i of order) {
    if (left <= 0) break;
    if (split[SPLIT_NAMES[i]] > 0) {
      counts[i]++;
      left--;
    }
  }
  return { train: counts[0], dev: counts[1], test: counts[2] };
}

/** Which split each document goes to. */
export function assignSplits(ids: readonly string[], split: SplitRequest): Map<string, SplitName> {
  const order = [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const random = rng(split.seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const counts = splitCounts(order.length, split);
  const out = new Map<string, SplitName>();
  let i = 0;
  for (const name of SPLIT_NAMES) for (let k = 0; k < counts[name]; k++) out.set(order[i++], name);
  return out;
}
