/**
 * The kill loop: a writer process (writer.ts) makes random edits, imports
 * and bulk changes through the API and is SIGKILLed at random moments; after
 * each kill the workspace is opened (which finishes or clears what the kill
 * left) and checked: torn files, acknowledged edits lost, invalid
 * workspaces (any problem `parley validate` reports, or a document file the
 * index does not list), temp files left after the open.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '../../src/core/random';
import { makeDocument, Workspace } from '../../src/main/workspace';
import { mentionIdsOnDisk } from './disk';

export interface KillFigures {
  kills: number;
  torn_files: number;
  acknowledged_edits: number;
  acknowledged_edits_lost: number;
  workspaces_left_invalid: number;
  temp_files_left: number;
}

const WRITER = new URL('./writer.ts', import.meta.url).pathname;
const BUNDLE = new URL('../../out/bench/writer.mjs', import.meta.url).pathname;

/**
 * The writer and its packages as one plain-JavaScript file: a start then
 * costs one file's compile instead of transpiling and resolving hundreds of
 * modules (about half the time). tsx when the bundler is not there.
 */
async function writerCommand(): Promise<string[]> {
  try {
    const { build } = await import('esbuild');
    // Packages written as CommonJS call require, which an ES module lacks.
    const banner = "import { createRequire as parleyRequire } from 'node:module'; const require = parleyRequire(import.meta.url);";
    await build({ entryPoints: [WRITER], bundle: true, platform: 'node', format: 'esm', banner: { js: banner }, outfile: BUNDLE, logLevel: 'error' });
    return [BUNDLE];
  } catch {
    return ['--import', 'tsx', WRITER];
  }
}

interface Writer {
  child: ChildProcess;
  loaded: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  acked: [string, string][];
  err: string;
}

/** Starts a writer that loads its code and waits for the word to open the workspace. */
function startWriter(command: string[], dir: string, home: string, seed: number): Writer {
  const child = spawn(process.execPath, [...command, dir, String(seed), '--wait'], { env: { ...process.env, PARLEY_HOME: home }, stdio: ['pipe', 'pipe', 'pipe'] });
  const w: Writer = { child, loaded: Promise.resolve(), exited: new Promise((r) => child.on('exit', (code, signal) => r({ code, signal }))), acked: [], err: '' };
  let buffer = '';
  let onLoaded = () => {};
  w.loaded = new Promise((r) => (onLoaded = r));
  child.stdin!.on('error', () => undefined);
  child.stderr!.on('data', (d: Buffer) => (w.err += d.toString()));
  child.stdout!.on('data', (d: Buffer) => {
    buffer += d.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) {
      if (line === 'loaded') onLoaded();
      else if (line === 'ready') child.emit('ready');
      const m = /^ack (\S+) (\S+)$/.exec(line);
      if (m) w.acked.push([m[1], m[2]]);
    }
  });
  return w;
}

/** Lets a loaded writer open the workspace, kills it `ms` after it is ready, and resolves once it is gone. */
async function runAndKill(w: Writer, ms: number): Promise<{ acked: [string, string][] }> {
  await Promise.race([w.loaded, w.exited]);
  const ready = new Promise<void>((r) => w.child.once('ready', r));
  w.child.stdin!.end('go\n');
  await Promise.race([ready, w.exited]);
  const timer = setTimeout(() => w.child.kill('SIGKILL'), ms);
  const { code, signal } = await w.exited;
  clearTimeout(timer);
  if (signal !== 'SIGKILL') throw new Error(`the writer stopped by itself (${code}): ${w.err}`);
  return { acked: w.acked };
}

async function walk(dir: string, out: string[] = []): Promise<string[]> {
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'snapshots') await walk(p, out);
    } else out.push(p);
  }
  return out;
}

/** Counts the acknowledged mentions missing from the layers on disk. */
async function countLost(dir: string, acked: Map<string, Set<string>>, figures: KillFigures): Promise<void> {
  for (const [doc, ids] of acked) {
    // No layer: every acknowledged edit on it is lost.
    const onDisk = await mentionIdsOnDisk(dir, 'ana', doc);
    figures.acknowledged_edits += ids.size;
    for (const id of ids) if (!onDisk.has(id)) figures.acknowledged_edits_lost++;
  }
  acked.clear();
}

