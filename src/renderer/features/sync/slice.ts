/**
 * Team sync's state: the last status from main, whether a sync is running,
 * the conflicts dialog, and the automatic sync interval (kept in this
 * browser's storage, never in the workspace).
 */
import type { SyncConflict, SyncStatus } from '../../../core/api/sync';
import { defineSlice } from '../../app/store';

export interface SyncState {
  status: SyncStatus | null;
  /** The first status was asked for and answered (or failed): the control has its width, so the top bar can place its commands. */
  checked: boolean;
  busy: boolean;
  conflicts: SyncConflict[] | null;
  /** Minutes between automatic syncs; 0: only on demand. */
  every: number;
}

export const INTERVAL_KEY = 'parley.syncEvery';

export const syncSlice = defineSlice<SyncState>('sync', () => ({
  status: null,
  checked: false,
  busy: false,
  conflicts: null,
  every: Number(globalThis.localStorage?.getItem(INTERVAL_KEY) ?? 0) || 0,
}));
