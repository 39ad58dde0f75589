/**
 * Chance-corrected agreement on nominal categories: Cohen's kappa for two
 * annotators (from their confusion matrix) and Fleiss' kappa for a fixed
 * number of annotators per item (from category counts per item).
 *
 * Both are computed from integer sums with a single division at the end, so
 * results are exact up to one rounding and tests can compare them with
 * hand-computed fractions. Undefined results (no items, or expected agreement
 * of 1 because everything fell in one category) are null.
 */
import { ParleyError } from '../errors';

/**
 * Cohen's kappa from a square confusion matrix: `matrix[i][j]` counts the
 * items the first annotator put in category i and the second in category j.
 */
export function cohenKappa(matrix: readonly (readonly number[])[]): number | null {
  const k = matrix.length;
  const flat = new Float64Array(k * k);
  matrix.forEach((row, i) => {
    if (row.length !== k) throw new ParleyError('invalid_argument', `Confusion matrix row ${i} has ${row.length} cells; a ${k}×${k} matrix was expected.`);
    row.forEach((v, j) => (flat[i * k + j] = v));
  });
  return cohenKappaFlat(flat, k);
}

/** Cohen's kappa of a k×k confusion matrix stored row-major. */
export function cohenKappaFlat(conf: ArrayLike<number>, k: number): number | null {
  let n = 0;
  let agree = 0;
  let chance = 0; // Σ row_i · col_i, i.e. N² times the expected agreement
  for (let i = 0; i < k; i++) {
    let row = 0;
    let col = 0;
    for (let j = 0; j < k; j++) {
      row += conf[i * k + j];
      col += conf[j * k + i];
    }
    n += row;
    agree += conf[i * k + i];
    chance += row * col;
  }
  // κ = (p_o − p_e) / (1 − p_e), multiplied through by N².
  const den = n * n - chance;
  return n === 0 || den === 0 ? null : (n * agree - chance) / den;
}

/** The share of items both annotators put in the same category, or null without items. */
export function observedAgreementFlat(conf: ArrayLike<number>, k: number): number | null {
  let n = 0;
  let agree = 0;
  for (let i = 0; i < k; i++) {
    agree += conf[i * k + i];
    for (let j = 0; j < k; j++) n += conf[i * k + j];
  }
  return n === 0 ? null : agree / n;
}

/**
 * Cohen's kappa for one category against all others ("c" vs "not c"),
 * obtained by collapsing the k×k confusion matrix to 2×2.
 */
export function binaryCohenKappaFlat(conf: ArrayLike<number>, k: number, c: number): number | null {
  let n = 0;
  let row = 0;
  let col = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) n += conf[i * k + j];
    row += conf[c * k + i];
    col += conf[i * k + c];
  }
  const both = conf[c * k + c];
  const agree = both + (n - row - col + both);
  const chance = row * col + (n - row) * (n - col);
  const den = n * n - chance;
  return n === 0 || den === 0 ? null : (n * agree - chance) / den;
}

/**
 * Cohen's kappa of paired judgements on the same items, e.g. the polarity two
 * annotators gave to frames that were matched to each other. Any value that
 * can be a Map key is a category (null included, meaning "not set").
 */
export function cohenKappaOfPairs<T>(pairs: readonly (readonly [T, T])[]): number | null {
  const index = new Map<T, number>();
  for (const [a, b] of pairs) {
    if (!index.has(a)) index.set(a, index.size);
    if (!index.has(b)) index.set(b, index.size);
  }
  const k = index.size;
  const conf = new Float64Array(k * k);
  for (const [a, b] of pairs) conf[index.get(a)! * k + index.get(b)!]++;
  return cohenKappaFlat(conf, k);
}

/** The sufficient statistics of Fleiss' kappa; sums make documents additive. */
export interface FleissSums {
  /** N: items, each rated by exactly `raters` annotators. */
  items: number;
  /** m: annotators per item. */
  raters: number;
  /** Σ_i Σ_j n_ij², where n_ij is how many annotators put item i in category j. */
  sumSquares: number;
  /** Σ_i n_ij for each category j. */
  categoryTotals: ArrayLike<number>;
}

/**
 * Fleiss' kappa (Fleiss 1971): P̄ = (Σ n_ij² − N·m) / (N·m·(m−1)),
 * P̄e = Σ_j p_j² with p_j = Σ_i n_ij / (N·m), κ = (P̄ − P̄e) / (1 − P̄e).
 */
export function fleissKappaFromSums(s: FleissSums): number | null {
  const { items, raters: m } = s;
  if (items === 0 || m < 2) return null;
  const nm = items * m;
  let totalsSq = 0;
  for (let j = 0; j < s.categoryTotals.length; j++) totalsSq += s.categoryTotals[j] * s.categoryTotals[j];
  // Numerator and denominator multiplied through by (N·m)²·(m−1).
  const num = nm * (s.sumSquares - nm) - (m - 1) * totalsSq;
  const den = (m - 1) * (nm * nm - totalsSq);
  return den === 0 ? null : num / den;
}

/**
 * Fleiss' kappa from a table of counts: `table[i][j]` annotators put item i
 * in category j; every row must sum to the same number of annotators.
 */
export function fleissKappa(table: readonly (readonly number[])[]): number | null {
  if (table.length === 0) return null;
  const k = table[0].length;
  const raters = sum(table[0]);
  const categoryTotals = new Float64Array(k);
  let sumSquares = 0;
  table.forEach((row, i) => {
    if (row.length !== k || sum(row) !== raters) {
      throw new ParleyError('invalid_argument', `Row ${i} of the Fleiss table has ${row.length} categories summing to ${sum(row)}; every row needs ${k} categories summing to ${raters}.`);
    }
    row.forEach((v, j) => {
      categoryTotals[j] += v;
      sumSquares += v * v;
    });
  });
  return fleissKappaFromSums({ items: table.length, raters, sumSquares, categoryTotals });
}

function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}
