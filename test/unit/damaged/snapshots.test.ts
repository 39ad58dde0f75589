/** A snapshot's manifest, damaged: listed as a problem by file and line, never pruned (its copies may be all that is left), and not restored. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParleyError } from '../../../src/core/errors';
import { listSnapshots, restoreSnapshot, takeSnapshot } from '../../../src/main/store/snapshots';
import { makeDocument, Workspace } from '../../../src/main/workspace';
import { cut, expectRefused, lineOf, pretty, tempDir } from './damage';

async function snapshotted(): Promise<{ root: string; id: string; path: string; text: string }> {
  const ws = await Workspace.create(join(await tempDir(), 'ws'), 's', [makeDocument('d1', 'One', 'Lavrov met Kerry.', {})]);
  ws.close();
  const id = await takeSnapshot(ws.root, 'before a test', [join(ws.root, 'schema.json')]);
  const path = join(ws.root, '.parley', 'snapshots', id, 'manifest.json');
  return { root: ws.root, id, path, text: pretty(JSON.parse(await readFile(path, 'utf8'))) };
}

describe('a damaged snapshot manifest', () => {
  it('cut short: restoring it is refused by file and line; it is listed as a problem and outlives pruning', async () => {
    const { root, id, path, text } = await snapshotted();
    await expectRefused(path, cut(text, 3), 3, () => restoreSnapshot(root, id));
    const damaged: ParleyError[] = [];
    expect(await listSnapshots(root, damaged)).toEqual([]);
    expect(damaged).toMatchObject([{ code: 'corrupt_file', file: path, line: 3 }]);
    await takeSnapshot(root, 'another', [join(root, 'schema.json')], { count: 1, bytes: 1e9 });
    expect(await readdir(join(root, '.parley', 'snapshots'))).toContain(id);
    expect(await readFile(path, 'utf8')).toBe(cut(text, 3));
  });

  it('naming a file outside the workspace is refused at its line, and nothing is restored', async () => {
    const { root, id, path, text } = await snapshotted();
    const wrong = pretty({ ...JSON.parse(text), created: ['../../elsewhere.json'] });
    await expectRefused(path, wrong, lineOf(wrong, '"created"') + 1, () => restoreSnapshot(root, id));
  });

  it("the index journal it kept, with a line of the wrong type: the restore is refused at that line, and nothing is restored", async () => {
    const ws = await Workspace.create(join(await tempDir(), 'ws'), 's', [makeDocument('d1', 'One', 'Lavrov met Kerry.', {})]);
    await ws.addDocuments([makeDocument('x1', 'Two', 'Kerry met Lavrov.', {})]);
    await ws.addDocuments([makeDocument('x2', 'Three', 'A ceasefire.', {})]);
    const [, snap] = (await listSnapshots(ws.root)).slice(-2);
    ws.close();
    const copy = join(ws.root, '.parley', 'snapshots', snap.id, 'files', 'index.journal');
    const [first] = (await readFile(copy, 'utf8')).split('\n');
    const text = `${first}\n${JSON.stringify({ ...JSON.parse(first), id: 7 })}\n`;
    await expectRefused(copy, text, 2, () => restoreSnapshot(ws.root, snap.id));
    expect(await readdir(join(ws.root, 'documents'))).toContain('x2.json');
  });
});
