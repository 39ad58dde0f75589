import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { trainingLayers } from '../../../src/main/suggest/service';
import { sync } from '../../../src/main/sync/sync';
import { Workspace } from '../../../src/main/workspace';
import { parley } from '../parley';
import { handlersFor, joinAs, leadAndBen, sharedWorkspace, tag, tempDir } from './team';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 60_000 });

/** ben's and the lead's windows on a shared workspace where both have labelled doc1, synced both ways. */
async function doubleAnnotated() {
  const team = await leadAndBen();
  await tag(team.ben, 'ben', 'doc1', 'Kerry', 'PERSON');
  await sync(team.ben);
  await tag(team.lead, 'lead', 'doc1', 'Lavrov', 'PERSON');
  await team.api['sync.run']({});
  await sync(team.ben);
  return { ...team, benApi: await handlersFor(team.ben, 'ben') };
}

describe('blind double annotation', () => {
  it('is on once two analysts have layers in a shared workspace; the sharer leads and sees all, the others only their own layer', async () => {
    const { lead, ben, api, benApi } = await doubleAnnotated();
    expect(JSON.parse(await readFile(join(lead, 'team.json'), 'utf8'))).toEqual({ version: 1, blind: 'auto', lead: 'lead' });
    expect(await benApi['team.settings']({})).toMatchObject({ blind: 'auto', blindOn: true, lead: 'lead', me: 'ben', seesAll: false, analysts: ['ben', 'lead'] });
    expect(await api['team.settings']({})).toMatchObject({ blindOn: true, seesAll: true });

    // ben's document list, labellers and Corpus say nothing of the lead's layer; asking for it is refused.
    const page = await benApi['documents.page']({ offset: 0, limit: 10 });
    expect(page.rows.find((r) => r.id === 'doc1')?.labellers).toBeUndefined();
    expect(await benApi['sync.labellers']({})).toEqual({ doc1: [{ annotator: 'ben', status: 'in_progress', mentions: 1 }] });
    await expect(benApi['frames.corpus']({ layer: 'lead' })).rejects.toThrow(/blind annotation is on: ben sees only their own layer, not lead's/);
    await expect(benApi['frames.corpus']({ layer: 'all' })).rejects.toThrow(/not every analyst's/);
    await expect(benApi['frames.corpus']({ layer: 'gold' })).rejects.toThrow(/not gold/);
    expect(await benApi['frames.corpus']({})).toEqual([]);
    await expect(benApi['search.start']({ query: { text: 'Lavrov', mode: 'text', wholeWord: true, caseSensitive: false, annotator: 'lead', label: 'PERSON' } })).rejects.toThrow(/blind annotation is on/);
    // Nor through the other rooms: Review is the lead's, an export or a network of another layer is refused.
    await expect(benApi['review.document']({ docId: 'doc1', annotators: ['ben', 'lead'] })).rejects.toThrow(/Review, which compares analysts, is the lead's/);
    await expect(benApi['review.goldDifferences']({})).rejects.toThrow(/not gold/);
    expect((await benApi['review.annotators']({})).map((a) => a.annotator)).toEqual(['ben']);
    await expect(benApi['datasets.exportPlan']({ format: 'native', out: join(ben, '..', 'out'), annotator: 'lead' })).rejects.toThrow(/not lead's/);
    await expect(benApi['network.compare']({ left: 'ben', right: 'lead' })).rejects.toThrow(/not lead's/);
    expect((await benApi['datasets.exportPlan']({ format: 'native', out: join(ben, '..', 'out') })).documents).toBe(1);
    expect((await api['review.annotators']({})).map((a) => a.annotator)).toEqual(['ben', 'lead']);
    // The lead sees ben's progress.
    expect((await api['documents.page']({ offset: 0, limit: 10 })).rows.find((r) => r.id === 'doc1')?.labellers).toEqual([{ annotator: 'ben', status: 'in_progress' }]);

    // The recommender of ben's window learns from ben's layers alone: no gold, no colleague's.
    const ws = await Workspace.open(ben, { readOnly: true });
    try {
      expect(await trainingLayers(ws, 'ben')).toEqual(['ben']);
      await expect(trainingLayers(ws, 'ben', 'lead')).rejects.toThrow(/blind annotation is on/);
      expect(await trainingLayers(ws, 'lead')).toEqual(['ben', 'lead']);
    } finally {
      ws.close();
    }
  });

  it('only the lead turns it off, and then everyone sees every layer; the change travels by sync', async () => {
    const { lead, ben, api, benApi } = await doubleAnnotated();
    await expect(benApi['team.setSettings']({ blind: 'off' })).rejects.toThrow(/only the lead, lead, changes the team settings/);
    expect(await api['team.setSettings']({ blind: 'off' })).toMatchObject({ blind: 'off', blindOn: false, seesAll: true });
    expect((await api['sync.run']({})).outgoingText).toBe('blind annotation off');
    expect((await benApi['sync.run']({})).incomingText).toBe('blind annotation off');
    expect(await benApi['team.settings']({})).toMatchObject({ blind: 'off', blindOn: false, seesAll: true });
    expect((await benApi['frames.corpus']({ layer: 'all' })).length).toBe(0);
    expect((await benApi['documents.page']({ offset: 0, limit: 10 })).rows.find((r) => r.id === 'doc1')?.labellers).toEqual([{ annotator: 'lead', status: 'in_progress' }]);
    expect(existsSync(join(lead, 'team.json')) && existsSync(join(ben, 'team.json'))).toBe(true);
  });

  it('a workspace nobody shares is one reviewer’s: colleagues’ imported layers stay in view', async () => {
    const remote = join(await tempDir(), 'unused.git');
    const dir = await sharedWorkspace(remote);
    // The same folder, but not shared: its remote is forgotten.
    await rm(join(dir, '.git'), { recursive: true, force: true });
    await tag(dir, 'ana', 'doc1', 'Kerry', 'PERSON');
    await tag(dir, 'ben', 'doc1', 'Lavrov', 'PERSON');
    const api = await handlersFor(dir, 'reviewer');
    expect(await api['team.settings']({})).toMatchObject({ blindOn: false, seesAll: true, analysts: ['ana', 'ben'] });
  });

  it('parley team shows the settings, refuses a change from an analyst who does not lead, and names a bad value', async () => {
    const remote = join(await tempDir(), 'shared.git');
    await sharedWorkspace(remote, 'lead');
    const ana = await joinAs(remote, 'ana');
    const shown = await parley('team', '--workspace', ana);
    expect(shown.stdout).toContain('Blind double annotation: off (auto: on once two analysts have layers in a shared workspace).');
    expect(shown.stdout).toContain('Lead: lead.');
    const refused = await parley('team', '--workspace', ana, '--blind', 'off');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('only the lead, lead, changes the team settings');
    const bad = await parley('team', '--workspace', ana, '--blind', 'sometimes');
    expect(bad.stderr).toContain('--blind is auto, on or off');
  });
});

describe('share and join from the window', () => {
  it('shares the open workspace in place and joins a shared one as the analyst who asks, opening it', async () => {
    const root = await tempDir('parley-window-share-');
    const dir = join(root, 'ws');
    (await Workspace.create(dir, 'Team', [])).close();
    const api = await handlersFor(dir, 'ana');
    expect((await api['sync.status']({})).phase).toBe('not_shared');
    await expect(api['sync.share']({ remote: 'relative/team.git' })).rejects.toThrow(/not a full path/);
    const shared = await api['sync.share']({ remote: join(root, 'team.git') });
    expect(shared.status.phase).toBe('up_to_date');
    expect(JSON.parse(await readFile(join(dir, '.parley', 'identity.json'), 'utf8')).annotator).toBe('ana');
    expect(JSON.parse(await readFile(join(dir, 'team.json'), 'utf8')).lead).toBe('ana');
    await expect(api['sync.share']({ remote: join(root, 'other.git') })).rejects.toThrow(/already shared/);

    // Another machine's window joins as dana, and is then dana's window on the new copy.
    const other = await handlersFor(join(await sharedWorkspace(join(root, 'elsewhere.git'))), 'root');
    // A folder that holds something already is refused, and the open workspace stays open.
    const before = (await other['workspace.info']({})).path;
    await expect(other['sync.join']({ remote: join(root, 'team.git'), dir: dir, annotator: 'dana' })).rejects.toThrow(/is not empty: join into a new folder/);
    await expect(other['sync.join']({ remote: join(root, 'nothing.git'), dir: join(root, 'dana'), annotator: 'dana' })).rejects.toThrow(/no shared repository at/);
    expect((await other['workspace.info']({})).path).toBe(before);
    const joined = await other['sync.join']({ remote: join(root, 'team.git'), dir: join(root, 'dana'), annotator: 'dana' });
    expect(joined.status.phase).toBe('up_to_date');
    expect(await other['workspace.info']({})).toMatchObject({ path: join(root, 'dana'), annotator: 'dana', annotatorFrom: 'workspace' });
  });
});
