import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConflicts, resolveConflict } from '../../../src/main/sync/conflicts';
import { sync } from '../../../src/main/sync/sync';
import { Workspace } from '../../../src/main/workspace';
import { editEntities, joinAs, layerText, sharedWorkspace, tag, tempDir } from './team';

describe('a team syncing through a bare repository in a folder', () => {
  it('three analysts tag the same documents and sync in turns: each ends with all three layers, identical', async () => {
    const remote = join(await tempDir(), 'shared.git');
    const lead = await sharedWorkspace(remote);
    const team = { ana: await joinAs(remote, 'ana'), ben: await joinAs(remote, 'ben'), cy: await joinAs(remote, 'cy') };
    expect(existsSync(join(team.ana, 'documents', 'doc1.json'))).toBe(true);
    await tag(team.ana, 'ana', 'doc1', 'Lavrov', 'PERSON');
    await tag(team.ben, 'ben', 'doc1', 'Kerry', 'PERSON');
    await tag(team.cy, 'cy', 'doc1', 'Geneva', 'GPE');
    await tag(team.cy, 'cy', 'doc2', 'Aleppo', 'GPE');
    const first = await sync(team.ana);
    expect(first.outgoing.layers).toEqual([{ annotator: 'ana', docId: 'doc1', change: 'added' }]);
    const second = await sync(team.ben);
    expect(second.incoming.layers).toEqual([{ annotator: 'ana', docId: 'doc1', change: 'added' }]);
    await sync(team.cy);
    await tag(team.ana, 'ana', 'doc2', 'Russia', 'GPE');
    await sync(team.ana);
    await sync(team.ben);
    await sync(team.cy);
    await sync(lead);
    for (const who of ['ana', 'ben', 'cy']) {
      for (const doc of ['doc1', 'doc2']) {
        if (who === 'ben' && doc === 'doc2') continue;
        const expected = await layerText(team[who as 'ana'], who, doc);
        for (const dir of [lead, team.ana, team.ben, team.cy]) expect(await layerText(dir, who, doc)).toEqual(expected);
      }
    }
    expect(await (await Workspace.open(team.ben)).check()).toEqual([]);
  });

  it('two syncing at the same moment: one is refused, merges again and sends', async () => {
    const remote = join(await tempDir(), 'shared.git');
    await sharedWorkspace(remote);
    const ana = await joinAs(remote, 'ana');
    const ben = await joinAs(remote, 'ben');
    await tag(ana, 'ana', 'doc1', 'Lavrov', 'PERSON');
    await tag(ben, 'ben', 'doc1', 'Kerry', 'PERSON');
    const [a, b] = await Promise.all([sync(ana), sync(ben)]);
    expect([a.outgoing.layers.length, b.outgoing.layers.length]).toEqual([1, 1]);
    await sync(ana);
    expect(await layerText(ana, 'ben', 'doc1')).toEqual(await layerText(ben, 'ben', 'doc1'));
  });

  it('two add different entities and one renames a label: all merge cleanly', async () => {
    const remote = join(await tempDir(), 'shared.git');
    await sharedWorkspace(remote);
    const ana = await joinAs(remote, 'ana');
    const ben = await joinAs(remote, 'ben');
    const cy = await joinAs(remote, 'cy');
    await editEntities(ana, (l) => [...l, { id: 'e_lavrov', type: 'PERSON', name: 'Sergey Lavrov', aliases: ['Lavrov'] }]);
    await editEntities(ben, (l) => [...l, { id: 'e_kerry', type: 'PERSON', name: 'John Kerry', aliases: ['Kerry'] }]);
    const ws = await Workspace.open(cy);
    await ws.saveSchema({ ...ws.schema, labels: ws.schema.labels.map((l) => (l.name === 'TOPIC' ? { ...l, name: 'ISSUE' } : l)) });
    await sync(ana);
    await sync(ben);
    const report = await sync(cy);
    expect(report.newConflicts).toEqual([]);
    expect(report.incoming.entities.added.sort()).toEqual(['e_kerry', 'e_lavrov']);
    await sync(ana);
    await sync(ben);
    for (const dir of [ana, ben, cy]) {
      const w = await Workspace.open(dir);
      expect(w.entities.map((e) => e.id).sort()).toEqual(['e_kerry', 'e_lavrov']);
      expect(w.schema.labels.map((l) => l.name)).toContain('ISSUE');
      expect(w.schema.labels.map((l) => l.name)).not.toContain('TOPIC');
    }
  });

  it('two change the same entity differently: a conflict is shown with both versions, resolved, and nothing is lost', async () => {
    const remote = join(await tempDir(), 'shared.git');
    const lead = await sharedWorkspace(remote);
    await editEntities(lead, () => [{ id: 'e1', type: 'PERSON', name: 'Lavrov', aliases: [] }]);
    await sync(lead);
    const ana = await joinAs(remote, 'ana');
    const ben = await joinAs(remote, 'ben');
    await editEntities(ana, (l) => l.map((e) => ({ ...e, name: 'Sergey Lavrov' })));
    await editEntities(ben, (l) => l.map((e) => ({ ...e, name: 'Sergei Lavrov' })));
    await sync(ana);
    const report = await sync(ben);
    expect(report.newConflicts).toHaveLength(1);
    const [c] = report.conflicts;
    expect(c).toMatchObject({ file: 'entities.json', path: ['entities', 'e1'], oursBy: 'ben', theirsBy: 'ana' });
    expect((c.ours as { name: string }).name).toBe('Sergei Lavrov');
    expect((c.theirs as { name: string }).name).toBe('Sergey Lavrov');
    // Until resolved, ben keeps his version in the registry and both in the conflict, on both machines.
    await sync(ana);
    expect((await readConflicts(ana)).map((x) => x.id)).toEqual([c.id]);
    await resolveConflict(ana, c.id, 'theirs');
    expect((await Workspace.open(ana)).entities[0].name).toBe('Sergey Lavrov');
    await sync(ana);
    const last = await sync(ben);
    expect(last.conflicts).toEqual([]);
    expect((await Workspace.open(ben)).entities[0].name).toBe('Sergey Lavrov');
  });

  it('a sync stopped midway leaves a valid workspace, and the next sync completes', async () => {
    const remote = join(await tempDir(), 'shared.git');
    await sharedWorkspace(remote);
    const ana = await joinAs(remote, 'ana');
    const ben = await joinAs(remote, 'ben');
    for (const doc of ['doc1', 'doc2', 'doc3']) await tag(ana, 'ana', doc, 'the', 'TOPIC');
    await editEntities(ana, () => [{ id: 'e1', type: 'PERSON', name: 'Lavrov', aliases: [] }]);
    await sync(ana);
    await tag(ben, 'ben', 'doc1', 'Kerry', 'PERSON');
    const stop = new Error('stopped');
    await expect(
      sync(ben, {
        afterFileWritten: (n) => {
          if (n === 2) throw stop;
        },
      }),
    ).rejects.toBe(stop);
    // Whatever was written is whole: every file still reads.
    const half = await Workspace.open(ben);
    expect(await half.check()).toEqual([]);
    const report = await sync(ben);
    expect(report.outgoing.layers).toEqual([{ annotator: 'ben', docId: 'doc1', change: 'added' }]);
    const done = await Workspace.open(ben);
    expect(await done.check()).toEqual([]);
    expect(done.entities.map((e) => e.id)).toEqual(['e1']);
    expect(await layerText(ben, 'ana', 'doc3')).toEqual(await layerText(ana, 'ana', 'doc3'));
    await sync(ana);
    expect(await layerText(ana, 'ben', 'doc1')).toEqual(await layerText(ben, 'ben', 'doc1'));
  });
});
