/** `parley serve` from source as a child process, and an API client for it: what the integrity benches and tests race against. */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { CLI } from '../cli';

export const ROOT = new URL('../..', import.meta.url).pathname;
/** Node's arguments before the command's own: the CLI built when the build is current, else from source. */
export { CLI };

export type Answer = { ok: boolean; value?: unknown; error?: { code: string; message: string } };

export interface Server {
  child: ChildProcess;
  call(method: string, args?: unknown): Promise<Answer>;
  stop(): Promise<void>;
}

/**
 * One POST on a connection of its own, so every failure is the server's: a
 * kept-alive connection the server closes after its idle timeout, as the
 * next request is written on it, fails in the client (more often on a busy
 * machine, whose timers fire late).
 */
function post(origin: URL, path: string, token: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const headers = { 'x-parley-token': token, 'content-type': 'application/json' };
    const req = request({ host: origin.hostname, port: origin.port, path, method: 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
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
          try {
            return JSON.parse(await post(url, `/api/${method}`, token, JSON.stringify(args))) as Answer;
          } catch (e) {
            const state = child.exitCode === null && child.signalCode === null ? 'still running' : `gone (${child.exitCode ?? child.signalCode}): ${err}`;
            throw new Error(`${method}: ${(e as Error).message}; parley serve is ${state}`, { cause: e });
          }
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
