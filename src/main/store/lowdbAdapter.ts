/**
 * lowdb's adapter for the files read and written whole (the schema, the
 * entity registry, `.parley/suggestions.json`, the user's settings, and the
 * whole-file form of the rest): read through the one read path (parsed,
 * migrated, validated; a damaged file is reported and never written over by
 * a read), written through writeFileDurable (temp file, fsync, rename, fsync
 * of the folder), so a crash leaves the old file or the new one and a full
 * disk answers `disk_full` with the old file intact. Layers and the index
 * keep their journals on top (store/journal.ts, workspace/documentIndex.ts).
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Adapter } from 'lowdb';
import { saveError, writeFileDurable } from './durable';
import { readJsonFile, type FileKind, type ReadAdvice } from './jsonFile';

export interface AdapterOptions extends ReadAdvice {
  /** How the file is laid out (settings.json is meant to be read by people). */
  indent?: number;
}

/** Typed over `T | null` so an owner's `Low` can hold nothing while its data is dropped; null is never written. */
export class DurableAdapter<T> implements Adapter<T | null> {
  /** The length of the file's text as last read or written; null when there is no file. */
  length: number | null = null;
  /** The last read upgraded the data from an older format version. */
  migrated = false;

  constructor(
    readonly path: string,
    private readonly kind: FileKind<T>,
    private readonly options: AdapterOptions = {},
  ) {}

  /** The file's data, checked, or null when there is none. */
  async read(): Promise<T | null> {
    const file = await readJsonFile(this.path, this.kind, this.options);
    this.migrated = file?.migrated ?? false;
    this.length = file === null ? null : file.migrated ? this.serialize(file.data).length : file.text.length;
    return file?.data ?? null;
  }

  /** Writes the data whole and durably; a failure (a full disk: `disk_full`) leaves the file as it was. */
  async write(data: T | null): Promise<void> {
    if (data === null) return;
    const text = this.serialize(data);
    try {
      await mkdir(dirname(this.path), { recursive: true });
      await writeFileDurable(this.path, text);
    } catch (e) {
      throw saveError(e, this.path);
    }
    this.length = text.length;
  }

  private serialize(data: T): string {
    return JSON.stringify(data, null, this.options.indent);
  }
}

