/**
 * A workspace folder (see layout.ts): schema, document index and entity
 * registry shared, one file a document, one layer per analyst and document.
 *
 * Each file has one owner object in the process (store/owner.ts), and every
 * write, a single edit or a bulk operation, goes through it; so one edit
 * writes one small file whatever the size of the corpus, and an owner that
 * drops its data to save memory never drops a pending write.
 */
import type { DocumentSummary } from '../../core/api/documents';
import type { Problem } from '../../core/api/workspace';
import type { Migration } from '../../core/migrations';
import { Sequencer } from '../../core/async';
import type { LayerCounts } from '../../core/changes';
import { ParleyError } from '../../core/errors';
import { type DocumentEntry, type DocumentRecord, type Entity, type LabelSchema, type Layer } from '../../core/model';
import { BulkChange, type BulkOwners } from './bulkChange';
import { check } from './check';
import { DocumentIndex } from './documentIndex';
import { LayerCountCache } from './layerCounts';
import { FileOwners } from './owners';
import { annotatorsIn, documentPath, layerIdsIn, layerPath } from './layout';
import { FileProblems } from './problems';
import { OpenRegistry } from './registry';
import { SharedFiles } from './sharedFiles';

/** A layer as read: look, do not touch (changes go through Workspace.editLayer). */
export interface LayerView {
  readonly data: Layer;
}

export interface OpenOptions {
  /** Read only: no lock is taken and every write is refused (list, validate, agreement, export). */
  readOnly?: boolean;
}

export class Workspace {
  /** Workspaces open for writing in this process, by folder: a second open shares the first. */
  private static readonly folders = new OpenRegistry<Workspace>((root, readOnly) => Workspace.load(root, readOnly));

  private readonly counts = new LayerCountCache();
  private readonly fileProblems: FileProblems;
  /** Told of documents once they are added (the search index listens). */
  readonly onDocumentsAdded: ((records: DocumentRecord[]) => void)[] = [];
  /** Bulk changes (and index compactions) run one at a time. */
  private readonly bulkTurns = new Sequencer();

  private readonly documentIndex: DocumentIndex;
  private readonly shared: SharedFiles;
  private readonly owners: FileOwners;

  private constructor(
    readonly root: string,
    readonly readOnly: boolean,
  ) {
    this.fileProblems = new FileProblems(root);
    this.documentIndex = new DocumentIndex(root, readOnly, this.bulkTurns, this.fileProblems);
    this.shared = new SharedFiles(root, readOnly, this.documentIndex, (e) => this.note(e));
    const files = { schema: this.shared.schemaFile, index: this.documentIndex.file, entities: this.shared.entitiesFile };
    this.owners = new FileOwners(root, files, (docId) => this.entry(docId), (docId) => this.has(docId));
  }

  /** Opens the workspace in `dir` (see registry.ts): for writing, the open this process has, or the folder locked, recovered and read. */
  static open(dir: string, options: OpenOptions = {}): Promise<Workspace> {
    return Workspace.folders.open(dir, options.readOnly);
  }

  /** Closes every open of `dir` in this process, so another process may write it (tests, and switching folders). */
  static release(dir: string): void {
    Workspace.folders.release(dir);
  }

  private static async load(root: string, readOnly: boolean): Promise<Workspace> {
    const ws = new Workspace(root, readOnly);
    await ws.shared.read();
    return ws;
  }

  get indexJournalPath(): string {
    return this.documentIndex.journalPath;
  }

  /** Writes the index whole and removes its journal, as one crash-atomic step, after any bulk change under way. */
  compactIndex(): Promise<void> {
    return this.documentIndex.compactIndex();
  }

  /**
   * Files of this folder were rewritten by something other than their owners
   * (a team sync): every owner reads its file again on next use.
   */
  async reread(): Promise<void> {
    this.owners.unloadAll();
    this.counts.reread();
    await this.shared.reread();
  }

  /**
   * Folds every layer journal into its layer file, and the index journal
   * into the index, so the folder holds only whole files (at open, and
   * before a sync commits the folder).
   */
  async compactJournals(): Promise<void> {
    if (this.documentIndex.journalCount > 0) await this.compactIndex();
    await this.owners.compactLayerJournals(await this.annotators(), (e) => this.note(e));
  }

  /** Whatever an open of `dir` in this process still holds only in journals and pending checkpoints reaches whole files. */
  static settle(dir: string): Promise<void> {
    return Workspace.folders.settle(dir);
  }

  /** Gives up this open; the last one to close lets another process write the folder. */
  close(): void {
    if (this.readOnly) return;
    Workspace.folders.close(this.root);
  }

  /** Creates a workspace in an empty (or missing) folder, with the given documents. `scheme`: the schema to start with and its guidelines (`guidelines.md`); Parley's default schema without. */
  static create(dir: string, name: string, documents: DocumentRecord[], scheme?: { schema: LabelSchema; guidelines: string }): Promise<Workspace> {
    return Workspace.folders.create(dir, name, documents, scheme);
  }

  private writable(): void {
    if (this.readOnly) throw new ParleyError('conflict', 'this workspace was opened read-only; nothing was changed', this.root);
  }

