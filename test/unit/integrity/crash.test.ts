import { describe, expect, it } from 'vitest';
import { killLoop } from '../../../bench/integrity/killloop';

// The short kill loop; `npm run bench:crash` runs 1,000 kills.
describe('a writer killed at random moments', { timeout: 300_000 }, () => {
  it('leaves no torn file, loses no acknowledged edit, leaves the workspace valid and no temp file', async () => {
    const figures = await killLoop({ kills: 3, seed: 7 });
    expect(figures.kills).toBe(3);
    expect(figures.acknowledged_edits).toBeGreaterThan(0);
    expect({ ...figures, kills: 0, acknowledged_edits: 0 }).toEqual({
      kills: 0,
      torn_files: 0,
      acknowledged_edits: 0,
      acknowledged_edits_lost: 0,
      workspaces_left_invalid: 0,
      temp_files_left: 0,
    });
  });
});
