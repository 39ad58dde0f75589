/**
 * The disk-full loop: a workspace on a small tmpfs of its own, `parley serve`
 * on it, the disk filled to leave 0, 4, 16 or 64 KB, edits, an undo and a
 * change made on a stale view sent through the HTTP API, the space given
 * back, more edits, then the server stopped by SIGTERM or SIGKILL. After
 * each trial the workspace is checked as a tester would: `parley validate`,
 * every layer read again by a new server, every acknowledged mention looked
 * for. Needs root (it mounts); `canMount` says why not where it cannot.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Mention } from '../../src/core/model';
import { makeDocument, Workspace } from '../../src/main/workspace';
import { CLI, serve, type Answer, type Server } from './server';

export interface DiskFullFigures {
  trials: number;
  /** Changes the server answered ok (adds, undos, relabels). */
  acknowledged: number;
  /** Changes the server refused as disk_full while the disk was full. */
  refused_disk_full: number;
  /** Answers other than ok, disk_full or conflict, or a message without the folder. */
  other_errors: number;
  /** Acknowledged mentions not there after the restart (or there after an acknowledged undo). */
  lost: number;
  /** Layers a restarted server could not open. */
  unreadable: number;
  /** Trials after which `parley validate` found a problem. */
  invalid: number;
  /** Changes made on a stale view (no base revision) that were accepted. */
  stale_accepted: number;
}

export const SPACES_KB = [0, 4, 16, 64];
const DOCS = 4;
const TEXT = 'Lavrov met Kerry in Geneva and Moscow on Syria talks. '.repeat(6);

/** Why a tmpfs cannot be mounted here, or null when it can. */
export function canMount(): string | null {
  if (process.platform !== 'linux') return 'tmpfs mounts need Linux';
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root';
  const dir = join(tmpdir(), `parley-mount-probe-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return `mount -t tmpfs failed: ${(r.stderr || r.error?.message || '').trim()}`;
  }
  spawnSync('umount', [dir]);
  rmSync(dir, { recursive: true, force: true });
  return null;
}

export function mount(dir: string, size: string): void {
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mount failed: ${r.stderr}`);
}

export function umount(dir: string): void {
  spawnSync('umount', ['-l', dir]);
}

function free(dir: string): number {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
}

/** Fills the disk holding `dir`, then gives back `leaveKb` KB of it; returns the filler's path. */
export function fill(dir: string, leaveKb: number): string {
  const path = join(dir, 'filler');
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  let size = 0;
  try {
    for (;;) {
      const want = free(dir) > chunk.length ? chunk.length : 4096;
      try {
        size += writeSync(fd, chunk, 0, want);
      } catch {
        break;
      }
    }
    if (leaveKb > 0) ftruncateSync(fd, Math.max(0, size - leaveKb * 1024));
  } finally {
    closeSync(fd);
  }
  return path;
}

function mention(id: string, i: number, label = 'PERSON'): Mention {
  const words = [...TEXT.matchAll(/[A-Za-z]+/g)];
  const w = words[i % words.length];
  // A note makes each journal line about half a KB, so the edits while full cross page boundaries.
  return { id, label, start: w.index!, end: w.index! + w[0].length, quote: w[0], note: `note ${id} `.repeat(30), origin: 'manual', author: 'ana', createdAt: '2026-01-01T00:00:00.000Z' };
}

/** One trial's bookkeeping: what each acknowledged answer says must be on disk. */
class Expected {
  /** Per document: mention id → label it must have (null: must be absent). */
  readonly byDoc = new Map<string, Map<string, string | null>>();
  set(doc: string, id: string, label: string | null): void {
    if (!this.byDoc.has(doc)) this.byDoc.set(doc, new Map());
    this.byDoc.get(doc)!.set(id, label);
  }
}

