/**
 * The team-sync part of the API. One sync at a time per process; while it
 * runs, `sync.status` reports its step, so the window can show progress.
 * Access tokens are kept by the host (Electron: the OS keychain through
 * safeStorage; the browser host: this process's memory only), never in
 * the workspace.
 */
import type { Handlers } from '../../core/api/contract';
import type { Labeller, SyncStatus } from '../../core/api/sync';
import { ParleyError } from '../../core/errors';
import type { ApiContext } from '../context';
import { diskFull } from '../store/durable';
import { memoryTokens, type TokenStore } from './tokens';
import { readConflicts, resolveConflict } from './conflicts';
import { describeSummary } from './report';
import { sync, syncState } from './sync';

type SyncMethods = 'sync.status' | 'sync.run' | 'sync.conflicts' | 'sync.resolve' | 'sync.setToken' | 'sync.labellers';

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

  return {
    'sync.status': status,
    'sync.run': async () => {
      if (running) throw new ParleyError('conflict', 'a sync is already running');
      const root = session.workspace.root;
      const s = await syncState(root);
      const token = s.remote ? await tokens.get(s.remote) : undefined;
      const work = sync(root, { token, author: { name: session.annotator }, progress: (text) => (step = text) });
      running = work;
      try {
        const report = await work;
        lastSyncAt = new Date().toISOString();
        lastError = null;
        running = null;
        step = null;
        return { incoming: report.incoming, outgoing: report.outgoing, incomingText: describeSummary(report.incoming), outgoingText: describeSummary(report.outgoing), conflicts: report.conflicts, status: await status() };
      } catch (e) {
        const known = e instanceof ParleyError ? e : diskFull(e);
        lastError = known ? { code: known.code, message: known.message } : { code: 'io', message: (e as Error).message };
        throw e;
      } finally {
        running = null;
        step = null;
      }
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
      for (const annotator of await ws.annotators()) {
        for (const s of await ws.summaries(annotator)) {
          if (s.status === 'not_started' && s.mentionCount === 0 && s.frameCount === 0) continue;
          (out[s.id] ??= []).push({ annotator, status: s.status, mentions: s.mentionCount });
        }
      }
      return out;
    },
  };
}
