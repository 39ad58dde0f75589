import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSchema } from '../../../src/core/defaults';
import { SettingsStore } from '../../../src/main/settings/settingsFile';
import { listSnapshots } from '../../../src/main/store/snapshots';
import { entryOf, makeDocument, Workspace } from '../../../src/main/workspace';
import { handlersOn, mentionAt, tempDir, textOf, workspaceWith } from './fixtures';

describe('no single point of failure', () => {
  it('an old workspace.json is split into schema.json, index.json and entities.json after a snapshot', async () => {
    const dir = join(await tempDir(), 'old');
    const docs = [makeDocument('d1', 'One', textOf(10, 'a'), {}), makeDocument('d2', 'Two', textOf(10, 'b'), {})];
    const ws = await Workspace.create(dir, 'tmp', docs);
    Workspace.release(dir);
    for (const f of ['schema.json', 'index.json', 'entities.json']) await import('node:fs/promises').then((fs) => fs.rm(join(dir, f)));
    const old = { version: 1, name: 'Old', schema: defaultSchema(), documents: docs.map(entryOf), entities: [{ id: 'e1', type: 'PERSON', name: 'Lavrov', aliases: [] }] };
    await writeFile(join(dir, 'workspace.json'), JSON.stringify(old));
    expect(ws.root).toBe(dir);

    // Read-only commands read the old layout and change nothing.
    const reader = await Workspace.open(dir, { readOnly: true });
    expect(reader.entries.map((e) => e.id)).toEqual(['d1', 'd2']);
    expect(existsSync(join(dir, 'schema.json'))).toBe(false);

    const again = await Workspace.open(dir);
    expect(again.name).toBe('Old');
    expect(again.entities.map((e) => e.name)).toEqual(['Lavrov']);
    expect(existsSync(join(dir, 'workspace.json'))).toBe(false);
    expect(JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')).documents.map((d: { id: string }) => d.id)).toEqual(['d1', 'd2']);
    expect(JSON.parse(await readFile(join(dir, 'entities.json'), 'utf8')).entities).toHaveLength(1);
    const [snap] = await listSnapshots(dir);
    expect(snap.copied).toEqual(['workspace.json']);
    expect(JSON.parse(await readFile(join(dir, '.parley', 'snapshots', snap.id, 'files', 'workspace.json'), 'utf8'))).toEqual(old);
    Workspace.release(dir);
  });

  it('a damaged index is rebuilt from documents/, and the damaged file is kept', async () => {
    const dir = await workspaceWith(3);
    Workspace.release(dir);
    await writeFile(join(dir, 'index.json'), '{"version": 1, "documents": [');
    const ws = await Workspace.open(dir);
    expect(ws.entries.map((e) => e.id).sort()).toEqual(['d0', 'd1', 'd2']);
    expect(ws.problems.map((p) => p.message).join('\n')).toMatch(/rebuilt from documents\/ \(3 documents\)/);
    const kept = await readdir(join(dir, '.parley', 'damaged'));
    expect(await readFile(join(dir, '.parley', 'damaged', kept[0]), 'utf8')).toBe('{"version": 1, "documents": [');
    expect(JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')).documents).toHaveLength(3);
    Workspace.release(dir);
  });

  it('a damaged registry is reported; documents and layers stay readable and editable; the file is never overwritten', async () => {
    const dir = await workspaceWith(2);
    const { handlers } = await handlersOn(dir);
    await handlers['annotations.change']({ docId: 'd0', change: { op: 'addMention', mention: mentionAt(textOf(40, 'n0'), 0, 'm1') } });
    Workspace.release(dir);
    await writeFile(join(dir, 'entities.json'), 'garbage');
    const { handlers: after } = await handlersOn(dir);
    const info = await after['workspace.info']({});
    expect(info.problems).toEqual([expect.objectContaining({ file: join(dir, 'entities.json'), message: expect.stringMatching(/not valid JSON/) })]);
    expect((await after['documents.open']({ docId: 'd0' })).layer.mentions.map((m) => m.id)).toEqual(['m1']);
    await after['annotations.change']({ docId: 'd1', change: { op: 'addMention', mention: mentionAt(textOf(40, 'n1'), 1, 'm2') } });
    await expect(after['entities.save']({ entity: { id: 'e1', type: 'PERSON', name: 'Lavrov', aliases: [] } })).rejects.toMatchObject({ code: 'corrupt_file' });
    expect(await readFile(join(dir, 'entities.json'), 'utf8')).toBe('garbage');
    Workspace.release(dir);
  });

  it('damaged settings are reported and defaults used; the file is kept', async () => {
    const home = await tempDir('parley-home-');
    await writeFile(join(home, 'settings.json'), '{"annotator": 42');
    const settings = await SettingsStore.load(home);
    expect(settings.problem?.message).toMatch(/not valid JSON.*default settings are used/);
    expect(settings.annotator.length).toBeGreaterThan(0);
    await settings.update((s) => (s.annotator = 'ana'));
    expect(await readFile(join(home, 'settings.json.damaged'), 'utf8')).toBe('{"annotator": 42');
  });
});
