/**
 * lowdb's adapter for the small whole-file documents (the user's settings):
 * read whole, written whole through writeFileDurable (temp file, fsync,
 * rename, fsync of the folder), so a crash leaves the old file or the new
 * one. Layers and the index stay on their owners and journals.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Adapter } from 'lowdb';
import { ParleyError } from '../../core/errors';
import { writeFileDurable } from './durable';

export class DurableAdapter<T> implements Adapter<T> {
  /** `indent`: how the file is laid out (settings.json is meant to be read by people). */
  constructor(
    readonly path: string,
    private readonly indent?: number,
  ) {}

  /** The parsed file, or null when there is none; bad JSON throws (SyntaxError), and the file is never written over by a read. */
  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new ParleyError('io', `cannot read: ${(e as Error).message}`, this.path);
    }
    return JSON.parse(text) as T;
  }

  async write(data: T): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    await writeFileDurable(this.path, JSON.stringify(data, null, this.indent));
  }
}
