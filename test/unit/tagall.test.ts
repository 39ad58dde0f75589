import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../src/core/api/contract';
import type { Layer } from '../../src/core/model';
import { applyStep } from '../../src/main/steps';
import { createHandlers } from '../../src/main/handlers';
import { Session } from '../../src/main/session';
import { SettingsStore } from '../../src/main/settings/settingsFile';
import { makeDocument, Workspace } from '../../src/main/workspace';

const TEXT = 'Sergey Lavrov met John Kerry. Lavrov said the talks went well.';

async function setup(): Promise<{ handlers: Handlers; root: string; session: Session }> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-tagall-'));
  await Workspace.create(join(dir, 'ws'), 'test', [makeDocument('d1', 'Talks', TEXT, {}), makeDocument('d2', 'More', 'Kerry and Lavrov again.', {})]);
  const settings = await SettingsStore.load(join(dir, 'home'));
  await settings.update((s) => (s.annotator = 'ana'));
  const session = await Session.start(join(dir, 'ws'), {}, settings);
  return { handlers: createHandlers(session), root: join(dir, 'ws'), session };
}

async function layerFile(root: string, docId: string): Promise<Layer> {
  return JSON.parse(await readFile(join(root, 'annotations', 'ana', `${docId}.json`), 'utf8')) as Layer;
}

async function searchAll(h: Handlers, text: string): Promise<string> {
  const { searchId } = await h['search.start']({ query: { text, mode: 'text', wholeWord: true, caseSensitive: false } });
  for (;;) {
    const p = await h['search.page']({ searchId, offset: 0, limit: 0 });
    if (p.done) return searchId;
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('tag all hits', () => {
  it('previews new mentions and overlaps, applies as one step, and undoes as one', async () => {
    const { handlers: h, root } = await setup();
    await h['annotations.change']({
      docId: 'd1',
      change: { op: 'addMention', mention: { id: 'm_full', label: 'PERSON', start: 0, end: 13, quote: 'Sergey Lavrov', origin: 'manual', author: 'ana', createdAt: 'n' } },
    });
    const searchId = await searchAll(h, 'lavrov');
    const preview = await h['search.tagPreview']({ searchId, label: 'PERSON' });
    expect(preview).toMatchObject({ mentions: 2, documents: 2, overlapping: 1, alreadyTagged: 0 });
    expect(preview.overlaps[0]).toMatchObject({ docId: 'd1', start: 7, end: 13, existing: [{ label: 'PERSON', quote: 'Sergey Lavrov' }] });

    const result = await h['search.tagAll']({ searchId, label: 'PERSON' });
    expect(result).toMatchObject({ mentions: 2, documents: 2 });
    expect((await layerFile(root, 'd1')).mentions.map((m) => `${m.start}-${m.end}:${m.label}`)).toEqual(['0-13:PERSON', '30-36:PERSON']);
    expect((await layerFile(root, 'd2')).mentions.map((m) => m.quote)).toEqual(['Lavrov']);
    // The reader's own undo takes back this document's part.
    expect((await h['documents.open']({ docId: 'd2' })).history.undo).toMatch(/tag 2 hits as PERSON/);

    // Tagging again finds everything already tagged.
    expect(await h['search.tagPreview']({ searchId, label: 'PERSON' })).toMatchObject({ mentions: 0, alreadyTagged: 2 });

    expect(await h['search.untag']({ stepId: result.stepId! })).toEqual({ undone: 2, skipped: [] });
    expect((await layerFile(root, 'd1')).mentions.map((m) => m.id)).toEqual(['m_full']);
    expect((await layerFile(root, 'd2')).mentions).toEqual([]);
    expect((await h['documents.open']({ docId: 'd1' })).layer.mentions).toHaveLength(1);
  });

  it('tags only the chosen hits, with an entity', async () => {
    const { handlers: h, root } = await setup();
    const entity = await h['entities.save']({ entity: { id: 'e_lavrov', type: 'PERSON', name: 'Sergey Lavrov', aliases: ['Lavrov'] } });
    const searchId = await searchAll(h, 'lavrov');
    const result = await h['search.tagAll']({ searchId, label: 'PERSON', entityId: entity.id, hits: [2] });
    expect(result).toMatchObject({ mentions: 1, documents: 1 });
    expect((await layerFile(root, 'd2')).mentions).toMatchObject([{ quote: 'Lavrov', entityId: 'e_lavrov' }]);
    expect(existsSync(join(root, 'annotations', 'ana', 'd1.json'))).toBe(false);
  });

  it('a step is all or nothing: one bad change and no layer is written', async () => {
    const { root, session } = await setup();
    const mention = (docId: string, start: number, quote: string) => ({
      op: 'addMention' as const,
      mention: { id: `m_${docId}`, label: 'PERSON', start, end: start + quote.length, quote, origin: 'manual' as const, author: 'ana', createdAt: 'n' },
    });
    const changes = new Map([
      ['d1', mention('d1', 7, 'Lavrov')],
      // The quote does not match the text at these offsets.
      ['d2', mention('d2', 0, 'Lavrov')],
    ]);
    await expect(applyStep(session.workspace, 'ana', 'tag', changes)).rejects.toThrow(/quote/);
    expect(existsSync(join(root, 'annotations', 'ana', 'd1.json'))).toBe(false);
    expect(existsSync(join(root, 'annotations', 'ana', 'd2.json'))).toBe(false);
  });
});
