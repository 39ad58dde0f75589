/**
 * A workspace folder: workspace.json (schema, document index, entity
 * registry), documents/<id>.json (immutable texts) and
 * annotations/<annotator>/<id>.json (one analyst's layer on one document).
 * Each file is its own lowdb instance, opened on first use, so one edit
 * writes one small file whatever the size of the corpus.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Low } from 'lowdb';
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
import { openFile } from './store/repository';
import { writeFileDurable } from './store/durable';

export const WORKSPACE_FILE = 'workspace.json';

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A small LRU of open files, so a corpus of 10,000 documents does not stay in memory. */
class FileCache<T> {
  private readonly map = new Map<string, Promise<Low<T>>>();
  constructor(private readonly capacity: number) {}
  get(key: string, open: () => Promise<Low<T>>): Promise<Low<T>> {
    let p = this.map.get(key);
    if (p) {
      this.map.delete(key);
      this.map.set(key, p);
      return p;
    }
    p = open();
    this.map.set(key, p);
    p.catch(() => this.map.delete(key));
    if (this.map.size > this.capacity) {
      const oldest = this.map.keys().next().value as string;
      this.map.delete(oldest);
    }
    return p;
  }
  delete(key: string): void {
    this.map.delete(key);
  }
}

export class Workspace {
  private readonly docs = new FileCache<DocumentRecord>(64);
  private readonly layers = new FileCache<Layer>(256);
  private readonly counts = new Map<string, LayerCounts>();
  private readonly problemsByFile = new Map<string, string>();
  /** Told of documents once they are added (the search index listens). */
  readonly onDocumentsAdded: ((records: DocumentRecord[]) => void)[] = [];

  private constructor(
    readonly root: string,
    private readonly ws: Low<WorkspaceFile>,
  ) {}

  static async open(dir: string): Promise<Workspace> {
    const root = resolve(dir);
    const file = join(root, WORKSPACE_FILE);
    if (!existsSync(root)) throw new ParleyError('not_found', `no workspace at ${root}: the folder does not exist. Create one with: parley init --workspace ${dir}`);
    if (!existsSync(file)) throw new ParleyError('not_found', `${root} is not a Parley workspace: it has no ${WORKSPACE_FILE}. Create one with: parley init --workspace ${dir}`);
    const ws = await openFile(file, file, workspaceKind);
    return new Workspace(root, ws);
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

  get name(): string {
    return this.ws.data.name;
  }
  get schema(): LabelSchema {
    return this.ws.data.schema;
  }
  get entries(): readonly DocumentEntry[] {
    return this.ws.data.documents;
  }
  get entities(): readonly Entity[] {
    return this.ws.data.entities;
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
  private byId: { list: DocumentEntry[]; map: Map<string, DocumentEntry> } | null = null;

  has(docId: string): boolean {
    return this.index().has(docId);
  }

  private index(): Map<string, DocumentEntry> {
    const list = this.ws.data.documents;
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

  async document(docId: string): Promise<DocumentRecord> {
    this.entry(docId);
    const path = this.documentPath(docId);
    try {
      const db = await this.docs.get(docId, () => openFile(path, path, documentKind));
      return db.data;
    } catch (e) {
      this.note(e);
      throw e;
    }
  }

  /** One analyst's layer on one document; an empty one (not yet on disk) when they have not started. */
  async layer(annotator: string, docId: string): Promise<Low<Layer>> {
    const entry = this.entry(docId);
    const path = this.layerPath(annotator, docId);
    try {
      return await this.layers.get(`${annotator}/${docId}`, () => openFile(path, path, layerKind, () => emptyLayer(docId, annotator, entry.sha256)));
    } catch (e) {
      this.note(e);
      throw e;
    }
  }

  async saveLayer(db: Low<Layer>): Promise<void> {
    const layer = db.data;
    layer.updatedAt = new Date().toISOString();
    try {
      await mkdir(join(this.root, 'annotations', layer.annotator), { recursive: true });
      await db.write();
    } catch (e) {
      // What is in memory was not saved: drop it so the next read comes from disk.
      this.forgetLayer(layer.annotator, layer.docId);
      throw e;
    }
    this.counts.set(`${layer.annotator}/${layer.docId}`, countLayer(layer));
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
    for (const e of this.ws.data.documents) {
      const base = { id: e.id, title: e.title, outlet: e.outlet, date: e.date, chars: e.chars };
      try {
        out.push({ ...base, ...(await this.countsFor(annotator, e.id)) });
      } catch (err) {
        out.push({ ...base, status: 'not_started', mentionCount: 0, frameCount: 0, labelCounts: {}, problem: (err as Error).message });
      }
    }
    return out;
  }

  /** Adds documents all or nothing: if the index cannot be saved, the new document files are removed again. */
  async addDocuments(records: DocumentRecord[]): Promise<void> {
    const taken = new Set(this.ws.data.documents.map((d) => d.id));
    for (const r of records) {
      if (taken.has(r.id)) throw new ParleyError('conflict', `a document with id ${r.id} is already in the workspace`);
      taken.add(r.id);
    }
    const written: string[] = [];
    try {
      await mkdir(join(this.root, 'documents'), { recursive: true });
      for (const r of records) {
        const path = this.documentPath(r.id);
        await writeFileDurable(path, JSON.stringify(r));
        written.push(path);
      }
      await this.saveWorkspacePart('documents', [...this.ws.data.documents, ...records.map(entryOf)]);
    } catch (e) {
      await Promise.all(written.map((p) => rm(p, { force: true })));
      throw e;
    }
    for (const listener of this.onDocumentsAdded) listener(records);
  }

  /** Saves one part of workspace.json; if the write fails, memory keeps what is on disk. */
  private async saveWorkspacePart<K extends 'schema' | 'entities' | 'documents'>(key: K, value: WorkspaceFile[K]): Promise<void> {
    const before = this.ws.data[key];
    this.ws.data[key] = value;
    try {
      await this.ws.write();
    } catch (e) {
      this.ws.data[key] = before;
      throw e;
    }
  }

  saveSchema(schema: LabelSchema): Promise<void> {
    return this.saveWorkspacePart('schema', schema);
  }

  saveEntities(entities: Entity[]): Promise<void> {
    return this.saveWorkspacePart('entities', entities);
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
    const known = new Set(this.ws.data.documents.map((d) => d.id));
    for (const entry of this.ws.data.documents) {
      const path = this.documentPath(entry.id);
      try {
        const doc = (await openFile(path, path, documentKind)).data;
        if (doc.id !== entry.id) add(path, `names id ${doc.id} but the workspace lists it as ${entry.id}`);
        if (sha256(doc.text) !== doc.sha256) add(path, 'the text does not match its sha256: the text was edited after import');
        if (doc.sha256 !== entry.sha256) add(path, 'the text hash differs from the one in workspace.json');
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
          const layer = (await openFile(path, path, layerKind)).data;
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

  forgetLayer(annotator: string, docId: string): void {
    this.layers.delete(`${annotator}/${docId}`);
    this.counts.delete(`${annotator}/${docId}`);
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
