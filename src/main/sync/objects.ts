/**
 * Git objects through isomorphic-git, read and written in-process: trees as
 * maps, differences between two trees, and copying what one repository lacks
 * from another (how a remote on a local or shared-folder path is fetched
 * from and pushed to, since isomorphic-git speaks only HTTP).
 */
import fs from 'node:fs';
import git from 'isomorphic-git';

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

export async function hasObject(gitdir: string, oid: string, cache: GitCache): Promise<boolean> {
  try {
    await git.readObject({ fs, gitdir, oid, format: 'deflated', cache });
    return true;
  } catch (e) {
    if ((e as { code?: string }).code === 'NotFoundError') return false;
    throw e;
  }
}

/**
 * Copies every object reachable from `oid` that `to` lacks. Children are
 * written before their parents, so an interrupted copy never leaves an
 * object whose parts are missing, and the next copy can stop at any object
 * it finds.
 */
export async function copyObjects(from: string, to: string, oid: string, cache: { from: GitCache; to: GitCache }): Promise<number> {
  type Frame = { oid: string; object?: { type: string; object: Uint8Array } };
  const stack: Frame[] = [{ oid }];
  const seen = new Set<string>();
  let copied = 0;
  while (stack.length) {
    const frame = stack.pop()!;
    if (frame.object) {
      await git.writeObject({ fs, gitdir: to, type: frame.object.type as 'blob', object: frame.object.object, format: 'content', oid: frame.oid });
      copied++;
      continue;
    }
    if (seen.has(frame.oid)) continue;
    seen.add(frame.oid);
    if (await hasObject(to, frame.oid, cache.to)) continue;
    const obj = await git.readObject({ fs, gitdir: from, oid: frame.oid, format: 'content', cache: cache.from });
    const object = obj.object as Uint8Array;
    stack.push({ oid: frame.oid, object: { type: obj.type, object } });
    if (obj.type === 'commit') {
      const { commit } = await git.readCommit({ fs, gitdir: from, oid: frame.oid, cache: cache.from });
      stack.push({ oid: commit.tree });
      for (const p of commit.parent) stack.push({ oid: p });
    } else if (obj.type === 'tree') {
      const { tree } = await git.readTree({ fs, gitdir: from, oid: frame.oid, cache: cache.from });
      for (const e of tree) if (e.type !== 'commit') stack.push({ oid: e.oid });
    }
  }
  return copied;
}
