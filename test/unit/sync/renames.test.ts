import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Layer } from '../../../src/core/model';
import { sync } from '../../../src/main/sync/sync';
import { editEntities, handlersFor, joinAs, sharedWorkspace, tag, tempDir } from './team';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 60_000 });

/** Every layer file of the workspace, by annotator/doc, as its labels. */
async function labelsOf(dir: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const annotator of await readdir(join(dir, 'annotations'))) {
    for (const name of await readdir(join(dir, 'annotations', annotator))) {
      const layer = JSON.parse(await readFile(join(dir, 'annotations', annotator, name), 'utf8')) as Layer;
      out[`${annotator}/${name}`] = layer.mentions.map((m) => `${m.quote}:${m.label}`).sort();
    }
  }
  return out;
}

describe('a renamed label renames colleagues’ mentions', () => {
  it('renames, after a sync, the mentions a colleague made meanwhile with the old name', async () => {
    const remote = join(await tempDir(), 'shared.git');
    await sharedWorkspace(remote);
    const ana = await joinAs(remote, 'ana');
    const ben = await joinAs(remote, 'ben');
    await tag(ana, 'ana', 'doc1', 'Lavrov', 'PERSON');
    await sync(ana);
    await sync(ben);

    // Ben renames PERSON in his window: every layer he has, ana's included, is renamed at once.
    const benApi = await handlersFor(ben, 'ben');
    await benApi['schema.renameLabel']({ from: 'PERSON', to: 'POLITICIAN' });
    expect(await labelsOf(ben)).toEqual({ 'ana/doc1.json': ['Lavrov:POLITICIAN'] });
    // Meanwhile ana, offline, tags with the old name and registers a PERSON.
    await tag(ana, 'ana', 'doc2', 'Russia', 'PERSON');
    await tag(ana, 'ana', 'doc1', 'Kerry', 'PERSON');
    await editEntities(ana, (l) => [...l, { id: 'e_kerry', type: 'PERSON', name: 'John Kerry', aliases: [] }]);

    await benApi['sync.run']({});
    const merged = await sync(ana);
    expect(merged.newConflicts).toEqual([]);
    await benApi['sync.run']({});

    const expected = { 'ana/doc1.json': ['Kerry:POLITICIAN', 'Lavrov:POLITICIAN'], 'ana/doc2.json': ['Russia:POLITICIAN'] };
    expect(await labelsOf(ana)).toEqual(expected);
    expect(await labelsOf(ben)).toEqual(expected);
    for (const dir of [ana, ben]) {
      const registry = JSON.parse(await readFile(join(dir, 'entities.json'), 'utf8')) as { entities: { type: string }[] };
      expect(registry.entities.map((e) => e.type)).toEqual(['POLITICIAN']);
      const schema = JSON.parse(await readFile(join(dir, 'schema.json'), 'utf8')) as { schema: { labels: { name: string }[] } };
      expect(schema.schema.labels.map((l) => l.name)).toContain('POLITICIAN');
      expect(schema.schema.labels.map((l) => l.name)).not.toContain('PERSON');
    }
    // Ben's window shows ana's new mention under the new name.
    expect((await benApi['review.annotators']({})).map((a) => a.annotator)).toContain('ana');
  });
});
