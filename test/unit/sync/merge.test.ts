import { describe, expect, it } from 'vitest';
import { addConflicts, CONFLICTS_FILE, mergeFile, resolveInFile, withoutConflict, type ConflictsFile } from '../../../src/core/merge/files';
import { diffRecords, merge3 } from '../../../src/core/merge/records';
import { layerShape, sharedShape } from '../../../src/core/merge/shape';

const entity = (id: string, name: string, aliases: string[] = []) => ({ id, type: 'PERSON', name, aliases });
const ws = (entities: unknown[], labels = [{ name: 'PERSON', color: '#111111', key: 'p' }]) => ({
  version: 1,
  name: 'Team',
  schema: { labels, frameTypes: [], documentFields: [] },
  documents: [{ id: 'd1', title: 'One', chars: 3, sha256: 'x' }],
  entities,
});
const who = { ours: 'ana', theirs: 'ben', at: '2026-01-01T00:00:00Z' };

describe('record-level three-way merge', () => {
  it('keeps additions from both sides, this side first', () => {
    const base = ws([entity('e1', 'Lavrov')]);
    const ours = ws([entity('e1', 'Lavrov'), entity('e2', 'Kerry')]);
    const theirs = ws([entity('e1', 'Lavrov'), entity('e3', 'Assad')]);
    const r = merge3(sharedShape, base, ours, theirs);
    expect(r.conflicts).toEqual([]);
    expect((r.merged as ReturnType<typeof ws>).entities.map((e) => (e as { id: string }).id)).toEqual(['e1', 'e2', 'e3']);
  });

  it('takes a change made on one side and a deletion made on the other, when they touch different records', () => {
    const base = ws([entity('e1', 'Lavrov'), entity('e2', 'Kerry')]);
    const ours = ws([entity('e1', 'Sergey Lavrov'), entity('e2', 'Kerry')]);
    const theirs = ws([entity('e1', 'Lavrov')]);
    const r = merge3(sharedShape, base, ours, theirs);
    expect(r.conflicts).toEqual([]);
    expect((r.merged as ReturnType<typeof ws>).entities).toEqual([entity('e1', 'Sergey Lavrov')]);
  });

  it('merges a renamed label beside new entities', () => {
    const base = ws([]);
    const ours = ws([entity('e1', 'Lavrov')]);
    const theirs = ws([], [{ name: 'POLITICIAN', color: '#111111', key: 'p' }]);
    const r = merge3(sharedShape, base, ours, theirs);
    expect(r.conflicts).toEqual([]);
    expect(r.merged).toEqual(ws([entity('e1', 'Lavrov')], [{ name: 'POLITICIAN', color: '#111111', key: 'p' }]));
  });

  it('makes a conflict of one record changed differently on both sides, keeping both versions', () => {
    const base = ws([entity('e1', 'Lavrov')]);
    const ours = ws([entity('e1', 'Sergey Lavrov')]);
    const theirs = ws([entity('e1', 'Sergei Lavrov')]);
    const r = merge3(sharedShape, base, ours, theirs);
    expect(r.conflicts).toEqual([{ path: ['entities', 'e1'], kind: 'both_changed', base: entity('e1', 'Lavrov'), ours: entity('e1', 'Sergey Lavrov'), theirs: entity('e1', 'Sergei Lavrov') }]);
    expect((r.merged as ReturnType<typeof ws>).entities).toEqual([entity('e1', 'Sergey Lavrov')]);
  });

  it('makes a conflict of a record changed on one side and deleted on the other, keeping the changed one', () => {
    const base = ws([entity('e1', 'Lavrov')]);
    const ours = ws([]);
    const theirs = ws([entity('e1', 'Lavrov', ['the Russian foreign minister'])]);
    const r = merge3(sharedShape, base, ours, theirs);
    expect(r.conflicts.map((c) => c.kind)).toEqual(['changed_deleted']);
    expect((r.merged as ReturnType<typeof ws>).entities).toEqual([entity('e1', 'Lavrov', ['the Russian foreign minister'])]);
  });

  it('takes the same change made on both sides once, and the larger revision', () => {
    const r = merge3(sharedShape, { revision: 1, entities: [] }, { revision: 3, entities: [entity('e1', 'X')] }, { revision: 2, entities: [entity('e1', 'X')] });
    expect(r).toEqual({ merged: { revision: 3, entities: [entity('e1', 'X')] }, conflicts: [] });
  });

  it('merges a layer: mentions by id, fields by name, each side its own undo stack', () => {
    const m = (id: string, label: string) => ({ id, label, start: 0, end: 1, quote: 'a' });
    const base = { mentions: [m('a', 'PERSON')], frames: [], fields: {}, status: 'in_progress', updatedAt: '1', history: { undo: [1], redo: [] } };
    const ours = { ...base, mentions: [m('a', 'PERSON'), m('b', 'ORG')], fields: { topic: 'Syria' }, updatedAt: '2', history: { undo: [1, 2], redo: [] } };
    const theirs = { ...base, mentions: [m('a', 'GPE'), m('c', 'ORG')], status: 'done', updatedAt: '3', history: { undo: [9], redo: [] } };
    const r = merge3(layerShape, base, ours, theirs);
    expect(r.conflicts).toEqual([]);
    expect(r.merged).toEqual({ mentions: [m('a', 'GPE'), m('b', 'ORG'), m('c', 'ORG')], frames: [], fields: { topic: 'Syria' }, status: 'done', updatedAt: '3', history: { undo: [1, 2], redo: [] } });
  });

  it('says which records changed, for the report of what came in', () => {
    const changes = diffRecords(sharedShape, ws([entity('e1', 'A')]), ws([entity('e1', 'B'), entity('e2', 'C')], [{ name: 'ORG', color: '#111111', key: 'o' }]));
    expect(changes).toEqual([
      { path: ['schema', 'labels', 'PERSON'], change: 'removed' },
      { path: ['schema', 'labels', 'ORG'], change: 'added' },
      { path: ['entities', 'e1'], change: 'changed' },
      { path: ['entities', 'e2'], change: 'added' },
    ]);
  });
});

