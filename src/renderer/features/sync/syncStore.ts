/**
 * The team-sync room's state: the last status from main, whether a sync is
 * running, the conflicts dialog, and the automatic sync interval (kept in
 * this browser's storage, never in the workspace).
 */
import { useSyncExternalStore } from 'react';
import type { SyncConflict, SyncStatus } from '../../../core/api/sync';
import { api } from '../../api';
import type { AppStore } from '../../app/store';

export interface SyncRoomState {
  status: SyncStatus | null;
  busy: boolean;
  conflicts: SyncConflict[] | null;
  /** Minutes between automatic syncs; 0: only on demand. */
  every: number;
}

const INTERVAL_KEY = 'parley.syncEvery';
let state: SyncRoomState = { status: null, busy: false, conflicts: null, every: Number(globalThis.localStorage?.getItem(INTERVAL_KEY) ?? 0) || 0 };
const listeners = new Set<() => void>();

function set(patch: Partial<SyncRoomState>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

export function useSyncRoom(): SyncRoomState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}

export async function refreshStatus(): Promise<void> {
  try {
    set({ status: await api.sync.status({}) });
  } catch {
    // the status is advisory; the next poll tries again
  }
}

/** Syncs now; what came in is shown at once: documents, entities, the open document and Review all reload. */
export async function syncNow(app: AppStore): Promise<void> {
  if (state.busy || !state.status || state.status.phase === 'not_shared') return;
  set({ busy: true });
  const poll = setInterval(() => void refreshStatus(), 300);
  try {
    // Every change made before the click is saved first, so the sync commits and sends it.
    await app.saves.idle();
    await app.schemaSaves.idle();
    const r = await api.sync.run({});
    set({ status: r.status });
    await app.loadWorkspace(app.state.doc?.doc.id ?? null);
    const parts = [r.incomingText !== 'nothing' ? `came in: ${r.incomingText}` : '', r.outgoingText !== 'nothing' ? `went out: ${r.outgoingText}` : ''].filter(Boolean);
    app.toast(parts.length ? `Synced; ${parts.join('; ')}.` : 'Synced: up to date.', 'info');
    if (r.conflicts.length) set({ conflicts: r.conflicts });
  } catch (e) {
    app.fail(e);
  } finally {
    clearInterval(poll);
    set({ busy: false });
    await refreshStatus();
  }
}

export async function showConflicts(app: AppStore): Promise<void> {
  try {
    set({ conflicts: await api.sync.conflicts({}) });
  } catch (e) {
    app.fail(e);
  }
}

export function closeConflicts(): void {
  set({ conflicts: null });
}

export async function resolve(app: AppStore, id: string, take: 'ours' | 'theirs'): Promise<void> {
  try {
    const rest = await api.sync.resolve({ id, take });
    set({ conflicts: rest.length ? rest : null });
    await app.loadWorkspace(app.state.doc?.doc.id ?? null);
    await refreshStatus();
  } catch (e) {
    app.fail(e);
  }
}

export function setEvery(minutes: number): void {
  globalThis.localStorage?.setItem(INTERVAL_KEY, String(minutes));
  set({ every: minutes });
}
