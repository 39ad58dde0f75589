/**
 * Sync's private files in .parley/, damaged: the record of a checkout under
 * way and a running server's address are refused by file and line and kept;
 * the record of file stamps is a cache, rebuilt from the commit and said in the log.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, releaseLock } from '../../../src/main/store/lock';
import { finishInterruptedSync } from '../../../src/main/sync/sync';
import { runningServer } from '../../../src/main/sync/viaServer';
import { loadKnown } from '../../../src/main/sync/worktree';
import { cut, expectRefused, lineOf, logged, pretty, tempDir } from './damage';

const COMMIT = 'c'.repeat(40);

describe("sync's damaged private files", () => {
  it('a sync intent cut short is refused by file and line, and kept (dropped, the next sync would commit a half-moved workspace)', async () => {
    const root = await tempDir();
    await expectRefused(join(root, '.parley', 'sync-intent.json'), cut(pretty({ from: null, to: COMMIT }), 2), 2, () => finishInterruptedSync(root));
  });

  it("a running server's address with a field of the wrong type is refused while the server holds the lock, and ignored once it does not", async () => {
    const root = await tempDir();
    const path = join(root, '.parley', 'serve.json');
    const text = pretty({ pid: process.pid, host: 'here', origin: 'http://127.0.0.1:4000', token: 7 });
    acquireLock(root);
    try {
      await expectRefused(path, text, lineOf(text, '"token"'), () => runningServer(root));
    } finally {
      releaseLock(root);
    }
    expect(runningServer(root)).toBeNull();
  });

  it('the record of file stamps, damaged, is rebuilt from the commit and said in the log', async () => {
    const root = await tempDir();
    const path = join(root, '.parley', 'sync-files.json');
    const text = pretty({ head: COMMIT, files: { 'schema.json': [12, 'yesterday', 3, 'abc'] } });
    let known: Awaited<ReturnType<typeof loadKnown>> | null = null;
    const log = await logged(path, text, async () => (known = await loadKnown(root, COMMIT, null, {})));
    expect(log).toContain(`${path}:${lineOf(text, '"schema.json"')}: not a valid record of the files as last synced at files.schema.json`);
    expect(log).toContain('built again from the last synced commit');
    expect(known).toEqual({ head: COMMIT, files: {} });
  });
});
