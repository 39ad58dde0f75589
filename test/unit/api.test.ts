import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../src/core/api/contract';
import type { Mention } from '../../src/core/model';
import { runExport } from '../../src/main/datasets/export';
import { createHandlers, dispatch } from '../../src/main/handlers';
import { startHost, TOKEN_HEADER } from '../../src/main/host';
import { Session } from '../../src/main/session';
import { SettingsStore } from '../../src/main/settings/settingsFile';
import { makeDocument, Workspace } from '../../src/main/workspace';

const TEXT = 'Sergey Lavrov met John Kerry. Lavrov said the talks with Kerry went well.';

async function setup(): Promise<{ handlers: Handlers; dir: string; session: Session }> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-api-'));
  await Workspace.create(join(dir, 'ws'), 'test', [makeDocument('d1', 'Talks', TEXT, {}), makeDocument('d2', 'More talks', 'Kerry and Lavrov again.', {})]);
  const settings = await SettingsStore.load(join(dir, 'home'));
  await settings.update((s) => (s.annotator = 'ana'));
  const session = await Session.start(join(dir, 'ws'), {}, settings);
  return { handlers: createHandlers(session), dir, session };
}

function mention(id: string, label: string, start: number, end: number): Mention {
  return { id, label, start, end, quote: TEXT.slice(start, end), origin: 'manual', author: 'ana', createdAt: '2026-01-01T00:00:00Z' };
}

