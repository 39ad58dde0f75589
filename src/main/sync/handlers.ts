/**
 * The team-sync part of the API. One sync at a time per process; while it
 * runs, `sync.status` reports its step, so the window can show progress.
 * Access tokens are kept by the host (Electron: the OS keychain through
 * safeStorage; the browser host: this process's memory only), never in
 * the workspace.
 */
import type { Handlers } from '../../core/api/contract';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { Labeller, ShareOutcome, SyncStatus } from '../../core/api/sync';
import { ParleyError } from '../../core/errors';
import type { ApiContext } from '../context';
import { diskFull } from '../store/durable';
import { memoryTokens, type TokenStore } from './tokens';
import { readConflicts, resolveConflict } from './conflicts';
import { describeSummary } from './report';
import { isHttp } from './remote';
import { join as joinShared, share, sync, syncState } from './sync';
import { seesAll } from '../team/teamFile';

type SyncMethods = 'sync.status' | 'sync.run' | 'sync.share' | 'sync.join' | 'sync.conflicts' | 'sync.resolve' | 'sync.setToken' | 'sync.labellers';

/**
 * A folder as the analyst typed it: `~/` is their home; a relative path is
 * refused, since the server's working folder means nothing to them.
 */
function folderOf(path: string, what: string): string {
  if (isHttp(path) || /^file:\/\//i.test(path)) return path;
  const p = path.startsWith('~/') ? join(homedir(), path.slice(2)) : path;
  if (!isAbsolute(p)) throw new ParleyError('invalid_argument', `${what} "${path}" is not a full path: give it from the top, e.g. /mnt/team/corpus.git or ~/corpus`);
  return p;
}

export function createSyncHandlers(session: ApiContext, tokens: TokenStore = memoryTokens()): Pick<Handlers, SyncMethods> {
  let step: string | null = null;
  let running: Promise<unknown> | null = null;
  let lastSyncAt: string | null = null;
  let lastError: { code: string; message: string } | null = null;

  async function status(): Promise<SyncStatus> {
    const root = session.workspace.root;
    const s = await syncState(root);
    const hasToken = s.remote ? (await tokens.get(s.remote)) !== undefined : false;
    const base = { remote: s.remote, changesToSend: s.changesToSend, changesToFetch: s.changesToFetch, conflicts: s.conflicts, step, lastSyncAt, lastError: lastError?.message ?? null, hasToken };
    if (!s.shared) return { ...base, phase: 'not_shared' };
    if (running) return { ...base, phase: 'syncing' };
    if (s.conflicts) return { ...base, phase: 'conflicts' };
    if (lastError && (lastError.code === 'io' || lastError.code === 'unauthorized')) return { ...base, phase: 'offline' };
    if (s.changesToFetch) return { ...base, phase: 'to_fetch' };
    if (s.changesToSend) return { ...base, phase: 'to_send' };
    return { ...base, phase: 'up_to_date' };
  }

  /** Runs one team operation at a time; while it runs the status says "syncing" with its step. */
  async function exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (running) throw new ParleyError('conflict', 'a sync is already running');
    const run = work();
    running = run;
    try {
      const result = await run;
      lastSyncAt = new Date().toISOString();
      lastError = null;
      return result;
    } catch (e) {
      const known = e instanceof ParleyError ? e : diskFull(e);
      lastError = known ? { code: known.code, message: known.message } : { code: 'io', message: (e as Error).message };
      throw e;
    } finally {
      running = null;
      step = null;
    }
  }

  return {
    'sync.status': status,
    'sync.run': async () => {
      const root = session.workspace.root;
      const s = await syncState(root);
      const token = s.remote ? await tokens.get(s.remote) : undefined;
      const report = await exclusive(() => sync(root, { token, author: { name: session.annotator }, progress: (text) => (step = text) }));
      return { incoming: report.incoming, outgoing: report.outgoing, incomingText: describeSummary(report.incoming), outgoingText: describeSummary(report.outgoing), conflicts: report.conflicts, status: await status() };
    },
    'sync.share': async ({ remote, token }): Promise<ShareOutcome> => {
      const root = session.workspace.root;
      if ((await syncState(root)).shared) throw new ParleyError('conflict', `this workspace is already shared (to ${(await syncState(root)).remote}): sync it instead`);
      const url = folderOf(remote, 'the shared folder');
      const me = session.annotator;
      const report = await exclusive(() => share(root, url, { token: token || undefined, annotator: me, author: { name: me }, progress: (text) => (step = text) }));
      // The clone is now the sharer's own: the name the window showed is kept in it.
      await session.setCloneAnnotator(me);
      if (token) await tokens.set(report.remote, token);
      return { summary: describeSummary(report.outgoing), remote: report.remote, status: await status() };
    },
    'sync.join': async ({ remote, dir, annotator, token }): Promise<ShareOutcome> => {
      const url = folderOf(remote, 'the shared workspace');
      const target = folderOf(dir, 'the folder for your copy');
      const report = await exclusive(() => joinShared(url, target, { token: token || undefined, annotator, progress: (text) => (step = text) }));
      if (token) await tokens.set(report.remote, token);
      // The new copy opens here in place of the open workspace, as the analyst who joined.
      await session.open(target, false);
      return { summary: describeSummary(report.incoming), remote: report.remote, status: await status() };
    },
    'sync.conflicts': async () => readConflicts(session.workspace.root),
    'sync.resolve': async ({ id, take }) => {
      await resolveConflict(session.workspace.root, id, take);
      return readConflicts(session.workspace.root);
    },
    'sync.setToken': async ({ token }) => {
      const s = await syncState(session.workspace.root);
      if (!s.remote) throw new ParleyError('not_found', 'this workspace is not shared, so it has no remote to keep a token for');
      await tokens.set(s.remote, token);
      return status();
    },
    'sync.labellers': async () => {
      const ws = session.workspace;
      const out: Record<string, Labeller[]> = {};
      // While blind annotation keeps this analyst to their own layer, colleagues' progress is not theirs to see.
      const who = (await seesAll(ws, session.annotator)) ? await ws.annotators() : [session.annotator];
      for (const annotator of who) {
        for (const s of await ws.summaries(annotator)) {
          if (s.status === 'not_started' && s.mentionCount === 0 && s.frameCount === 0) continue;
          (out[s.id] ??= []).push({ annotator, status: s.status, mentions: s.mentionCount });
        }
      }
      return out;
    },
  };
}
