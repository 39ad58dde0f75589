import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listSnapshots, restoreSnapshot, takeSnapshot } from '../../../src/main/store/snapshots';
import { Workspace } from '../../../src/main/workspace';
import { documentFiles, handlersOn, homeFor, mentionAt, parleySync, textOf, workspaceWith } from './fixtures';

describe('snapshots', () => {
  it('a label rename is snapshotted first, and restore brings the layers and schema back', { timeout: 120_000 }, async () => {
    const dir = await workspaceWith(3);
    const { handlers } = await handlersOn(dir);
    await handlers['annotations.change']({ docId: 'd1', change: { op: 'addMention', mention: mentionAt(textOf(40, 'n1'), 0, 'm1') } });
    const layer = join(dir, 'annotations', 'ana', 'd1.json');
    const before = await readFile(layer, 'utf8');
    await handlers['schema.renameLabel']({ from: 'PERSON', to: 'PEOPLE' });
    expect(JSON.parse(await readFile(layer, 'utf8')).mentions[0].label).toBe('PEOPLE');
    const [snap] = await listSnapshots(dir);
    expect(snap.reason).toBe('rename of label PERSON to PEOPLE');
    expect(snap.copied.sort()).toEqual(['annotations/ana/d1.json', 'entities.json', 'schema.json']);
    Workspace.release(dir);

    const home = await homeFor();
    const list = parleySync(home, 'restore', '--workspace', dir, '--list');
    expect(list.stdout).toContain(`${snap.id}\trename of label PERSON to PEOPLE\t3 files kept`);
    const r = parleySync(home, 'restore', '--workspace', dir, snap.id);
    expect(r.stderr).toBe('');
    expect(await readFile(layer, 'utf8')).toBe(before);
    const ws = await Workspace.open(dir, { readOnly: true });
    expect(ws.schema.labels.map((l) => l.name)).toContain('PERSON');
  });

  it('an import restored away removes the documents it added', async () => {
    const dir = await workspaceWith(2);
    const ws = await Workspace.open(dir);
    const { makeDocument } = await import('../../../src/main/workspace');
    await ws.addDocuments([makeDocument('x1', 'New', 'A new text.', {})]);
    const [snap] = await listSnapshots(dir);
    expect(snap.created).toContain('documents/x1.json');
    await restoreSnapshot(dir, snap.id);
    expect(await documentFiles(dir)).toEqual(['d0', 'd1']);
    Workspace.release(dir);
  });

  it('old snapshots are pruned by count and by size, the newest always kept', async () => {
    const dir = await workspaceWith(1);
    for (let i = 0; i < 5; i++) await takeSnapshot(dir, `s${i}`, [join(dir, 'index.json')], { count: 3, bytes: 10 ** 9 });
    expect((await listSnapshots(dir)).map((s) => s.reason)).toEqual(['s2', 's3', 's4']);
    await takeSnapshot(dir, 'big', [join(dir, 'index.json')], { count: 3, bytes: 1 });
    expect((await listSnapshots(dir)).map((s) => s.reason)).toEqual(['big']);
    Workspace.release(dir);
  });
});
