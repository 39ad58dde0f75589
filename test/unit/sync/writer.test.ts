import { ParleyError } from '../../../src/core/errors';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Entity, Layer } from '../../../src/core/model';
import { sync } from '../../../src/main/sync/sync';
import { Workspace } from '../../../src/main/workspace';
import { parley } from '../parley';
import { CLI } from '../../../bench/cli';
import { editEntities, handlersFor, joinAs, leadAndBen, sharedWorkspace, tag, tempDir, TEXTS } from './team';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 60_000 });

/** Mention ids in every layer of `annotator` on disk. */
async function mentionIds(dir: string, annotator: string): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const name of await readdir(join(dir, 'annotations', annotator))) {
    const layer = JSON.parse(await readFile(join(dir, 'annotations', annotator, name), 'utf8')) as Layer;
    for (const m of layer.mentions) ids.add(m.id);
  }
  return ids;
}

async function entityIds(dir: string): Promise<Set<string>> {
  return new Set((JSON.parse(await readFile(join(dir, 'entities.json'), 'utf8')) as { entities: Entity[] }).entities.map((e) => e.id));
}

describe('sync under the workspace writer lock', () => {
  it('syncs while the window saves edits, and no acknowledged edit is lost', async () => {
    const { lead, ben, api } = await leadAndBen();

    // The window saves mentions and entities one after another, as an analyst works, while syncs run.
    const mentions: string[] = [];
    const entities: string[] = [];
    let syncing = true;
    const leadWs = await Workspace.open(lead);
    const editing = (async () => {
      for (let i = 0; syncing || i < 40; i++) {
        const docId = `doc${(i % 3) + 1}`;
        const quote = TEXTS[i % 3].slice(0, 6);
        for (;;) {
          // The window offers the labels of the schema as it is now: EVENT until ben's rename comes in.
          const event = leadWs.schema.labels.some((l) => l.name === 'EVENT') ? 'EVENT' : 'INCIDENT';
          const mention = { id: `lead-${i}`, label: i % 2 ? 'PERSON' : event, start: 0, end: 6, quote, origin: 'manual' as const, author: 'lead', createdAt: new Date().toISOString() };
          try {
            await api['annotations.change']({ docId, change: { op: 'addMention', mention } });
          } catch (e) {
            // The rename came in between reading the labels and saving: refused, so not acknowledged; the analyst tags again.
            if (e instanceof ParleyError && e.code === 'invalid_argument' && /unknown label EVENT/.test(e.message)) continue;
            throw e;
          }
          mentions.push(mention.id);
          break;
        }
        if (i % 4 === 0) {
          await api['entities.save']({ entity: { id: `lead-e${i}`, type: 'PERSON', name: `Lead ${i}`, aliases: [] } });
          entities.push(`lead-e${i}`);
        }
      }
    })();
    // Meanwhile a colleague adds entities and tags, so every sync brings in a changed registry to merge.
    const benApi = await handlersFor(ben, 'ben');
    for (let round = 0; round < 4; round++) {
      await editEntities(ben, (list) => [...list, { id: `ben-e${round}`, type: 'ORG', name: `Ben ${round}`, aliases: [] }]);
      // A label renamed on ben's side rewrites the lead's layers there, while the lead's window goes on saving them.
      if (round === 1) await benApi['schema.renameLabel']({ from: 'EVENT', to: 'INCIDENT' });
      await tag(ben, 'ben', 'doc2', 'ceasefire', 'EVENT');
      await sync(ben);
      await api['sync.run']({});
    }
    syncing = false;
    await editing;
    leadWs.close();
    await api['sync.run']({});
    await sync(ben);

    expect(mentions.length).toBeGreaterThanOrEqual(40);
    for (const dir of [lead, ben]) {
      const onDisk = await mentionIds(dir, 'lead');
      expect(mentions.filter((id) => !onDisk.has(id))).toEqual([]);
      const registry = await entityIds(dir);
      expect([...entities, 'ben-e0', 'ben-e1', 'ben-e2', 'ben-e3'].filter((id) => !registry.has(id))).toEqual([]);
    }
    // And what the window shows agrees with the files.
    expect((await api['entities.list']({})).length).toBe(entities.length + 4);
  });

  it('parley sync asks the running server to sync the workspace it holds', async () => {
    const remote = join(await tempDir(), 'shared.git');
    const lead = await sharedWorkspace(remote);
    const ben = await joinAs(remote, 'ben');
    await tag(ben, 'ben', 'doc1', 'Kerry', 'PERSON');
    await sync(ben);
    Workspace.release(lead);
    await tag(lead, 'lead', 'doc3', 'Damascus', 'GPE');
    Workspace.release(lead);

    const home = await mkdtemp(join(tmpdir(), 'parley-home-'));
    const server = spawn(process.execPath, [...CLI, 'serve', '--workspace', lead], { env: { ...process.env, PARLEY_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await new Promise<void>((ready, fail) => {
        let said = '';
        server.stdout.on('data', (d: Buffer) => {
          said += d.toString();
          if (said.includes('Parley is serving')) ready();
        });
        server.once('exit', (code) => fail(new Error(`parley serve exited with ${code}`)));
      });
      const r = await parley('sync', '--workspace', lead);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain('The workspace is open in Parley');
      expect(r.stdout).toContain('Came in: 1 layer (ben 1)');
      expect(r.stdout).toContain('Went out: 1 layer (lead 1)');
      // A command that would write the folder itself is still refused, naming the server.
      const refused = await parley('restore', '--workspace', lead, '--sync', 'HEAD', '--annotator', 'lead', '--doc', 'doc3');
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/open for writing in .*process/);
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    await sync(ben);
    expect((await mentionIds(ben, 'lead')).size).toBeGreaterThan(0);
  });
});
