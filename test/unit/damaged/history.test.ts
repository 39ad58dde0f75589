/** A layer committed damaged (a hand-edited file synced as it was): the document's history names it by blob and line instead of hiding the rest, and restoring that version is refused. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyLayer } from '../../../src/core/model';
import { documentHistory, restoreLayerAt } from '../../../src/main/sync/history';
import { fs, git } from '../../../src/main/sync/objects';
import { makeDocument, Workspace } from '../../../src/main/workspace';
import { lineOf, pretty, tempDir } from './damage';

describe('a damaged layer in the shared history', () => {
  it('is listed with its problem by blob and line, and is not restored', async () => {
    const ws = await Workspace.create(join(await tempDir(), 'ws'), 'h', [makeDocument('d1', 'One', 'Lavrov met Kerry.', {})]);
    ws.close();
    const dir = ws.root;
    const text = pretty({ ...emptyLayer('d1', 'ana', 'h'), frames: 'none' });
    await mkdir(join(dir, 'annotations', 'ana'), { recursive: true });
    await writeFile(join(dir, 'annotations', 'ana', 'd1.json'), text);
    await git.init({ fs, dir });
    for (const filepath of ['documents/d1.json', 'annotations/ana/d1.json']) await git.add({ fs, dir, filepath });
    const commit = await git.commit({ fs, dir, message: 'Sync from ana', author: { name: 'ana', email: 'ana@example.org' } });
    const entry = (await documentHistory(dir, 'd1')).find((e) => e.layer === 'ana');
    expect(entry?.mentions).toBeUndefined();
    expect(entry?.problem).toMatch(new RegExp(`^annotations/ana/d1\\.json \\(shared history, blob [0-9a-f]{10}\\):${lineOf(text, '"frames"')}: not a valid annotation layer at frames`));
    await expect(restoreLayerAt(dir, 'ana', 'd1', commit)).rejects.toMatchObject({ code: 'corrupt_file', line: lineOf(text, '"frames"') });
  });
});
