/**
 * Snapshots: before a migration or a bulk change, the files it will change
 * are copied into .parley/snapshots/<time>/, with a manifest naming them and
 * the files it will create. `parley restore` brings one back (as one bulk
 * change). Old snapshots are pruned: at most KEEP_COUNT, and at most
 * KEEP_BYTES together, the newest always kept.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { z } from 'zod';
import { ParleyError } from '../../core/errors';
import { DocumentEntrySchema, type DocumentEntry } from '../../core/model';
import { parseFile, readJsonFile, type FileKind } from './jsonFile';
import { commitFiles } from './atomicCommit';
import { INDEX_FILE, INDEX_JOURNAL, indexKind } from './kinds';
import { diskFull, writeFileDurable } from './durable';
import { PRIVATE_DIR } from './lock';

export const KEEP_COUNT = 20;
export const KEEP_BYTES = 256 * 1024 * 1024;

let taken = 0;

export interface SnapshotInfo {
  id: string;
  createdAt: string;
  reason: string;
  /** Files copied (they existed before the change), relative to the workspace. */
  copied: string[];
  /** Files the change created: a restore removes them. */
  created: string[];
  bytes: number;
}

/** A path inside the workspace, as a manifest names it: a restore writes there. */
const inside = z.string().refine((r) => r.length > 0 && !r.startsWith('/') && !/^[A-Za-z]:/.test(r) && !r.split(/[\\/]/).includes('..'), 'a path inside the workspace');
const journalEntryKind: FileKind<DocumentEntry> = { what: 'document index entry', schema: DocumentEntrySchema };
/** One line of the index journal, or corrupt_file naming the journal and that line. */
function journalEntry(line: string, path: string, at: number): DocumentEntry {
  try {
    return parseFile(line, journalEntryKind, path, { advice: '; nothing was restored' }).data;
  } catch (e) {
    throw e instanceof ParleyError ? new ParleyError(e.code, e.message, e.file, at) : e;
  }
}

const KEPT = { advice: '; the snapshot is kept and not listed: fix its manifest by hand to restore it' };
const snapshotKind: FileKind<SnapshotInfo> = {
  what: 'snapshot manifest',
  schema: z.object({ id: z.string(), createdAt: z.string(), reason: z.string(), copied: z.array(inside), created: z.array(inside), bytes: z.number().nonnegative() }),
};

function snapshotsDir(root: string): string {
  return join(root, PRIVATE_DIR, 'snapshots');
}

