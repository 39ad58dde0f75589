/**
 * Share, join and sync a workspace through git, in-process (isomorphic-git:
 * no git install needed). A sync commits this analyst's changes, fetches,
 * merges record by record, and pushes, retrying when a colleague pushed in
 * between. Moving the workspace to the merged commit is one crash-atomic
 * step: the target is recorded first, and an interrupted move is rolled
 * forward by the next sync or open.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import lockfile from 'proper-lockfile';
import { ParleyError } from '../../core/errors';
import { type SyncConflict } from '../../core/merge/files';
import { commitFiles, recoverBulk, type StagedFile } from '../store/bulk';
import { writeFileDurable } from '../store/durable';
import { isWorkspaceFolder, SCHEMA_FILE, Workspace } from '../workspace';
import { diffTrees, fs, git, treeOf, type GitCache } from './objects';
import { buildMerge } from './merge';
import { BRANCH, createBareRepository, isHttp, isRepository, localPath, openRemote, readRemoteUrl, REMOTE, trackedRemoteHead, type Remote, type RemoteAuth } from './remote';
import { emptySummary, summarize, type ChangeSummary } from './report';
import { readConflicts } from './conflicts';
import { applyStamps, inBatches, loadKnown, saveKnown, scan, stampOf, updateTree, type Known } from './worktree';

/** Never shared: the machine's own caches, locks, snapshots, intents and temp files. */
export const GITIGNORE = ['.parley/', '*.tmp', '*.lock', ''].join('\n');

const INTENT = join('.parley', 'sync-intent.json');
const HEAD_REF = `refs/heads/${BRANCH}`;

export interface Author {
  name: string;
  email: string;
}

export interface SyncOptions extends RemoteAuth {
  /** Used when the workspace's git config names nobody (user.name, user.email). */
  author?: Partial<Author>;
  progress?: (step: string) => void;
  /** Called at each step of moving the workspace to a new commit (tests stop a sync there, as a crash would). */
  stopAt?: (step: SyncStep) => void;
}

export interface SyncReport {
  remote: string;
  incoming: ChangeSummary;
  outgoing: ChangeSummary;
  /** Conflicts found by this sync. */
  newConflicts: SyncConflict[];
  /** Every open conflict after the sync. */
  conflicts: SyncConflict[];
  attempts: number;
  head: string | null;
}

const gitdirOf = (root: string) => join(root, '.git');

async function headOf(root: string): Promise<string | null> {
  try {
    return await git.resolveRef({ fs, dir: root, ref: HEAD_REF });
  } catch {
    return null;
  }
}

async function authorOf(root: string, given?: Partial<Author>): Promise<Author> {
  const name = given?.name ?? ((await git.getConfig({ fs, dir: root, path: 'user.name' })) as string | undefined) ?? 'analyst';
  const email = given?.email ?? ((await git.getConfig({ fs, dir: root, path: 'user.email' })) as string | undefined) ?? `${name}@parley.invalid`;
  return { name, email };
}

