/**
 * A workspace folder: workspace.json (schema, document index, entity
 * registry), documents/<id>.json (immutable texts) and
 * annotations/<annotator>/<id>.json (one analyst's layer on one document).
 *
 * Each file has one owner object in the process (store/owner.ts), and every
 * write, a single edit or a bulk operation, goes through it; so one edit
 * writes one small file whatever the size of the corpus, and an owner that
 * drops its data to save memory never drops a pending write.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFile as readFileCallback } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { DocumentSummary } from '../core/api/documents';
import type { Problem } from '../core/api/workspace';
import { countLayer, type LayerCounts } from '../core/changes';
import { defaultSchema } from '../core/defaults';
import { ParleyError } from '../core/errors';
import {
  FORMAT_VERSION,
  emptyLayer,
  DocumentEntrySchema,
  type DocumentEntry,
  type DocumentRecord,
  type Entity,
  type LabelSchema,
  type Layer,
} from '../core/model';
import {
  documentKind,
  entitiesKind,
  INDEX_FILE,
  INDEX_JOURNAL,
  indexKind,
  layerKind,
  schemaFileKind,
  splitWorkspaceFile,
  workspaceKind,
  type EntitiesFile,
  type IndexFile,
  type SchemaFile,
} from './store/kinds';
import { commitFiles, recoverBulk, settleBulk, type StagedFile } from './store/bulk';
import { completeLines, journalPath } from './store/journal';
import { acquireLock, PRIVATE_DIR, releaseLock } from './store/lock';
import { takeSnapshot } from './store/snapshots';
import { FileOwner, OwnerTable, type Held } from './store/owner';
import { writeFileDurable } from './store/durable';
import { parseFile } from './store/repository';
import { entryMismatch } from './validate/documentIndex';
import { mentionProblem } from './validate/mentions';
import type { Migration } from '../core/migrations';

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A layer as read: look, do not touch (changes go through Workspace.editLayer). */
export interface LayerView {
  readonly data: Layer;
}

export interface OpenOptions {
  /** Read only: no lock is taken and every write is refused (list, validate, agreement, export). */
  readOnly?: boolean;
}

/** Workspaces open for writing in this process, by folder: a second open shares the first. */
const openForWriting = new Map<string, { ws: Promise<Workspace>; opens: number }>();

export class Workspace {
  private readonly docs = new OwnerTable<DocumentRecord>(64);
  private readonly layers = new OwnerTable<Layer>(256);
  private readonly counts = new Map<string, LayerCounts>();
  /** Layer changes so far, in all and per document: what the document list's caches are keyed on. */
  private layerChanges = 0;
  private readonly docLayerChanges = new Map<string, number>();
  private rereads = 0;
  private readonly problemsByFile = new Map<string, string>();
  /** Told of documents once they are added (the search index listens). */
  readonly onDocumentsAdded: ((records: DocumentRecord[]) => void)[] = [];

  private readonly schemaFile: FileOwner<SchemaFile>;
  private readonly indexFile: FileOwner<IndexFile>;
  private readonly entitiesFile: FileOwner<EntitiesFile>;

  private constructor(
    readonly root: string,
    readonly readOnly: boolean,
  ) {
    this.schemaFile = new FileOwner(join(root, SCHEMA_FILE), schemaFileKind);
    this.indexFile = new FileOwner(join(root, INDEX_FILE), indexKind);
    this.entitiesFile = new FileOwner(join(root, ENTITIES_FILE), entitiesKind);
  }

  static async open(dir: string, options: OpenOptions = {}): Promise<Workspace> {
    const root = resolve(dir);
    if (!existsSync(root)) throw new ParleyError('not_found', `no workspace at ${root}: the folder does not exist. Create one with: parley init --workspace ${dir}`);
    if (!isWorkspaceFolder(root)) throw new ParleyError('not_found', `${root} is not a Parley workspace: it has no ${SCHEMA_FILE}. Create one with: parley init --workspace ${dir}`);
    if (options.readOnly) return Workspace.load(root, true);
    const shared = openForWriting.get(root);
    if (shared) {
      shared.opens++;
      return shared.ws;
    }
    // Throws, naming the holder, when another process writes this folder.
    acquireLock(root);
    const ws = (async () => {
      await recoverBulk(root);
      await removeTempFiles(root);
      const ws = await Workspace.load(root, false);
      await ws.compactJournals();
      return ws;
    })();
    openForWriting.set(root, { ws, opens: 1 });
    ws.catch(() => {
      openForWriting.delete(root);
      releaseLock(root);
    });
    return ws;
  }

  /** Closes every open of `dir` in this process, so another process may write it (tests, and switching folders). */
  static release(dir: string): void {
    const root = resolve(dir);
    if (openForWriting.delete(root)) releaseLock(root);
  }

  private static async load(root: string, readOnly: boolean): Promise<Workspace> {
    const ws = new Workspace(root, readOnly);
    await ws.readShared();
    return ws;
  }