/**
 * `kills` kills. The workspace is checked after each; every `freshEvery`
 * kills the acknowledged edits are counted and the writer starts again on a
 * fresh copy of the prepared workspace, so a long run stays as fast as a
 * short one. The next writer loads its code while the current one runs.
 */
export async function killLoop(options: { kills: number; seed?: number; maxDelayMs?: number; freshEvery?: number; onKill?: (n: number) => void }): Promise<KillFigures> {
  const random = seededRandom(options.seed ?? 1);
  const root = await mkdtemp(join(tmpdir(), 'parley-killloop-'));
  const template = join(root, 'template');
  const dir = join(root, 'ws');
  const home = join(root, 'home');
  await Workspace.create(
    template,
    'kill loop',
    Array.from({ length: 20 }, (_, i) => makeDocument(`d${i}`, `Document ${i}`, `Lavrov met Kerry in Geneva on day ${i}. The talks on Syria went on.`, {})),
  );
  Workspace.release(template);
  await cp(template, dir, { recursive: true });
  await mkdir(home, { recursive: true });
  await writeFile(join(home, 'settings.json'), JSON.stringify({ annotator: 'ana', lastDocuments: {} }));
  const command = await writerCommand();
  const figures: KillFigures = { kills: 0, torn_files: 0, acknowledged_edits: 0, acknowledged_edits_lost: 0, workspaces_left_invalid: 0, temp_files_left: 0 };
  const acked = new Map<string, Set<string>>();
  const freshEvery = options.freshEvery ?? 20;
  // Writers loading their code ahead of their turn (two: a load takes longer than a run on a busy machine).
  const ahead: Writer[] = [];
  const spawnAhead = (k: number) => {
    while (ahead.length < 2 && k + ahead.length < options.kills) ahead.push(startWriter(command, dir, home, k + ahead.length + 1));
  };
  try {
    for (let k = 0; k < options.kills; k++) {
      spawnAhead(k);
      const current = ahead.shift()!;
      const run = runAndKill(current, Math.floor(random() * (options.maxDelayMs ?? 400)));
      spawnAhead(k + 1);
      const { acked: got } = await run;
      const fresh = (k + 1) % freshEvery === 0;
      figures.kills++;
      for (const [doc, id] of got) {
        if (!acked.has(doc)) acked.set(doc, new Set());
        acked.get(doc)!.add(id);
      }
      // Torn: a workspace file that does not parse, as the kill left it.
      for (const f of await walk(dir)) {
        if (!f.endsWith('.json') || f.includes('/.parley/staging/')) continue;
        try {
          JSON.parse(await readFile(f, 'utf8'));
        } catch {
          figures.torn_files++;
        }
      }
      const ws = await Workspace.open(dir);
      figures.temp_files_left += (await walk(dir)).filter((f) => f.endsWith('.tmp') || f.includes('/.parley/staging/')).length;
      const problems = await ws.check();
      const listed = new Set(ws.entries.map((e) => e.id));
      const files = (await readdir(join(dir, 'documents'))).filter((n) => n.endsWith('.json'));
      if (problems.length > 0 || files.some((n) => !listed.has(n.slice(0, -5))) || files.length !== listed.size) figures.workspaces_left_invalid++;
      Workspace.release(dir);
      if (fresh) {
        await countLost(dir, acked, figures);
        await rm(dir, { recursive: true, force: true });
        await cp(template, dir, { recursive: true });
      }
      options.onKill?.(figures.kills);
    }
    await countLost(dir, acked, figures);
  } finally {
    for (const w of ahead) w.child.kill('SIGKILL');
    await rm(root, { recursive: true, force: true, maxRetries: 3 });
  }
  return figures;
}

/**
 * Runs a writer script (args after the script) until it has printed `ready`
 * and then for `ms` more, then kills it; returns every line it printed after.
 */
export function runUntilKilled(script: string, args: string[], env: Record<string, string>, ms: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const said: string[] = [];
    let buffer = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), ms);
        else said.push(line);
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(said);
      else reject(new Error(`the writer stopped by itself (${code}): ${err}`));
    });
  });
}
