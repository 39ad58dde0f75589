import { describe, expect, it } from 'vitest';
import { workerWithOwnHeap } from '../../src/main/heap';

/** A thread that makes garbage for a while, then says how large its young generation grew (MB). */
const CHURN = `
const { getHeapSpaceStatistics } = require('node:v8');
const { parentPort } = require('node:worker_threads');
let keep = [];
for (let i = 0; i < 3e6; i++) { keep.push('x' + i); if (keep.length > 1000) keep = []; }
parentPort.postMessage(getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1048576);
`;

async function youngGeneration(limits?: { maxYoungGenerationSizeMb: number }): Promise<number> {
  const worker = workerWithOwnHeap(CHURN, { eval: true, resourceLimits: limits });
  try {
    return await new Promise<number>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  } finally {
    await worker.terminate();
  }
}

describe('a worker thread with its own heap', () => {
  it('keeps the young generation it is given, though the process sets a larger one', async () => {
    expect(await youngGeneration({ maxYoungGenerationSizeMb: 6 })).toBeLessThanOrEqual(6);
    // Without limits it grows as before: the setting is back once the thread has started.
    expect(await youngGeneration()).toBeGreaterThan(16);
  });
});