  /**
   * Reads the schema, index and registry. An old workspace.json is split
   * first (read-only: in memory). A damaged schema or registry is reported
   * and costs only itself: defaults in memory, the file kept, and saving it
   * refused until it is fixed. A damaged or missing index is rebuilt from
   * documents/, the damaged file kept under .parley/damaged/.
   */
  private async readShared(): Promise<void> {
    const legacy = join(this.root, LEGACY_FILE);
    if (existsSync(legacy) && !existsSync(this.schemaFile.path)) {
      try {
        const old = await new FileOwner(legacy, workspaceKind).read();
        const parts = splitWorkspaceFile(old);
        if (this.readOnly) {
          this.schemaFile.preset(parts.schema);
          this.indexFile.preset(parts.index);
          this.entitiesFile.preset(parts.entities);
          return;
        }
        const targets = [this.schemaFile.path, this.indexFile.path, this.entitiesFile.path, legacy];
        await takeSnapshot(this.root, `split of ${LEGACY_FILE} into ${SCHEMA_FILE}, ${INDEX_FILE} and ${ENTITIES_FILE}`, targets);
        await commitFiles(this.root, `split of ${LEGACY_FILE}`, [
          { path: this.schemaFile.path, text: JSON.stringify(parts.schema, null, 1) },
          { path: this.indexFile.path, text: JSON.stringify(parts.index) },
          { path: this.entitiesFile.path, text: JSON.stringify(parts.entities, null, 1) },
          { path: legacy, text: null },
        ]);
      } catch (e) {
        this.note(e);
      }
    }
    for (const owner of [this.schemaFile, this.entitiesFile]) {
      try {
        await owner.read();
      } catch (e) {
        this.note(e);
      }
    }
    try {
      await this.indexFile.read();
      await this.readIndexJournal();
    } catch (e) {
      this.note(e);
      await this.rebuildIndex();
    }
  }

  /** Where the index journal's complete lines end, and how many entries it holds. */
  private indexJournal = { length: 0, count: 0 };

  get indexJournalPath(): string {
    return join(this.root, INDEX_JOURNAL);
  }

