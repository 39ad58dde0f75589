/**
 * Where a shared workspace lives: a bare repository on a local or shared
 * folder (a path or a file:// URL), or a git host over HTTP(S). Both fetch
 * the remote's branch into this repository and push with a check that the
 * remote has not moved since the fetch.
 */
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import http from 'isomorphic-git/http/node';
import { ParleyError } from '../../core/errors';
import { copyObjects, fs, git, type GitCache } from './objects';

export const BRANCH = 'main';
export const REMOTE = 'origin';
const REMOTE_REF = `refs/remotes/${REMOTE}/${BRANCH}`;

export interface Remote {
  url: string;
  /** Brings the remote's branch into the local repository; its commit, or null for an empty remote. */
  fetch(gitdir: string, cache: GitCache): Promise<string | null>;
  /** Moves the remote's branch from `expected` to `oid`; false when someone pushed in between. */
  push(gitdir: string, oid: string, expected: string | null, cache: GitCache): Promise<boolean>;
}

export interface RemoteAuth {
  /** An access token for HTTPS hosts (GitHub, GitLab, Gitea): never written to the workspace. */
  token?: string;
}

export function isHttp(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** A path or file:// URL as an absolute folder. */
export function localPath(url: string, cwd = process.cwd()): string {
  if (/^file:\/\//i.test(url)) return fileURLToPath(url);
  return isAbsolute(url) ? url : resolve(cwd, url);
}

export function openRemote(url: string, auth: RemoteAuth = {}): Remote {
  return isHttp(url) ? httpRemote(url, auth) : folderRemote(localPath(url));
}

async function setTracking(gitdir: string, oid: string | null): Promise<void> {
  if (oid) await git.writeRef({ fs, gitdir, ref: REMOTE_REF, value: oid, force: true });
}

export async function trackedRemoteHead(gitdir: string): Promise<string | null> {
  try {
    return await git.resolveRef({ fs, gitdir, ref: REMOTE_REF });
  } catch {
    return null;
  }
}

async function branchOf(gitdir: string): Promise<string | null> {
  try {
    return await git.resolveRef({ fs, gitdir, ref: `refs/heads/${BRANCH}` });
  } catch {
    return null;
  }
}

/** Makes an empty bare repository for a new shared workspace in a folder. */
export async function createBareRepository(path: string): Promise<void> {
  if (existsSync(join(path, 'HEAD'))) return;
  await mkdir(path, { recursive: true });
  await git.init({ fs, dir: path, gitdir: path, bare: true, defaultBranch: BRANCH });
}

function folderRemote(path: string): Remote {
  const check = () => {
    if (!existsSync(join(path, 'HEAD')) || !existsSync(join(path, 'objects'))) {
      throw new ParleyError('not_found', `no shared repository at ${path}: expected a bare git repository there (parley share creates one)`);
    }
  };
  return {
    url: path,
    async fetch(gitdir, cache) {
      check();
      const head = await branchOf(path);
      if (head) await copyObjects(path, gitdir, head, { from: {}, to: cache });
      await setTracking(gitdir, head);
      return head;
    },
    async push(gitdir, oid, expected, cache) {
      check();
      await copyObjects(gitdir, path, oid, { from: cache, to: {} });
      // The branch moves under a lock file, as git itself does: create it exclusively, check, rename.
      const refPath = join(path, 'refs', 'heads', BRANCH);
      await mkdir(join(path, 'refs', 'heads'), { recursive: true });
      const lock = `${refPath}.lock`;
      let fh;
      try {
        fh = await open(lock, 'wx');
      } catch {
        return false;
      }
      try {
        const current = await branchOf(path);
        if (current !== expected) {
          await fh.close();
          await rm(lock, { force: true });
          return false;
        }
        await fh.writeFile(`${oid}\n`);
        await fh.sync();
        await fh.close();
        await rename(lock, refPath);
      } catch (e) {
        await fh.close().catch(() => undefined);
        await rm(lock, { force: true });
        throw e;
      }
      await setTracking(gitdir, oid);
      return true;
    },
  };
}

function httpRemote(url: string, auth: RemoteAuth): Remote {
  const onAuth = auth.token ? () => ({ username: auth.token, password: 'x-oauth-basic' }) : undefined;
  const problem = (e: unknown): never => {
    const err = e as { code?: string; data?: { statusCode?: number }; message?: string };
    if (err.code === 'HttpError' && (err.data?.statusCode === 401 || err.data?.statusCode === 403)) {
      throw new ParleyError('unauthorized', `${url} refused access (${err.data.statusCode}): give an access token with --token or PARLEY_GIT_TOKEN`);
    }
    throw new ParleyError('io', `cannot reach ${url}: ${err.message ?? String(e)}`);
  };
  return {
    url,
    async fetch(gitdir, cache) {
      let refs;
      try {
        refs = await git.listServerRefs({ http, url, prefix: `refs/heads/${BRANCH}`, onAuth });
      } catch (e) {
        return problem(e);
      }
      const head = refs.find((r) => r.ref === `refs/heads/${BRANCH}`)?.oid ?? null;
      if (!head) return null;
      try {
        await git.fetch({ fs, http, gitdir, url, ref: BRANCH, remoteRef: BRANCH, singleBranch: true, tags: false, onAuth, cache });
      } catch (e) {
        return problem(e);
      }
      await setTracking(gitdir, head);
      return head;
    },
    async push(gitdir, oid, expected, cache) {
      // isomorphic-git pushes a ref; a temporary one names exactly the commit to send.
      const ref = 'refs/parley/push';
      await git.writeRef({ fs, gitdir, ref, value: oid, force: true });
      if (expected) await setTracking(gitdir, expected);
      try {
        const result = await git.push({ fs, http, gitdir, url, ref, remoteRef: `refs/heads/${BRANCH}`, onAuth, cache });
        if (!result.ok) return false;
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === 'PushRejectedError' || code === 'GitPushError') return false;
        return problem(e);
      } finally {
        await git.deleteRef({ fs, gitdir, ref }).catch(() => undefined);
      }
      await setTracking(gitdir, oid);
      return true;
    },
  };
}

export async function readRemoteUrl(gitdir: string): Promise<string | null> {
  const url = (await git.getConfig({ fs, gitdir, path: `remote.${REMOTE}.url` })) as string | undefined;
  return url ?? null;
}

export async function isRepository(root: string): Promise<boolean> {
  return existsSync(join(root, '.git', 'HEAD')) && (await readFile(join(root, '.git', 'HEAD'), 'utf8').then(() => true, () => false));
}
