/**
 * Share, join and sync a workspace through git, in-process (isomorphic-git:
 * no git install needed). A sync commits this analyst's changes, fetches,
 * merges record by record, and pushes, retrying when a colleague pushed in
 * between. Moving the workspace to the merged commit is one crash-atomic
 * step: the target is recorded first, and an interrupted move is rolled
 * forward by the next sync or open.
 */
import { KeyedSequencer } from '../../core/async';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ParleyError } from '../../core/errors';
import { mergeFile, type SyncConflict } from '../../core/merge/files';
import { recoverBulk } from '../store/atomicCommit';
import { acquireLock, releaseLock } from '../store/lock';
import { diskFull, writeFileDurable } from '../store/durable';
import { readRequired } from '../store/jsonFile';
import { checkAnalystName, isWorkspaceFolder, readIdentity, SCHEMA_FILE, Workspace, writeIdentity } from '../workspace';
import { diffTrees, fs, git, treeOf, type GitCache } from './objects';
import { buildMerge } from './merge';
import { BRANCH, createBareRepository, isHttp, isRepository, localPath, openRemote, readRemoteUrl, REMOTE, type Remote, type RemoteAuth } from './remote';
import { emptySummary, summarize, type ChangeSummary } from './report';
import { readConflicts } from './conflicts';
import { readTeamFile, setTeamSettings } from '../team/teamFile';
import { applyStamps, inBatches, loadKnown, saveKnown, scan, stampOf, updateTree, type Known } from './worktree';
import { gitdirOf, headOf } from './state';
import { INTENT_ADVICE, intentKind } from './syncFiles';

export { isShared, syncState, type SyncState } from './state';

/** Never shared: the machine's own caches, locks, snapshots, intents and temp files. */
export const GITIGNORE = ['.parley/', '*.tmp', '*.lock', '*.journal', ''].join('\n');

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

async function authorOf(root: string, given?: Partial<Author>): Promise<Author> {
  const name = given?.name ?? ((await git.getConfig({ fs, dir: root, path: 'user.name' })) as string | undefined) ?? 'analyst';
  const email = given?.email ?? ((await git.getConfig({ fs, dir: root, path: 'user.email' })) as string | undefined) ?? `${name}@parley.invalid`;
  return { name, email };
}

/** Syncs running in this process, by folder: a second waits for the first. */
const running = new KeyedSequencer<string>();

/**
 * Runs `work` with the workspace open for writing: under its writer lock
 * (another process writing it is named, and refused), sharing the open of
 * a server in this process, one sync at a time.
 */
async function withWorkspace<T>(root: string, work: (ws: Workspace) => Promise<T>): Promise<T> {
  const ws = await Workspace.open(root);
  try {
    return await running.run(root, () => work(ws));
  } catch (e) {
    // The repository's writes (objects, packs, refs) name no file the answer could use: the disk is the workspace's.
    throw diskFull(e, join(root, '.git')) ?? e;
  } finally {
    ws.close();
  }
}

/** A file was edited after this sync committed it: commit again and merge again, so the edit is kept. */
class EditedMeanwhile extends Error {}

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
 * Writes the files that differ between two commits into the workspace and
 * returns the record of what is there now. In a workspace with files, the
 * change is one bulk operation of the open workspace: each file is held
 * (edits wait), checked to be as the sync last saw it, and all are renamed
 * into place together. A file edited since throws EditedMeanwhile, nothing
 * written; when `keepEdits` (finishing an interrupted sync), it is left
 * as edited, and the next sync merges it.
 */
