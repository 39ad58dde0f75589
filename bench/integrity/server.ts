/** `parley serve` from source as a child process, and an API client for it: what the integrity benches and tests race against. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname;
/** The CLI from source: node's arguments before the command's own. */
export const CLI = ['--import', 'tsx', join(ROOT, 'src/main/cli.ts')];

export type Answer = { ok: boolean; value?: unknown; error?: { code: string; message: string } };

export interface Server {
  child: ChildProcess;
  call(method: string, args?: unknown): Promise<Answer>;
  stop(): Promise<void>;
}

/** Starts `parley serve` on a folder; resolves once it prints its URL, rejects with its stderr if it exits first. */
export function serve(dir: string, home: string): Promise<Server> {
  const child = spawn(process.execPath, [...CLI, 'serve', '--workspace', dir], { cwd: ROOT, env: { ...process.env, PARLEY_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => reject(Object.assign(new Error(`parley serve exited with ${code}: ${err}`), { code, stderr: err })));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /at (http:\/\/\S+)/.exec(out);
      if (!m) return;
      const url = new URL(m[1]);
      const token = url.searchParams.get('token')!;
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      resolve({
        child,
        call: async (method, args = {}) => {
          const r = await fetch(`${url.origin}/api/${method}`, { method: 'POST', headers: { 'x-parley-token': token, 'content-type': 'application/json' }, body: JSON.stringify(args) });
          return (await r.json()) as Answer;
        },
        stop: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
