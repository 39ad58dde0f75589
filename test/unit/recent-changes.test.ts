import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecentChange } from '../../src/core/api/annotations';
import { keepRecent, readRecent } from '../../src/main/annotations/recent';

const entry = (id: number, quote: string): RecentChange => ({
  id,
  docId: 'd1',
  title: 'Talks in Geneva',
  change: { op: 'addMention', mention: { id: `m${id}`, label: 'GPE', start: 0, end: quote.length, quote, origin: 'manual', author: 'ana', createdAt: '2026-12-07T10:00:00.000Z' } },
  at: 1_765_000_000_000 + id,
  undone: id === 1,
  kind: 'change',
});

describe('the list of recent changes kept in the workspace', () => {
  it('is read back as last kept, per analyst, the last of several writes winning', async () => {
    const root = await mkdtemp(join(tmpdir(), 'parley-recent-'));
    expect(await readRecent(root, 'ana')).toEqual([]);
    const writes = [keepRecent(root, 'ana', [entry(1, 'Geneva')]), keepRecent(root, 'ana', [entry(2, 'Syria'), entry(1, 'Geneva')])];
    await Promise.all(writes);
    expect((await readRecent(root, 'ana')).map((r) => [r.id, r.undone])).toEqual([
      [2, false],
      [1, true],
    ]);
    expect(await readRecent(root, 'ben')).toEqual([]);
    // A schema step changed every layer: it names no document.
    const step: RecentChange = { id: 4, docId: '', title: 'every layer', change: { op: 'batch', title: 'split ORG', changes: [] }, at: 1_765_000_000_004, undone: false, kind: 'schema', schemaVersion: 2 };
    await keepRecent(root, 'ana', [step, entry(2, 'Syria')]);
    expect((await readRecent(root, 'ana'))[0]).toEqual(step);
  });

  it('a file that does not parse or does not fit counts as no list, and the next change replaces it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'parley-recent-'));
    await mkdir(join(root, '.parley', 'recent'), { recursive: true });
    await writeFile(join(root, '.parley', 'recent', 'ana.json'), '{"version":1,"recent":[{"id":"x"}]}');
    expect(await readRecent(root, 'ana')).toEqual([]);
    await writeFile(join(root, '.parley', 'recent', 'ana.json'), '{torn');
    expect(await readRecent(root, 'ana')).toEqual([]);
    await keepRecent(root, 'ana', [entry(3, 'Aleppo')]);
    expect((await readRecent(root, 'ana')).map((r) => r.id)).toEqual([3]);
  });
});
