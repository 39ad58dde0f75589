import { describe, expect, it } from 'vitest';
import { aheadInOrder, KeyedSequencer, Limiter, mapLimited, Sequencer } from '../../src/core/async';

const tick = () => new Promise<void>((r) => setTimeout(r, 1));

describe('async primitives', () => {
  it('a sequencer runs work one after another, and a failure does not stop what follows', async () => {
    const seq = new Sequencer();
    const log: string[] = [];
    const a = seq.run(async () => {
      log.push('a start');
      await tick();
      log.push('a end');
      return 1;
    });
    const b = seq.run(async () => {
      log.push('b');
      throw new Error('b failed');
    });
    const c = seq.run(async () => {
      log.push('c');
      return 3;
    });
    expect(await a).toBe(1);
    await expect(b).rejects.toThrow('b failed');
    expect(await c).toBe(3);
    expect(log).toEqual(['a start', 'a end', 'b', 'c']);
    await seq.idle();
  });

  it('a keyed sequencer orders work per key, lets keys overlap, and forgets idle keys', async () => {
    const seq = new KeyedSequencer<string>();
    const log: string[] = [];
    const slow = seq.run('x', async () => {
      await tick();
      await tick();
      log.push('x1');
    });
    const x2 = seq.run('x', async () => void log.push('x2'));
    const y = seq.run('y', async () => void log.push('y'));
    await Promise.all([slow, x2, y]);
    expect(log).toEqual(['y', 'x1', 'x2']);
    await tick();
    expect(seq.size).toBe(0);
  });

  it('a limiter keeps at most n running and returns results in order', async () => {
    const limiter = new Limiter(2);
    let running = 0;
    let most = 0;
    const work = async (n: number) => {
      running++;
      most = Math.max(most, running);
      await tick();
      running--;
      return n * 2;
    };
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => limiter.run(() => work(n))));
    expect(results).toEqual([2, 4, 6, 8, 10]);
    expect(most).toBe(2);
    most = 0;
    expect(await limiter.map([1, 2, 3], work)).toEqual([2, 4, 6]);
    expect(most).toBe(2);
    expect(await mapLimited([], 4, work)).toEqual([]);
    expect(() => new Limiter(0)).toThrow(RangeError);
  });

  it('a limiter lets the next start when work fails', async () => {
    const limiter = new Limiter(1);
    const failed = limiter.run(async () => {
      throw new Error('no');
    });
    await expect(failed).rejects.toThrow('no');
    expect(await limiter.run(async () => 'next')).toBe('next');
  });

  it('reading ahead yields in order with at most `ahead` in flight', async () => {
    let running = 0;
    let most = 0;
    const out: number[] = [];
    for await (const n of aheadInOrder([5, 1, 3, 2], async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n;
    }, 2)) out.push(n);
    expect(out).toEqual([5, 1, 3, 2]);
    expect(most).toBeLessThanOrEqual(2);
  });
});
