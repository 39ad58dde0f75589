/**
 * A disk that fills while Parley writes, simulated through the one seam the
 * writers open files by (store/durable.ts `writeIo`): writes stop short and
 * then fail with ENOSPC at a chosen byte. Nothing acknowledged may be lost,
 * nothing refused may be kept, and memory must hold what the disk does.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Handlers } from '../../../src/core/api/contract';
import { applyInPlace, ChangeConflict } from '../../../src/core/changes';
import type { Change, Layer } from '../../../src/core/model';
import { dispatch } from '../../../src/main/handlers';
import { diskFull, writeFileDurable, writeIo } from '../../../src/main/store/durable';
import { journalPath } from '../../../src/main/store/journal';
import { makeDocument, Workspace } from '../../../src/main/workspace';
import { handlersOn, mentionAt, tempDir, workspaceWith } from './fixtures';
import { bind, fillAfter, realOpen, spaceReturns } from './fullDisk';

afterEach(spaceReturns);

/** One change through the API's dispatch, as a client sends it: the answer's envelope. */
async function change(handlers: Handlers, docId: string, c: Change): Promise<{ ok: true } | { ok: false; code: string; message: string }> {
  const answer = await dispatch(handlers, 'annotations.change', { docId, change: c });
  return answer.ok ? { ok: true } : { ok: false, code: answer.error.code, message: answer.error.message };
}

/** The layer as another process reads it from disk now. */
async function layerOnDisk(dir: string, docId: string): Promise<Layer> {
  const reader = await Workspace.open(dir, { readOnly: true });
  return (await reader.layer('ana', docId)).data;
}

describe('a journal append on a disk that fills', () => {
  for (const room of [0, 1, 17, 60]) {
    it(`with ${room} bytes left: the edit is refused as disk_full, the journal is cut back to its last complete line, memory equals disk, and edits work again once space returns`, async () => {
      const dir = await workspaceWith(1, 80);
      const { handlers, session } = await handlersOn(dir);
      const ws = session.workspace;
      const { text } = await ws.document('d0');
      const acked: string[] = [];
      for (let i = 0; i < 3; i++) {
        expect((await change(handlers, 'd0', { op: 'addMention', mention: mentionAt(text, i, `m${i}`) })).ok).toBe(true);
        acked.push(`m${i}`);
      }
      const journal = journalPath(ws.layerPath('ana', 'd0'));
      const before = await readFile(journal);

      fillAfter(room);
      const refused = await change(handlers, 'd0', { op: 'addMention', mention: mentionAt(text, 5, 'full') });
      expect(refused).toMatchObject({ ok: false, code: 'disk_full' });
      expect(refused.ok ? '' : refused.message).toContain(`the disk holding ${join(dir, 'annotations', 'ana')} is full`);
      expect(refused.ok ? '' : refused.message).toMatch(/needs about \d+ bytes/);
      // Not padded, not torn: byte for byte what it held.
      expect(await readFile(journal)).toEqual(before);
      const inMemory = (await ws.layer('ana', 'd0')).data;
      expect(inMemory.mentions.map((m) => m.id)).toEqual(acked);
      expect(inMemory).toEqual(await layerOnDisk(dir, 'd0'));

      // Undo while full is refused too, and takes nothing back.
      await expect(handlers['annotations.undo']({ docId: 'd0' })).rejects.toMatchObject({ code: 'disk_full' });
      expect((await ws.layer('ana', 'd0')).data.mentions.map((m) => m.id)).toEqual(acked);

      spaceReturns();
      // Undo acts on exactly the last acknowledged step.
      const undone = await handlers['annotations.undo']({ docId: 'd0' });
      expect(undone.change).toMatchObject({ op: 'removeMention', mention: { id: 'm2' } });
      expect((await change(handlers, 'd0', { op: 'addMention', mention: mentionAt(text, 6, 'after') })).ok).toBe(true);
      expect((await layerOnDisk(dir, 'd0')).mentions.map((m) => m.id)).toEqual(['m0', 'm1', 'after']);
      const reader = await Workspace.open(dir, { readOnly: true });
      expect(await reader.check()).toEqual([]);
    });
  }

  it('a write the disk takes in pieces without an error is written whole and acknowledged', async () => {
    const dir = await workspaceWith(1, 80);
    const { handlers, session } = await handlersOn(dir);
    const { text } = await session.workspace.document('d0');
    await change(handlers, 'd0', { op: 'addMention', mention: mentionAt(text, 0, 'm0') });
    writeIo.open = async (path, flags, mode) => {
      const fh = await realOpen(path, flags, mode);
      return { ...bind(fh), write: (b, o, l, p) => fh.write(b, o, Math.min(l, 7), p) };
    };
    expect((await change(handlers, 'd0', { op: 'addMention', mention: mentionAt(text, 1, 'm1') })).ok).toBe(true);
    spaceReturns();
    expect((await layerOnDisk(dir, 'd0')).mentions.map((m) => m.id)).toEqual(['m0', 'm1']);
  });
});