async function checkoutFiles(root: string, ws: Workspace | null, from: string | null, to: string, cache: GitCache, keepEdits = false): Promise<Known> {
  const gitdir = gitdirOf(root);
  const fromTree = await treeOf(gitdir, from, cache);
  const known = await loadKnown(root, from, fromTree, cache);
  const changes = await diffTrees(gitdir, fromTree, await treeOf(gitdir, to, cache), cache);
  const text = async (oid: string) => Buffer.from((await git.readBlob({ fs, gitdir, oid, cache })).blob).toString('utf8');
  const written = new Set<string>();
  if (from === null || !ws) {
    // A fresh copy (join): nothing to protect, so files are written side by side; a stopped join is joined again.
    await inBatches(changes, 32, async (c) => {
      const path = join(root, c.path);
      if (c.after === null) await rm(path, { force: true });
      else {
        await mkdir(dirname(path), { recursive: true });
        await writeFileDurable(path, await text(c.after));
      }
      written.add(c.path);
    });
  } else {
    await ws.bulk(`sync to ${to.slice(0, 10)}`, async (tx) => {
      for (const c of changes) {
        const now = await tx.file(c.path);
        const oid = now === null ? null : (await git.hashBlob({ object: Buffer.from(now, 'utf8') })).oid;
        if (oid === c.after) continue;
        const after = c.after ? await text(c.after) : null;
        if (oid !== c.before) {
          // Edited since the sync committed it: the edit is merged in, record by record, and sent by the next sync.
          const merged = mergeFile(c.path, c.before ? await text(c.before) : null, now, after, { at: new Date().toISOString() });
          if (merged.conflicts.length === 0) tx.setFile(c.path, merged.text);
          else if (keepEdits) continue;
          else throw new EditedMeanwhile(c.path);
        } else tx.setFile(c.path, after);
        written.add(c.path);
      }
    });
  }
  await inBatches(changes, 64, async (c) => {
    if (c.after) known.files[c.path] = await stampAfter(root, c.path, c.after);
    else if (written.has(c.path)) delete known.files[c.path];
  });
  known.head = to;
  return known;
}

/**
 * The stamp of a file just written as blob `oid`: its stat taken before its
 * content is hashed, so an edit landing in between is seen by the next
 * sync; a file that is not that blob (edited already) is checked in full.
 */
async function stampAfter(root: string, path: string, oid: string): Promise<Known['files'][string]> {
  try {
    const s = await stampOf(root, path, oid);
    const content = await readFile(join(root, path));
    if ((await git.hashBlob({ object: content })).oid === oid) return s;
  } catch {
    // gone again: checked in full by the next sync
  }
  return [-1, -1, -1, oid];
}

/** Moves the workspace and its branch to `to`: recorded first, so a crash is rolled forward. */
async function moveTo(root: string, ws: Workspace | null, from: string | null, to: string, cache: GitCache, stopAt?: (step: SyncStep) => void): Promise<void> {
  await mkdir(join(root, '.parley'), { recursive: true });
  await writeFileDurable(join(root, INTENT), JSON.stringify({ from, to }));
  stopAt?.('recorded');
  let known: Known;
  try {
    known = await checkoutFiles(root, ws, from, to, cache);
  } catch (e) {
    if (e instanceof EditedMeanwhile) await rm(join(root, INTENT), { force: true });
    throw e;
  }
  stopAt?.('files');
  await git.writeRef({ fs, dir: root, ref: HEAD_REF, value: to, force: true });
  await saveKnown(root, known);
  await rm(join(root, INTENT), { force: true });
}

