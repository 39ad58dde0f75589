import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBareRepository } from '../../../src/main/sync/remote';
import { sync } from '../../../src/main/sync/sync';
import { startGitHost, type GitHost } from './gitHttp';
import { makeDocument, Workspace } from '../../../src/main/workspace';
import { handlersFor, joinAs, layerText, sharedWorkspace, tag, tempDir } from './team';

// Syncs spawn no git, but several repositories per test make them slow on a busy machine.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 60_000 });

let host: GitHost;
let root: string;
beforeAll(async () => {
  root = await tempDir('parley-git-host-');
  host = await startGitHost(root);
});
afterAll(() => host.close());

describe('a team syncing through a git host over HTTP on 127.0.0.1', () => {
  it('three analysts tag the same documents and sync in turns: all three layers everywhere, identical', async () => {
    await createBareRepository(join(root, 'team.git'));
    const remote = `${host.url}/team.git`;
    const lead = await sharedWorkspace(remote);
    const team = { ana: await joinAs(remote, 'ana'), ben: await joinAs(remote, 'ben'), cy: await joinAs(remote, 'cy') };
    await tag(team.ana, 'ana', 'doc1', 'Lavrov', 'PERSON');
    await tag(team.ben, 'ben', 'doc1', 'Kerry', 'PERSON');
    await tag(team.cy, 'cy', 'doc1', 'Geneva', 'GPE');
    await sync(team.ana);
    await sync(team.ben);
    const third = await sync(team.cy);
    expect(third.incoming.layers.map((l) => l.annotator).sort()).toEqual(['ana', 'ben']);
    expect(third.outgoing.layers).toEqual([{ annotator: 'cy', docId: 'doc1', change: 'added' }]);
    await sync(team.ana);
    await sync(team.ben);
    await sync(lead);
    for (const who of ['ana', 'ben', 'cy'] as const) {
      const expected = await layerText(team[who], who, 'doc1');
      for (const dir of [lead, team.ana, team.ben, team.cy]) expect(await layerText(dir, who, 'doc1')).toEqual(expected);
    }
  });
});

describe('share and join from the window over HTTP', () => {
  it('shares to an https-style URL with a token the window keeps (never in the workspace), and a colleague joins it', async () => {
    await createBareRepository(join(root, 'window.git'));
    const remote = `${host.url}/window.git`;
    const dir = join(await tempDir(), 'ws');
    (await Workspace.create(dir, 'Team', [makeDocument('doc1', 'Article', 'Sergey Lavrov met John Kerry.', {})])).close();
    const api = await handlersFor(dir, 'lead');
    const shared = await api['sync.share']({ remote, token: 'secret-token' });
    expect(shared.status).toMatchObject({ phase: 'up_to_date', remote, hasToken: true });
    expect(await readFile(join(dir, '.git', 'config'), 'utf8')).not.toContain('secret-token');

    const start = join(await tempDir(), 'start');
    (await Workspace.create(start, 'Mine', [])).close();
    const other = await handlersFor(start, 'root');
    const joined = await other['sync.join']({ remote, dir: join(await tempDir(), 'ana'), annotator: 'ana', token: 'her-token' });
    expect(joined).toMatchObject({ summary: '1 document, blind annotation auto, lead lead', status: { phase: 'up_to_date', hasToken: true } });
    expect((await other['workspace.info']({})).annotator).toBe('ana');
  });
});