  get name(): string {
    return this.shared.name;
  }
  get schema(): LabelSchema {
    return this.shared.schema;
  }
  /** The schema's migrations, oldest first. */
  get schemaHistory(): readonly Migration[] {
    return this.shared.schemaHistory;
  }
  get entries(): readonly DocumentEntry[] {
    return this.documentIndex.entries;
  }
  get entities(): readonly Entity[] {
    return this.shared.entities;
  }
  /** Revisions of the schema and the registry: each save adds one; a save made on an older one is refused. */
  get revisions(): { schema: number; entities: number } {
    return this.shared.revisions;
  }

  /** Files that could not be read since the workspace was opened, by path. */
  get problems(): Problem[] {
    return this.fileProblems.list;
  }

  private note(error: unknown): void {
    this.fileProblems.note(error);
  }

  has(docId: string): boolean {
    return this.documentIndex.has(docId);
  }

  entry(docId: string): DocumentEntry {
    const e = this.documentIndex.get(docId);
    if (!e) throw new ParleyError('not_found', `no document ${docId} in this workspace`);
    return e;
  }

  documentPath(docId: string): string {
    return documentPath(this.root, docId);
  }

  layerPath(annotator: string, docId: string): string {
    return layerPath(this.root, annotator, docId);
  }

  async document(docId: string): Promise<DocumentRecord> {
    this.entry(docId);
    try {
      return await this.owners.documentOwner(docId).read();
    } catch (e) {
      this.note(e);
      throw e;
    }
  }

  /** One analyst's layer on one document; an empty one (not yet on disk) when they have not started. */
  async layer(annotator: string, docId: string): Promise<LayerView> {
    try {
      const owner = this.owners.layerOwner(annotator, docId);
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
    const owner = this.owners.layerOwner(annotator, docId);
    try {
      const result = await owner.update((layer) => {
        const result = edit(layer);
        layer.updatedAt = new Date().toISOString();
        layer.revision = (layer.revision ?? 0) + 1;
        // Counted again when the list asks, not on every save: counting costs the layer.
        this.dropCounts(annotator, docId);
        return result;
      });
      // A count made while the write was under way may have found no file yet: the list counts again once it is on disk.
      this.dropCounts(annotator, docId);
      return result;
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
  countsFor(annotator: string, docId: string): Promise<LayerCounts> {
    return this.counts.countsFor(this, annotator, docId);
  }

  /** Each document's summary for one annotator (`entries`: only these documents). */
  summaries(annotator: string, entries: readonly DocumentEntry[] = this.entries): Promise<DocumentSummary[]> {
    return this.counts.summaries(this, annotator, entries);
  }

  /**
   * Changes several files as one crash-atomic step (store/atomicCommit.ts): `work`
   * reads what it needs through `tx`, which holds each file it touches so
   * single edits wait, and says what to write; nothing is written unless
   * `work` returns, and then everything is. One bulk change at a time.
   */
  bulk<R>(what: string, work: (tx: BulkChange) => Promise<R>): Promise<R> {
    this.writable();
    return this.bulkTurns.run(async () => {
      const tx = new BulkChange(this.bulkOwners());
      try {
        const result = await work(tx);
        await tx.commit(what);
        return result;
      } finally {
        tx.release();
      }
    });
  }

  /** The owners a bulk change reaches, and where it reports what it wrote. */
  private bulkOwners(): BulkOwners {
    return {
      root: this.root,
      has: (docId) => this.has(docId),
      documentPath: (docId) => this.documentPath(docId),
      layer: (annotator, docId, textHash) => this.owners.layerOwner(annotator, docId, textHash),
      schema: this.shared.schemaFile,
      entities: this.shared.entitiesFile,
      ofPath: (rel) => this.owners.ownerOfPath(rel),
      layerChanged: (annotator, docId) => this.dropCounts(annotator, docId),
      index: this.documentIndex,
      documentsAdded: (records) => {
        for (const listener of this.onDocumentsAdded) listener(records);
      },
    };
  }

  /** A layer changed (or may have): its counts are read again when asked. */
  dropCounts(annotator: string, docId: string): void {
    this.counts.dropCounts(annotator, docId);
  }
  /**
   * Changes to any layer since the workspace was opened (`docId`: to that
   * document's layers). The same version means no layer changed meanwhile.
   */
  layerVersion(docId?: string): string {
    return this.counts.layerVersion(docId);
  }
  /** Adds documents all or nothing: their files and the index entries are one bulk change. */
  async addDocuments(records: DocumentRecord[]): Promise<void> {
    await this.bulk(`import of ${records.length} documents`, async (tx) => {
      await tx.addDocuments(records);
    });
  }

  /** Saves the schema; with `baseRevision`, only if nobody saved it since that revision (else ParleyError('conflict')). */
  saveSchema(schema: LabelSchema, baseRevision?: number): Promise<void> {
    this.writable();
    return this.shared.saveSchema(schema, baseRevision);
  }

  /** `entities`: the new list, or a change made to the list as it is when the write runs (nothing written since is lost). */
  saveEntities(entities: Entity[] | ((current: Entity[]) => Entity[]), baseRevision?: number): Promise<void> {
    this.writable();
    return this.shared.saveEntities(entities, baseRevision);
  }

  /** Annotators with a layer folder in this workspace. */
  annotators(): Promise<string[]> {
    return annotatorsIn(this.root);
  }

  /** Layers on disk for one annotator (documents they have touched). */
  layerIds(annotator: string): Promise<string[]> {
    return layerIdsIn(this.root, annotator);
  }

  /** Every file read and checked against its document (check.ts); reads only. */
  check(): Promise<Problem[]> {
    return check(this);
  }
}