describe('file merges and the conflicts file', () => {
  const text = (x: unknown) => JSON.stringify(x);

  it('records a conflict with both versions, and resolving it puts the chosen one in place', () => {
    const base = text(ws([entity('e1', 'Lavrov')]));
    const r = mergeFile('workspace.json', base, text(ws([entity('e1', 'Sergey Lavrov')])), text(ws([entity('e1', 'Sergei Lavrov')])), who);
    expect(r.conflicts).toHaveLength(1);
    const c = r.conflicts[0];
    expect(c).toMatchObject({ id: 'workspace.json#entities/e1', oursBy: 'ana', theirsBy: 'ben', ours: entity('e1', 'Sergey Lavrov'), theirs: entity('e1', 'Sergei Lavrov') });
    const resolved = resolveInFile(c, r.text, c.theirs);
    expect(JSON.parse(resolved!).entities).toEqual([entity('e1', 'Sergei Lavrov')]);
    const list = addConflicts(null, r.conflicts);
    expect(withoutConflict(list, c.id).conflicts).toEqual([]);
  });

  it('a text file changed on both sides is a conflict on the whole file', () => {
    const r = mergeFile('notes.txt', 'a', 'b', 'c', who);
    expect(r.text).toBe('b');
    expect(r.conflicts[0]).toMatchObject({ path: [], kind: 'both_changed', ours: 'b', theirs: 'c' });
  });

  it('keeps conflicts recorded on either side, and drops one resolved on either side', () => {
    const c = (id: string) => ({ id, file: 'workspace.json', path: [], kind: 'both_changed' as const, base: null, ours: 1, theirs: 2, at: 'now' });
    const f = (...ids: string[]): ConflictsFile => ({ version: 1, conflicts: ids.map(c) });
    const r = mergeFile(CONFLICTS_FILE, text(f('old', 'kept')), text(f('kept', 'mine')), text(f('old', 'yours')), who);
    expect((JSON.parse(r.text!) as ConflictsFile).conflicts.map((x) => x.id)).toEqual(['mine', 'yours']);
  });
});
