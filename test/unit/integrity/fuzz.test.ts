import { describe, expect, it } from 'vitest';
import { fuzz } from '../../../bench/integrity/fuzz';

// The short fuzz run; `npm run bench:fuzz` feeds 100,000 inputs.
describe('mutated inputs at the boundary', { timeout: 120_000 }, () => {
  it('never crash a handler, never answer 5xx, never import partly', async () => {
    const figures = await fuzz({ apiCases: 300, importCases: 40, seed: 3 });
    expect(figures).toMatchObject({ api_cases: 300, import_cases: 40, uncaught_exceptions: 0, http_5xx: 0, partial_imports: 0 });
  });
});