  /**
   * Adds the entries of index.journal (one a line, appended by each import
   * since the index was last written whole) to the index read from
   * index.json; an entry already there (a compaction cut short) is skipped,
   * and a last line without its newline (a kill mid-append) was never
   * acknowledged and is left out.
   */
  private async readIndexJournal(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.indexJournalPath, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new ParleyError('io', `cannot read: ${(e as Error).message}`, this.indexJournalPath);
      this.indexJournal = { length: 0, count: 0 };
      return;
    }
    const data = this.indexFile.peek();
    const known = new Set(data.documents.map((d) => d.id));
    const added: DocumentEntry[] = [];
    const { lines, bytes } = completeLines(text);
    lines.forEach((line, i) => {
      let entry: DocumentEntry;
      try {
        entry = DocumentEntrySchema.parse(JSON.parse(line));
      } catch (e) {
        throw new ParleyError('corrupt_file', `line ${i + 1} is not a document entry (${(e as Error).message}); the index is rebuilt from documents/`, this.indexJournalPath, i + 1);
      }
      if (!known.has(entry.id)) {
        known.add(entry.id);
        added.push(entry);
      }
    });
    if (added.length) data.documents = [...data.documents, ...added];
    this.indexJournal = { length: bytes, count: lines.length };
  }

  /** @internal for BulkChange: entries appended to the index journal, now `length` bytes long. */
  appendedToIndex(entries: DocumentEntry[], length: number): void {
    const data = this.indexFile.peek();
    data.documents = [...data.documents, ...entries];
    this.indexJournal = { length, count: this.indexJournal.count + entries.length };
    // Once the journal holds more than half as many entries as the index (and a floor), the index is written whole, off the caller's time.
    if (this.indexJournal.count > Math.max(INDEX_JOURNAL_FLOOR, data.documents.length / 2)) void this.compactIndex().catch((e) => this.note(e));
  }

  /** @internal for BulkChange */
  get indexJournalLength(): number {
    return this.indexJournal.length;
  }

  /** Writes the index whole and removes its journal, as one crash-atomic step, after any bulk change under way. */
  compactIndex(): Promise<void> {
    if (this.readOnly) return Promise.resolve();
    const run = this.bulkTail.then(async () => {
      if (this.indexJournal.count === 0 && !existsSync(this.indexJournalPath)) return;
      const h = await this.indexFile.hold();
      try {
        const text = JSON.stringify(h.data, null, 1);
        await commitFiles(this.root, 'compaction of the document index', [
          { path: this.indexFile.path, text },
          { path: this.indexJournalPath, text: null },
        ]);
        h.adopt(h.data, text);
        this.indexJournal = { length: 0, count: 0 };
      } finally {
        h.release();
      }
    });
    this.bulkTail = run.catch(() => undefined);
    return run;
  }

  /** The index as documents/ holds it, oldest first. */
  private async rebuildIndex(): Promise<void> {
    const records: DocumentRecord[] = [];
    let names: string[] = [];
    try {
      names = await readdir(join(this.root, 'documents'));
    } catch {
      // no documents folder: an empty index
    }
    for (const name of names.filter((n) => n.endsWith('.json') && !n.startsWith('.'))) {
      try {
        records.push(await new FileOwner(join(this.root, 'documents', name), documentKind).read());
      } catch (e) {
        this.note(e);
      }
    }
    records.sort((x, y) => x.addedAt.localeCompare(y.addedAt) || x.id.localeCompare(y.id));
    const index: IndexFile = { version: FORMAT_VERSION, documents: records.map(entryOf) };
    if (this.readOnly) return this.indexFile.preset(index);
    if (existsSync(this.indexFile.path)) {
      const aside = join(this.root, PRIVATE_DIR, 'damaged', `${INDEX_FILE}.${Date.now()}`);
      await mkdir(dirname(aside), { recursive: true });
      await copyFile(this.indexFile.path, aside);
      this.problemsByFile.set(this.indexFile.path, `could not be read, so it was rebuilt from documents/ (${records.length} documents); the damaged file is kept as ${aside}`);
    }
    await this.indexFile.replace(index);
    // Everything the journal listed is in documents/, so in the rebuilt index.
    await rm(this.indexJournalPath, { force: true });
    this.indexJournal = { length: 0, count: 0 };
  }

  /**
   * Files of this folder were rewritten by something other than their owners
   * (a team sync): every owner reads its file again on next use.
   */
  async reread(): Promise<void> {
    this.docs.unloadAll();
    this.layers.unloadAll();
    this.counts.clear();
    this.layerChanges++;
    this.rereads++;
    for (const owner of [this.schemaFile, this.entitiesFile, this.indexFile]) await owner.reread();
    await this.readShared();
  }

  /**
   * Folds every layer journal into its layer file, and the index journal
   * into the index, so the folder holds only whole files (at open, and
   * before a sync commits the folder).
   */
  async compactJournals(): Promise<void> {
    if (this.indexJournal.count > 0) await this.compactIndex();
    for (const annotator of await this.annotators()) {
      let names: string[];
      try {
        names = await readdir(join(this.root, 'annotations', annotator));
      } catch {
        continue;
      }
      for (const name of names.filter((n) => n.endsWith('.journal') && !n.startsWith('.'))) {
        const docId = name.slice(0, -'.journal'.length);
        if (!this.has(docId) || !existsSync(this.layerPath(annotator, docId))) continue;
        try {
          const owner = this.layerOwner(annotator, docId);
          await owner.read();
          // Damage in the journal is reported before the compaction cuts it off (a copy is kept beside it).
          owner.damage.forEach((d) => this.note(d));
          await owner.compact();
        } catch (e) {
          this.note(e);
        }
      }
    }
  }

  /** Whatever an open of `dir` in this process still holds only in journals and pending checkpoints reaches whole files. */
  static async settle(dir: string): Promise<void> {
    const root = resolve(dir);
    await settleBulk(root);
    const shared = openForWriting.get(root);
    if (shared) return (await shared.ws).compactJournals();
    if (!(await hasJournals(root))) return;
    // Not open here: opening compacts. Another process writing the folder compacts its own journals.
    let ws: Workspace;
    try {
      ws = await Workspace.open(root);
    } catch (e) {
      if (e instanceof ParleyError && e.code === 'conflict') return;
      throw e;
    }
    ws.close();
  }

  /** The open workspace of this folder in this process, if any, reads its files again (see `reread`). */
  static async changedOnDisk(dir: string): Promise<void> {
    const shared = openForWriting.get(resolve(dir));
    if (shared) await (await shared.ws).reread();
  }

  /**
   * Forgets the copy this process holds of the folder, after its files were
   * replaced as a whole (a sync brought colleagues' changes): the next open
   * reads them again.
   */
  static forget(dir: string): void {
    openForWriting.delete(resolve(dir));
  }

  /** Gives up this open; the last one to close lets another process write the folder. */
  close(): void {
    if (this.readOnly) return;
    const shared = openForWriting.get(this.root);
    if (!shared || --shared.opens > 0) return;
    openForWriting.delete(this.root);
    releaseLock(this.root);
  }

  /** Creates a workspace in an empty (or missing) folder, with the given documents. */
  /** `scheme`: the schema to start with and its guidelines (`guidelines.md`); Parley's default schema without. */
  static async create(dir: string, name: string, documents: DocumentRecord[], scheme?: { schema: LabelSchema; guidelines: string }): Promise<Workspace> {
    const root = resolve(dir);
    if (isWorkspaceFolder(root)) throw new ParleyError('conflict', `${root} already holds a workspace`);
    await mkdir(join(root, 'documents'), { recursive: true });
    await mkdir(join(root, 'annotations'), { recursive: true });
    for (const doc of documents) await writeFileDurable(join(root, 'documents', `${doc.id}.json`), JSON.stringify(doc));
    if (scheme?.guidelines) await writeFileDurable(join(root, 'guidelines.md'), scheme.guidelines);
    const parts = splitWorkspaceFile({ version: FORMAT_VERSION, name, schema: scheme?.schema ?? defaultSchema(), documents: documents.map(entryOf), entities: [] });
    await writeFileDurable(join(root, ENTITIES_FILE), JSON.stringify(parts.entities, null, 1));
    await writeFileDurable(join(root, INDEX_FILE), JSON.stringify(parts.index));
    // The schema file last: it is what marks the folder as a workspace.
    await writeFileDurable(join(root, SCHEMA_FILE), JSON.stringify(parts.schema, null, 1));
    return Workspace.open(root);
  }

  private writable(): void {
    if (this.readOnly) throw new ParleyError('conflict', 'this workspace was opened read-only; nothing was changed', this.root);
  }

  get name(): string {
    return this.schemaFile.loaded ? this.schemaFile.peek().name : basename(this.root);
  }
  get schema(): LabelSchema {
    return this.schemaFile.loaded ? this.schemaFile.peek().schema : (this.fallbackSchema ??= defaultSchema());
  }
  private fallbackSchema: LabelSchema | null = null;
  /** The schema's migrations, oldest first. */
  get schemaHistory(): readonly Migration[] {
    return this.schemaFile.loaded ? (this.schemaFile.peek().migrations ?? []) : [];
  }
  get entries(): readonly DocumentEntry[] {
    return this.indexFile.loaded ? this.indexFile.peek().documents : [];
  }
  get entities(): readonly Entity[] {
    return this.entitiesFile.loaded ? this.entitiesFile.peek().entities : [];
  }
  /** Revisions of the schema and the registry: each save adds one; a save made on an older one is refused. */
  get revisions(): { schema: number; entities: number } {
    return {
      schema: this.schemaFile.loaded ? this.schemaFile.peek().revision : 0,
      entities: this.entitiesFile.loaded ? this.entitiesFile.peek().revision : 0,
    };
  }

  /** Files that could not be read since the workspace was opened, by path. */
  get problems(): Problem[] {
    return [...this.problemsByFile].map(([file, message]) => ({ file, message }));
  }

  private note(error: unknown): void {
    if (error instanceof ParleyError && error.file && (error.code === 'corrupt_file' || error.code === 'io' || error.file === this.schemaFile?.path || error.file === this.entitiesFile?.path)) {
      this.problemsByFile.set(error.file, error.line ? `line ${error.line}: ${error.message}` : error.message);
    }
  }

  /** The index by id, rebuilt when the document list changes, so a save costs the same in any corpus size. */
  private byId: { list: readonly DocumentEntry[]; map: Map<string, DocumentEntry> } | null = null;

  has(docId: string): boolean {
    return this.index().has(docId);
  }

  private index(): Map<string, DocumentEntry> {
    const list = this.entries;
    if (this.byId?.list !== list) this.byId = { list, map: new Map(list.map((d) => [d.id, d])) };
    return this.byId.map;
  }

  entry(docId: string): DocumentEntry {
    const e = this.index().get(docId);
    if (!e) throw new ParleyError('not_found', `no document ${docId} in this workspace`);
    return e;
  }

  documentPath(docId: string): string {
    return join(this.root, 'documents', `${docId}.json`);
  }

  layerPath(annotator: string, docId: string): string {
    return join(this.root, 'annotations', annotator, `${docId}.json`);
  }

  private documentOwner(docId: string): FileOwner<DocumentRecord> {
    const path = this.documentPath(docId);
    return this.docs.get(path, () => new FileOwner(path, documentKind));
  }

  /** `textHash` for a document not yet in the index (one being imported). */
  private layerOwner(annotator: string, docId: string, textHash?: string): FileOwner<Layer> {
    const hash = textHash ?? this.entry(docId).sha256;
    const path = this.layerPath(annotator, docId);
    return this.layers.get(path, () => new FileOwner(path, layerKind, () => emptyLayer(docId, annotator, hash), true));
  }

  async document(docId: string): Promise<DocumentRecord> {
    this.entry(docId);
    try {
      return await this.documentOwner(docId).read();
    } catch (e) {
      this.note(e);
      throw e;
    }
  }

  /** One analyst's layer on one document; an empty one (not yet on disk) when they have not started. */
  async layer(annotator: string, docId: string): Promise<LayerView> {
    try {
      const owner = this.layerOwner(annotator, docId);
      const data = await owner.read();
      owner.damage.forEach((d) => this.note(d));
      return { data };
    } catch (e) {
      this.note(e);
      throw e;
    }
  }

  /**
   * Changes one layer through its owner and resolves once it is on disk.
   * `edit` runs on the layer as it is now, after every change queued before
   * it; if it throws, nothing is written and memory keeps what is on disk.
   */
  async editLayer<R>(annotator: string, docId: string, edit: (layer: Layer) => R): Promise<R> {
    this.writable();
    const owner = this.layerOwner(annotator, docId);
    try {
      return await owner.update((layer) => {
        const result = edit(layer);
        layer.updatedAt = new Date().toISOString();
        layer.revision = (layer.revision ?? 0) + 1;
        // Counted again when the list asks, not on every save: counting costs the layer.
        this.dropCounts(annotator, docId);
        return result;
      });
    } catch (e) {
      this.dropCounts(annotator, docId);
      this.note(e);
      throw e;
    }
  }

  /** Whether the layer was made for this document's current text. */
  isStale(layer: Layer): boolean {
    return layer.textHash !== this.entry(layer.docId).sha256;
  }

  /** A layer's status and counts, kept until it changes. */
  async countsFor(annotator: string, docId: string): Promise<LayerCounts> {
    const key = `${annotator}/${docId}`;
    const cached = this.counts.get(key);
    if (cached) return cached;
    const path = this.layerPath(annotator, docId);
    let counts: LayerCounts;
    if (!existsSync(path)) counts = { status: 'not_started', mentionCount: 0, frameCount: 0, labelCounts: {} };
    else counts = countLayer((await this.layer(annotator, docId)).data);
    this.counts.set(key, counts);
    return counts;
  }

  /** Each document's summary for one annotator (`entries`: only these documents). */
  async summaries(annotator: string, entries: readonly DocumentEntry[] = this.entries): Promise<DocumentSummary[]> {
    const out: DocumentSummary[] = [];
    // One folder listing instead of a file check per document.
    const withLayer = new Set(await this.layerIds(annotator));
    for (const e of entries) {
      if (!withLayer.has(e.id) && !this.counts.has(`${annotator}/${e.id}`)) {
        out.push({ id: e.id, title: e.title, outlet: e.outlet, date: e.date, chars: e.chars, status: 'not_started', mentionCount: 0, frameCount: 0, labelCounts: {} });
        continue;
      }
      const base = { id: e.id, title: e.title, outlet: e.outlet, date: e.date, chars: e.chars };
      try {
        out.push({ ...base, ...(await this.countsFor(annotator, e.id)) });
      } catch (err) {
        out.push({ ...base, status: 'not_started', mentionCount: 0, frameCount: 0, labelCounts: {}, problem: (err as Error).message });
      }
    }
    return out;
  }

  /**
   * Changes several files as one crash-atomic step (store/bulk.ts): `work`
   * reads what it needs through `tx`, which holds each file it touches so
   * single edits wait, and says what to write; nothing is written unless
   * `work` returns, and then everything is. One bulk change at a time.
   */
  bulk<R>(what: string, work: (tx: BulkChange) => Promise<R>): Promise<R> {
    this.writable();
    const run = this.bulkTail.then(async () => {
      const tx = new BulkChange(this);
      try {
        const result = await work(tx);
        await tx.commit(what);
        return result;
      } finally {
        tx.release();
      }
    });
    this.bulkTail = run.catch(() => undefined);
    return run;
  }
  private bulkTail: Promise<unknown> = Promise.resolve();

  /** @internal for BulkChange */
  ownerOfLayer(annotator: string, docId: string, textHash?: string): FileOwner<Layer> {
    return this.layerOwner(annotator, docId, textHash);
  }
  /** @internal for BulkChange */
  ownerOfDocument(docId: string): FileOwner<DocumentRecord> {
    return this.documentOwner(docId);
  }
  /** @internal for BulkChange */
  get sharedOwners(): { schema: FileOwner<SchemaFile>; index: FileOwner<IndexFile>; entities: FileOwner<EntitiesFile> } {
    return { schema: this.schemaFile, index: this.indexFile, entities: this.entitiesFile };
  }
  /** A layer changed (or may have): its counts are read again when asked. */
  dropCounts(annotator: string, docId: string): void {
    this.counts.delete(`${annotator}/${docId}`);
    this.layerChanges++;
    this.docLayerChanges.set(docId, (this.docLayerChanges.get(docId) ?? 0) + 1);
  }
  /**
   * Changes to any layer since the workspace was opened (`docId`: to that
   * document's layers). The same version means no layer changed meanwhile.
   */
  layerVersion(docId?: string): string {
    return docId === undefined ? String(this.layerChanges) : `${this.rereads}.${this.docLayerChanges.get(docId) ?? 0}`;
  }
  /** @internal for BulkChange: the owner of a file by its path in the folder (forward slashes), if it has one. */
  ownerOfPath(rel: string): { owner: FileOwner<unknown>; shared: boolean; layer?: [string, string] } | null {
    if (rel === SCHEMA_FILE) return { owner: this.schemaFile as FileOwner<unknown>, shared: true };
    if (rel === INDEX_FILE) return { owner: this.indexFile as FileOwner<unknown>, shared: true };
    if (rel === ENTITIES_FILE) return { owner: this.entitiesFile as FileOwner<unknown>, shared: true };
    const doc = /^documents\/([^/]+)\.json$/.exec(rel);
    if (doc) return { owner: this.documentOwner(doc[1]) as FileOwner<unknown>, shared: false };
    const layer = /^annotations\/([^/]+)\/([^/]+)\.json$/.exec(rel);
    // A layer on a document not (yet) in the index has no owner: nothing edits it.
    if (layer && this.has(layer[2])) return { owner: this.layerOwner(layer[1], layer[2]) as FileOwner<unknown>, shared: false, layer: [layer[1], layer[2]] };
    return null;
  }

  /** Adds documents all or nothing: their files and the index entries are one bulk change. */
  async addDocuments(records: DocumentRecord[]): Promise<void> {
    await this.bulk(`import of ${records.length} documents`, async (tx) => {
      await tx.addDocuments(records);
    });
  }

  /**
   * Saves the schema; with `baseRevision`, only if nobody saved it since that
   * revision (else ParleyError('conflict')).
   */
  saveSchema(schema: LabelSchema, baseRevision?: number): Promise<void> {
    this.writable();
    return this.schemaFile.update((d) => {
      checkRevision(d.revision, baseRevision, 'label schema', this.schemaFile.path);
      d.schema = schema;
      d.revision++;
    });
  }

  /** `entities`: the new list, or a change made to the list as it is when the write runs (nothing written since is lost). */
  saveEntities(entities: Entity[] | ((current: Entity[]) => Entity[]), baseRevision?: number): Promise<void> {
    this.writable();
    return this.entitiesFile.update((d) => {
      checkRevision(d.revision, baseRevision, 'entity registry', this.entitiesFile.path);
      d.entities = typeof entities === 'function' ? entities(d.entities) : entities;
      d.revision++;
    });
  }

  /** Annotators with a layer folder in this workspace. */
  async annotators(): Promise<string[]> {
    try {
      const entries = await readdir(join(this.root, 'annotations'), { withFileTypes: true });
      return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
    } catch {
      return [];
    }
  }

  /** Layers on disk for one annotator (documents they have touched). */
  async layerIds(annotator: string): Promise<string[]> {
    try {
      const names = await readdir(join(this.root, 'annotations', annotator));
      return names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).map((n) => n.slice(0, -5));
    } catch {
      return [];
    }
  }

  /**
   * Reads every file and reports each one that is missing, does not parse, or
   * does not match its document. Reads only: nothing is written.
   *
   * Document by document, CHECK_READS files in flight (the disk and the
   * parser overlap, and a cold disk gets a queue to work on): each document
   * is read, parsed and hashed once, and its layers are checked against the
   * text in hand. Problems come in the index's order, then layers of
   * documents the workspace does not list.
   */
  async check(): Promise<Problem[]> {
    const layersOf = new Map<string, string[]>();
    const strays: Problem[] = [];
    for (const annotator of await this.annotators()) {
      for (const id of await this.layerIds(annotator)) {
        if (this.has(id)) layersOf.set(id, [...(layersOf.get(id) ?? []), annotator]);
        else strays.push(problemOf(this.layerPath(annotator, id), `an annotation layer for document ${id}, which is not in the workspace`));
      }
    }
    const perDocument = await mapConcurrently(this.entries, CHECK_READS, async (entry) => {
      const out: Problem[] = [];
      const path = this.documentPath(entry.id);
      let text: string | undefined;
      try {
        const { data: doc } = parseFile(await readText(path), documentKind, path);
        if (doc.id !== entry.id) out.push(problemOf(path, `names id ${doc.id} but the workspace lists it as ${entry.id}`));
        if (sha256(doc.text) !== doc.sha256) out.push(problemOf(path, 'the text does not match its sha256: the text was edited after import'));
        if (doc.sha256 !== entry.sha256) out.push(problemOf(path, 'the text hash differs from the one in the document index'));
        const mismatch = entryMismatch(entry, doc);
        if (mismatch) out.push(problemOf(path, mismatch));
        text = doc.text;
      } catch (e) {
        out.push(problemOf(path, e));
      }
      for (const annotator of layersOf.get(entry.id) ?? []) out.push(...(await this.checkLayer(annotator, entry, text)));
      return out;
    });
    return [...perDocument.flat(), ...strays];
  }

  /** One layer's problems; `text`: its document's, when that could be read. */
  private async checkLayer(annotator: string, entry: DocumentEntry, text: string | undefined): Promise<Problem[]> {
    const out: Problem[] = [];
    const path = this.layerPath(annotator, entry.id);
    try {
      // Through an owner of its own: the layer's journal is part of it.
      const owner = new FileOwner(path, layerKind, undefined, true);
      const layer = await owner.read();
      for (const d of owner.damage) out.push(problemOf(d.file ?? path, d));
      if (layer.textHash !== entry.sha256) out.push(problemOf(path, 'made for a different version of the text (hash mismatch): it is kept but not applied'));
      if (text !== undefined) {
        for (const m of layer.mentions) {
          const problem = mentionProblem(m, text);
          if (problem) out.push(problemOf(path, problem));
        }
      }
    } catch (e) {
      out.push(problemOf(path, e));
    }
    return out;
  }
}

