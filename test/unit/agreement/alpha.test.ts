import { describe, expect, it } from 'vitest';
import { krippendorffAlphaNominal } from '../../../src/core/agreement/alpha';
import { KRIPPENDORFF_2011 } from './fixtures';

const EPS = 1e-9;
const _ = null;

describe("Krippendorff's alpha (nominal)", () => {
  it('reproduces the worked example with missing data of Krippendorff (2011), α = 0.743', () => {
    // By hand: unit 12 has one value and is not pairable. Diagonal of the
    // coincidence matrix, unit by unit, Σ n_uc(n_uc − 1)/(m_u − 1):
    //   u1 3·2/2 = 3, u2 3·2/3 = 2, u3 4, u4 4, u5 4, u6 0, u7 4, u8 3·2/3 = 2,
    //   u9 4, u10 3·2/2 = 3, u11 2·1/1 = 2 → Σ o_cc = 32.
    // Pairable values n_c: 1 → 9, 2 → 13, 3 → 10, 4 → 5, 5 → 3; n = 40.
    // Σ n_c(n_c − 1) = 72 + 156 + 90 + 20 + 6 = 344.
    // α = ((n − 1)·Σ o_cc − Σ n_c(n_c − 1)) / (n(n − 1) − Σ n_c(n_c − 1))
    //   = (39·32 − 344) / (40·39 − 344) = 904/1216 = 0.74342…
    const alpha = krippendorffAlphaNominal(KRIPPENDORFF_2011)!;
    expect(Math.abs(alpha - 904 / 1216)).toBeLessThan(EPS);
    expect(alpha).toBeCloseTo(0.743, 3);
  });

  it('reproduces the computational example of Wikipedia\'s "Krippendorff\'s alpha" page, α = 0.691', () => {
    // 3 coders × 15 units; values 1–4; many missing.
    const data = [
      [_, _, _, _, _, 3, 4, 1, 2, 1, 1, 3, 3, _, 3],
      [1, _, 2, 1, 3, 3, 4, 3, _, _, _, _, _, _, _],
      [_, _, 2, 1, 3, 4, 4, _, 2, 1, 1, 3, 3, _, 4],
    ];
    // Σ o_cc = 2 (u3) + 2 (u4) + 2 (u5) + 1 (u6) + 3 (u7) + 2 (u9) + 2 (u10) + 2 (u11) + 2 (u12) + 2 (u13) = 20.
    // n_c: 1 → 7, 2 → 4, 3 → 10, 4 → 5; n = 26; Σ n_c(n_c − 1) = 42 + 12 + 90 + 20 = 164.
    // α = (25·20 − 164) / (26·25 − 164) = 336/486 = 0.69136…
    const alpha = krippendorffAlphaNominal(data)!;
    expect(Math.abs(alpha - 336 / 486)).toBeLessThan(EPS);
  });

  it('is 1 for perfect agreement and null when undefined', () => {
    expect(krippendorffAlphaNominal([['a', 'b', 'a'], ['a', 'b', 'a']])).toBe(1);
    expect(krippendorffAlphaNominal([])).toBeNull();
    // One coder: no unit is pairable.
    expect(krippendorffAlphaNominal([['a', 'b']])).toBeNull();
    // No variation at all: expected disagreement is 0.
    expect(krippendorffAlphaNominal([['a', 'a'], ['a', 'a']])).toBeNull();
  });
});
