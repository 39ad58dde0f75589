/** Runs the `parley` command line (built when the build is current, else from source), with a fresh user folder, and returns what it printed and its exit code. */
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CLI } from '../../bench/cli';

const run = promisify(execFile);

export async function parley(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [...CLI, ...args], { env: { ...process.env, PARLEY_HOME: await mkdtemp(join(tmpdir(), 'parley-home-')) } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