function rel(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

/** Copies the files `paths` (absolute, inside root) as they are now; returns the snapshot's id. */
export async function takeSnapshot(root: string, reason: string, paths: string[], limits = { count: KEEP_COUNT, bytes: KEEP_BYTES }): Promise<string> {
  // Time first, then a counter, so ids sort in the order the snapshots were taken.
  const id = `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}-${String(taken++).padStart(6, '0')}`;
  const dir = join(snapshotsDir(root), id);
  const info: SnapshotInfo = { id, createdAt: new Date().toISOString(), reason, copied: [], created: [], bytes: 0 };
  try {
    for (const path of paths) {
      const r = rel(root, path);
      if (!existsSync(path)) {
        info.created.push(r);
        continue;
      }
      const to = join(dir, 'files', r);
      await mkdir(dirname(to), { recursive: true });
      await copyFile(path, to);
      info.copied.push(r);
      info.bytes += (await stat(to)).size;
    }
    // A change that only creates files copies nothing, and still needs its folder for the manifest.
    await mkdir(dir, { recursive: true });
    await writeFileDurable(join(dir, 'manifest.json'), JSON.stringify(info));
  } catch (e) {
    // A snapshot cut short is no snapshot: its copies go, and the change it was taken for is not made.
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    throw diskFull(e, join(dir, 'manifest.json'), await sizeOf(paths)) ?? e;
  }
  await prune(root, limits);
  return id;
}

/** Bytes the files at `paths` hold together (those that exist). */
async function sizeOf(paths: string[]): Promise<number> {
  let n = 0;
  for (const p of paths) n += await stat(p).then((s) => s.size, () => 0);
  return n;
}

/** The index as the restore leaves it, written whole, without the documents in `removed`, and no journal. */
async function indexWithout(root: string, dir: string, info: SnapshotInfo, removed: Set<string>): Promise<{ path: string; text: string | null }[]> {
  const from = (name: string) => (info.copied.includes(name) ? join(dir, name) : join(root, name));
  const read = (name: string) => readFile(from(name), 'utf8').catch(() => null);
  const indexText = await read(INDEX_FILE);
  // A damaged index is refused by file and line: the restore would write it back without its documents.
  const base: { documents: { id: string }[] } = indexText === null ? { documents: [] } : parseFile(indexText, indexKind, from(INDEX_FILE)).data;
  const journal = info.created.includes(INDEX_JOURNAL) ? '' : ((await read(INDEX_JOURNAL)) ?? '');
  const seen = new Set(base.documents.map((d) => d.id));
  const documents = [...base.documents];
  // Whole lines only (a torn last one never reached the index); each an entry, or the restore is refused at its line.
  journal
    .slice(0, journal.lastIndexOf('\n') + 1)
    .split('\n')
    .forEach((line, i) => {
      if (!line) return;
      const entry = journalEntry(line, from(INDEX_JOURNAL), i + 1);
      if (!seen.has(entry.id)) documents.push(entry);
      seen.add(entry.id);
    });
  return [
    { path: join(root, INDEX_FILE), text: JSON.stringify({ ...base, documents: documents.filter((d) => !removed.has(d.id)) }, null, 1) },
    { path: join(root, INDEX_JOURNAL), text: null },
  ];
}

/**
 * The snapshots that can be restored, oldest first. A folder without a
 * manifest is a snapshot cut short (pruned); one whose manifest is damaged
 * goes to `damaged` (file, line, problem) and is never pruned: its copies
 * may be all that is left of what it kept.
 */
export async function listSnapshots(root: string, damaged: ParleyError[] = []): Promise<SnapshotInfo[]> {
  let names: string[];
  try {
    names = await readdir(snapshotsDir(root));
  } catch {
    return [];
  }
  const out: SnapshotInfo[] = [];
  for (const name of names.sort()) {
    try {
      const path = join(snapshotsDir(root), name, 'manifest.json');
      const info = (await readJsonFile(path, snapshotKind, KEPT))?.data;
      if (info && info.id !== name) throw new ParleyError('corrupt_file', `names snapshot ${info.id}, not its folder ${name}${KEPT.advice}`, path);
      if (info) out.push(info);
    } catch (e) {
      if (!(e instanceof ParleyError)) throw e;
      damaged.push(e);
    }
  }
  return out;
}

/** The snapshot folder a damaged manifest's error names. */
const snapshotOf = (root: string, e: ParleyError): string => relative(snapshotsDir(root), e.file!).split(sep)[0];

async function prune(root: string, limits: { count: number; bytes: number }): Promise<void> {
  const damaged: ParleyError[] = [];
  const all = await listSnapshots(root, damaged);
  const keep = new Set<string>();
  let bytes = 0;
  for (const s of [...all].reverse()) {
    if (keep.size > 0 && (keep.size >= limits.count || bytes + s.bytes > limits.bytes)) break;
    keep.add(s.id);
    bytes += s.bytes;
  }
  // One whose manifest is damaged is never pruned: its copies may be all that is left of what it kept.
  for (const e of damaged) keep.add(snapshotOf(root, e));
  for (const name of await readdir(snapshotsDir(root))) {
    if (!keep.has(name)) await rm(join(snapshotsDir(root), name), { recursive: true, force: true });
  }
}

/** Puts the workspace back as the snapshot saw it: copied files return, created ones go; all or nothing. */
export async function restoreSnapshot(root: string, id: string): Promise<SnapshotInfo> {
  const damaged: ParleyError[] = [];
  const info = (await listSnapshots(root, damaged)).find((s) => s.id === id);
  const problem = damaged.find((e) => snapshotOf(root, e) === id);
  if (problem) throw problem;
  if (!info) throw new ParleyError('not_found', `no snapshot ${id}; list them with parley restore --workspace ${root} --list`);
  const dir = join(snapshotsDir(root), id, 'files');
  const files = [
    ...(await Promise.all(info.copied.map(async (r) => ({ path: join(root, r), text: await readFile(join(dir, r), 'utf8') })))),
    ...info.created.map((r) => ({ path: join(root, r), text: null })),
  ];
  const removed = new Set(info.created.filter((r) => r.startsWith('documents/') && r.endsWith('.json')).map((r) => r.slice('documents/'.length, -'.json'.length)));
  if (removed.size) {
    // The documents the change added leave the index too, even if its journal was compacted since.
    const index = await indexWithout(root, dir, info, removed);
    files.splice(0, files.length, ...files.filter((f) => f.path !== join(root, INDEX_FILE) && f.path !== join(root, INDEX_JOURNAL)), ...index);
  }
  // The restore itself can be undone: what it replaces is snapshotted first.
  await takeSnapshot(root, `before restoring ${id}`, files.map((f) => f.path));
  await commitFiles(root, `restore of snapshot ${id}`, files);
  return info;
}
