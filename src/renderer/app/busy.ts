/**
 * Work the analyst waits for: every wait (suggestions, a sync, accepting
 * many suggestions, an import check, an export, training, building the
 * search index) goes through `whileBusy`, so one tray shows what is running,
 * after 300 ms, with how far it is and about how long it has left when the
 * work can say. A control that started the work can show a spinner beside
 * itself by its key (`useBusy`).
 */
import type { Progress } from '../../core/progress';
import { defineSlice, type AppStore } from './store';

/** Waits shorter than this show nothing: a spinner that flashes is noise. */
export const SHOW_AFTER_MS = 300;

export interface BusyTask {
  id: number;
  /** What a person is waiting for, e.g. "Finding suggestions". */
  title: string;
  /** Names the control that started it, for its own spinner ("suggest", "import-check"). */
  key?: string;
  startedAt: number;
  /** How far it is, when the work can count; with `unit` ("documents"). */
  progress?: Progress;
  unit?: string;
}

export const busySlice = defineSlice('busy', () => ({ tasks: [] as BusyTask[] }));

let nextId = 1;

/** Reports how far the work is: `done` of `total` units. */
export type Report = (done: number, total: number) => void;

/** Runs `work` as a wait the tray shows (after 300 ms) until it ends, whether it succeeds or fails. */
export async function whileBusy<T>(app: AppStore, title: string, work: (report: Report) => Promise<T>, opts: { key?: string; unit?: string } = {}): Promise<T> {
  const id = nextId++;
  const startedAt = performance.now();
  busySlice.set(app, (s) => ({ tasks: [...s.tasks, { id, title, key: opts.key, unit: opts.unit, startedAt }] }));
  const report: Report = (done, total) =>
    busySlice.set(app, (s) => ({ tasks: s.tasks.map((t) => (t.id === id ? { ...t, progress: { done, total, startedAt } } : t)) }));
  try {
    return await work(report);
  } finally {
    busySlice.set(app, (s) => ({ tasks: s.tasks.filter((t) => t.id !== id) }));
  }
}

/** Whether work started under `key` is running (a control shows its own spinner). */
export function useBusy(key: string): boolean {
  return busySlice.use((s) => s.tasks.some((t) => t.key === key));
}