describe('handlers reject bad arguments at the boundary', () => {
  it('unknown methods, wrong types, path-like ids, missing fields', async () => {
    const { handlers } = await setup();
    expect(await dispatch(handlers, 'fs.readFile', {})).toMatchObject({ ok: false, error: { code: 'invalid_argument', message: 'unknown method fs.readFile' } });
    expect(await dispatch(handlers, 'documents.open', { docId: 42 })).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(await dispatch(handlers, 'documents.open', { docId: '../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(await dispatch(handlers, 'documents.open', { docId: 'd1', extra: true })).toMatchObject({ ok: false });
    expect(await dispatch(handlers, 'annotations.change', { docId: 'd1', change: { op: 'addMention' } })).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(await dispatch(handlers, 'settings.setAnnotator', { annotator: '../x' })).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
  });

  it('a mention whose quote does not match the text, or with an unknown label, is refused and nothing is saved', async () => {
    const { handlers } = await setup();
    const wrong = { ...mention('m1', 'PERSON', 0, 13), quote: 'Someone else' };
    const r1 = await dispatch(handlers, 'annotations.change', { docId: 'd1', change: { op: 'addMention', mention: wrong } });
    expect(r1).toMatchObject({ ok: false, error: { code: 'invalid_argument', message: expect.stringMatching(/quote does not match/) } });
    const r2 = await dispatch(handlers, 'annotations.change', { docId: 'd1', change: { op: 'addMention', mention: mention('m1', 'ANIMAL', 0, 13) } });
    expect(r2).toMatchObject({ ok: false, error: { message: expect.stringMatching(/unknown label ANIMAL/) } });
    const r3 = await dispatch(handlers, 'annotations.change', { docId: 'd1', change: { op: 'addMention', mention: mention('m1', 'PERSON', 0, 500) } });
    expect(r3).toMatchObject({ ok: false });
    const opened = await handlers['documents.open']({ docId: 'd1' });
    expect(opened.layer.mentions).toEqual([]);
  });

  it('a mention attribute with a reserved name is refused by name, and nothing is saved', async () => {
    const { handlers } = await setup();
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      // As the browser host receives it: the body parsed from text, "__proto__" an own key.
      const args = JSON.parse(`{"docId":"d1","change":{"op":"addMention","mention":${JSON.stringify(mention('m1', 'PERSON', 0, 13)).replace(/}$/, `,"attrs":{"${key}":"x"}}`)}}}`);
      const r = await dispatch(handlers, 'annotations.change', args);
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_argument', message: expect.stringMatching(new RegExp(`${key}.*(is a reserved name|is not accepted)`)) } });
    }
    expect((await handlers['documents.open']({ docId: 'd1' })).layer.mentions).toEqual([]);
  });
});

describe('annotations', () => {
  it('saves a change, undoes and redoes it, and the history survives a new session', async () => {
    const { handlers, dir } = await setup();
    await handlers['annotations.change']({ docId: 'd1', change: { op: 'addMention', mention: mention('m1', 'PERSON', 0, 13) } });
    const r = await handlers['annotations.change']({ docId: 'd1', change: { op: 'addMention', mention: mention('m2', 'PERSON', 18, 28) } });
    expect(r.history.undo).toBe('add PERSON “John Kerry”');
    const u = await handlers['annotations.undo']({ docId: 'd1' });
    expect(u.change).toMatchObject({ op: 'removeMention', mention: { id: 'm2' } });

    // A new session (a reload) still has the redo.
    const settings = await SettingsStore.load(join(dir, 'home'));
    const again = createHandlers(await Session.start(join(dir, 'ws'), {}, settings));
    const opened = await again['documents.open']({ docId: 'd1' });
    expect(opened.layer.mentions.map((m) => m.id)).toEqual(['m1']);
    expect(opened.history).toEqual({ undo: 'add PERSON “Sergey Lavrov”', redo: 'add PERSON “John Kerry”' });
    const re = await again['annotations.redo']({ docId: 'd1' });
    expect(re.change).toMatchObject({ op: 'addMention', mention: { id: 'm2' } });
    const list = await again['documents.list']({});
    expect(list.find((d) => d.id === 'd1')).toMatchObject({ status: 'in_progress', mentionCount: 2, labelCounts: { PERSON: 2 } });
  });

  it('suggests other mentions of an entity across the corpus, and accepts them', async () => {
    const { handlers } = await setup();
    await handlers['entities.save']({ entity: { id: 'e1', type: 'PERSON', name: 'Sergey Lavrov', aliases: ['Lavrov'] } });
    await handlers['annotations.change']({ docId: 'd1', change: { op: 'addMention', mention: { ...mention('m1', 'PERSON', 0, 13), entityId: 'e1' } } });
    const found = await handlers['entities.findMentions']({ entityId: 'e1', docId: 'd1' });
    expect(found.map((s) => [s.docId, s.quote])).toEqual([
      ['d1', 'Lavrov'],
      ['d2', 'Lavrov'],
    ]);
    await handlers['entities.decideMentions']({ items: found.map((s) => ({ docId: s.docId, mentionId: s.mentionId })), accept: true });
    expect(await handlers['entities.pendingMentions']({})).toEqual([]);
    const d2 = await handlers['documents.open']({ docId: 'd2' });
    expect(d2.layer.mentions).toMatchObject([{ quote: 'Lavrov', entityId: 'e1', origin: 'suggested' }]);
    expect(d2.layer.mentions[0].pending).toBeUndefined();
  });

  it('suggestions leave an untouched document untouched: its status and exports stay as they were', async () => {
    const { handlers, dir, session } = await setup();
    await handlers['entities.save']({ entity: { id: 'e1', type: 'PERSON', name: 'Sergey Lavrov', aliases: ['Lavrov'] } });
    await handlers['annotations.change']({ docId: 'd1', change: { op: 'addMention', mention: { ...mention('m1', 'PERSON', 0, 13), entityId: 'e1' } } });
    await handlers['entities.findMentions']({ entityId: 'e1', docId: 'd1' });
    const list = await handlers['documents.list']({});
    expect(list.find((d) => d.id === 'd2')).toMatchObject({ status: 'not_started', mentionCount: 0 });
    const out = join(dir, 'export');
    await runExport(session.workspace, { format: 'native', out }, 'ana');
    const docs = (await readFile(join(out, 'documents.jsonl'), 'utf8')).trim().split('\n').slice(1).map((l) => JSON.parse(l) as { document: { id: string } });
    expect(docs.map((d) => d.document.id)).toEqual(['d1']);
    // Rejecting the suggestion leaves it not started; accepting one starts it.
    const [d2] = await handlers['entities.pendingMentions']({}).then((all) => all.filter((s) => s.docId === 'd2'));
    await handlers['entities.decideMentions']({ items: [{ docId: 'd2', mentionId: d2.mentionId }], accept: false });
    expect((await handlers['documents.list']({})).find((d) => d.id === 'd2')).toMatchObject({ status: 'not_started' });
    await handlers['entities.findMentions']({ entityId: 'e1', docId: 'd1' });
    const [again] = await handlers['entities.pendingMentions']({}).then((all) => all.filter((s) => s.docId === 'd2'));
    await handlers['entities.decideMentions']({ items: [{ docId: 'd2', mentionId: again.mentionId }], accept: true });
    expect((await handlers['documents.list']({})).find((d) => d.id === 'd2')).toMatchObject({ status: 'in_progress', mentionCount: 1 });
  });

  it('renames a label keeping its mentions; deleting one can move its mentions', async () => {
    const { handlers } = await setup();
    await handlers['annotations.change']({ docId: 'd1', change: { op: 'addMention', mention: mention('m1', 'PERSON', 0, 13) } });
    await handlers['schema.renameLabel']({ from: 'PERSON', to: 'PER' });
    expect((await handlers['documents.open']({ docId: 'd1' })).layer.mentions[0].label).toBe('PER');
    expect(await handlers['schema.labelUse']({})).toContainEqual({ label: 'PER', mentions: 1, documents: 1 });
    const schema = await handlers['schema.deleteLabel']({ name: 'PER', mentions: 'relabel', relabelTo: 'ORG' });
    expect(schema.labels.map((l) => l.name)).not.toContain('PER');
    expect((await handlers['documents.open']({ docId: 'd1' })).layer.mentions[0].label).toBe('ORG');
    // Saving a schema that silently drops a label is refused.
    const r = await dispatch(handlers, 'schema.save', { schema: { ...schema, labels: schema.labels.slice(1) } });
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(/would disappear/) } });
  });
});

describe('browser host', () => {
  it('refuses requests without the token, from other origins or hosts, and touches nothing', async () => {
    const { handlers } = await setup();
    const host = await startHost({ handlers, staticDir: join(tmpdir(), 'none') });
    try {
      const base = `http://127.0.0.1:${host.port}`;
      const noToken = await fetch(`${base}/api/settings.setAnnotator`, { method: 'POST', body: JSON.stringify({ annotator: 'mallory' }) });
      expect(noToken.status).toBe(401);
      const wrong = await fetch(`${base}/api/documents.list`, { method: 'POST', headers: { [TOKEN_HEADER]: 'x'.repeat(48) }, body: '{}' });
      expect(wrong.status).toBe(401);
      const crossOrigin = await fetch(`${base}/api/documents.list`, { method: 'POST', headers: { [TOKEN_HEADER]: host.token, origin: 'http://evil.example' }, body: '{}' });
      expect(crossOrigin.status).toBe(403);
      const ok = await fetch(`${base}/api/workspace.info`, { method: 'POST', headers: { [TOKEN_HEADER]: host.token }, body: '{}' });
      expect(ok.status).toBe(200);
      const info = (await ok.json()) as { value: { annotator: string } };
      expect(info.value.annotator).toBe('ana');
      expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
    } finally {
      await host.close();
    }
  });
});
