/** The shared list of sync conflicts, damaged: listing and resolving are refused by file and line, the list kept (taken for empty, resolving would drop the others). */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConflicts, resolveConflict } from '../../../src/main/sync/conflicts';
import { makeDocument, Workspace } from '../../../src/main/workspace';
import { cut, expectRefused, lineOf, pretty, tempDir } from './damage';

const conflict = { id: 'entities.json#entities/e1', file: 'entities.json', path: ['entities', 'e1'], kind: 'both_changed', base: null, ours: { name: 'Lavrov' }, theirs: { name: 'S. Lavrov' }, at: '2026-01-01T00:00:00.000Z' };

describe('a damaged conflicts.json', () => {
  it('cut short: listing it is refused by file and line, and it is kept', async () => {
    const root = await tempDir();
    await expectRefused(join(root, 'conflicts.json'), cut(pretty({ version: 1, conflicts: [conflict] }), 6), 6, () => readConflicts(root));
  });

  it('with a conflict of the wrong kind: resolving is refused at its line, and the list is kept', async () => {
    const ws = await Workspace.create(join(await tempDir(), 'ws'), 'c', [makeDocument('d1', 'One', 'Lavrov met Kerry.', {})]);
    ws.close();
    const text = pretty({ version: 1, conflicts: [{ ...conflict, kind: 'both_gone' }] });
    await expectRefused(join(ws.root, 'conflicts.json'), text, lineOf(text, '"kind"'), () => resolveConflict(ws.root, conflict.id, 'ours'));
  });

  it('resolving into a file cut short is refused by that file and line, and both files are kept', async () => {
    const ws = await Workspace.create(join(await tempDir(), 'ws'), 'c', [makeDocument('d1', 'One', 'Lavrov met Kerry.', {})]);
    ws.close();
    const onLayer = { ...conflict, id: 'annotations/ana/d1.json#mentions/m1', file: 'annotations/ana/d1.json', path: ['mentions', 'm1'] };
    const list = pretty({ version: 1, conflicts: [onLayer] });
    await writeFile(join(ws.root, 'conflicts.json'), list);
    await expectRefused(join(ws.root, 'annotations', 'ana', 'd1.json'), '{\n  "docId": "d1",\n  "mentions": [', 3, () => resolveConflict(ws.root, onLayer.id, 'ours'));
    expect(await readFile(join(ws.root, 'conflicts.json'), 'utf8')).toBe(list);
  });
});
