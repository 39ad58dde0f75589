/**
 * Small numeric helpers shared by the agreement measures. Every measure that
 * can be undefined (a zero denominator) is `number | null`, never NaN, so a
 * report survives JSON.stringify and a reader can tell "undefined" from 0.
 */

/** `num / den`, or null when the denominator is zero. */
export function ratio(num: number, den: number): number | null {
  return den === 0 ? null : num / den;
}

/**
 * The mean of the defined values, or null when none is defined. Undefined
 * values are skipped rather than counted as 0: a pair of annotators that saw
 * no mentions of a label says nothing about how well others agree on it.
 */
export function meanDefined(values: readonly (number | null)[]): number | null {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (v === null) continue;
    sum += v;
    n++;
  }
  return n === 0 ? null : sum / n;
}

/** Every unordered pair (i < j) of `n` items, in reading order: (0,1), (0,2), …, (1,2), … */
export function pairsOf(n: number): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) pairs.push([i, j]);
  return pairs;
}
