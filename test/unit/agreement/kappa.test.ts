import { describe, expect, it } from 'vitest';
import { cohenKappa, cohenKappaOfPairs, fleissKappa } from '../../../src/core/agreement/kappa';
import { DIAGNOSES, FLEISS_1971 } from './fixtures';

const EPS = 1e-9;

describe("Cohen's kappa", () => {
  it('reproduces the 50-item example of Wikipedia\'s "Cohen\'s kappa" page (κ = 0.4)', () => {
    // A and B both say yes to 20 items, both no to 15; A yes / B no 5, A no / B yes 10.
    // p_o = 35/50 = 0.7; p_e = (25/50)(30/50) + (25/50)(20/50) = 0.5; κ = 0.2 / 0.5 = 0.4.
    expect(cohenKappa([[20, 5], [10, 15]])).toBeCloseTo(0.4, 12);
    expect(Math.abs(cohenKappa([[20, 5], [10, 15]])! - 0.4)).toBeLessThan(EPS);
  });

  it('reproduces a three-category example (SAS PROC FREQ agreement example, κ = 0.4842)', () => {
    // The 3×3 table used by SAS's documentation and statsmodels' tests (simple kappa 0.4842).
    // N = 19, Σ diag = 13, rows (5, 8, 6), columns (0, 13, 6): Σ r·c = 0 + 104 + 36 = 140.
    // κ = (N·Σdiag − Σ r·c) / (N² − Σ r·c) = (247 − 140) / (361 − 140) = 107/221.
    const kappa = cohenKappa([[0, 4, 1], [0, 8, 0], [0, 1, 5]]);
    expect(Math.abs(kappa! - 107 / 221)).toBeLessThan(EPS);
    expect(kappa).toBeCloseTo(0.4842, 4);
  });

  it('is null when it is undefined and 1 for perfect agreement', () => {
    expect(cohenKappa([])).toBeNull();
    expect(cohenKappa([[0, 0], [0, 0]])).toBeNull();
    // Both annotators always say "O": expected agreement is 1.
    expect(cohenKappa([[7, 0], [0, 0]])).toBeNull();
    expect(cohenKappa([[3, 0], [0, 4]])).toBe(1);
  });

  it('works on paired judgements with any values, null included', () => {
    const pairs: Array<[string | null, string | null]> = [
      ...Array.from({ length: 20 }, () => ['yes', 'yes'] as [string, string]),
      ...Array.from({ length: 5 }, () => ['yes', null] as [string, null]),
      ...Array.from({ length: 10 }, () => [null, 'yes'] as [null, string]),
      ...Array.from({ length: 15 }, () => [null, null] as [null, null]),
    ];
    expect(Math.abs(cohenKappaOfPairs(pairs)! - 0.4)).toBeLessThan(EPS);
    expect(cohenKappaOfPairs([])).toBeNull();
  });

  it('rejects a matrix that is not square', () => {
    expect(() => cohenKappa([[1, 2], [3]])).toThrow(/row 1/);
  });
});

describe("Fleiss' kappa", () => {

  it('reproduces the Wikipedia worked example (κ ≈ 0.210) exactly', () => {
    // Reported there: P̄ = 0.378, P̄e = 0.213, κ = 0.210.
    // Σ_ij n_ij² = 196 + 60 + 70 + 94 + 74 + 98 + 58 + 46 + 66 + 66 = 828,
    // P̄ = (828 − 10·14) / (10·14·13) = 688/1820 = 172/455.
    // Column totals (20, 28, 39, 21, 32): P̄e = (400 + 784 + 1521 + 441 + 1024) / 140² = 4170/19600 = 417/1960.
    // κ = (172/455 − 417/1960) / (1 − 417/1960) = (9632 − 5421) / (25480 − 5421) = 4211/20059 = 0.20993…
    const kappa = fleissKappa(FLEISS_1971)!;
    expect(Math.abs(kappa - 4211 / 20059)).toBeLessThan(EPS);
    expect(kappa).toBeCloseTo(0.21, 3);
  });

  it('reproduces Fleiss (1971)\'s own data: 30 patients, 6 psychiatrists, 5 diagnoses (R irr: κ = 0.4302445)', () => {
    const table = DIAGNOSES.map((ratings) => [1, 2, 3, 4, 5].map((c) => ratings.filter((r) => r === c).length));
    // Σ n_ij² = 680; column totals (26, 26, 30, 55, 43), Σ totals² = 7126; N·m = 180.
    // κ = (N·m·(Σn² − N·m) − (m − 1)·Σ totals²) / ((m − 1)·((N·m)² − Σ totals²))
    //   = (180·500 − 5·7126) / (5·(32400 − 7126)) = 54370/126370 = 5437/12637 = 0.4302445…
    const kappa = fleissKappa(table)!;
    expect(Math.abs(kappa - 5437 / 12637)).toBeLessThan(EPS);
    expect(kappa).toBeCloseTo(0.4302445, 7);
  });

  it("with two raters is Scott's pi", () => {
    // With m = 2, Fleiss' kappa is Scott's pi: p_e from pooled marginals.
    // Items: (a,a) ×3, (a,b) ×1, (b,b) ×2 → p_o = 5/6; pooled a = 7/12, b = 5/12;
    // p_e = 49/144 + 25/144 = 74/144; π = (5/6 − 74/144) / (1 − 74/144) = (120 − 74) / (144 − 74) = 46/70.
    const table = [[2, 0], [2, 0], [2, 0], [1, 1], [0, 2], [0, 2]];
    expect(Math.abs(fleissKappa(table)! - 46 / 70)).toBeLessThan(EPS);
  });

  it('is null without items or when every rating is in one category', () => {
    expect(fleissKappa([])).toBeNull();
    expect(fleissKappa([[3, 0], [3, 0]])).toBeNull();
  });

  it('rejects rows with different numbers of raters', () => {
    expect(() => fleissKappa([[1, 1], [2, 1]])).toThrow(/Row 1/);
  });
});