function problemOf(file: string, e: unknown): Problem {
  return { file, message: e instanceof ParleyError ? (e.line ? `line ${e.line}: ${e.message}` : e.message) : String(e) };
}

/** A file's text. The callback form: on Node 20 it costs half of fs/promises' readFile, which a 100,000-file check feels. */
function readText(path: string): Promise<string> {
  return new Promise((resolveText, reject) =>
    readFileCallback(path, 'utf8', (e, text) => {
      if (!e) return resolveText(text);
      reject(e.code === 'ENOENT' ? new ParleyError('not_found', `missing ${documentKind.what}`, path) : new ParleyError('io', `cannot read: ${e.message}`, path));
    }),
  );
}

/**
 * One bulk change being prepared: the files it read are held (single edits
 * to them wait), the files it will write are collected, and `commit` writes
 * them all or none, then hands each owner its new content.
 */
export class BulkChange {
  private readonly held = new Map<string, Held<unknown>>();
  private readonly writes = new Map<string, { text: string | null; adopt: (text: string | null) => void; finish?: () => string }>();
  /** Text hashes of the documents this change adds, by id. */
  private readonly added = new Map<string, string>();
  private readonly addedRecords: DocumentRecord[] = [];

  constructor(private readonly ws: Workspace) {}

  private async hold<T>(owner: FileOwner<T>): Promise<Held<T>> {
    let h = this.held.get(owner.path) as Held<T> | undefined;
    if (!h) {
      h = await owner.hold();
      this.held.set(owner.path, h as Held<unknown>);
    }
    return h;
  }

