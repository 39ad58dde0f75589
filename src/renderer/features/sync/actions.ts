/** Team sync: its named actions on the app store (state in the sync slice). */
import { api } from '../../api';
import { whileBusy } from '../../app/busy';
import type { AppStore } from '../../app/store';
import { INTERVAL_KEY, syncSlice } from './slice';

export async function refreshStatus(app: AppStore): Promise<void> {
  try {
    syncSlice.set(app, { status: await api.sync.status({}) });
  } catch {
    // the status is advisory; the next poll tries again
  }
}

/** Syncs now; what came in is shown at once: documents, entities, the open document and Review all reload. */
export async function syncNow(app: AppStore): Promise<void> {
  const state = syncSlice.of(app.state);
  if (state.busy || !state.status || state.status.phase === 'not_shared') return;
  syncSlice.set(app, { busy: true });
  const poll = setInterval(() => void refreshStatus(app), 300);
  try {
    const r = await whileBusy(app, 'Syncing with your colleagues', async () => {
      // Every change made before the click is saved first, so the sync commits and sends it.
      await app.saves.idle();
      await app.schemaSaves.idle();
      const r = await api.sync.run({});
      syncSlice.set(app, { status: r.status });
      await app.loadWorkspace(app.state.doc?.doc.id ?? null);
      return r;
    }, { key: 'sync' });
    const parts = [r.incomingText !== 'nothing' ? `came in: ${r.incomingText}` : '', r.outgoingText !== 'nothing' ? `went out: ${r.outgoingText}` : ''].filter(Boolean);
    app.toast(parts.length ? `Synced; ${parts.join('; ')}.` : 'Synced: up to date.', 'info');
    if (r.conflicts.length) syncSlice.set(app, { conflicts: r.conflicts });
  } catch (e) {
    app.fail(e);
  } finally {
    clearInterval(poll);
    syncSlice.set(app, { busy: false });
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
