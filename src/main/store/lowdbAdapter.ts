/**
 * lowdb's adapter for the small whole-file documents (settings, suggestion
 * settings): read whole, written whole through writeFileDurable (temp file,
 * fsync, rename, fsync of the folder), so a crash leaves the old file or the
 * new one. Layers and the index stay on their owners and journals.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { ParleyError } from '../../core/errors';
import { writeFileDurable } from './durable';
import { parseFile, type FileKind } from './repository';

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

/**
 * A versioned document through lowdb: read, migrated and validated (the one
 * read path, repository.parseFile), or `makeDefault()` when the file does
 * not exist. A file that does not parse or validate throws, naming it.
 */
export async function openDocument<T>(path: string, kind: FileKind<T>, makeDefault: () => T): Promise<Low<T>> {
  const adapter = new DurableAdapter<T>(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new Low(adapter, makeDefault());
    throw new ParleyError('io', `cannot read: ${(e as Error).message}`, path);
  }
  return new Low(adapter, parseFile(text, kind, path).data);
}
