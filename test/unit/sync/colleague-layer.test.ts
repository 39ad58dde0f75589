/**
 * A colleague's layer over the reader's text: the API refuses it while blind
 * annotation keeps the analyst to their own layer (not only the window), and
 * reading it never changes it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { sync } from '../../../src/main/sync/sync';
import { handlersFor, leadAndBen, tag } from './team';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 60_000 });

describe("a colleague's layer in the reader", () => {
  it('is refused while blind, shown to the lead, to everyone once blind is off, and never changed by being read', async () => {
    const team = await leadAndBen();
    await tag(team.ben, 'ben', 'doc1', 'Kerry', 'PERSON');
    await sync(team.ben);
    await tag(team.lead, 'lead', 'doc1', 'Lavrov', 'PERSON');
    await team.api['sync.run']({});
    await sync(team.ben);
    const { api, ben, lead } = team;
    const benApi = await handlersFor(ben, 'ben');

    // ben labels blind: the lead's layer is neither listed nor read, by name or otherwise.
    expect(await benApi['team.settings']({})).toMatchObject({ blindOn: true, seesAll: false });
    expect(await benApi['annotations.colleagues']({ docId: 'doc1' })).toEqual([]);
    await expect(benApi['annotations.colleague']({ docId: 'doc1', annotator: 'lead' })).rejects.toThrow(/blind annotation is on: ben sees only their own layer, not lead's/);

    // The lead sees ben's layer, as it is on disk, and reading it leaves the file as it was.
    const file = join(lead, 'annotations', 'ben', 'doc1.json');
    const before = await readFile(file, 'utf8');
    expect(await api['annotations.colleagues']({ docId: 'doc1' })).toEqual(['ben']);
    const seen = await api['annotations.colleague']({ docId: 'doc1', annotator: 'ben' });
    expect(seen).toMatchObject({ annotator: 'ben', exists: true, stale: false, frames: [] });
    expect(seen.mentions.map((m) => `${m.label} ${m.quote} by ${m.author}`)).toEqual(['PERSON Kerry by ben']);
    expect(await readFile(file, 'utf8')).toBe(before);
    expect((await api['annotations.colleague']({ docId: 'doc2', annotator: 'ben' })).exists).toBe(false);
    // One's own layer and gold are not a colleague's.
    await expect(api['annotations.colleague']({ docId: 'doc1', annotator: 'lead' })).rejects.toThrow(/the analyst at this window/);
    await expect(api['annotations.colleague']({ docId: 'doc1', annotator: 'gold' })).rejects.toThrow(/gold is not a colleague/);
    await expect(api['annotations.colleague']({ docId: 'nope', annotator: 'ben' })).rejects.toThrow(/no document nope/);

    // Blind off: ben sees the lead's layer too.
    await api['team.setSettings']({ blind: 'off' });
    await api['sync.run']({});
    await benApi['sync.run']({});
    expect(await benApi['annotations.colleagues']({ docId: 'doc1' })).toEqual(['lead']);
    expect((await benApi['annotations.colleague']({ docId: 'doc1', annotator: 'lead' })).mentions.map((m) => m.quote)).toEqual(['Lavrov']);
  });
});
