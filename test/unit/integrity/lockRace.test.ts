/**
 * Processes racing for one workspace's lock: however they interleave, one
 * writes and the others are refused, also when the lock they race over was
 * left by a process that died, or is being written by another at that moment.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, writeFile, utimes } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, lockPath, releaseLock } from '../../../src/main/store/lock';

const lockModule = resolve('src/main/store/lock.ts');

/** One racer: waits for `go`, tries the lock once, prints won or refused, and holds a win until every racer has tried. */
const racer = `
import { existsSync } from 'node:fs';
const { acquireLock } = await import(process.env.LOCK_MODULE);
while (!existsSync(process.env.GO)) {}
try { acquireLock(process.env.ROOT); process.stdout.write('won'); while (!existsSync(process.env.STOP)) await new Promise((r) => setTimeout(r, 20)); }
catch (e) { process.stdout.write(e.code === 'conflict' ? 'refused' : 'error ' + e.message); }
`;

async function race(root: string, racers: number): Promise<string[]> {
  const go = join(root, 'go');
  const stop = join(root, 'stop');
  const runs = Array.from({ length: racers }, () => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', racer], {
      env: { ...process.env, LOCK_MODULE: lockModule, ROOT: root, GO: go, STOP: stop },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const tried = new Promise<string>((r) => child.stdout.on('data', (d: Buffer) => r((out += d.toString()))));
    return { tried, done: new Promise<string>((r) => child.on('exit', () => r(out))) };
  });
  // Give every racer time to load and spin on the barrier, then start them at once.
  await new Promise((r) => setTimeout(r, 4_000));
  await writeFile(go, '');
  // A winner holds the lock until every racer has tried, so no racer can take it after a release.
  const outcomes = await Promise.all(runs.map((r) => r.tried));
  await writeFile(stop, '');
  await Promise.all(runs.map((r) => r.done));
  return outcomes;
}

const deadHolder = JSON.stringify({ pid: 2 ** 30, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z', command: 'parley serve' });

describe('racing for the lock', { timeout: 180_000 }, () => {
  it('of five processes racing over a lock its holder left behind, exactly one wins each round', async () => {
    for (let round = 0; round < 3; round++) {
      const root = await mkdtemp(join(tmpdir(), 'parley-lockrace-'));
      await mkdir(join(root, '.parley'));
      await writeFile(lockPath(root), deadHolder);
      const outcomes = await race(root, 5);
      expect(outcomes.filter((o) => o === 'won')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'refused')).toHaveLength(4);
    }
  });

  it('a lock that is still being written (no holder in it yet) is not taken over; one left empty for long is', async () => {
    const root = await mkdtemp(join(tmpdir(), 'parley-lockrace-'));
    await mkdir(join(root, '.parley'));
    await writeFile(lockPath(root), '');
    expect(() => acquireLock(root)).toThrow(expect.objectContaining({ code: 'conflict', message: expect.stringMatching(/taking the lock/) }));
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(lockPath(root), longAgo, longAgo);
    acquireLock(root);
    releaseLock(root);
  });
});
