/**
 * A schema migration made in one copy reaches a colleague through sync: the
 * layers the colleague wrote under the old schema meanwhile are migrated in
 * the merge, so both copies end with the same labels.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Layer } from '../../../src/core/model';
import { sync } from '../../../src/main/sync/sync';
import { handlersFor, joinAs, sharedWorkspace, tag, tempDir } from './team';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 60_000 });

async function labelsOf(dir: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const annotator of await readdir(join(dir, 'annotations'))) {
    for (const name of await readdir(join(dir, 'annotations', annotator))) {
      if (!name.endsWith('.json')) continue;
      const layer = JSON.parse(await readFile(join(dir, 'annotations', annotator, name), 'utf8')) as Layer;
      out[`${annotator}/${name}`] = layer.mentions.map((m) => `${m.quote}:${m.label}`).sort();
    }
  }
  return out;
}

const labelNames = async (dir: string) => (JSON.parse(await readFile(join(dir, 'schema.json'), 'utf8')) as { schema: { labels: { name: string }[] } }).schema.labels.map((l) => l.name);

describe('a schema migration through sync', () => {
  it('a merge made by ben migrates what ana tagged meanwhile under the old labels, on both sides', async () => {
    const remote = join(await tempDir(), 'shared.git');
    await sharedWorkspace(remote);
    const ana = await joinAs(remote, 'ana');
    const ben = await joinAs(remote, 'ben');
    await tag(ana, 'ana', 'doc1', 'Geneva', 'GPE');
    await sync(ana);
    await sync(ben);

    const benApi = await handlersFor(ben, 'ben');
    const plan = await benApi['schema.planMigration']({ op: { op: 'mergeLabels', from: ['GPE', 'LOC'], into: 'PLACE' } });
    expect(plan).toMatchObject({ layers: 1, mentions: 1 });
    await benApi['schema.migrate']({ op: { op: 'mergeLabels', from: ['GPE', 'LOC'], into: 'PLACE' } });
    // Meanwhile ana, offline, tags with the old labels.
    await tag(ana, 'ana', 'doc2', 'Aleppo', 'GPE');
    await tag(ana, 'ana', 'doc1', 'Kerry', 'PERSON');

    await benApi['sync.run']({});
    expect((await sync(ana)).newConflicts).toEqual([]);
    await benApi['sync.run']({});

    for (const dir of [ana, ben]) {
      const labels = await labelsOf(dir);
      expect(labels['ana/doc1.json']).toEqual(expect.arrayContaining(['Geneva:PLACE', 'Kerry:PERSON']));
      expect(Object.values(labels).flat().filter((l) => /:(GPE|LOC)$/.test(l))).toEqual([]);
      expect(await labelNames(dir)).toContain('PLACE');
      expect(await labelNames(dir)).not.toContain('GPE');
    }
    expect(Object.values(await labelsOf(ana)).flat()).toContain('Aleppo:PLACE');
    expect(Object.values(await labelsOf(ben)).flat()).toContain('Aleppo:PLACE');
    const history = await benApi['schema.history']({});
    expect(history.map((m) => [m.version, m.author, m.op.op])).toEqual([[1, 'ben', 'mergeLabels']]);
  });

  it('a split by rule made by ana reaches ben\'s layers', async () => {
    const remote = join(await tempDir(), 'shared.git');
    await sharedWorkspace(remote);
    const ana = await joinAs(remote, 'ana');
    const ben = await joinAs(remote, 'ben');
    const anaApi = await handlersFor(ana, 'ana');
    await anaApi['schema.migrate']({
      op: { op: 'splitLabel', from: 'GPE', into: [{ label: 'CITY', quote: '^(Geneva|Aleppo|Damascus)$' }, { label: 'COUNTRY' }], otherwise: 'COUNTRY' },
    });
    await tag(ben, 'ben', 'doc2', 'Aleppo', 'GPE');
    await tag(ben, 'ben', 'doc2', 'Russia', 'GPE');
    await anaApi['sync.run']({});
    await sync(ben);
    expect((await labelsOf(ben))['ben/doc2.json']).toEqual(['Aleppo:CITY', 'Russia:COUNTRY']);
    expect(await labelNames(ben)).toEqual(expect.arrayContaining(['CITY', 'COUNTRY']));
  });

  it('a merge ben made and undid leaves what ana tagged meanwhile as she tagged it, and the undo reaches her copy', async () => {
    const remote = join(await tempDir(), 'shared.git');
    await sharedWorkspace(remote);
    const ana = await joinAs(remote, 'ana');
    const ben = await joinAs(remote, 'ben');
    await tag(ana, 'ana', 'doc1', 'Geneva', 'GPE');
    await sync(ana);
    await sync(ben);

    const benApi = await handlersFor(ben, 'ben');
    // Into a label that stays: only skipping the step and its undo together keeps ana's new GPE mention a GPE.
    const { migration } = await benApi['schema.migrate']({ op: { op: 'mergeLabels', from: ['GPE'], into: 'LOC' } });
    await benApi['schema.undoMigration']({ version: migration.version });
    // Meanwhile ana, offline, tags under the labels she has, which the undo brought back.
    await tag(ana, 'ana', 'doc2', 'Aleppo', 'GPE');

    await benApi['sync.run']({});
    expect((await sync(ana)).newConflicts).toEqual([]);
    await benApi['sync.run']({});
    for (const dir of [ana, ben]) {
      const labels = Object.values(await labelsOf(dir)).flat();
      expect(labels).toEqual(expect.arrayContaining(['Geneva:GPE', 'Aleppo:GPE']));
      expect(labels.filter((l) => l.endsWith(':LOC'))).toEqual([]);
      expect(await labelNames(dir)).toEqual(expect.arrayContaining(['GPE', 'LOC']));
    }
    const history = await benApi['schema.history']({});
    expect(history.map((m) => [m.version, m.op.op])).toEqual([
      [1, 'mergeLabels'],
      [2, 'revertMigration'],
    ]);
  });
});
