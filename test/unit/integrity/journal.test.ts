import { existsSync } from 'node:fs';
import { appendFile, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runUntilKilled } from '../../../bench/integrity/killloop';
import { seededRandom } from '../../../src/core/random';
import { journalPath, spliceDiff } from '../../../src/main/store/journal';
import { listSnapshots, restoreSnapshot } from '../../../src/main/store/snapshots';
import { makeDocument, Workspace } from '../../../src/main/workspace';
import { handlersOn, homeFor, mentionAt, textOf, workspaceWith } from './fixtures';

const WRITER = new URL('../../../bench/integrity/journal-writer.ts', import.meta.url).pathname;

function mentionIds(layerFile: string): Promise<string[]> {
  return readFile(layerFile, 'utf8').then((t) => (JSON.parse(t) as { mentions: { id: string }[] }).mentions.map((m) => m.id));
}

describe('a layer journal', () => {
  it('splices that turn one list into another, whatever was cut, inserted or replaced', () => {
    const random = seededRandom(3);
    for (let n = 0; n < 300; n++) {
      const a = Array.from({ length: Math.floor(random() * 12) }, (_, i) => ({ i }));
      const b = a.slice();
      const edits = Math.floor(random() * 4);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * (b.length + 1));
        if (random() < 0.5 && b.length) b.splice(at, 1);
        else b.splice(at, 0, { i: 100 + e });
      }
      if (random() < 0.3) b.splice(0, Math.floor(random() * b.length));
      const out = a.slice();
      for (const [at, del, items] of spliceDiff(a, b)) out.splice(at, del, ...items);
      expect(out).toEqual(b);
    }
  });

  it('an edit appends to the journal and leaves the layer file as it was; reopening reads both; a bulk change folds it in', async () => {
    const dir = await workspaceWith(2, 200);
    const { handlers, session } = await handlersOn(dir);
    const ws = session.workspace;
    const { text } = await ws.document('d0');
    await handlers['annotations.change']({ docId: 'd0', change: { op: 'addMention', mention: mentionAt(text, 0, 'm0') } });
    const layerFile = ws.layerPath('ana', 'd0');
    const before = await readFile(layerFile, 'utf8');
    for (let i = 1; i < 20; i++) await handlers['annotations.change']({ docId: 'd0', change: { op: 'addMention', mention: mentionAt(text, i, `m${i}`) } });
    await handlers['annotations.undo']({ docId: 'd0' });
    expect(await readFile(layerFile, 'utf8')).toBe(before);
    expect((await stat(journalPath(layerFile))).size).toBeGreaterThan(0);
    const expected = (await ws.layer('ana', 'd0')).data;
    expect(expected.mentions.map((m) => m.id)).toHaveLength(19);

    // Another process reading the folder sees every edit.
    const reader = await Workspace.open(dir, { readOnly: true });
    expect((await reader.layer('ana', 'd0')).data).toEqual(expected);
    expect(await reader.check()).toEqual([]);

    // A torn last line (a kill mid-append) is dropped, and cut off before the next append.
    await appendFile(journalPath(layerFile), '{"revision":999,"mentions":[[0,0,[{"id":"torn"');
    ws.close();
    Workspace.release(dir);
    const again = await handlersOn(dir);
    // Opening folds the journal into the file.
    expect(existsSync(journalPath(layerFile))).toBe(false);
    expect((await again.session.workspace.layer('ana', 'd0')).data.mentions).toEqual(expected.mentions);
    await again.handlers['annotations.change']({ docId: 'd0', change: { op: 'addMention', mention: mentionAt(text, 30, 'after') } });
    expect(existsSync(journalPath(layerFile))).toBe(true);
    // A bulk change writes the layer whole and removes its journal in the same step.
    await again.handlers['schema.renameLabel']({ from: 'PERSON', to: 'PER' });
    expect(existsSync(journalPath(layerFile))).toBe(false);
    const onDisk = JSON.parse(await readFile(layerFile, 'utf8')) as { mentions: { id: string; label: string }[] };
    expect(onDisk.mentions.map((m) => m.id)).toContain('after');
    expect(new Set(onDisk.mentions.map((m) => m.label))).toEqual(new Set(['PER']));
    const reread = await Workspace.open(dir, { readOnly: true });
    expect((await reread.layer('ana', 'd0')).data.mentions).toEqual(onDisk.mentions);
    expect(await reread.check()).toEqual([]);
  });
});