  /** A copy of the layer as it is now, to change and hand back with `setLayer`. */
  async layer(annotator: string, docId: string): Promise<{ layer: Layer; onDisk: boolean }> {
    const owner = this.ws.ownerOfLayer(annotator, docId, this.added.get(docId));
    const h = await this.hold(owner);
    return { layer: structuredClone(h.data), onDisk: owner.onDisk };
  }

  /**
   * Writes this layer (read with `layer` first, so it is held). `keep`
   * false: the owner reads it back when next asked instead of keeping it,
   * so an import holds each layer as text only once it is written.
   */
  setLayer(layer: Layer, keep = true): void {
    const { annotator, docId } = layer;
    const owner = this.ws.ownerOfLayer(annotator, docId, this.added.get(docId));
    const h = this.held.get(owner.path) as Held<Layer> | undefined;
    if (!h) throw new ParleyError('internal', `layer ${annotator}/${docId} written in bulk without being read first`);
    layer.updatedAt = new Date().toISOString();
    layer.revision = (h.data.revision ?? 0) + 1;
    // The layer is written whole: its journal goes in the same step (and a snapshot keeps it, for a restore).
    const journal = journalPath(owner.path);
    if (existsSync(journal)) this.writes.set(journal, { text: null, adopt: () => undefined });
    const kept = keep ? layer : null;
    this.writes.set(owner.path, {
      text: JSON.stringify(layer),
      adopt: (text) => {
        h.adopt(kept, kept && text);
        this.ws.dropCounts(annotator, docId);
      },
    });
  }

