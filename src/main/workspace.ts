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
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DocumentSummary, Problem } from '../core/api';
import { countLayer, type LayerCounts } from '../core/changes';
import { defaultSchema } from '../core/defaults';
import { ParleyError } from '../core/errors';
import {
  FORMAT_VERSION,
  emptyLayer,
  type DocumentEntry,
  type DocumentRecord,
  type Entity,
  type LabelSchema,
  type Layer,
  type WorkspaceFile,
} from '../core/model';
import { documentKind, layerKind, workspaceKind } from './store/kinds';
import { commitFiles } from './store/bulk';
import { FileOwner, OwnerTable, type Held } from './store/owner';
import { writeFileDurable } from './store/durable';

export const WORKSPACE_FILE = 'workspace.json';

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
  private readonly problemsByFile = new Map<string, string>();
  /** Told of documents once they are added (the search index listens). */
  readonly onDocumentsAdded: ((records: DocumentRecord[]) => void)[] = [];

  private constructor(
    readonly root: string,
    private readonly meta: FileOwner<WorkspaceFile>,
    readonly readOnly: boolean,
  ) {}

  static async open(dir: string, options: OpenOptions = {}): Promise<Workspace> {
    const root = resolve(dir);
    const file = join(root, WORKSPACE_FILE);
    if (!existsSync(root)) throw new ParleyError('not_found', `no workspace at ${root}: the folder does not exist. Create one with: parley init --workspace ${dir}`);
    if (!existsSync(file)) throw new ParleyError('not_found', `${root} is not a Parley workspace: it has no ${WORKSPACE_FILE}. Create one with: parley init --workspace ${dir}`);
    if (options.readOnly) return Workspace.load(root, true);
    const shared = openForWriting.get(root);
    if (shared) {
      shared.opens++;
      return shared.ws;
    }
    const ws = Workspace.load(root, false);
    openForWriting.set(root, { ws, opens: 1 });
    ws.catch(() => openForWriting.delete(root));
    return ws;
  }

  private static async load(root: string, readOnly: boolean): Promise<Workspace> {
    const meta = new FileOwner(join(root, WORKSPACE_FILE), workspaceKind);
    await meta.read();
    return new Workspace(root, meta, readOnly);
  }

  /** Gives up this open; the last one to close lets another process write the folder. */
  close(): void {
    if (this.readOnly) return;
    const shared = openForWriting.get(this.root);
    if (!shared || --shared.opens > 0) return;
    openForWriting.delete(this.root);
  }

  /** Creates a workspace in an empty (or missing) folder, with the given documents. */
  static async create(dir: string, name: string, documents: DocumentRecord[]): Promise<Workspace> {
    const root = resolve(dir);
    if (existsSync(join(root, WORKSPACE_FILE))) throw new ParleyError('conflict', `${root} already holds a workspace`);
    await mkdir(join(root, 'documents'), { recursive: true });
    await mkdir(join(root, 'annotations'), { recursive: true });
    for (const doc of documents) await writeFileDurable(join(root, 'documents', `${doc.id}.json`), JSON.stringify(doc));
    const data: WorkspaceFile = { version: FORMAT_VERSION, name, schema: defaultSchema(), documents: documents.map(entryOf), entities: [] };
    await writeFileDurable(join(root, WORKSPACE_FILE), JSON.stringify(data, null, 2));
    return Workspace.open(root);
  }

  private writable(): void {
    if (this.readOnly) throw new ParleyError('conflict', 'this workspace was opened read-only; nothing was changed', this.root);
  }

  get name(): string {
    return this.meta.peek().name;
  }
  get schema(): LabelSchema {
    return this.meta.peek().schema;
  }
  get entries(): readonly DocumentEntry[] {
    return this.meta.peek().documents;
  }
  get entities(): readonly Entity[] {
    return this.meta.peek().entities;
  }

  /** Files that could not be read since the workspace was opened, by path. */
  get problems(): Problem[] {
    return [...this.problemsByFile].map(([file, message]) => ({ file, message }));
  }

  private note(error: unknown): void {
    if (error instanceof ParleyError && error.file && (error.code === 'corrupt_file' || error.code === 'io')) {
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
    return this.layers.get(path, () => new FileOwner(path, layerKind, () => emptyLayer(docId, annotator, hash)));
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
      return { data: await this.layerOwner(annotator, docId).read() };
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
        this.counts.set(`${annotator}/${docId}`, countLayer(layer));
        return result;
      });
    } catch (e) {
      this.counts.delete(`${annotator}/${docId}`);
      this.note(e);
      throw e;
    }
  }

  /** Whether the layer was made for this document's current text. */
  isStale(layer: Layer): boolean {
    return layer.textHash !== this.entry(layer.docId).sha256;
  }

  private async countsFor(annotator: string, docId: string): Promise<LayerCounts> {
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

  async summaries(annotator: string): Promise<DocumentSummary[]> {
    const out: DocumentSummary[] = [];
    for (const e of this.entries) {
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
  get metaOwner(): FileOwner<WorkspaceFile> {
    return this.meta;
  }
  /** @internal for BulkChange: the counts of a layer just written in bulk. */
  dropCounts(annotator: string, docId: string): void {
    this.counts.delete(`${annotator}/${docId}`);
  }

  /** Adds documents all or nothing: their files and the index entries are one bulk change. */
  async addDocuments(records: DocumentRecord[]): Promise<void> {
    await this.bulk(`import of ${records.length} documents`, async (tx) => {
      await tx.addDocuments(records);
    });
  }

  private updateMeta(change: (data: WorkspaceFile) => void): Promise<void> {
    this.writable();
    return this.meta.update(change);
  }

  saveSchema(schema: LabelSchema): Promise<void> {
    return this.updateMeta((d) => {
      d.schema = schema;
    });
  }

  saveEntities(entities: Entity[]): Promise<void> {
    return this.updateMeta((d) => {
      d.entities = entities;
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
   */
  async check(): Promise<Problem[]> {
    const problems: Problem[] = [];
    const add = (file: string, e: unknown) =>
      problems.push({ file, message: e instanceof ParleyError ? (e.line ? `line ${e.line}: ${e.message}` : e.message) : String(e) });
    const known = new Set(this.entries.map((d) => d.id));
    for (const entry of this.entries) {
      const path = this.documentPath(entry.id);
      try {
        const doc = await new FileOwner(path, documentKind).read();
        if (doc.id !== entry.id) add(path, `names id ${doc.id} but the workspace lists it as ${entry.id}`);
        if (sha256(doc.text) !== doc.sha256) add(path, 'the text does not match its sha256: the text was edited after import');
        if (doc.sha256 !== entry.sha256) add(path, 'the text hash differs from the one in the document index');
      } catch (e) {
        add(path, e);
      }
    }
    for (const annotator of await this.annotators()) {
      for (const id of await this.layerIds(annotator)) {
        const path = this.layerPath(annotator, id);
        if (!known.has(id)) {
          add(path, `an annotation layer for document ${id}, which is not in the workspace`);
          continue;
        }
        try {
          const layer = await new FileOwner(path, layerKind).read();
          if (layer.textHash !== this.entry(id).sha256) add(path, 'made for a different version of the text (hash mismatch): it is kept but not applied');
          const text = (await this.document(id).catch(() => null))?.text;
          if (text !== undefined) {
            for (const m of layer.mentions) {
              if (m.end > text.length || m.start >= m.end) add(path, `mention ${m.id} has offsets ${m.start}-${m.end} outside the text (${text.length} characters)`);
              else if (text.slice(m.start, m.end) !== m.quote) add(path, `mention ${m.id}: the quote does not match the text at ${m.start}-${m.end}`);
            }
          }
        } catch (e) {
          add(path, e);
        }
      }
    }
    return problems;
  }
}

/**
 * One bulk change being prepared: the files it read are held (single edits
 * to them wait), the files it will write are collected, and `commit` writes
 * them all or none, then hands each owner its new content.
 */
export class BulkChange {
  private readonly held = new Map<string, Held<unknown>>();
  private readonly writes = new Map<string, { text: string | null; adopt: (text: string | null) => void }>();
  private meta: WorkspaceFile | null = null;
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

  /** Writes this layer (read with `layer` first, so it is held). */
  setLayer(layer: Layer): void {
    const owner = this.ws.ownerOfLayer(layer.annotator, layer.docId, this.added.get(layer.docId));
    const h = this.held.get(owner.path) as Held<Layer> | undefined;
    if (!h) throw new ParleyError('internal', `layer ${layer.annotator}/${layer.docId} written in bulk without being read first`);
    layer.updatedAt = new Date().toISOString();
    this.writes.set(owner.path, {
      text: JSON.stringify(layer),
      adopt: (text) => {
        h.adopt(layer, text);
        this.ws.dropCounts(layer.annotator, layer.docId);
      },
    });
  }

  /** The index, registry and schema as this change leaves them (a copy to change in place). */
  async workspaceFile(): Promise<WorkspaceFile> {
    if (!this.meta) {
      const h = await this.hold(this.ws.metaOwner);
      this.meta = structuredClone(h.data);
      const meta = this.meta;
      this.writes.set(this.ws.metaOwner.path, { text: null, adopt: (text) => h.adopt(meta, text) });
    }
    return this.meta;
  }

  /** New documents: their files, and their entries at the end of the index. */
  async addDocuments(records: DocumentRecord[]): Promise<void> {
    const meta = await this.workspaceFile();
    const taken = new Set(meta.documents.map((d) => d.id));
    for (const r of records) {
      if (taken.has(r.id)) throw new ParleyError('conflict', `a document with id ${r.id} is already in the workspace`);
      taken.add(r.id);
      this.added.set(r.id, r.sha256);
      this.addedRecords.push(r);
      this.writes.set(this.ws.documentPath(r.id), { text: JSON.stringify(r), adopt: () => undefined });
    }
    meta.documents = [...meta.documents, ...records.map(entryOf)];
  }

  async commit(what: string): Promise<void> {
    const metaPath = this.ws.metaOwner.path;
    const meta = this.writes.get(metaPath);
    if (meta && this.meta) meta.text = JSON.stringify(this.meta);
    const files = [...this.writes].filter(([path, w]) => w.text !== null || path !== metaPath).map(([path, w]) => ({ path, text: w.text }));
    try {
      await commitFiles(this.ws.root, what, files);
    } catch (e) {
      // The renames may have stopped halfway; the next open finishes them. Until then, read what is on disk.
      if (!(e instanceof ParleyError && /nothing was changed/.test(e.message))) for (const h of this.held.values()) h.adopt(null, null);
      throw e;
    }
    for (const w of this.writes.values()) if (w.text !== null) w.adopt(w.text);
    if (this.addedRecords.length) for (const listener of this.ws.onDocumentsAdded) listener(this.addedRecords);
  }

  release(): void {
    for (const h of this.held.values()) h.release();
    this.held.clear();
  }
}

export function entryOf(doc: DocumentRecord): DocumentEntry {
  return { id: doc.id, title: doc.title, outlet: doc.source.outlet, date: doc.source.date, chars: doc.text.length, sha256: doc.sha256 };
}

/** Makes a document record from a text as given; the text is never altered. */
export function makeDocument(id: string, title: string, text: string, source: DocumentRecord['source']): DocumentRecord {
  return { version: FORMAT_VERSION, id, title, text, source, sha256: sha256(text), addedAt: new Date().toISOString() };
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
