/**
 * A lowdb adapter for one JSON file, written through writeFileDurable.
 * A file that does not parse is reported (path, line, problem) and never
 * overwritten: the adapter refuses to write over it.
 */
import { readFile } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import { ParleyError } from '../../core/errors';
import { saveError, writeFileDurable } from './durable';

/** Where JSON.parse stopped, as a 1-based line, when the engine says so. */
export function jsonErrorLine(text: string, error: unknown): number | undefined {
  const msg = error instanceof Error ? error.message : String(error);
  const pos = /position (\d+)/.exec(msg);
  if (pos) return text.slice(0, Number(pos[1])).split('\n').length;
  const line = /line (\d+)/.exec(msg);
  return line ? Number(line[1]) : undefined;
}

export class DurableJSONFile<T> implements Adapter<T> {
  private corrupt: ParleyError | null = null;
  private writing: Promise<void> = Promise.resolve();
  private pending: { data: T; waiters: { resolve: () => void; reject: (e: unknown) => void }[] } | null = null;

  constructor(
    readonly path: string,
    private readonly displayPath: string = path,
  ) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new ParleyError('io', `cannot read: ${(e as Error).message}`, this.displayPath);
    }
    try {
      this.corrupt = null;
      return JSON.parse(text) as T;
    } catch (e) {
      this.corrupt = new ParleyError(
        'corrupt_file',
        `not valid JSON (${(e as Error).message}). The file was left as it is: restore it from a backup or fix it by hand, then reopen the workspace.`,
        this.displayPath,
        jsonErrorLine(text, e),
      );
      throw this.corrupt;
    }
  }

  /**
   * Writes coalesce: while one write is in flight, later calls wait and only
   * the newest data is written next, so a burst of edits costs two writes.
   */
  write(data: T): Promise<void> {
    if (this.corrupt) return Promise.reject(this.corrupt);
    return new Promise<void>((resolve, reject) => {
      if (this.pending) {
        this.pending.data = data;
        this.pending.waiters.push({ resolve, reject });
        return;
      }
      this.pending = { data, waiters: [{ resolve, reject }] };
      this.writing = this.writing.then(async () => {
        const job = this.pending;
        this.pending = null;
        if (!job) return;
        try {
          await writeFileDurable(this.path, JSON.stringify(job.data));
          for (const w of job.waiters) w.resolve();
        } catch (e) {
          const err = saveError(e, this.displayPath);
          for (const w of job.waiters) w.reject(err);
        }
      });
    });
  }
}
