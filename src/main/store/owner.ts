/**
 * The one object in the process that reads and writes one workspace file.
 *
 * Every change of the file, a single edit or a step of a bulk operation, is
 * a function run on the owner's data in turn, then written durably before
 * the next one starts; a change that throws, or whose write fails, leaves
 * memory as the file is on disk. The owner may drop its data when idle (to
 * bound memory) and reads it again on next use: since nothing else writes
 * the file, what it reads back is what it last wrote.
 *
 * The data is held in a lowdb document (`Low`) whose adapter reads through
 * the one read path and writes whole and durably (lowdbAdapter.ts); a
 * journaled layer's edits append to its journal instead (journal.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { Low } from 'lowdb';
import { ParleyError } from '../../core/errors';
import { saveError } from './durable';
import { appendStep, applyJournal, capture, journalPath, removeJournal, restore, stepOf, type LayerBefore } from './journal';
import type { Layer } from '../../core/model';
import { parseFile, type FileKind } from './jsonFile';
import { DurableAdapter } from './lowdbAdapter';

/** Bytes a layer's journal may hold beyond half the layer's size before it is compacted (the kill tests set it low, to compact often). */
const COMPACT_FLOOR = Number(process.env.PARLEY_JOURNAL_FLOOR) || 64 * 1024;

/** A file held by a bulk operation. */
export interface Held<T> {
  data: T;
  /** Takes what the operation wrote (null: read the file again on next use). */
  adopt(data: T | null, text: string | null): void;
  release(): void;
}

export class FileOwner<T> {
  private readonly adapter: DurableAdapter<T>;
  /** Holds the data (null: not read, or dropped) and reads and writes the file whole. */
  private readonly db: Low<T | null>;
  /**
   * How long the file is on disk (characters); null when it does not exist
   * yet. Only its length is kept, not its text: the index of 100,000
   * documents is 18 MB of text a server held for nothing.
   */
  private savedLength: number | null = null;
  /** Data known without a file (`preset`), serialized, to go back to if a change of it fails. */
  private presetText: string | null = null;
  private loading: Promise<T> | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private queued = 0;
  /** True once the data was upgraded from an older format version on read. */
  migrated = false;

  /** Where the journal's complete lines end (journaled layers only). */
  private journalLength = 0;

  /** What reading the journal found damaged (zero bytes, a line that does not parse), by byte offset; the lines before it were kept. */
  damage: ParleyError[] = [];

  /**
   * `journaled` (layers only): once the file exists, an edit appends to the
   * layer's journal instead of rewriting the file (store/journal.ts).
   */
  constructor(
    readonly path: string,
    private readonly kind: FileKind<T>,
    private readonly makeDefault?: () => T,
    private readonly journaled = false,
  ) {
    this.adapter = new DurableAdapter(path, kind);
    this.db = new Low<T | null>(this.adapter, null);
  }

  private get current(): T | null {
    return this.db.data;
  }
  private set current(data: T | null) {
    this.db.data = data;
  }

  /** No change is queued or running and the data is not being read: it can be dropped. */
  get idle(): boolean {
    return this.queued === 0 && this.loading === null;
  }

  get loaded(): boolean {
    return this.current !== null;
  }

  /** The data, which must have been read already (files the workspace reads at open). */
  peek(): T {
    if (this.current === null) throw new ParleyError('internal', `${this.kind.what} read before it was loaded`, this.path);
    return this.current;
  }

  /** `text` read as this owner's kind of file (a whole file a bulk change brings), or corrupt_file naming the file, line and problem. */
  parse(text: string): T {
    return parseFile(text, this.kind, this.path).data;
  }

  /** Whether the file exists on disk (as far as this owner knows, having read or written it). */
  get onDisk(): boolean {
    return this.savedLength !== null;
  }

  /** The current data. Treat it as read-only: change it through `update`. */
  read(): Promise<T> {
    if (this.current !== null) return Promise.resolve(this.current);
    this.loading ??= this.load().finally(() => (this.loading = null));
    return this.loading;
  }

  private async load(): Promise<T> {
    // Through the adapter rather than `db.read()`: the data becomes current only once whole (a layer with its journal applied), so no read meanwhile takes it without its last edits.
    const valid = await this.adapter.read();
    if (valid === null) {
      if (!this.makeDefault) throw new ParleyError('not_found', `missing ${this.kind.what}`, this.path);
      this.current = this.makeDefault();
      this.setSaved(null);
      return this.current;
    }
    this.setSaved(this.adapter.length);
    if (this.journaled) {
      const damage: ParleyError[] = [];
      this.journalLength = await applyJournal(this.path, valid as Layer, (d) => damage.push(d));
      this.damage = damage;
    }
    this.current = valid;
    this.migrated ||= this.adapter.migrated;
    return valid;
  }

  /** Data known without a file (a read-only view of an older layout, or a rebuilt index); never written as such. */
  preset(data: T): void {
    this.current = data;
    this.presetText = JSON.stringify(data);
    this.savedLength = this.presetText.length;
  }

  /** Reads the file again once the changes queued before have run (it was rewritten from outside). */
  reread(): Promise<void> {
    return this.exclusive(async () => {
      this.current = null;
      await this.read().catch(() => undefined);
    });
  }

  /** Drops the data when nothing is pending; the next read comes from disk. */
  unload(): boolean {
    if (!this.idle) return false;
    this.current = null;
    return true;
  }

  /** Runs `work` after every change queued before it, and before any queued after it. */
  private exclusive<R>(work: () => Promise<R>): Promise<R> {
    this.queued++;
    const run = this.tail.then(work);
    this.tail = run.then(
      () => this.queued--,
      () => this.queued--,
    );
    return run;
  }