describe('a journal the disk damaged', () => {
  async function journaled(): Promise<{ dir: string; journal: string; lines: string[] }> {
    const dir = await workspaceWith(1, 80);
    const { handlers, session } = await handlersOn(dir);
    const ws = session.workspace;
    const { text } = await ws.document('d0');
    for (let i = 0; i < 4; i++) await change(handlers, 'd0', { op: 'addMention', mention: mentionAt(text, i, `m${i}`) });
    const journal = journalPath(ws.layerPath('ana', 'd0'));
    ws.close();
    Workspace.release(dir);
    const lines = (await readFile(journal, 'utf8')).split('\n').filter(Boolean);
    return { dir, journal, lines };
  }

  it('zero bytes before a line (a padded append) are reported with their offset; every line is kept and the document opens', async () => {
    const { dir, journal, lines } = await journaled();
    const at = Buffer.byteLength(lines[0] + '\n' + lines[1] + '\n');
    await writeFile(journal, Buffer.concat([Buffer.from(lines.slice(0, 2).join('\n') + '\n'), Buffer.alloc(45), Buffer.from(lines.slice(2).join('\n') + '\n')]));
    const reader = await Workspace.open(dir, { readOnly: true });
    expect((await reader.layer('ana', 'd0')).data.mentions.map((m) => m.id)).toEqual(['m0', 'm1', 'm2', 'm3']);
    const problems = await reader.check();
    expect(problems).toHaveLength(1);
    expect(problems[0].file).toBe(journal);
    expect(problems[0].message).toContain(`45 zero bytes at byte ${at}`);
  });

  it('a line that does not parse keeps the lines before it, reports where, and the workspace still opens (the journal copied aside)', async () => {
    const { dir, journal, lines } = await journaled();
    const at = Buffer.byteLength(lines[0] + '\n');
    // The line of m2 damaged; m3's line after it no longer follows anything applied.
    await writeFile(journal, [lines[0], '{"revision": 9, "mentio', lines[2]].join('\n') + '\n');
    const reader = await Workspace.open(dir, { readOnly: true });
    expect((await reader.layer('ana', 'd0')).data.mentions.map((m) => m.id)).toEqual(['m0', 'm1']);
    expect((await reader.check()).map((p) => p.message).join('\n')).toContain(`the line at byte ${at} is not valid JSON`);
    const ws = await Workspace.open(dir);
    expect(ws.problems.map((p) => `${p.file} ${p.message}`).join('\n')).toContain(`${journal} the line at byte ${at}`);
    expect((await ws.layer('ana', 'd0')).data.mentions.map((m) => m.id)).toEqual(['m0', 'm1']);
    expect(existsSync(`${journal}.damaged`)).toBe(true);
  });

  it('a tail of zero bytes without a newline is reported and cut off before the next append', async () => {
    const { dir, journal, lines } = await journaled();
    const at = Buffer.byteLength(lines.join('\n') + '\n');
    await writeFile(journal, Buffer.concat([Buffer.from(lines.join('\n') + '\n'), Buffer.alloc(4096)]));
    const reader = await Workspace.open(dir, { readOnly: true });
    expect((await reader.layer('ana', 'd0')).data.mentions.map((m) => m.id)).toEqual(['m0', 'm1', 'm2', 'm3']);
    expect((await reader.check())[0].message).toContain(`4096 bytes at byte ${at} hold zero bytes`);
  });
});

describe('other writes on a full disk', () => {
  it('a whole-file write leaves the file as it was and no temp file, and answers disk_full naming the folder and the bytes', async () => {
    const dir = await tempDir();
    const path = join(dir, 'schema.json');
    await writeFile(path, 'old');
    fillAfter(10);
    const err = await writeFileDurable(path, 'x'.repeat(5000)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'disk_full' });
    expect((err as Error).message).toContain(`the disk holding ${dir} is full: saving needs about 5 KB`);
    expect(await readFile(path, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['schema.json']);
  });

  it('a copy into a snapshot that fails for space is disk_full naming the snapshots folder, not internal', () => {
    const raw = Object.assign(new Error('ENOSPC: no space left on device, copyfile'), { code: 'ENOSPC', syscall: 'copyfile', path: '/w/schema.json', dest: '/w/.parley/snapshots/s1/files/schema.json' });
    expect(diskFull(raw)).toMatchObject({ code: 'disk_full', message: expect.stringContaining('the disk holding /w/.parley/snapshots/s1/files is full') });
    expect(diskFull(Object.assign(new Error('quota'), { code: 'EDQUOT', path: '/w/x.json' }))?.code).toBe('disk_full');
    expect(diskFull(Object.assign(new Error('gone'), { code: 'ENOENT' }))).toBeNull();
  });

  it('a schema change (and its snapshot) refused for space changes nothing, in memory or on disk', async () => {
    const dir = await workspaceWith(1);
    const { handlers, session } = await handlersOn(dir);
    const schemaBefore = await readFile(join(dir, 'schema.json'), 'utf8');
    fillAfter(0);
    await expect(handlers['schema.renameLabel']({ from: 'PERSON', to: 'PER' })).rejects.toMatchObject({ code: 'disk_full' });
    spaceReturns();
    expect(await readFile(join(dir, 'schema.json'), 'utf8')).toBe(schemaBefore);
    expect(session.workspace.schema.labels.map((l) => l.name)).toContain('PERSON');
    await handlers['schema.renameLabel']({ from: 'PERSON', to: 'PER' });
    expect(session.workspace.schema.labels.map((l) => l.name)).toContain('PER');
  });
});