  /** A shared file as this change leaves it: a copy, held, to change in place. */
  private async shared<T extends object>(owner: FileOwner<T>, bump: boolean): Promise<T> {
    const known = this.sharedCopies.get(owner.path) as T | undefined;
    if (known) return known;
    const h = await this.hold(owner);
    const copy = structuredClone(h.data);
    this.sharedCopies.set(owner.path, copy);
    this.writes.set(owner.path, {
      text: null,
      adopt: (text) => h.adopt(copy, text),
      finish: () => {
        if (bump) (copy as { revision: number }).revision++;
        return JSON.stringify(copy, null, 1);
      },
    });
    return copy;
  }
  private readonly sharedCopies = new Map<string, object>();

  schema(): Promise<SchemaFile> {
    return this.shared(this.ws.sharedOwners.schema, true);
  }
  entities(): Promise<EntitiesFile> {
    return this.shared(this.ws.sharedOwners.entities, true);
  }

  /** New documents: their files, and their entries at the end of the index. */
  async addDocuments(records: DocumentRecord[]): Promise<void> {
    for (const r of records) {
      if (this.ws.has(r.id) || this.added.has(r.id)) throw new ParleyError('conflict', `a document with id ${r.id} is already in the workspace`);
      this.added.set(r.id, r.sha256);
      this.addedRecords.push(r);
      this.writes.set(this.ws.documentPath(r.id), { text: JSON.stringify(r), adopt: () => undefined });
    }
  }

