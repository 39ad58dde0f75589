import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParleyError } from '../../../src/core/errors';
import { parley } from '../parley';
import { handlersFor, joinAs, read, sharedWorkspace, tempDir, TEXTS } from './team';

const mention = (id: string) => ({ id, label: 'PERSON', start: 0, end: 12, quote: TEXTS[0].slice(0, 12), origin: 'manual' as const, author: 'x', createdAt: new Date().toISOString() });

describe("a clone's analyst", () => {
  it('is who joined: the window on dana\'s copy writes dana\'s layer whatever the user settings say', async () => {
    const remote = join(await tempDir(), 'shared.git');
    await sharedWorkspace(remote);
    const dana = await joinAs(remote, 'dana');
    // The user's settings on this machine say "root", as an OS user's default would.
    const api = await handlersFor(dana, 'root');
    const info = await api['workspace.info']({});
    expect(info.annotator).toBe('dana');
    expect(info.annotatorFrom).toBe('workspace');
    await api['annotations.change']({ docId: 'doc1', change: { op: 'addMention', mention: mention('m1') } });
    expect(existsSync(join(dana, 'annotations', 'dana', 'doc1.json'))).toBe(true);
    expect(existsSync(join(dana, 'annotations', 'root'))).toBe(false);
    expect((await (await read(dana)).layer('dana', 'doc1')).data.mentions.map((m) => m.id)).toEqual(['m1']);
    // The identity is the clone's own: never shared by sync.
    expect(JSON.parse(await readFile(join(dana, '.parley', 'identity.json'), 'utf8')).annotator).toBe('dana');
  });

  it('changes only when the change is confirmed', async () => {
    const remote = join(await tempDir(), 'shared.git');
    await sharedWorkspace(remote);
    const dana = await joinAs(remote, 'dana');
    const api = await handlersFor(dana, 'root');
    await expect(api['workspace.setAnnotator']({ annotator: 'erin' })).rejects.toThrow(ParleyError);
    expect((await api['workspace.info']({})).annotator).toBe('dana');
    await expect(api['workspace.setAnnotator']({ annotator: 'gold', confirm: true })).rejects.toThrow(/adjudicated layer/);
    expect((await api['workspace.setAnnotator']({ annotator: 'erin', confirm: true })).annotator).toBe('erin');
    // The user's settings do not move the clone's analyst.
    expect((await api['settings.setAnnotator']({ annotator: 'root' })).annotator).toBe('erin');
  });

  it('without a clone analyst, the user settings decide (as before)', async () => {
    const remote = join(await tempDir(), 'shared.git');
    const lead = await sharedWorkspace(remote);
    const api = await handlersFor(lead, 'lead');
    expect(await api['workspace.info']({})).toMatchObject({ annotator: 'lead', annotatorFrom: 'settings' });
  });

  it('is set by parley init, share and join --annotator, and used by the commands', async () => {
    const base = await tempDir();
    const lead = join(base, 'lead');
    const remote = join(base, 'shared.git');
    expect((await parley('init', '--workspace', lead, '--annotator', 'lena')).stdout).toMatch(/analysed here as lena/);
    expect((await parley('init', '--workspace', join(base, 'bad'), '--annotator', 'gold')).code).not.toBe(0);
    expect((await parley('share', '--workspace', lead, '--remote', remote, '--annotator', 'lea')).stdout).toMatch(/analyses as lea/);
    expect(JSON.parse(await readFile(join(lead, '.parley', 'identity.json'), 'utf8')).annotator).toBe('lea');
    const dana = join(base, 'dana');
    expect((await parley('join', remote, dana, '--annotator', 'dana')).code).toBe(0);
    // parley import without --annotator labels for the clone's analyst, not the user's settings.
    const conll = join(base, 'x.conll');
    await import('node:fs/promises').then((f) => f.writeFile(conll, 'Lavrov\tB-PERSON\nmet\tO\n'));
    const imported = await parley('import', '--workspace', dana, '--format', 'conll', conll);
    expect(imported.stdout).toMatch(/labels for dana/);
  });
});
