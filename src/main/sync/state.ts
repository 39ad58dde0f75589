/**
 * Where a shared workspace stands, read without contacting the remote: its
 * head, whether it is shared, what waits to be sent or fetched (the window
 * shows it between syncs).
 */
import { join, resolve } from 'node:path';
import { readConflicts } from './conflicts';
import { fs, git, treeOf, type GitCache } from './objects';
import { BRANCH, isRepository, readRemoteUrl, trackedRemoteHead } from './remote';
import { loadKnown, scan } from './worktree';

const HEAD_REF = `refs/heads/${BRANCH}`;

export interface SyncState {
  shared: boolean;
  remote: string | null;
  /** Files changed here since the last sync (not yet committed) plus whether commits wait to be sent. */
  changesToSend: number;
  /** Whether the last fetch saw changes not yet merged here. */
  changesToFetch: boolean;
  conflicts: number;
  head: string | null;
}

/** The sync state without contacting the remote (the window shows it between syncs). */
export async function syncState(dir: string): Promise<SyncState> {
  const root = resolve(dir);
  if (!(await isShared(root))) return { shared: false, remote: null, changesToSend: 0, changesToFetch: false, conflicts: 0, head: null };
  const gitdir = gitdirOf(root);
  const cache: GitCache = {};
  const head = await headOf(root);
  let changed = (await scan(root, await loadKnown(root, head, await treeOf(gitdir, head, cache), cache), false)).changes.size;
  const tracked = await trackedRemoteHead(gitdir);
  if (head && tracked !== head && !(tracked && (await git.isDescendent({ fs, gitdir, oid: tracked, ancestor: head, depth: -1, cache })))) changed += 1;
  const toFetch = !!tracked && tracked !== head && !(head && (await git.isDescendent({ fs, gitdir, oid: head, ancestor: tracked, depth: -1, cache })));
  return { shared: true, remote: await readRemoteUrl(gitdir), changesToSend: changed, changesToFetch: toFetch, conflicts: (await readConflicts(root)).length, head };
}

export const gitdirOf = (root: string) => join(root, '.git');

export async function headOf(root: string): Promise<string | null> {
  try {
    return await git.resolveRef({ fs, dir: root, ref: HEAD_REF });
  } catch {
    return null;
  }
}

export async function isShared(root: string): Promise<boolean> {
  return (await isRepository(root)) && (await readRemoteUrl(gitdirOf(root))) !== null;
}