  /**
   * Holds any file of the folder by its relative path (a team sync writes
   * whatever changed) and returns its text on disk, or null when it does
   * not exist. Edits to the file wait until this change is done.
   */
  async file(rel: string): Promise<string | null> {
    const found = this.ws.ownerOfPath(rel);
    // A damaged file cannot be read by its owner; it is replaced whole all the same.
    const h = found ? await this.hold(found.owner).catch(() => undefined) : undefined;
    // A layer with a journal is more than its file: edits saved since it was last written whole.
    if (h && found?.layer && existsSync(journalPath(found.owner.path))) return JSON.stringify(h.data);
    try {
      return await readFile(join(this.ws.root, rel), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  /** Writes a file read with `file` (null removes it); its owner takes the new content. */
  setFile(rel: string, text: string | null): void {
    const path = join(this.ws.root, rel);
    const found = this.ws.ownerOfPath(rel);
    const h = this.held.get(path);
    // A layer written whole takes its journal with it, in the same step.
    if (found?.layer && existsSync(journalPath(path))) this.writes.set(journalPath(path), { text: null, adopt: () => undefined });
    this.writes.set(path, {
      text,
      adopt: (written) => {
        if (found?.layer) this.ws.dropCounts(...found.layer);
        if (!h) return;
        // The workspace reads the shared files at all times: they are taken parsed; any other file is read again on next use.
        if (found?.shared && written !== null) h.adopt(JSON.parse(written), written);
        else h.adopt(null, null);
      },
    });
  }

  async commit(what: string): Promise<void> {
    for (const w of this.writes.values()) if (w.finish) w.text = w.finish();
    const files: StagedFile[] = [...this.writes].map(([path, w]) => ({ path, text: w.text }));
    // New entries are appended to the index journal: an import costs its documents, not the index.
    const entries = this.addedRecords.map(entryOf);
    const lines = entries.map((e) => JSON.stringify(e) + '\n').join('');
    const at = this.ws.indexJournalLength;
    if (entries.length) files.push({ path: this.ws.indexJournalPath, text: lines, at });
    if (files.length === 0) return;
    await takeSnapshot(this.ws.root, what, files.map((f) => f.path));
    try {
      await commitFiles(this.ws.root, what, files);
    } catch (e) {
      // The renames may have stopped halfway; the next open finishes them. Until then, read what is on disk.
      if (!(e instanceof ParleyError && /nothing was changed/.test(e.message))) for (const h of this.held.values()) h.adopt(null, null);
      throw e;
    }
    for (const w of this.writes.values()) w.adopt(w.text);
    if (entries.length) this.ws.appendedToIndex(entries, at + Buffer.byteLength(lines, 'utf8'));
    if (this.addedRecords.length) for (const listener of this.ws.onDocumentsAdded) listener(this.addedRecords);
  }

  release(): void {
    for (const h of this.held.values()) h.release();
    this.held.clear();
  }
}

/** A change made on `base` is refused when the file has moved on since. */
export function checkRevision(current: number, base: number | undefined, what: string, file: string): void {
  if (base !== undefined && base !== current) {
    throw new ParleyError('conflict', `the ${what} was changed elsewhere since you loaded it (revision ${base}, now ${current}); reload it and make the change again`, file);
  }
}

export const SCHEMA_FILE = 'schema.json';
export { INDEX_FILE, INDEX_JOURNAL } from './store/kinds';
export const ENTITIES_FILE = 'entities.json';
/** The single file older workspaces kept the three in. */
export const LEGACY_FILE = 'workspace.json';

/** Whether `dir` holds a Parley workspace (in the current layout or the older one). */
export function isWorkspaceFolder(dir: string): boolean {
  return [SCHEMA_FILE, INDEX_FILE, ENTITIES_FILE, LEGACY_FILE].some((f) => existsSync(join(dir, f)));
}

/** Whether the folder holds an index journal or any layer journal. */
async function hasJournals(root: string): Promise<boolean> {
  if (existsSync(join(root, INDEX_JOURNAL))) return true;
  try {
    for (const a of await readdir(join(root, 'annotations'), { withFileTypes: true })) {
      if (a.isDirectory() && (await readdir(join(root, 'annotations', a.name))).some((n) => n.endsWith('.journal'))) return true;
    }
  } catch {
    // no annotations yet
  }
  return false;
}

/** Temp files of writes cut short by a kill (`.name.pid.n.tmp`), in the folders writes happen in. */
async function removeTempFiles(root: string): Promise<void> {
  const dirs = [root, join(root, 'documents'), join(root, PRIVATE_DIR, 'intents')];
  try {
    for (const a of await readdir(join(root, 'annotations'), { withFileTypes: true })) if (a.isDirectory()) dirs.push(join(root, 'annotations', a.name));
  } catch {
    // no annotations yet
  }
  for (const dir of dirs) {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      continue;
    }
    for (const n of names) if (n.startsWith('.') && n.endsWith('.tmp')) await rm(join(dir, n), { force: true });
  }
}

/** Entries the index journal may hold before the index is written whole, whatever the index's size. */
const INDEX_JOURNAL_FLOOR = 1000;

/** Files `check` has in flight at once. */
const CHECK_READS = 64;

/** `work` on every item, at most `limit` running at once (the next starts as soon as one ends), results in the items' order. */
async function mapConcurrently<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

export function entryOf(doc: DocumentRecord): DocumentEntry {
  return { id: doc.id, title: doc.title, outlet: doc.source.outlet, date: doc.source.date, chars: doc.text.length, sha256: doc.sha256 };
}

/** Makes a document record from a text as given; the text is never altered. `textHash`: its sha256, when already known. */
export function makeDocument(id: string, title: string, text: string, source: DocumentRecord['source'], textHash = sha256(text)): DocumentRecord {
  return { version: FORMAT_VERSION, id, title, text, source, sha256: textHash, addedAt: new Date().toISOString() };
}

/** The bundled sample corpus, read from seeds/ as given, with titles from its manifest. */
export async function readSeeds(dir: string): Promise<DocumentRecord[]> {
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as {
    documents: { file: string; title: string; outlet?: string; date?: string }[];
  };
  const docs: DocumentRecord[] = [];
  for (const d of manifest.documents) {
    const text = await readFile(join(dir, d.file), 'utf8');
    const id = d.file.replace(/\.txt$/, '');
    docs.push(makeDocument(id, d.title, text, { outlet: d.outlet, date: d.date, file: d.file }));
  }
  return docs;
}
