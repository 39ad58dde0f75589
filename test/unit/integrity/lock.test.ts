import { writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { lockPath } from '../../../src/main/store/lock';
import { Workspace } from '../../../src/main/workspace';
import { documentFiles, homeFor, nativeDataset, newDocs, parleySync, serve, workspaceWith } from './fixtures';

/** The ids in the document index on disk. */
async function indexed(dir: string): Promise<string[]> {
  const ws = await Workspace.open(dir, { readOnly: true });
  return ws.entries.map((e) => e.id).sort();
}

// Each test starts Parley processes; on a busy machine one start takes seconds.
describe('one writer per workspace', { timeout: 180_000 }, () => {
  it('a second server on the same folder refuses to start and names the one that holds it', async () => {
    const dir = await workspaceWith(3);
    Workspace.release(dir);
    const first = await serve(dir, await homeFor());
    try {
      const second = await serve(dir, await homeFor()).then(
        (s) => s,
        (e: { code: number; stderr: string }) => e,
      );
      expect('child' in second).toBe(false);
      const refused = second as { code: number; stderr: string };
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(new RegExp(`open for writing in parley serve \\(process ${first.child.pid}, since `));
      // The first server still answers, and still writes.
      expect((await first.call('entities.save', { entity: { id: 'e1', type: 'PERSON', name: 'Sergey Lavrov', aliases: [] } })).ok).toBe(true);
    } finally {
      await first.stop();
    }
  });

  it('the CLI cannot import into a folder a server has open; reading commands still work; after the server stops it can', async () => {
    const dir = await workspaceWith(3);
    Workspace.release(dir);
    const home = await homeFor();
    const dataset = await nativeDataset(newDocs(20));
    const server = await serve(dir, home);
    try {
      const refused = parleySync(home, 'import', '--workspace', dir, dataset);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/open for writing in parley serve \(process \d+/);
      expect(parleySync(home, 'list', '--workspace', dir).stdout.split('\n').filter(Boolean)).toHaveLength(3);
      expect(parleySync(home, 'validate', '--workspace', dir).code).toBe(0);
      // The server's next change of the index keeps every document it has.
      expect((await server.call('entities.save', { entity: { id: 'e1', type: 'PERSON', name: 'Sergey Lavrov', aliases: [] } })).ok).toBe(true);
      expect(await indexed(dir)).toEqual(await documentFiles(dir));
    } finally {
      await server.stop();
    }
    const imported = parleySync(home, 'import', '--workspace', dir, dataset);
    expect(imported.stderr).toBe('');
    expect(await indexed(dir)).toHaveLength(23);
    expect(await indexed(dir)).toEqual(await documentFiles(dir));
  });

  it('a lock left by a process that no longer runs is taken over', async () => {
    const dir = await workspaceWith(1);
    Workspace.release(dir);
    // A pid far above any pid_max in use: no such process.
    await writeFile(lockPath(dir), JSON.stringify({ pid: 2 ** 30, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z', command: 'parley serve' }));
    const ws = await Workspace.open(dir);
    await ws.saveEntities([{ id: 'e1', type: 'PERSON', name: 'Lavrov', aliases: [] }]);
    expect(ws.entities).toHaveLength(1);
    Workspace.release(dir);
  });
});