describe('the registry and the settings on a full disk', () => {
  it('an entity save and an annotator change are refused as disk_full, change nothing, and work once space returns', async () => {
    const dir = await workspaceWith(1);
    const { handlers, session } = await handlersOn(dir);
    const entity = { id: 'e1', type: 'PERSON', name: 'John Kerry', aliases: [] };
    const before = session.annotator;
    fillAfter(0);
    expect(await dispatch(handlers, 'entities.save', { entity })).toMatchObject({ ok: false, error: { code: 'disk_full' } });
    expect(await dispatch(handlers, 'settings.setAnnotator', { annotator: 'bea' })).toMatchObject({ ok: false, error: { code: 'disk_full' } });
    expect(await handlers['entities.list']({})).toEqual([]);
    expect(session.annotator).toBe(before);
    spaceReturns();
    expect(await dispatch(handlers, 'entities.save', { entity })).toMatchObject({ ok: true });
    expect((await handlers['entities.list']({})).map((e) => e.id)).toEqual(['e1']);
    expect(await dispatch(handlers, 'settings.setAnnotator', { annotator: 'bea' })).toMatchObject({ ok: true });
    expect(session.annotator).toBe('bea');
  });
});

describe('appends written whole', () => {
  it('two imports in a row append their index lines one after the other', async () => {
    const dir = await workspaceWith(1);
    const ws = await Workspace.open(dir);
    await ws.addDocuments([makeDocument('x1', 'One', 'A text.', {})]);
    await ws.addDocuments([makeDocument('x2', 'Two', 'Another text.', {})]);
    const lines = (await readFile(join(dir, 'index.journal'), 'utf8')).split('\n').filter(Boolean);
    expect(lines.map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(['x1', 'x2']);
    Workspace.release(dir);
    expect((await Workspace.open(dir, { readOnly: true })).entries.map((e) => e.id)).toEqual(['d0', 'x1', 'x2']);
  });
});

describe('a change made on a stale view', () => {
  const base = (): Layer => ({
    version: 1,
    docId: 'd',
    annotator: 'ana',
    textHash: 'h',
    status: 'in_progress',
    mentions: [{ id: 'k', label: 'ORG', start: 0, end: 4, quote: 'John', origin: 'manual', author: 'ana', createdAt: 't' }],
    frames: [],
    fields: { topic: 'war' },
    history: { undo: [], redo: [] },
    updatedAt: '',
  });
  const person = { id: 'k', label: 'PERSON', start: 0, end: 4, quote: 'John', origin: 'manual' as const, author: 'ana', createdAt: 't' };

  it('is refused when what it replaces is no longer there, with or without a revision', () => {
    const layer = base();
    expect(() => applyInPlace(layer, { op: 'updateMention', before: person, after: { ...person, label: 'GPE' } })).toThrow(ChangeConflict);
    expect(() => applyInPlace(layer, { op: 'removeMention', mention: person })).toThrow(ChangeConflict);
    expect(() => applyInPlace(layer, { op: 'setField', name: 'topic', before: 'peace', after: 'trade' })).toThrow(ChangeConflict);
    expect(() => applyInPlace(layer, { op: 'setStatus', before: 'done', after: 'in_progress' })).toThrow(ChangeConflict);
    expect(layer).toEqual(base());
    // The same changes made on what is there go through, whatever the order of the keys.
    const org = { createdAt: 't', author: 'ana', origin: 'manual' as const, quote: 'John', end: 4, start: 0, label: 'ORG', id: 'k' };
    applyInPlace(layer, { op: 'updateMention', before: org, after: { ...org, label: 'GPE' } });
    expect(layer.mentions[0].label).toBe('GPE');
  });

  it('tab A relabels PERSON to ORG; tab B, still showing PERSON, sends PERSON to GPE without a base revision: conflict, and ORG stays', async () => {
    const dir = await workspaceWith(1);
    const { handlers, session } = await handlersOn(dir);
    const { text } = await session.workspace.document('d0');
    const m = mentionAt(text, 0, 'k');
    await handlers['annotations.change']({ docId: 'd0', change: { op: 'addMention', mention: m } });
    await handlers['annotations.change']({ docId: 'd0', change: { op: 'updateMention', before: m, after: { ...m, label: 'ORG' } } });
    const stale = await change(handlers, 'd0', { op: 'updateMention', before: m, after: { ...m, label: 'GPE' } });
    expect(stale).toMatchObject({ ok: false, code: 'conflict' });
    expect((await layerOnDisk(dir, 'd0')).mentions.map((x) => x.label)).toEqual(['ORG']);
  });
});
