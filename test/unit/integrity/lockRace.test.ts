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

/**
 * One racer, for every round: waits for the round's `go`, tries the lock
 * once, prints won or refused on a line, holds a win until every racer has
 * tried (the round's `stop`), then lets it go. One process a racer for all
 * rounds: starting a TypeScript process costs about a second of CPU, and
 * racers wait for a round asleep, spinning only for its last moment.
 */
const racer = `
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
const { acquireLock, releaseLock } = await import(process.env.LOCK_MODULE);
for (const root of process.env.ROOTS.split(',')) {
  while (!existsSync(join(root, 'go'))) await new Promise((r) => setTimeout(r, 5));
  // The go file says when: every racer spins until that moment, so they try within microseconds of each other.
  const at = Number(readFileSync(join(root, 'go'), 'utf8'));
  while (Date.now() < at) {}
  try {
    acquireLock(root);
    process.stdout.write('won\\n');
    while (!existsSync(join(root, 'stop'))) await new Promise((r) => setTimeout(r, 20));
    releaseLock(root);
  } catch (e) { process.stdout.write((e.code === 'conflict' ? 'refused' : 'error ' + e.message) + '\\n'); }
}
`;

/** Races `racers` processes over the lock of each folder in turn; the outcomes, a list per folder. */
async function race(roots: string[], racers: number): Promise<string[][]> {
  const lines: string[][] = [];
  const runs = Array.from({ length: racers }, (_, i) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', racer], {
      env: { ...process.env, LOCK_MODULE: lockModule, ROOTS: roots.join(',') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    lines[i] = [];
    let rest = '';
    child.stdout.on('data', (d: Buffer) => {
      const parts = (rest + d.toString()).split('\n');
      rest = parts.pop()!;
      lines[i].push(...parts);
    });
    return new Promise<void>((r) => child.on('exit', () => r()));
  });
  // Give every racer time to load and wait at the first barrier.
  await new Promise((r) => setTimeout(r, 4_000));
  const outcomes: string[][] = [];
  for (const [round, root] of roots.entries()) {
    // Every racer is waiting on this round's barrier: they start together 300 ms from now.
    await writeFile(join(root, 'go'), String(Date.now() + 300));
    // A winner holds the lock until every racer has tried, so no racer can take it after a release.
    while (lines.some((l) => l.length <= round)) await new Promise((r) => setTimeout(r, 20));
    outcomes.push(lines.map((l) => l[round]));
    await writeFile(join(root, 'stop'), '');
  }
  await Promise.all(runs);
  return outcomes;
}

const deadHolder = JSON.stringify({ pid: 2 ** 30, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z', command: 'parley serve' });

describe('racing for the lock', { timeout: 180_000 }, () => {
  it('of five processes racing over a lock its holder left behind, exactly one wins each round', async () => {
    const roots: string[] = [];
    for (let round = 0; round < 3; round++) {
      const root = await mkdtemp(join(tmpdir(), 'parley-lockrace-'));
      await mkdir(join(root, '.parley'));
      await writeFile(lockPath(root), deadHolder);
      roots.push(root);
    }
    for (const outcomes of await race(roots, 5)) {
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
