import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBareRepository } from '../../../src/main/sync/remote';
import { sync } from '../../../src/main/sync/sync';
import { startGitHost, type GitHost } from './gitHttp';
import { joinAs, layerText, sharedWorkspace, tag, tempDir } from './team';

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