/** Finishes a sync that was stopped while it wrote the workspace's files; does nothing otherwise. */
export async function finishInterruptedSync(root: string, ws: Workspace | null = null): Promise<boolean> {
  if (!ws) await recoverBulk(root);
  const path = join(root, INTENT);
  if (!existsSync(path)) return false;
  // Written whole (temp file, rename) before any file is touched: a damaged one was damaged since, and is refused by file and line.
  const intent = (await readRequired(path, intentKind, INTENT_ADVICE)).data;
  const cache: GitCache = {};
  const known = await checkoutFiles(root, ws, intent.from, intent.to, cache, true);
  await git.writeRef({ fs, dir: root, ref: HEAD_REF, value: intent.to, force: true });
  await saveKnown(root, known);
  await rm(path, { force: true });
  return true;
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
export async function share(dir: string, url: string, options: SyncOptions & { annotator?: string } = {}): Promise<SyncReport> {
  const root = resolve(dir);
  if (!isWorkspaceFolder(root)) throw new ParleyError('not_found', `${root} is not a Parley workspace: it has no ${SCHEMA_FILE}`);
  if (options.annotator !== undefined) checkAnalystName(options.annotator);
  const analyst = options.annotator ?? readIdentity(root) ?? undefined;
  if (analyst) options = { ...options, author: { ...options.author, name: options.author?.name ?? analyst } };
  const remoteUrl = isHttp(url) ? url : localPath(url);
  if (!isHttp(url)) await createBareRepository(remoteUrl);
  return withWorkspace(root, async (ws) => {
    if (!(await isRepository(root))) await git.init({ fs, dir: root, defaultBranch: BRANCH });
    if (!existsSync(join(root, '.gitignore'))) await writeFile(join(root, '.gitignore'), GITIGNORE);
    const author = await authorOf(root, options.author);
    // The sharer's copy is theirs: its analyst is who they said they are.
    if (options.annotator !== undefined) await writeIdentity(root, options.annotator);
    // Whoever shares leads (adjudicates, may lift blind annotation), unless the team named a lead already: the first commit carries it.
    const lead = analyst ?? author.name;
    if ((await readTeamFile(root)).lead === null) await setTeamSettings(ws, { lead }, lead);
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
  checkAnalystName(options.annotator);
  const existed = existsSync(root);
  if (existed && (await readdir(root)).length > 0) throw new ParleyError('conflict', `${root} is not empty: join into a new folder`);
  await mkdir(root, { recursive: true });
  try {
    return await joinInto(root, url, options);
  } catch (e) {
    // A join that failed (the remote out of reach, refused, not a workspace) leaves the folder as it found it, so joining again works.
    if (existed) await Promise.all((await readdir(root)).map((name) => rm(join(root, name), { recursive: true, force: true })));
    else await rm(root, { recursive: true, force: true });
    throw e;
  }
}

async function joinInto(root: string, url: string, options: SyncOptions & { annotator: string }): Promise<SyncReport> {
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
  // A new folder: nobody else writes it, but the lock keeps it so while the files arrive.
  acquireLock(root);
  try {
    await moveTo(root, null, null, head, cache, options.stopAt);
  } finally {
    releaseLock(root);
  }
  if (!isWorkspaceFolder(root)) throw new ParleyError('bad_input', `${remoteUrl} is a git repository but not a Parley workspace (no ${SCHEMA_FILE})`);
  // The new copy is the joiner's: whoever opens it analyses as them, whatever the user's settings say.
  await writeIdentity(root, options.annotator);
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
  return withWorkspace(root, async (ws) => {
    await finishInterruptedSync(root, ws);
    const cache: GitCache = {};
    const author = await authorOf(root, options.author);
    const incoming = emptySummary();
    const newConflicts: SyncConflict[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      options.progress?.('committing your changes');
      await commitLocal(root, author, `Sync from ${author.name}`, cache);
      options.progress?.('fetching');
      const theirs = await remote.fetch(gitdir, cache);
      const ours = await headOf(root);
      let target = ours;
      if (theirs && theirs !== ours) {
        const ahead = ours ? await git.isDescendent({ fs, gitdir, oid: ours, ancestor: theirs, depth: -1, cache }) : false;
        if (!ahead) {
          const behind = ours ? await git.isDescendent({ fs, gitdir, oid: theirs, ancestor: ours, depth: -1, cache }) : true;
          let conflicts: SyncConflict[] = [];
          if (behind) target = theirs;
          else {
            options.progress?.('merging');
            const merged = await buildMerge(gitdir, ours!, theirs, author, cache);
            conflicts = merged.conflicts;
            target = merged.oid;
          }
          options.progress?.('updating the workspace');
          try {
            await moveTo(root, ws, ours, target!, cache, options.stopAt);
          } catch (e) {
            // An edit landed on a file the merge changes: it is committed and merged on the next attempt.
            if (e instanceof EditedMeanwhile) continue;
            throw e;
          }
          newConflicts.push(...conflicts);
          addSummary(incoming, await summarize(gitdir, ours, target, cache));
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
