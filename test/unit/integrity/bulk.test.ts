import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { settleBulk } from '../../../src/main/store/atomicCommit';
import { entryOf, makeDocument, Workspace } from '../../../src/main/workspace';
import { documentFiles, textOf, workspaceWith } from './fixtures';

/** While set, intent records are never removed: the process stops, as far as the disk can tell, right after the commit point. */
const cut = vi.hoisted(() => ({ afterCommit: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  return { ...fs, rm: (path: string, options?: { force?: boolean; recursive?: boolean }) => (cut.afterCommit && path.endsWith('.intent') ? Promise.resolve() : fs.rm(path, options)) };
});

const intents = async (dir: string) => (await readdir(join(dir, '.parley', 'intents')).catch(() => [] as string[])).filter((n) => !n.startsWith('.'));

describe('an import whose files were lost after its commit point (a power cut before the checkpoint)', () => {
  it('is finished from its intent record at the next open: every document whole and listed once', async () => {
    const dir = await workspaceWith(3);
    const ws = await Workspace.open(dir);
    const added = Array.from({ length: 40 }, (_, i) => makeDocument(`x${i}`, `New ${i}`, textOf(30, `x${i} "quoted" \\ and\nlines`), {}));
    cut.afterCommit = true;
    await ws.addDocuments(added);
    // The checkpoint runs, all but removing the record.
    await settleBulk(dir);
    cut.afterCommit = false;
    Workspace.release(dir);
    expect(await intents(dir)).toHaveLength(1);
    // What the disk may hold after the power cut: files never written, torn ones, and the index journal's lines gone.
    await rm(join(dir, 'documents', 'x0.json'));
    await truncate(join(dir, 'documents', 'x7.json'), 25);
    await truncate(join(dir, 'index.journal'), 0);

    const again = await Workspace.open(dir);
    expect(again.entries.map((e) => e.id)).toEqual(['d0', 'd1', 'd2', ...added.map((d) => d.id)]);
    expect(JSON.parse(await readFile(join(dir, 'documents', 'x7.json'), 'utf8'))).toEqual(added[7]);
    expect(await again.check()).toEqual([]);
    expect(await intents(dir)).toEqual([]);
    Workspace.release(dir);
  });

  it('a record written whole as JSON by an earlier version is finished too', async () => {
    const dir = await workspaceWith(2);
    Workspace.release(dir);
    const doc = makeDocument('y1', 'Older', 'A text from before.', {});
    await mkdir(join(dir, '.parley', 'intents'), { recursive: true });
    const at = existsSync(join(dir, 'index.journal')) ? (await readFile(join(dir, 'index.journal'))).length : 0;
    const record = {
      id: '2026-01-01T00-00-00-000Z-0000abcd',
      what: 'import of 1 documents',
      createdAt: '2026-01-01T00:00:00.000Z',
      files: [],
      created: [{ target: 'documents/y1.json', text: JSON.stringify(doc) }],
      appends: [{ target: 'index.journal', at, text: JSON.stringify(entryOf(doc)) + '\n' }],
    };
    await writeFile(join(dir, '.parley', 'intents', `${record.id}.json`), JSON.stringify(record));
    const ws = await Workspace.open(dir);
    expect(ws.entries.map((e) => e.id)).toEqual(['d0', 'd1', 'y1']);
    expect(await documentFiles(dir)).toEqual(['d0', 'd1', 'y1']);
    expect(await ws.check()).toEqual([]);
    expect(await intents(dir)).toEqual([]);
    Workspace.release(dir);
  });
});
