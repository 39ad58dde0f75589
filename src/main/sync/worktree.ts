/**
 * The workspace's files against the last synced commit, without git's index:
 * a small record of each file's size, time and inode beside the blob it
 * matched (in .parley/, never shared) means a sync with nothing to send
 * reads only folder listings and file stats, and hashes only files that
 * changed. Commits are built from the previous tree with only the changed
 * folders rewritten.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileDurable } from '../store/durable';
import { readCacheFile, type FileKind } from '../store/jsonFile';
import { fs, git, readTreeMap, type GitCache } from './objects';

const KNOWN_FILE = join('.parley', 'sync-files.json');

/** size, mtimeMs, inode, blob oid: the file as it was when it matched the commit. */
type Stamp = [number, number, number, string];

export interface Known {
  head: string | null;
  files: Record<string, Stamp>;
}

/** Checked by hand rather than as a zod tuple: a 100,000-file record is checked in half the time. */
const isStamp = (v: unknown): v is Stamp => Array.isArray(v) && v.length === 4 && typeof v[0] === 'number' && typeof v[1] === 'number' && typeof v[2] === 'number' && typeof v[3] === 'string';
const knownKind: FileKind<Known> = {
  what: 'record of the files as last synced',
  schema: z.object({ head: z.string().nullable(), files: z.record(z.string(), z.custom<Stamp>(isStamp, 'expected [size, time, inode, blob id]')) }),
};

/** Files never shared: git's own folder, the machine's .parley/, temp files, lock files and layer journals (a sync shares layers whole). */
export function isShared(name: string): boolean {
  return name !== '.git' && name !== '.parley' && !name.endsWith('.tmp') && !name.endsWith('.lock') && !name.endsWith('.journal');
}

async function listFiles(root: string, rel = '', out: string[] = []): Promise<string[]> {
  const entries = await readdir(join(root, rel), { withFileTypes: true });
  const dirs: string[] = [];
  for (const e of entries) {
    if (!isShared(e.name)) continue;
    const path = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) dirs.push(path);
    else if (e.isFile()) out.push(path);
  }
  await Promise.all(dirs.map((d) => listFiles(root, d, out)));
  return out;
}

async function flatten(gitdir: string, tree: string | null, cache: GitCache, prefix = '', out: Record<string, Stamp> = {}): Promise<Record<string, Stamp>> {
  for (const e of (await readTreeMap(gitdir, tree, cache)).values()) {
    if (e.type === 'tree') await flatten(gitdir, e.oid, cache, `${prefix}${e.path}/`, out);
    else if (e.type === 'blob') out[prefix + e.path] = [-1, -1, -1, e.oid];
  }
  return out;
}

export async function loadKnown(root: string, head: string | null, headTree: string | null, cache: GitCache): Promise<Known> {
  const known = await readCacheFile(join(root, KNOWN_FILE), knownKind, 'the last synced commit');
  if (known?.head === head) return known;
  // First sync on this machine, a record of another commit, or a lost or damaged one (said in the log): rebuilt from the commit, each file then hashed once.
  return { head, files: await flatten(join(root, '.git'), headTree, cache) };
}

export async function saveKnown(root: string, known: Known): Promise<void> {
  await mkdir(join(root, '.parley'), { recursive: true });
  await writeFileDurable(join(root, KNOWN_FILE), JSON.stringify(known));
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

export interface Scan {
  /** Changed files: new blob oid, or null when the file was deleted. */
  changes: Map<string, string | null>;
  /** Fresh stamps for files read during the scan. */
  stamps: Map<string, Stamp>;
}

/** What changed in the workspace since `known`; with `write`, new contents are stored as blobs. */
export async function scan(root: string, known: Known, write: boolean): Promise<Scan> {
  const gitdir = join(root, '.git');
  const files = await listFiles(root);
  const changes = new Map<string, string | null>();
  const stamps = new Map<string, Stamp>();
  // Document texts never change once added (validate reports one that did), so a known one is not even stat'ed.
  const toCheck = files.filter((path) => !(path.startsWith('documents/') && known.files[path]));
  await inBatches(toCheck, 64, async (path) => {
    const k = known.files[path];
    const full = join(root, path);
    const st = await stat(full);
    if (k && k[0] === st.size && k[1] === st.mtimeMs && k[2] === st.ino) return;
    const content = await readFile(full);
    const { oid } = await git.hashBlob({ object: content });
    stamps.set(path, [st.size, st.mtimeMs, st.ino, oid]);
    if (k?.[3] === oid) return;
    if (write) await git.writeBlob({ fs, gitdir, blob: content });
    changes.set(path, oid);
  });
  const present = new Set(files);
  for (const path of Object.keys(known.files)) if (!present.has(path)) changes.set(path, null);
  return { changes, stamps };
}

/** A tree with the given files replaced or removed; only folders on their paths are rewritten. */
export async function updateTree(gitdir: string, tree: string | null, changes: Map<string, string | null>, cache: GitCache): Promise<string | null> {
  const entries = await readTreeMap(gitdir, tree, cache);
  const sub = new Map<string, Map<string, string | null>>();
  for (const [path, oid] of changes) {
    const slash = path.indexOf('/');
    if (slash < 0) {
      if (oid === null) entries.delete(path);
      else entries.set(path, { mode: '100644', path, oid, type: 'blob' });
      continue;
    }
    const dir = path.slice(0, slash);
    if (!sub.has(dir)) sub.set(dir, new Map());
    sub.get(dir)!.set(path.slice(slash + 1), oid);
  }
  for (const [dir, inner] of sub) {
    const current = entries.get(dir);
    const next = await updateTree(gitdir, current?.type === 'tree' ? current.oid : null, inner, cache);
    if (next === null) entries.delete(dir);
    else entries.set(dir, { mode: '040000', path: dir, oid: next, type: 'tree' });
  }
  if (entries.size === 0) return null;
  return git.writeTree({ fs, gitdir, tree: [...entries.values()] });
}

export function applyStamps(known: Known, stamps: Map<string, Stamp>, removed: Iterable<string> = []): void {
  for (const [path, s] of stamps) known.files[path] = s;
  for (const path of removed) delete known.files[path];
}

export async function stampOf(root: string, path: string, oid: string): Promise<Stamp> {
  const st = await stat(join(root, path));
  return [st.size, st.mtimeMs, st.ino, oid];
}

export { existsSync, inBatches };
