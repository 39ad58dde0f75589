import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/handlers';
import { handlersOn, mentionAt, textOf, workspaceWith } from './fixtures';

describe('revisions', () => {
  it('two tabs relabelling the same mention from the same state: the second is refused with conflict, not silently lost', async () => {
    const { handlers } = await handlersOn(await workspaceWith(1));
    const m = mentionAt(textOf(40, 'n0'), 0, 'm1');
    const first = await handlers['annotations.change']({ docId: 'd0', change: { op: 'addMention', mention: m } });
    const base = (await handlers['documents.open']({ docId: 'd0' })).layer.revision;
    expect(base).toBe(first.revision);
    const a = await dispatch(handlers, 'annotations.change', { docId: 'd0', baseRevision: base, change: { op: 'updateMention', before: m, after: { ...m, label: 'ORG' } } });
    const b = await dispatch(handlers, 'annotations.change', { docId: 'd0', baseRevision: base, change: { op: 'updateMention', before: m, after: { ...m, label: 'GPE' } } });
    expect(a).toMatchObject({ ok: true });
    expect(b).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/changed elsewhere/) } });
    expect((await handlers['documents.open']({ docId: 'd0' })).layer.mentions[0].label).toBe('ORG');
  });

  it('the registry and the schema refuse a save made on an older revision', async () => {
    const { handlers } = await handlersOn(await workspaceWith(1));
    const entity = { id: 'e1', type: 'PERSON', name: 'Lavrov', aliases: [] };
    await handlers['entities.save']({ entity, baseRevision: 0 });
    expect(await dispatch(handlers, 'entities.save', { entity: { ...entity, name: 'Sergey Lavrov' }, baseRevision: 0 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const schema = (await handlers['workspace.info']({})).schema;
    await handlers['schema.save']({ schema, baseRevision: 0 });
    expect(await dispatch(handlers, 'schema.save', { schema, baseRevision: 0 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('an undo made on an older revision is refused too, and an accepted one tells the next base', async () => {
    const { handlers } = await handlersOn(await workspaceWith(1));
    const m = mentionAt(textOf(40, 'n0'), 0, 'm1');
    const added = await handlers['annotations.change']({ docId: 'd0', change: { op: 'addMention', mention: m } });
    await handlers['annotations.change']({ docId: 'd0', baseRevision: added.revision, change: { op: 'updateMention', before: m, after: { ...m, label: 'ORG' } } });
    expect(await dispatch(handlers, 'annotations.undo', { docId: 'd0', baseRevision: added.revision })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const undone = await handlers['annotations.undo']({ docId: 'd0', baseRevision: (added.revision ?? 0) + 1 });
    expect(undone.revision).toBe((added.revision ?? 0) + 2);
    expect((await handlers['documents.open']({ docId: 'd0' })).layer).toMatchObject({ revision: undone.revision, mentions: [{ label: m.label }] });
  });

  it('a change that does not fit the layer as saved (a mention added twice) answers conflict, not an internal error', async () => {
    const { handlers } = await handlersOn(await workspaceWith(1));
    const m = mentionAt(textOf(40, 'n0'), 0, 'm1');
    await handlers['annotations.change']({ docId: 'd0', change: { op: 'addMention', mention: m } });
    expect(await dispatch(handlers, 'annotations.change', { docId: 'd0', change: { op: 'addMention', mention: m } })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'mention m1 exists already' },
    });
    expect(await dispatch(handlers, 'annotations.change', { docId: 'd0', change: { op: 'removeMention', mention: { ...m, id: 'gone' } } })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });
});