describe('the document index journal', () => {
  it('an import appends its entries and leaves index.json as it was; reopening lists them; a torn line is left out; restore removes them even after a compaction', async () => {
    const dir = await workspaceWith(3);
    const ws = await Workspace.open(dir);
    const indexBefore = await readFile(join(dir, 'index.json'), 'utf8');
    await ws.addDocuments([makeDocument('x1', 'New one', 'A new text.', {}), makeDocument('x2', 'New two', 'Another new text.', {})]);
    expect(await readFile(join(dir, 'index.json'), 'utf8')).toBe(indexBefore);
    expect((await readFile(join(dir, 'index.journal'), 'utf8')).trim().split('\n')).toHaveLength(2);
    expect(ws.entries.map((e) => e.id)).toEqual(['d0', 'd1', 'd2', 'x1', 'x2']);
    const [snap] = (await listSnapshots(dir)).slice(-1);
    await appendFile(join(dir, 'index.journal'), '{"id":"torn","ti');
    const reader = await Workspace.open(dir, { readOnly: true });
    expect(reader.entries.map((e) => e.id)).toEqual(['d0', 'd1', 'd2', 'x1', 'x2']);
    expect(await reader.check()).toEqual([]);
    await ws.compactIndex();
    expect(existsSync(join(dir, 'index.journal'))).toBe(false);
    expect((JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as { documents: unknown[] }).documents).toHaveLength(5);
    Workspace.release(dir);
    await restoreSnapshot(dir, snap.id);
    const after = await Workspace.open(dir, { readOnly: true });
    expect(after.entries.map((e) => e.id)).toEqual(['d0', 'd1', 'd2']);
    expect(await after.check()).toEqual([]);
  });
});

describe('a writer killed while it appends to a layer journal and compacts it', { timeout: 300_000 }, () => {
  it('loses no acknowledged add or removal, and leaves a layer that reads back whole', async () => {
    const dir = await workspaceWith(1, 400);
    // The layer exists before the writer starts, so every save goes to the journal.
    const { handlers } = await handlersOn(dir);
    await handlers['annotations.change']({ docId: 'd0', change: { op: 'addMention', mention: mentionAt(textOf(400, 'n0'), 0, 'first') } });
    Workspace.release(dir);
    const home = await homeFor('ana');
    const random = seededRandom(11);
    const last = new Map<string, 'add' | 'remove'>();
    let acknowledged = 0;
    for (let k = 0; k < 4; k++) {
      const acked = (await runUntilKilled(WRITER, [dir, String(k + 1)], { PARLEY_HOME: home, PARLEY_JOURNAL_FLOOR: '1500' }, 300 + Math.floor(random() * 900))).filter((l) => l.startsWith('ack ') || l.startsWith('try '));
      for (const line of acked) {
        const [kind, op, id] = line.split(' ');
        if (kind === 'ack') last.set(id, op as 'add' | 'remove');
        // A removal the kill cut short may have happened or not: neither is a loss.
        else last.delete(id);
      }
      acknowledged += acked.filter((l) => l.startsWith('ack ')).length;
      const ws = await Workspace.open(dir);
      expect(await ws.check()).toEqual([]);
      const ids = new Set((await ws.layer('ana', 'd0')).data.mentions.map((m) => m.id));
      const lost = [...last].filter(([id, op]) => (op === 'add') !== ids.has(id));
      expect(lost).toEqual([]);
      Workspace.release(dir);
    }
    expect(acknowledged).toBeGreaterThan(20);
    // After the last open, the layer file alone holds everything.
    const onDisk = new Set(await mentionIds(join(dir, 'annotations', 'ana', 'd0.json')));
    expect([...last].filter(([id, op]) => (op === 'add') !== onDisk.has(id))).toEqual([]);
  });
});
