/**
 * The kill loop: a writer process (writer.ts) makes random edits, imports
 * and bulk changes through the API and is SIGKILLed at random moments; after
 * each kill the workspace is opened (which finishes or clears what the kill
 * left) and checked: torn files, acknowledged edits lost, invalid
 * workspaces (any problem `parley validate` reports, or a document file the
 * index does not list), temp files left after the open.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '../../src/core/random';
import { makeDocument, Workspace } from '../../src/main/workspace';

export interface KillFigures {
  kills: number;
  torn_files: number;
  acknowledged_edits: number;
  acknowledged_edits_lost: number;
  workspaces_left_invalid: number;
  temp_files_left: number;
}

const WRITER = new URL('./writer.ts', import.meta.url).pathname;

async function walk(dir: string, out: string[] = []): Promise<string[]> {
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'snapshots') await walk(p, out);
    } else out.push(p);
  }
  return out;
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

/** Runs the writer and kills it; returns what it acknowledged. */
async function runAndKill(dir: string, home: string, seed: number, ms: number): Promise<{ acked: [string, string][] }> {
  const said = await runUntilKilled(WRITER, [dir, String(seed)], { PARLEY_HOME: home }, ms);
  const acked: [string, string][] = [];
  for (const line of said) {
    const m = /^ack (\S+) (\S+)$/.exec(line);
    if (m) acked.push([m[1], m[2]]);
  }
  return { acked };
}

export async function killLoop(options: { kills: number; seed?: number; maxDelayMs?: number; onKill?: (n: number) => void }): Promise<KillFigures> {
  const random = seededRandom(options.seed ?? 1);
  const root = await mkdtemp(join(tmpdir(), 'parley-killloop-'));
  const dir = join(root, 'ws');
  const home = join(root, 'home');
  await Workspace.create(
    dir,
    'kill loop',
    Array.from({ length: 20 }, (_, i) => makeDocument(`d${i}`, `Document ${i}`, `Lavrov met Kerry in Geneva on day ${i}. The talks on Syria went on.`, {})),
  );
  Workspace.release(dir);
  await import('node:fs/promises').then((fs) => fs.mkdir(home, { recursive: true }));
  await writeFile(join(home, 'settings.json'), JSON.stringify({ annotator: 'ana', lastDocuments: {} }));
  const figures: KillFigures = { kills: 0, torn_files: 0, acknowledged_edits: 0, acknowledged_edits_lost: 0, workspaces_left_invalid: 0, temp_files_left: 0 };
  const acked = new Map<string, Set<string>>();
  for (let k = 0; k < options.kills; k++) {
    const run = await runAndKill(dir, home, k + 1, Math.floor(random() * (options.maxDelayMs ?? 400)));
    figures.kills++;
    for (const [doc, id] of run.acked) {
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
    options.onKill?.(figures.kills);
  }
  for (const [doc, ids] of acked) {
    let onDisk = new Set<string>();
    try {
      onDisk = new Set((JSON.parse(await readFile(join(dir, 'annotations', 'ana', `${doc}.json`), 'utf8')) as { mentions: { id: string }[] }).mentions.map((m) => m.id));
    } catch {
      // no layer: every acknowledged edit on it is lost
    }
    figures.acknowledged_edits += ids.size;
    for (const id of ids) if (!onDisk.has(id)) figures.acknowledged_edits_lost++;
  }
  return figures;
}
