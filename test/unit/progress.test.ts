import { describe, expect, it } from 'vitest';
import { describeProgress, describeRemaining, remainingMs } from '../../src/core/progress';

describe('progress of a long piece of work', () => {
  it('estimates the time left from the pace so far, once there is a pace', () => {
    expect(remainingMs({ done: 0, total: 100, startedAt: 0 }, 5_000)).toBeNull();
    expect(remainingMs({ done: 10, total: 100, startedAt: 0 }, 100)).toBeNull();
    expect(remainingMs({ done: 25, total: 100, startedAt: 0 }, 10_000)).toBe(30_000);
    expect(remainingMs({ done: 100, total: 100, startedAt: 0 }, 10_000)).toBe(0);
  });

  it('says it in words a person reads at a glance', () => {
    expect(describeRemaining(null)).toBe('');
    expect(describeRemaining(400)).toBe('less than a second left');
    expect(describeRemaining(18_200)).toBe('about 19 s left');
    expect(describeRemaining(185_000)).toBe('about 3 min left');
    expect(describeProgress({ done: 12_000, total: 100_000, startedAt: 0 }, 3_000, 'documents')).toBe('12,000 of 100,000 documents, about 22 s left');
    expect(describeProgress({ done: 1, total: 10, startedAt: 0 }, 10, 'files')).toBe('1 of 10 files');
  });
});