async function trial(template: string, mnt: string, home: string, leaveKb: number, signal: 'SIGTERM' | 'SIGKILL', round: number, figures: DiskFullFigures): Promise<void> {
  const ws = join(mnt, 'ws');
  await cp(template, ws, { recursive: true });
  const expected = new Expected();
  let n = 0;
  const tally = (a: Answer, expectFolder: boolean): boolean => {
    if (a.ok) {
      figures.acknowledged++;
      return true;
    }
    if (a.error?.code === 'disk_full') {
      figures.refused_disk_full++;
      if (expectFolder && !a.error.message.includes(mnt)) figures.other_errors++;
    } else if (a.error?.code !== 'conflict') figures.other_errors++;
    return false;
  };
  const add = async (server: Server, doc: string, expectFolder = true) => {
    const id = `m_${round}_${n}`;
    const m = mention(id, n++);
    if (tally(await server.call('annotations.change', { docId: doc, change: { op: 'addMention', mention: m } }), expectFolder)) expected.set(doc, id, m.label);
    return m;
  };

  let server = await serve(ws, home);
  let filler: string | null = null;
  try {
    // Before: a few edits on every document, and a mention both "tabs" see as PERSON.
    for (let d = 0; d < DOCS; d++) for (let k = 0; k < 3; k++) await add(server, `d${d}`);
    const shared = await add(server, 'd0');

    filler = fill(mnt, leaveKb);
    // While full: edits, an undo, and a stale change without a base revision.
    for (let k = 0; k < 48; k++) await add(server, `d${k % DOCS}`);
    const undo = await server.call('annotations.undo', { docId: 'd1' });
    if (tally(undo, true)) {
      const c = (undo.value as { change: { op: string; mention?: Mention } | null }).change;
      if (c?.op === 'removeMention' && c.mention) expected.set('d1', c.mention.id, null);
    }
    const relabel = await server.call('annotations.change', { docId: 'd0', change: { op: 'updateMention', before: shared, after: { ...shared, label: 'ORG' } } });
    const relabelled = tally(relabel, true);
    if (relabelled) expected.set('d0', shared.id, 'ORG');
    if (relabelled) {
      const stale = await server.call('annotations.change', { docId: 'd0', change: { op: 'updateMention', before: shared, after: { ...shared, label: 'GPE' } } });
      if (stale.ok) figures.stale_accepted++;
    }

    // Space returns: everything works again without a restart.
    rmSync(filler, { force: true });
    filler = null;
    for (let k = 0; k < 8; k++) await add(server, `d${k % DOCS}`, false);
    const fresh = await add(server, 'd2', false);
    if (expected.byDoc.get('d2')?.get(fresh.id)) {
      const a = await server.call('annotations.change', { docId: 'd2', change: { op: 'updateMention', before: fresh, after: { ...fresh, label: 'ORG' } } });
      if (tally(a, false)) expected.set('d2', fresh.id, 'ORG');
      const stale = await server.call('annotations.change', { docId: 'd2', change: { op: 'updateMention', before: fresh, after: { ...fresh, label: 'GPE' } } });
      if (stale.ok) figures.stale_accepted++;
    }
  } finally {
    if (filler) rmSync(filler, { force: true });
    await new Promise<void>((done) => {
      if (server.child.exitCode !== null || server.child.signalCode !== null) return done();
      server.child.removeAllListeners('exit');
      server.child.once('exit', () => done());
      server.child.kill(signal);
    });
  }

  // After: validate, then a new server opens every layer.
  const v = spawnSync(process.execPath, [...CLI, 'validate', '--workspace', ws], { encoding: 'utf8', env: { ...process.env, PARLEY_HOME: home } });
  if (v.status !== 0) {
    figures.invalid++;
    process.stderr.write(`\nvalidate (${leaveKb} KB, ${signal}): ${v.stdout}${v.stderr}\n`);
  }
  server = await serve(ws, home);
  try {
    for (const [doc, want] of expected.byDoc) {
      const opened = await server.call('documents.open', { docId: doc });
      if (!opened.ok) {
        figures.unreadable++;
        figures.lost += [...want.values()].filter((l) => l !== null).length;
        continue;
      }
      const labels = new Map((opened.value as { layer: { mentions: Mention[] } }).layer.mentions.map((m) => [m.id, m.label]));
      for (const [id, label] of want) if ((labels.get(id) ?? null) !== label) figures.lost++;
    }
  } finally {
    await server.stop();
  }
  figures.trials++;
}

/** `rounds` × SPACES_KB × SIGTERM/SIGKILL trials, each on a fresh tmpfs of `size`. */
export async function diskFullLoop(options: {
  rounds: number;
  size?: string;
  spaces?: number[];
  signals?: ('SIGTERM' | 'SIGKILL')[];
  onTrial?: (n: number, of: number) => void;
}): Promise<DiskFullFigures> {
  const spaces = options.spaces ?? SPACES_KB;
  const signals = options.signals ?? (['SIGTERM', 'SIGKILL'] as const);
  const root = await mkdtemp(join(tmpdir(), 'parley-diskfull-'));
  const template = join(root, 'template');
  const home = join(root, 'home');
  const mnt = join(root, 'mnt');
  await Workspace.create(
    template,
    'disk full',
    Array.from({ length: DOCS }, (_, i) => makeDocument(`d${i}`, `Document ${i}`, `${TEXT}Day ${i}.`, {})),
  );
  Workspace.release(template);
  await mkdir(home, { recursive: true });
  await mkdir(mnt, { recursive: true });
  await writeFile(join(home, 'settings.json'), JSON.stringify({ annotator: 'ana', lastDocuments: {} }));
  const figures: DiskFullFigures = { trials: 0, acknowledged: 0, refused_disk_full: 0, other_errors: 0, lost: 0, unreadable: 0, invalid: 0, stale_accepted: 0 };
  const of = options.rounds * spaces.length * signals.length;
  try {
    for (let r = 0; r < options.rounds; r++) {
      for (const kb of spaces) {
        for (const signal of signals) {
          mount(mnt, options.size ?? '2m');
          try {
            await trial(template, mnt, home, kb, signal, figures.trials, figures);
          } finally {
            umount(mnt);
          }
          options.onTrial?.(figures.trials, of);
        }
      }
    }
  } finally {
    await rm(root, { recursive: true, force: true, maxRetries: 3 });
  }
  return figures;
}
