/**
 * A real small disk: a tmpfs mounted for the test (root only; skipped with
 * the reason where it cannot be mounted). `parley serve` and the CLI run on
 * it while it is full; `npm run bench:diskfull` runs the full loop.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canMount, diskFullLoop, fill, mount, umount } from '../../../bench/integrity/diskfull';
import { randomBytes } from 'node:crypto';
import { dispatch } from '../../../src/main/handlers';
import { join as joinShared, sync } from '../../../src/main/sync/sync';
import { makeDocument, Workspace } from '../../../src/main/workspace';
import { handlersFor, sharedWorkspace, tag } from '../sync/team';
import { handlersOn, homeFor, mentionAt, nativeDataset, newDocs, parleySync, tempDir, workspaceWith } from './fixtures';

const why = canMount();

describe('a workspace on a tmpfs that fills', { timeout: 600_000 }, () => {
  if (why) {
    it.skip(`skipped: ${why}`, () => undefined);
    return;
  }

  it('parley serve: edits while 0 or 4 KB are left are refused as disk_full or saved; after SIGTERM and SIGKILL restarts nothing acknowledged is lost, every layer opens, validate passes, no stale change is accepted', async () => {
    const figures = await diskFullLoop({ rounds: 1, spaces: [0, 4] });
    expect(figures.trials).toBe(4);
    expect(figures.refused_disk_full).toBeGreaterThan(0);
    expect(figures.acknowledged).toBeGreaterThan(0);
    expect({ lost: figures.lost, unreadable: figures.unreadable, invalid: figures.invalid, stale_accepted: figures.stale_accepted, other_errors: figures.other_errors }).toEqual({
      lost: 0,
      unreadable: 0,
      invalid: 0,
      stale_accepted: 0,
      other_errors: 0,
    });
  });

  it('the CLI on a full disk: import and export print one line naming the folder, exit 1, leave no lock and change nothing; both work once space returns', async () => {
    const mnt = join(await tempDir(), 'mnt');
    await mkdir(mnt);
    mount(mnt, '1m');
    try {
      const dir = await workspaceWith(2, 2000);
      const { handlers, session } = await handlersOn(dir);
      const { text } = await session.workspace.document('d0');
      await handlers['annotations.change']({ docId: 'd0', change: { op: 'addMention', mention: mentionAt(text, 0, 'm0') } });
      Workspace.release(dir);
      const ws = join(mnt, 'ws');
      await rm(ws, { recursive: true, force: true });
      expect(parleySync(await homeFor(), 'init', '--workspace', ws, '--empty').code).toBe(0);
      const home = await homeFor();
      const data = await nativeDataset(newDocs(3));
      const index = await readFile(join(ws, 'index.json'), 'utf8');
      const filler = fill(mnt, 0);

      const imported = parleySync(home, 'import', '--workspace', ws, data);
      expect(imported.code).toBe(1);
      expect(imported.stderr.trim().split('\n')).toHaveLength(1);
      expect(imported.stderr).toMatch(new RegExp(`^parley: the disk holding ${mnt}\\S* is full: saving needs`));
      expect(existsSync(join(ws, '.parley', 'lock'))).toBe(false);
      expect(await readFile(join(ws, 'index.json'), 'utf8')).toBe(index);
      expect(existsSync(join(ws, 'index.journal'))).toBe(false);

      const out = join(mnt, 'export');
      const exported = parleySync(home, 'export', '--workspace', dir, '--format', 'native', '--annotator', 'ana', '--out', out);
      expect(exported.code).toBe(1);
      expect(exported.stderr.trim().split('\n')).toHaveLength(1);
      expect(exported.stderr).toContain(`parley: the disk holding ${mnt} is full`);
      expect(existsSync(out)).toBe(false);

      await rm(filler);
      const again = parleySync(home, 'import', '--workspace', ws, data);
      expect(again.stderr).toBe('');
      expect(again.code).toBe(0);
      expect(existsSync(join(ws, '.parley', 'lock'))).toBe(false);
      expect(parleySync(home, 'validate', '--workspace', ws).code).toBe(0);
      expect(parleySync(home, 'export', '--workspace', dir, '--format', 'native', '--annotator', 'ana', '--out', out).code).toBe(0);
    } finally {
      umount(mnt);
    }
  });

  it('sync on a full disk: answered disk_full through the API with 0 or 16 KB left, the clone stays whole, and the next sync brings everything once space returns', async () => {
    for (const leaveKb of [0, 16]) {
      const mnt = join(await tempDir(), 'mnt');
      await mkdir(mnt);
      mount(mnt, '3m');
      try {
        const remote = join(await tempDir(), 'shared.git');
        const lead = await sharedWorkspace(remote);
        const ana = join(mnt, 'ana');
        await joinShared(remote, ana, { annotator: 'ana' });
        // The lead adds 20 articles of 12 KB that compress badly, tags them, and sends them: more than the full disk can take.
        const ws = await Workspace.open(lead);
        const texts = Array.from({ length: 20 }, (_, i) => `Lavrov ${i} ${randomBytes(9000).toString('base64').replace(/(.{9})/g, '$1 ')}`);
        await ws.addDocuments(texts.map((t, i) => makeDocument(`new${i}`, `New ${i}`, t, {})));
        ws.close();
        for (let i = 0; i < 20; i++) await tag(lead, 'lead', `new${i}`, 'Lavrov', 'PERSON');
        await sync(lead);
        await tag(ana, 'ana', 'doc1', 'Kerry', 'PERSON');

        // The window is open on the workspace (it holds the lock) when the disk fills.
        const api = await handlersFor(ana, 'ana');
        const filler = fill(mnt, leaveKb);
        const full = await dispatch(api, 'sync.run', {});
        expect(full.ok, `sync with ${leaveKb} KB left`).toBe(false);
        if (!full.ok) {
          expect(full.error.code).toBe('disk_full');
          expect(full.error.message).toContain(mnt);
        }
        await rm(filler);
        const again = await dispatch(api, 'sync.run', {});
        expect(again.ok ? 'ok' : again.error, `the sync after space returned (${leaveKb} KB were left)`).toBe('ok');
        Workspace.release(ana);
        const home = await homeFor('ana');
        expect(parleySync(home, 'validate', '--workspace', ana).code).toBe(0);
        const back = await Workspace.open(ana, { readOnly: true });
        expect(back.has('new19')).toBe(true);
        expect((await back.layer('lead', 'new19')).data.mentions.map((m) => m.quote)).toEqual(['Lavrov']);
        back.close();
        // What ana tagged while the disk was full reached the lead.
        await sync(lead);
        const atLead = await Workspace.open(lead, { readOnly: true });
        expect((await atLead.layer('ana', 'doc1')).data.mentions.map((m) => m.quote)).toEqual(['Kerry']);
        atLead.close();
      } finally {
        umount(mnt);
      }
    }
  });
});
