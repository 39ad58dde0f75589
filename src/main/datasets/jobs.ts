/**
 * Long-running work (exports and imports) as jobs the UI can poll and
 * cancel. Jobs live in memory in the main process: a restart forgets them,
 * which is safe because a job that did not finish leaves nothing behind.
 */
import { randomBytes } from 'node:crypto';
import type { ExportResult, ImportSummary } from '../../core/api/datasets';
import type { JobState } from '../../core/api/jobs';
import { ParleyError, type ApiErrorShape } from '../../core/errors';
import { diskFull } from '../store/durable';

type JobResult = ExportResult | ImportSummary;

/** What long work is given: a signal that says it was cancelled, and where to report progress (documents or files). */
export interface WorkControl {
  signal?: AbortSignal;
  progress?: (done: number, total: number) => void;
}

export type JobControl = Required<WorkControl>;

interface Entry {
  state: JobState;
  abort: AbortController;
  finishedAt: number | null;
  finished: Promise<void>;
}

/** Finished jobs are kept this long, so a UI that polls late still sees the result. */
const KEEP_MS = 30 * 60 * 1000;
const KEEP_MAX = 200;

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

/** Throws Cancelled when the job was cancelled; work calls it between documents. */
export function checkCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new Cancelled();
}

function errorShape(e: unknown): ApiErrorShape {
  if (e instanceof ParleyError) return e.toJSON();
  const full = diskFull(e);
  if (full) return full.toJSON();
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}

export class JobRegistry {
  private readonly jobs = new Map<string, Entry>();

  /** Starts `work` in the background and returns its id at once. */
  start(kind: JobState['kind'], work: (control: JobControl) => Promise<JobResult>): string {
    this.prune();
    const id = `job_${randomBytes(12).toString('hex')}`;
    let markFinished = () => {};
    const finished = new Promise<void>((resolve) => (markFinished = resolve));
    const entry: Entry = { state: { id, kind, state: 'running', done: 0, total: 0 }, abort: new AbortController(), finishedAt: null, finished };
    this.jobs.set(id, entry);
    const control: JobControl = {
      signal: entry.abort.signal,
      progress: (done, total) => {
        entry.state.done = done;
        entry.state.total = total;
      },
    };
    // setImmediate: the caller gets the id before any of the work runs.
    setImmediate(() => {
      work(control)
        .then(
          // Work that finished did so whole: a cancel that came too late to stop it does not undo it.
          (result) => this.finish(entry, { state: 'done', result }),
          (e: unknown) => this.finish(entry, e instanceof Cancelled || entry.abort.signal.aborted ? { state: 'cancelled' } : { state: 'failed', error: errorShape(e) }),
        )
        .finally(markFinished);
    });
    return id;
  }

  get(id: string): JobState {
    const entry = this.jobs.get(id);
    if (!entry) throw new ParleyError('not_found', `no job ${id}: it finished more than ${KEEP_MS / 60_000} minutes ago, or Parley was restarted since`);
    return { ...entry.state };
  }

  /**
   * Asks a running job to stop; it cleans up what it wrote before it reports
   * 'cancelled'. Returns at once, with the job still 'running' until then.
   */
  cancel(id: string): JobState {
    const entry = this.jobs.get(id);
    if (!entry) return this.get(id);
    if (entry.state.state === 'running') entry.abort.abort();
    return { ...entry.state };
  }

  /** Resolves when the job has finished (tests and the CLI wait on it). */
  async settled(id: string): Promise<JobState> {
    const entry = this.jobs.get(id);
    if (!entry) return this.get(id);
    await entry.finished;
    return { ...entry.state };
  }

  private finish(entry: Entry, outcome: Pick<JobState, 'state' | 'result' | 'error'>): void {
    entry.state = { ...entry.state, ...outcome };
    entry.finishedAt = Date.now();
  }

  private prune(): void {
    const now = Date.now();
    const finished = [...this.jobs.values()].filter((e) => e.finishedAt !== null);
    for (const e of finished) if (now - e.finishedAt! > KEEP_MS) this.jobs.delete(e.state.id);
    const over = finished.length - KEEP_MAX;
    for (const e of finished.slice(0, Math.max(0, over))) this.jobs.delete(e.state.id);
  }
}