/** Runs `work` holding the workspace's sync lock, so two syncs never interleave. */
async function withLock<T>(root: string, work: () => Promise<T>): Promise<T> {
  await mkdir(join(root, '.parley'), { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(root, { lockfilePath: join(root, '.parley', 'sync.lock'), retries: { retries: 20, minTimeout: 50, maxTimeout: 500 }, stale: 15_000, realpath: false });
  } catch {
    throw new ParleyError('conflict', `${root} is being synced by another process; try again when it has finished`);
  }
  try {
    return await work();
  } finally {
    await release().catch(() => undefined);
  }
}

/** Commits every changed file; the commit, or null when nothing changed. */
async function commitLocal(root: string, author: Author, message: string, cache: GitCache): Promise<string | null> {
  // Layer journals are folded into their files first: only whole files are shared.
  await Workspace.settle(root);
  const gitdir = gitdirOf(root);
  const head = await headOf(root);
  const headTree = await treeOf(gitdir, head, cache);
  const known = await loadKnown(root, head, headTree, cache);
  const { changes, stamps } = await scan(root, known, true);
  const removed = [...changes].filter(([, oid]) => oid === null).map(([path]) => path);
  applyStamps(known, stamps, removed);
  const tree = changes.size ? await updateTree(gitdir, headTree, changes, cache) : headTree;
  if (tree === headTree) {
    if (stamps.size) await saveKnown(root, known);
    return null;
  }
  const oid = await git.commit({ fs, gitdir, message, author, tree: tree ?? (await git.writeTree({ fs, gitdir, tree: [] })), parent: head ? [head] : [], noUpdateBranch: true, cache });
  await git.writeRef({ fs, gitdir, ref: HEAD_REF, value: oid, force: true });
  known.head = oid;
  await saveKnown(root, known);
  return oid;
}

/** Where a test may stop a sync, as a crash would: after the target is recorded, after the files moved. */
export type SyncStep = 'recorded' | 'files';

/**
 * Writes the files that differ between two commits into the workspace, as
 * one bulk change (staged, then renamed into place under an intent record)
 * when the workspace already has files; returns the record of what is there now.
 */
async function checkoutFiles(root: string, from: string | null, to: string, cache: GitCache): Promise<Known> {
  const gitdir = gitdirOf(root);
  const fromTree = await treeOf(gitdir, from, cache);
  const known = await loadKnown(root, from, fromTree, cache);
  const changes = await diffTrees(gitdir, fromTree, await treeOf(gitdir, to, cache), cache);
  try {
    const text = async (oid: string) => Buffer.from((await git.readBlob({ fs, gitdir, oid, cache })).blob).toString('utf8');
    if (from === null) {
      // A fresh copy (join): nothing to protect, so files are written side by side; a stopped join is joined again.
      await inBatches(changes, 32, async (c) => {
        const path = join(root, c.path);
        await mkdir(dirname(path), { recursive: true });
        await writeFileDurable(path, await text(c.after!));
      });
    } else {
      const files: StagedFile[] = [];
      for (const c of changes) files.push({ path: join(root, c.path), text: c.after ? await text(c.after) : null });
      await commitFiles(root, 'sync', files);
    }
    await inBatches(changes, 64, async (c) => {
      if (c.after) known.files[c.path] = await stampOf(root, c.path, c.after);
      else delete known.files[c.path];
    });
  } finally {
    // The files were written here, not by their owners: a workspace open in this process reads them again.
    await Workspace.changedOnDisk(root);
  }
  known.head = to;
  return known;
}

/** Moves the workspace and its branch to `to`: recorded first, so a crash is rolled forward. */
async function moveTo(root: string, from: string | null, to: string, cache: GitCache, stopAt?: (step: SyncStep) => void): Promise<void> {
  await mkdir(join(root, '.parley'), { recursive: true });
  await writeFileDurable(join(root, INTENT), JSON.stringify({ from, to }));
  stopAt?.('recorded');
  const known = await checkoutFiles(root, from, to, cache);
  stopAt?.('files');
  await git.writeRef({ fs, dir: root, ref: HEAD_REF, value: to, force: true });
  await saveKnown(root, known);
  await rm(join(root, INTENT), { force: true });
}

/** Finishes a sync that was stopped while it wrote the workspace's files; does nothing otherwise. */
export async function finishInterruptedSync(root: string): Promise<boolean> {
  await recoverBulk(root);
  const path = join(root, INTENT);
  if (!existsSync(path)) return false;
  let intent: { from: string | null; to: string };
  try {
    intent = JSON.parse(await readFile(path, 'utf8')) as { from: string | null; to: string };
  } catch {
    // The intent is written before any file is touched; a torn one means nothing was moved yet.
    await rm(path, { force: true });
    return false;
  }
  const cache: GitCache = {};
  const known = await checkoutFiles(root, intent.from, intent.to, cache);
  await git.writeRef({ fs, dir: root, ref: HEAD_REF, value: intent.to, force: true });
  await saveKnown(root, known);
  await rm(path, { force: true });
  return true;
}

export async function isShared(root: string): Promise<boolean> {
  return (await isRepository(root)) && (await readRemoteUrl(gitdirOf(root))) !== null;
}

async function configureRemote(root: string, url: string): Promise<void> {
  await git.setConfig({ fs, dir: root, path: `remote.${REMOTE}.url`, value: url });
  await git.setConfig({ fs, dir: root, path: `remote.${REMOTE}.fetch`, value: `+refs/heads/*:refs/remotes/${REMOTE}/*` });
}

async function remoteOf(root: string, auth: RemoteAuth): Promise<Remote> {
  const url = await readRemoteUrl(gitdirOf(root));
  if (!url) throw new ParleyError('not_found', `${root} is not shared yet: share it first with parley share --workspace ${root} --remote URL`);
  return openRemote(url, auth);
}

/** Makes the workspace a git repository, commits it and pushes it to a new (empty) shared repository. */
export async function share(dir: string, url: string, options: SyncOptions = {}): Promise<SyncReport> {
  const root = resolve(dir);
  if (!isWorkspaceFolder(root)) throw new ParleyError('not_found', `${root} is not a Parley workspace: it has no ${SCHEMA_FILE}`);
  const remoteUrl = isHttp(url) ? url : localPath(url);
  if (!isHttp(url)) await createBareRepository(remoteUrl);
  return withLock(root, async () => {
    if (!(await isRepository(root))) await git.init({ fs, dir: root, defaultBranch: BRANCH });
    if (!existsSync(join(root, '.gitignore'))) await writeFile(join(root, '.gitignore'), GITIGNORE);
    const author = await authorOf(root, options.author);
    await git.setConfig({ fs, dir: root, path: 'user.name', value: author.name });
    await git.setConfig({ fs, dir: root, path: 'user.email', value: author.email });
    await configureRemote(root, remoteUrl);
    const remote = openRemote(remoteUrl, options);
    const cache: GitCache = {};
    options.progress?.('checking the remote');
    const existing = await remote.fetch(gitdirOf(root), cache);
    if (existing) throw new ParleyError('conflict', `${remoteUrl} already holds a shared workspace: join it with parley join ${url} DIR`);
    options.progress?.('committing the workspace');
    await commitLocal(root, author, `Shared the workspace`, cache);
    const head = await headOf(root);
    if (!head) throw new ParleyError('internal', 'nothing to share');
    options.progress?.('sending');
    if (!(await remote.push(gitdirOf(root), head, null, cache))) throw new ParleyError('conflict', `someone shared a workspace to ${remoteUrl} at the same moment: join it instead`);
    return { remote: remoteUrl, incoming: emptySummary(), outgoing: await summarize(gitdirOf(root), null, head, cache), newConflicts: [], conflicts: [], attempts: 1, head };
  });
}

/** Clones a shared workspace into a new folder, as `annotator`. */
export async function join_(url: string, dir: string, options: SyncOptions & { annotator: string }): Promise<SyncReport> {
  const root = resolve(dir);
  if (existsSync(root) && (await readdir(root)).length > 0) throw new ParleyError('conflict', `${root} is not empty: join into a new folder`);
  await mkdir(root, { recursive: true });
  const remoteUrl = isHttp(url) ? url : localPath(url);
  await git.init({ fs, dir: root, defaultBranch: BRANCH });
  await configureRemote(root, remoteUrl);
  await git.setConfig({ fs, dir: root, path: 'user.name', value: options.annotator });
  await git.setConfig({ fs, dir: root, path: 'user.email', value: options.author?.email ?? `${options.annotator}@parley.invalid` });
  const cache: GitCache = {};
  options.progress?.('fetching');
  const head = await openRemote(remoteUrl, options).fetch(gitdirOf(root), cache);
  if (!head) throw new ParleyError('not_found', `${remoteUrl} holds no shared workspace yet: share one there first with parley share`);
  options.progress?.('writing the workspace');
  await withLock(root, () => moveTo(root, null, head, cache, options.stopAt));
  if (!isWorkspaceFolder(root)) throw new ParleyError('bad_input', `${remoteUrl} is a git repository but not a Parley workspace (no ${SCHEMA_FILE})`);
  return { remote: remoteUrl, incoming: await summarize(gitdirOf(root), null, head, cache), outgoing: emptySummary(), newConflicts: [], conflicts: await readConflicts(root), attempts: 1, head };
}
export { join_ as join };

const MAX_ATTEMPTS = 8;

/** Commits, fetches, merges, pushes; retries when a colleague pushed in between. */
export async function sync(dir: string, options: SyncOptions = {}): Promise<SyncReport> {
  const root = resolve(dir);
  const gitdir = gitdirOf(root);
  if (!(await isRepository(root))) throw new ParleyError('not_found', `${root} is not shared yet: share it with parley share --workspace ${dir} --remote URL, or join a shared one with parley join URL DIR`);
  const remote = await remoteOf(root, options);
  return withLock(root, async () => {
    await finishInterruptedSync(root);
    const cache: GitCache = {};
    const author = await authorOf(root, options.author);
    options.progress?.('committing your changes');
    await commitLocal(root, author, `Sync from ${author.name}`, cache);
    const incoming = emptySummary();
    const newConflicts: SyncConflict[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      options.progress?.('fetching');
      const theirs = await remote.fetch(gitdir, cache);
      const ours = await headOf(root);
      let target = ours;
      if (theirs && theirs !== ours) {
        const ahead = ours ? await git.isDescendent({ fs, gitdir, oid: ours, ancestor: theirs, depth: -1, cache }) : false;
        if (!ahead) {
          const behind = ours ? await git.isDescendent({ fs, gitdir, oid: theirs, ancestor: ours, depth: -1, cache }) : true;
          if (behind) target = theirs;
          else {
            options.progress?.('merging');
            const merged = await buildMerge(gitdir, ours!, theirs, author, cache);
            newConflicts.push(...merged.conflicts);
            target = merged.oid;
          }
          options.progress?.('updating the workspace');
          addSummary(incoming, await summarize(gitdir, ours, target, cache));
          await moveTo(root, ours, target!, cache, options.stopAt);
        }
      }
      if (!target || target === theirs) {
        return { remote: remote.url, incoming, outgoing: emptySummary(), newConflicts, conflicts: await readConflicts(root), attempts: attempt, head: target };
      }
      options.progress?.('sending');
      if (await remote.push(gitdir, target, theirs, cache)) {
        return { remote: remote.url, incoming, outgoing: await summarize(gitdir, theirs, target, cache), newConflicts, conflicts: await readConflicts(root), attempts: attempt, head: target };
      }
    }
    throw new ParleyError('conflict', `the shared workspace kept changing while this sync ran (${MAX_ATTEMPTS} attempts); sync again`);
  });
}

/** What came in is what changed in this workspace's files; counted once across retries. */
function addSummary(into: ChangeSummary, changed: ChangeSummary): void {
  into.documents.push(...changed.documents.filter((d) => !into.documents.includes(d)));
  for (const l of changed.layers) if (!into.layers.some((x) => x.annotator === l.annotator && x.docId === l.docId)) into.layers.push(l);
  for (const k of ['added', 'changed', 'removed'] as const) into.entities[k].push(...changed.entities[k].filter((e) => !into.entities[k].includes(e)));
  into.schema.push(...changed.schema.filter((s) => !into.schema.includes(s)));
  into.conflicts += changed.conflicts;
  into.files += changed.files;
}

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