  /**
   * Changes the data with `change` and writes it; resolves once the file is
   * durably on disk. If `change` throws or the write fails, memory goes back
   * to what is on disk and the error is passed on.
   */
  update<R>(change: (data: T) => R): Promise<R> {
    return this.exclusive(async () => {
      const data = await this.read();
      const before = this.journaled && this.savedLength !== null ? capture(data as Layer) : null;
      let result: R;
      try {
        result = change(data);
      } catch (e) {
        this.revert(before);
        throw e;
      }
      if (before) await this.append(stepOf(before, data as Layer), before);
      else await this.write();
      return result;
    });
  }

  private async append(step: ReturnType<typeof stepOf>, before: LayerBefore): Promise<void> {
    try {
      await this.keepDamaged();
      this.journalLength = await appendStep(this.path, step, this.journalLength);
    } catch (e) {
      // The line is not on disk (appendStep cut it back): memory goes back to the last acknowledged step, not to a fresh read.
      this.revert(before);
      throw saveError(e, this.path);
    }
    // Grown past half the layer (and a floor, so small layers are not rewritten every few edits): compact after this edit.
    if (this.journalLength > COMPACT_FLOOR + (this.savedLength ?? 0) / 2) void this.compact().catch(() => undefined);
  }

  /**
   * Writes the layer whole and removes its journal (journaled layers), after
   * the changes queued before. A kill between the two leaves lines the
   * file already holds: reading skips them by revision.
   */
  compact(): Promise<void> {
    return this.exclusive(async () => {
      if (!this.journaled || this.current === null || this.journalLength === 0) return;
      await this.keepDamaged();
      await this.db.write();
      this.setSaved(this.adapter.length);
      await removeJournal(this.path);
      this.journalLength = 0;
    });
  }

  /** Replaces the data whole (an import's layer, a rebuilt index). */
  replace(data: T): Promise<void> {
    return this.exclusive(async () => {
      await this.read().catch(() => undefined);
      this.current = data;
      await this.write();
    });
  }

  /** Writes the data whole; a failed write puts memory back to what is on disk. */
  private async write(): Promise<void> {
    try {
      await this.db.write();
    } catch (e) {
      this.revert();
      throw saveError(e, this.path);
    }
    this.setSaved(this.adapter.length);
  }

  private setSaved(length: number | null): void {
    this.savedLength = length;
    this.presetText = null;
  }

  /** A damaged journal is copied aside, once, before the first write cuts its damaged part off. */
  private async keepDamaged(): Promise<void> {
    if (this.damage.length === 0) return;
    const journal = journalPath(this.path);
    if (existsSync(journal)) await copyFile(journal, `${journal}.damaged`);
    this.damage = [];
  }

  private revert(before?: LayerBefore | null): void {
    if (before && this.current !== null) {
      restore(this.current as Layer, before);
      return;
    }
    // A journaled layer's file lags behind its journal: read both again.
    if (this.journaled && this.savedLength !== null) {
      this.current = null;
      return;
    }
    if (this.savedLength === null) this.current = this.makeDefault?.() ?? null;
    else if (this.presetText !== null) this.current = JSON.parse(this.presetText) as T;
    else {
      // The file on disk is what the failed write left whole: read it again, now, so data read at open stays in memory.
      try {
        this.current = this.parse(readFileSync(this.path, 'utf8'));
      } catch {
        this.current = null;
      }
    }
  }

  /**
   * Holds the file for a bulk operation: changes queued meanwhile wait until
   * `release` is called. The operation writes the file itself (staged and
   * renamed into place) and tells the owner with `adopt`.
   */
  hold(): Promise<Held<T>> {
    return new Promise((resolveHold, rejectHold) => {
      void this.exclusive(async () => {
        let data: T;
        try {
          data = await this.read();
        } catch (e) {
          rejectHold(e);
          return;
        }
        await new Promise<void>((release) =>
          resolveHold({
            data,
            adopt: (next, text) => {
              // null: the file changed on disk in a way best read afresh.
              this.current = next;
              this.setSaved(next === null || text === null ? null : text.length);
              // The bulk change wrote the layer whole and removed its journal in the same step.
              this.journalLength = 0;
            },
            release,
          }),
        );
      });
    });
  }
}

/**
 * The owners of one kind of file, one per path for the life of the
 * workspace. At most `capacity` of them keep their data in memory; idle
 * ones drop it, least recently used first. An owner with a change pending
 * is never dropped, so no write is lost and no older copy is read back.
 */
export class OwnerTable<T> {
  private readonly owners = new Map<string, FileOwner<T>>();
  /** Paths whose owners hold data, least recently used first. */
  private readonly recent = new Set<string>();

  constructor(private readonly capacity: number) {}

  get(path: string, create: () => FileOwner<T>): FileOwner<T> {
    let owner = this.owners.get(path);
    if (!owner) {
      owner = create();
      this.owners.set(path, owner);
    }
    this.recent.delete(path);
    this.recent.add(path);
    if (this.recent.size > this.capacity) this.trim();
    return owner;
  }

  /** Drops the data of every idle owner (files rewritten from outside). */
  unloadAll(): void {
    for (const path of this.recent) if (this.owners.get(path)!.unload()) this.recent.delete(path);
  }

  private trim(): void {
    for (const path of this.recent) {
      if (this.recent.size <= this.capacity) return;
      const owner = this.owners.get(path)!;
      if (owner.unload()) this.recent.delete(path);
    }
  }
}
