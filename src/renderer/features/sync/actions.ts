/** Team sync: its named actions on the app store (state in the sync slice). */
import { ApiError } from '../../../core/api/transport';
import { api } from '../../api';
import { whileBusy } from '../../app/busy';
import type { AppStore } from '../../app/store';
import { INTERVAL_KEY, syncSlice } from './slice';

function isRemoteTrouble(e: unknown): boolean {
  return e instanceof ApiError && (e.code === 'io' || e.code === 'unauthorized');
}

export async function refreshStatus(app: AppStore): Promise<void> {
  try {
    syncSlice.set(app, { status: await api.sync.status({}) });
  } catch {
    // the status is advisory; the next poll tries again
  } finally {
    if (!syncSlice.of(app.state).checked) syncSlice.set(app, { checked: true });
  }
}

/** Syncs now; what came in is shown at once: documents, entities, the open document and Review all reload. A workspace not shared yet opens the Share dialog. */
export async function syncNow(app: AppStore): Promise<void> {
  if (!syncSlice.of(app.state).status) await refreshStatus(app);
  const state = syncSlice.of(app.state);
  if (state.status?.phase === 'not_shared') return app.openDialog({ kind: 'share' });
  if (state.busy || !state.status) return;
  try {
    const r = await syncBusy(app, 'Syncing with your colleagues', async () => {
      // Every change made before the click is saved first, so the sync commits and sends it.
      await app.saves.idle();
      await app.schemaSaves.idle();
      const r = await api.sync.run({});
      syncSlice.set(app, { status: r.status });
      await app.loadWorkspace(app.state.doc?.doc.id ?? null);
      return r;
    });
    const parts = [r.incomingText !== 'nothing' ? `came in: ${r.incomingText}` : '', r.outgoingText !== 'nothing' ? `went out: ${r.outgoingText}` : ''].filter(Boolean);
    app.toast(parts.length ? `Synced; ${parts.join('; ')}.` : 'Synced: up to date.', 'info');
    if (r.conflicts.length) syncSlice.set(app, { conflicts: r.conflicts });
  } catch (e) {
    // A git host or shared folder out of reach is not the workspace's problem: say what is kept.
    app.fail(e, 'Syncing', isRemoteTrouble(e) ? 'Nothing is lost: your changes stay in this copy and the next sync sends them.' : undefined);
  } finally {
    await refreshStatus(app);
  }
}

export async function showConflicts(app: AppStore): Promise<void> {
  try {
    syncSlice.set(app, { conflicts: await api.sync.conflicts({}) });
  } catch (e) {
    app.fail(e);
  }
}

export function closeConflicts(app: AppStore): void {
  syncSlice.set(app, { conflicts: null });
}

export async function resolve(app: AppStore, id: string, take: 'ours' | 'theirs'): Promise<void> {
  try {
    const rest = await api.sync.resolve({ id, take });
    syncSlice.set(app, { conflicts: rest.length ? rest : null });
    await app.loadWorkspace(app.state.doc?.doc.id ?? null);
    await refreshStatus(app);
  } catch (e) {
    app.fail(e);
  }
}

export function setEvery(app: AppStore, minutes: number): void {
  globalThis.localStorage?.setItem(INTERVAL_KEY, String(minutes));
  syncSlice.set(app, { every: minutes });
}

/** Who leads the team, if anyone is named (the Share dialog says who will). */
export async function teamLead(): Promise<string | null> {
  return (await api.team.settings({}).catch(() => null))?.lead ?? null;
}

/** Opens the Share dialog on a workspace not shared yet; a shared one says where it is shared. */
export async function openShare(app: AppStore): Promise<void> {
  await refreshStatus(app);
  const status = syncSlice.of(app.state).status;
  if (status && status.phase !== 'not_shared') app.toast(`This workspace is shared already, with ${status.remote}: Ctrl+Shift+S syncs it.`, 'info');
  else app.openDialog({ kind: 'share' });
}

/** Polls the status while a team operation runs, so its step shows ("Syncing: sending…"). */
async function syncBusy<T>(app: AppStore, title: string, work: () => Promise<T>): Promise<T> {
  syncSlice.set(app, { busy: true });
  const poll = setInterval(() => void refreshStatus(app), 300);
  try {
    return await whileBusy(app, title, work, { key: 'sync' });
  } finally {
    clearInterval(poll);
    syncSlice.set(app, { busy: false });
  }
}

/** Shares the open workspace through the running server: the window stays, its token keeps working. */
export async function shareWorkspace(app: AppStore, remote: string, token: string): Promise<boolean> {
  try {
    await app.saves.idle();
    await app.schemaSaves.idle();
    const r = await syncBusy(app, 'Sharing the workspace', () => api.sync.share({ remote, ...(token && { token }) }));
    syncSlice.set(app, { status: r.status });
    app.openDialog(null);
    await app.loadWorkspace(app.state.doc?.doc.id ?? null);
    app.toast(`Shared to ${r.remote}: ${r.summary}. Colleagues join it from Open workspace › Join, or parley join ${remote} DIR --annotator NAME.`, 'info');
    return true;
  } catch (e) {
    app.fail(e, 'Sharing the workspace');
    return false;
  } finally {
    await refreshStatus(app);
  }
}

/** Copies a shared workspace into a new folder as `annotator` and opens it here. */
export async function joinWorkspace(app: AppStore, args: { remote: string; dir: string; annotator: string; token: string }): Promise<boolean> {
  try {
    await app.saves.idle();
    await app.schemaSaves.idle();
    const { token, ...rest } = args;
    const r = await syncBusy(app, 'Joining the shared workspace', () => api.sync.join({ ...rest, ...(token && { token }) }));
    syncSlice.set(app, { status: r.status });
    app.openDialog(null);
    history.replaceState(null, '', `${location.pathname}${location.search}`);
    await app.loadWorkspace(null);
    app.toast(`Joined ${r.remote} in ${args.dir} as ${args.annotator}: ${r.summary}.`, 'info');
    return true;
  } catch (e) {
    app.fail(e, 'Joining the shared workspace');
    return false;
  } finally {
    await refreshStatus(app);
  }
}
