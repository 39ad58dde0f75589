/**
 * Krippendorff's alpha for nominal data, with missing values (Krippendorff,
 * "Computing Krippendorff's Alpha-Reliability", 2011).
 *
 * Each unit u coded by m_u ≥ 2 coders contributes to the coincidence matrix
 * o_ck = Σ_u (number of ordered pairs of its values (c, k)) / (m_u − 1);
 * units with fewer than two values are not pairable and are left out. With
 * n_c = Σ_k o_ck and n = Σ_c n_c, nominal alpha is
 *
 *   α = ((n − 1)·Σ_c o_cc − Σ_c n_c(n_c − 1)) / (n(n − 1) − Σ_c n_c(n_c − 1)),
 *
 * which is 1 − D_o/D_e with the nominal distance. It is null when n < 2 or all
 * pairable values are the same (D_e = 0).
 */

/** The sufficient statistics of nominal alpha; additive over units and documents. */
export interface CoincidenceSums {
  /** n: the number of pairable values. */
  pairable: number;
  /** Σ_c o_cc: the weight of coinciding equal values. */
  agreement: number;
  /** n_c: pairable values per category (the marginals of the coincidence matrix). */
  valueTotals: ArrayLike<number>;
}

export function alphaNominalFromSums(s: CoincidenceSums): number | null {
  const n = s.pairable;
  let expected = 0; // Σ_c n_c(n_c − 1)
  for (let c = 0; c < s.valueTotals.length; c++) expected += s.valueTotals[c] * (s.valueTotals[c] - 1);
  const den = n * (n - 1) - expected;
  return n < 2 || den === 0 ? null : ((n - 1) * s.agreement - expected) / den;
}

export type NominalValue = string | number | boolean;

/**
 * Nominal alpha of a reliability data matrix: `data[coder][unit]` is the value
 * a coder gave a unit, or null/undefined where the coder did not code it.
 */
export function krippendorffAlphaNominal(data: readonly (readonly (NominalValue | null | undefined)[])[]): number | null {
  const units = data.reduce((max, row) => Math.max(max, row.length), 0);
  const index = new Map<NominalValue, number>();
  const totals: number[] = [];
  let pairable = 0;
  let agreement = 0;
  const counts = new Map<number, number>();
  for (let u = 0; u < units; u++) {
    counts.clear();
    let m = 0;
    for (const row of data) {
      const v = row[u];
      if (v === null || v === undefined) continue;
      let c = index.get(v);
      if (c === undefined) {
        c = index.size;
        index.set(v, c);
        totals.push(0);
      }
      counts.set(c, (counts.get(c) ?? 0) + 1);
      m++;
    }
    if (m < 2) continue;
    pairable += m;
    for (const [c, nuc] of counts) {
      totals[c] += nuc;
      agreement += (nuc * (nuc - 1)) / (m - 1);
    }
  }
  return alphaNominalFromSums({ pairable, agreement, valueTotals: totals });
}
