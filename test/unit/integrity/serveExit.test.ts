import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockPath } from '../../../src/main/store/lock';
import { Workspace } from '../../../src/main/workspace';
import { ROOT } from '../../../bench/integrity/server';
import { homeFor, workspaceWith } from './fixtures';

/**
 * The built `parley serve`, as an analyst runs it: the search and suggestion
 * workers run in threads there, and a browser keeps its connection open.
 */
describe('parley serve ends on Ctrl+C or a kill', { timeout: 120_000 }, () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`exits on ${signal} with a browser connected, letting go of the lock and its address file`, async () => {
      const dir = await workspaceWith(3);
      Workspace.release(dir);
      const child = spawn(process.execPath, [join(ROOT, 'bin/parley.js'), 'serve', '--workspace', dir], { env: { ...process.env, PARLEY_HOME: await homeFor() }, stdio: ['ignore', 'pipe', 'pipe'] });
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      const url = await new Promise<string>((resolve) => {
        let out = '';
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /at (http:\/\/\S+)/.exec(out);
          if (m) resolve(m[1]);
        });
      });
      try {
        // A kept-alive connection, as a browser tab holds one.
      await new Promise<void>((done) => get(url, { headers: { connection: 'keep-alive' } }, (res) => res.resume().on('end', done)));
      expect(existsSync(lockPath(dir))).toBe(true);
      child.kill(signal);
      expect(await exited).toBe(0);
      expect(existsSync(lockPath(dir))).toBe(false);
      expect(existsSync(join(dir, '.parley', 'serve.json'))).toBe(false);
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    });
  }
});
