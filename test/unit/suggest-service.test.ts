import { readFile, mkdtemp } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/handlers';
import { labelledSeeds, labelledWorkspace } from '../fixtures/seeds';

describe('the recommender service', () => {
  it('labelling two sample articles makes useful suggestions appear in a third, and changes no file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-suggest-'));
    const { handlers, session } = await labelledWorkspace(dir, 2);
    const third = labelledSeeds()[2];
    const layerFile = session.workspace.layerPath('ana', third.document.id);
    const before = (await handlers['documents.list']({})).find((d) => d.id === third.document.id);

    const s = await handlers['suggestions.recommend']({ docId: third.document.id });
    expect(s.trainedOn).toBe(2);
    const shown = s.mentions.filter((m) => m.score >= s.threshold);
    const gold = new Set(third.mentions.map((m) => `${m.start}:${m.end}:${m.label}`));
    const right = shown.filter((m) => gold.has(`${m.start}:${m.end}:${m.label}`));
    // Lavrov, Kerry, Syria, Russia… the names the first two articles taught.
    expect(right.length).toBeGreaterThan(20);
    expect(right.length / shown.length).toBeGreaterThan(0.65);
    expect(shown.find((m) => m.quote === 'Sergey Lavrov')).toMatchObject({ label: 'PERSON', source: 'tagger' });
    // The third article's cues: "warned", "supports", "no deal reached".
    expect(s.frames.map((f) => f.type)).toContain('Agreement');
    const warned = s.frames.find((f) => f.cue.quote === 'warned');
    expect(warned).toMatchObject({ type: 'Stance', attrs: { Polarity: 'against' } });
    expect(warned?.roles.Holder.map((c) => c.quote)).toEqual(expect.arrayContaining(['Kerry', 'Lavrov']));

    // Nothing was written for the third document: no layer, no status change.
    expect(existsSync(layerFile)).toBe(false);
    expect((await handlers['documents.list']({})).find((d) => d.id === third.document.id)).toEqual(before);
  }, 60_000);

  it('a rejected span is not proposed again, and is remembered outside the layer', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-suggest-'));
    const { handlers, session } = await labelledWorkspace(dir, 2);
    const docId = labelledSeeds()[3].document.id;
    const first = await handlers['suggestions.recommend']({ docId });
    const lavrov = first.mentions.find((m) => m.quote === 'Lavrov');
    expect(lavrov).toBeDefined();
    const span = { start: lavrov!.start, end: lavrov!.end, label: lavrov!.label };
    expect(await handlers['suggestions.reject']({ docId, spans: [span] })).toEqual({ rejected: 1 });
    const again = await handlers['suggestions.recommend']({ docId });
    expect(again.mentions.some((m) => m.start === span.start && m.end === span.end && m.label === span.label)).toBe(false);
    expect(again.mentions.length).toBe(first.mentions.length - 1);
    const stored = JSON.parse(await readFile(join(session.workspace.root, '.parley', 'suggestions.json'), 'utf8'));
    expect(stored.rejected.ana[docId]).toEqual([span]);
    expect(existsSync(session.workspace.layerPath('ana', docId))).toBe(false);
  }, 60_000);

  it('settings are validated at the boundary and kept per workspace', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-suggest-'));
    const { handlers } = await labelledWorkspace(dir, 0);
    expect(await handlers['suggestions.settings']({})).toEqual({ threshold: 0.5, coldStart: { people: 'PERSON', places: 'GPE', organizations: 'ORG' } });
    expect(await dispatch(handlers, 'suggestions.saveSettings', { settings: { threshold: 2, coldStart: { people: null, places: null, organizations: null } } })).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    const saved = await handlers['suggestions.saveSettings']({ settings: { threshold: 0.7, coldStart: { people: 'PERSON', places: 'LOC', organizations: null } } });
    expect(await handlers['suggestions.settings']({})).toEqual(saved);
    // Nothing labelled yet: the cold-start tagger speaks, with the labels of the setting.
    const s = await handlers['suggestions.recommend']({ docId: labelledSeeds()[0].document.id });
    expect(s.trainedOn).toBe(0);
    expect(new Set(s.mentions.map((m) => m.source))).toEqual(new Set(['coldstart']));
    expect(new Set(s.mentions.map((m) => m.label))).toEqual(new Set(['PERSON', 'LOC']));
  }, 60_000);
});
