/**
 * Git objects through isomorphic-git, read and written in-process: trees as
 * maps, differences between two trees, and copying what one repository lacks
 * from another (how a remote on a local or shared-folder path is fetched
 * from and pushed to, since isomorphic-git speaks only HTTP).
 */
import nodeFs, { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type IsomorphicGit from 'isomorphic-git';
import { writeFileDurable } from '../store/durable';

/**
 * isomorphic-git, loaded the first time it is used: most runs of the CLI and
 * the server never sync, and parsing it cost every start a tenth of a second
 * of CPU. Required from the same file a static import loads on Node (the
 * package's CommonJS build, its "node" export).
 */
let loaded: typeof IsomorphicGit | undefined;
const git = new Proxy({} as typeof IsomorphicGit, {
  get: (_, name) => (loaded ??= createRequire(import.meta.url)('isomorphic-git') as typeof IsomorphicGit)[name as keyof typeof IsomorphicGit],
});

let temps = 0;

/**
 * isomorphic-git writes objects, pack indexes and refs in place and trusts
 * any file that exists: one stopped short by a full disk (or a killed
 * process) would be a corrupt object forever. Every write here goes to a
 * temp file renamed over the target, so a file is whole or absent.
 */
async function writeWhole(path: string, data: string | Uint8Array, options?: Parameters<typeof writeFile>[2]): Promise<void> {
  const temp = `${path}.${process.pid}.${++temps}.tmp`;
  try {
    await writeFile(temp, data, options);
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

/** The file system isomorphic-git is given: node's promises, with whole-file writes. */
const fs = { promises: { ...nodeFs.promises, writeFile: writeWhole } };

export { fs, git };

/** isomorphic-git's cache of parsed pack indexes; one per operation keeps repeated reads cheap. */
export type GitCache = Record<string, unknown>;

export interface TreeEntry {
  mode: string;
  path: string;
  oid: string;
  type: 'blob' | 'tree' | 'commit';
}

export async function readTreeMap(gitdir: string, oid: string | null, cache: GitCache): Promise<Map<string, TreeEntry>> {
  if (!oid) return new Map();
  const { tree } = await git.readTree({ fs, gitdir, oid, cache });
  return new Map(tree.map((e) => [e.path, e as TreeEntry]));
}

export async function treeOf(gitdir: string, commit: string | null, cache: GitCache): Promise<string | null> {
  if (!commit) return null;
  return (await git.readCommit({ fs, gitdir, oid: commit, cache })).commit.tree;
}

export interface FileChange {
  path: string;
  before: string | null;
  after: string | null;
}

/** Files that differ between two trees (blob oids), descending only into folders that differ. */
export async function diffTrees(gitdir: string, a: string | null, b: string | null, cache: GitCache, prefix = '', out: FileChange[] = []): Promise<FileChange[]> {
  if (a === b) return out;
  const [am, bm] = await Promise.all([readTreeMap(gitdir, a, cache), readTreeMap(gitdir, b, cache)]);
  for (const name of new Set([...am.keys(), ...bm.keys()])) {
    const x = am.get(name);
    const y = bm.get(name);
    if (x?.oid === y?.oid) continue;
    const path = prefix + name;
    const xt = x?.type === 'tree' ? x.oid : null;
    const yt = y?.type === 'tree' ? y.oid : null;
    if (xt || yt) await diffTrees(gitdir, xt, yt, cache, `${path}/`, out);
    const xb = x && x.type === 'blob' ? x.oid : null;
    const yb = y && y.type === 'blob' ? y.oid : null;
    if (xb !== yb) out.push({ path, before: xb, after: yb });
  }
  return out;
}

export async function blobText(gitdir: string, oid: string | null, cache: GitCache): Promise<string | null> {
  if (!oid) return null;
  const { blob } = await git.readBlob({ fs, gitdir, oid, cache });
  return Buffer.from(blob).toString('utf8');
}

/** Object ids in each pack index, by file: a pack never changes once written, so read once per process. */
const packIds = new Map<string, Set<string> | null>();

/** The ids a pack index (.idx, version 2) lists, read without loading the pack itself; null for another version. */
async function idsOfIndex(path: string): Promise<Set<string> | null> {
  if (packIds.has(path)) return packIds.get(path)!;
  const idx = await readFile(path);
  let ids: Set<string> | null = null;
  if (idx.readUInt32BE(0) === 0xff744f63 && idx.readUInt32BE(4) === 2) {
    const count = idx.readUInt32BE(8 + 255 * 4);
    ids = new Set();
    for (let i = 0, at = 8 + 256 * 4; i < count; i++, at += 20) ids.add(idx.toString('hex', at, at + 20));
  }
  packIds.set(path, ids);
  return ids;
}

/**
 * Whether the repository has the object. Checked from loose files and pack
 * indexes only: isomorphic-git would read (and checksum) a whole pack, the
 * workspace's documents among it, to answer.
 */
export async function hasObject(gitdir: string, oid: string, cache: GitCache): Promise<boolean> {
  if (existsSync(join(gitdir, 'objects', oid.slice(0, 2), oid.slice(2)))) return true;
  let names: string[] = [];
  try {
    names = (await readdir(join(gitdir, 'objects', 'pack'))).filter((n) => n.endsWith('.idx'));
  } catch {
    // no packs yet
  }
  let unknown = false;
  for (const name of names) {
    const ids = await idsOfIndex(join(gitdir, 'objects', 'pack', name));
    if (ids === null) unknown = true;
    else if (ids.has(oid)) return true;
  }
  if (!unknown) return false;
  try {
    await git.readObject({ fs, gitdir, oid, format: 'deflated', cache });
    return true;
  } catch (e) {
    if ((e as { code?: string }).code === 'NotFoundError') return false;
    throw e;
  }
}

/**
 * Copies every object reachable from `oid` that `to` lacks, as one pack:
 * the pack becomes visible only once its index is written, so an
 * interrupted copy adds nothing, and the next copy finds what it needs.
 */
export async function copyObjects(from: string, to: string, oid: string, cache: { from: GitCache; to: GitCache }): Promise<number> {
  const missing: string[] = [];
  const blobIds: string[] = [];
  const seen = new Set<string>();
  const stack: { oid: string; type: string }[] = [{ oid, type: 'commit' }];
  while (stack.length) {
    const next = stack.pop()!;
    if (seen.has(next.oid)) continue;
    seen.add(next.oid);
    if (await hasObject(to, next.oid, cache.to)) continue;
    missing.push(next.oid);
    if (next.type === 'blob') blobIds.push(next.oid);
    if (next.type === 'commit') {
      const { commit } = await git.readCommit({ fs, gitdir: from, oid: next.oid, cache: cache.from });
      stack.push({ oid: commit.tree, type: 'tree' }, ...commit.parent.map((p) => ({ oid: p, type: 'commit' })));
    } else if (next.type === 'tree') {
      const { tree } = await git.readTree({ fs, gitdir: from, oid: next.oid, cache: cache.from });
      for (const e of tree) if (e.type !== 'commit') stack.push({ oid: e.oid, type: e.type });
    }
  }
  if (missing.length === 0) return 0;
  // Commits and trees travel in a pack of their own, blobs (the documents' texts) in another: walking the history then never reads the texts.
  const blobs = new Set(blobIds);
  const packs = [missing.filter((oid) => !blobs.has(oid)), missing.filter((oid) => blobs.has(oid))];
  await mkdir(join(to, 'objects', 'pack'), { recursive: true });
  // Blobs first: a pack of commits and trees is only visible once everything they name is.
  for (const oids of packs.reverse()) {
    if (oids.length === 0) continue;
    const { filename, packfile } = await git.packObjects({ fs, gitdir: from, oids, cache: cache.from });
    await writeFileDurable(join(to, 'objects', 'pack', filename), packfile!);
    await git.indexPack({ fs, dir: to, gitdir: to, filepath: join('objects', 'pack', filename), cache: cache.to });
  }
  return missing.length;
}
