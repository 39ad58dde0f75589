/**
 * One bulk change being prepared: the files it read are held (single edits
 * to them wait), the files it will write are collected, and `commit` writes
 * them all or none (store/atomicCommit.ts), then hands each owner its new content.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ParleyError } from '../../core/errors';
import type { DocumentEntry, DocumentRecord, Layer } from '../../core/model';
import { commitFiles, type StagedFile } from '../store/atomicCommit';
import { journalPath } from '../store/journal';
import type { EntitiesFile, SchemaFile } from '../store/kinds';
import type { FileOwner, Held } from '../store/owner';
import { takeSnapshot } from '../store/snapshots';
import { entryOf } from './documents';

/** The owner of a file of the folder, found by its relative path. */
export interface FoundOwner {
  owner: FileOwner<unknown>;
  /** One of the shared files (schema, index, registry), which the workspace reads at all times. */
  shared: boolean;
  /** For a layer: its annotator and document. */
  layer?: [string, string];
}

/** What a bulk change reaches of the workspace: the owners of its files, and where it reports what it wrote. */
export interface BulkOwners {
  readonly root: string;
  has(docId: string): boolean;
  documentPath(docId: string): string;
  /** `textHash` for a document not yet in the index (one this change adds). */
  layer(annotator: string, docId: string, textHash?: string): FileOwner<Layer>;
  readonly schema: FileOwner<SchemaFile>;
  readonly entities: FileOwner<EntitiesFile>;
  /** The owner of a file by its path in the folder (forward slashes), if it has one. */
  ofPath(rel: string): FoundOwner | null;
  /** A layer was written: its counts are read again. */
  layerChanged(annotator: string, docId: string): void;
  /** The document index, whose journal new entries are appended to. */
  readonly index: {
    readonly journalPath: string;
    /** Where the next entries are appended. */
    readonly journalLength: number;
    appendedToIndex(entries: DocumentEntry[], length: number): void;
  };
  documentsAdded(records: DocumentRecord[]): void;
}

export class BulkChange {
  private readonly held = new Map<string, Held<unknown>>();
  private readonly writes = new Map<string, { text: string | null; adopt: (text: string | null) => void; finish?: () => string }>();
  /** Text hashes of the documents this change adds, by id. */
  private readonly added = new Map<string, string>();
  private readonly addedRecords: DocumentRecord[] = [];

  constructor(private readonly ws: BulkOwners) {}

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
    const owner = this.ws.layer(annotator, docId, this.added.get(docId));
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
    const owner = this.ws.layer(annotator, docId, this.added.get(docId));
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
        this.ws.layerChanged(annotator, docId);
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
    return this.shared(this.ws.schema, true);
  }
  entities(): Promise<EntitiesFile> {
    return this.shared(this.ws.entities, true);
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
    const found = this.ws.ofPath(rel);
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
    const found = this.ws.ofPath(rel);
    const h = this.held.get(path);
    // A layer written whole takes its journal with it, in the same step.
    if (found?.layer && existsSync(journalPath(path))) this.writes.set(journalPath(path), { text: null, adopt: () => undefined });
    // The workspace reads the shared files at all times: one that does not read (a damaged file a sync brings) is refused before anything is written.
    const data = found?.shared && text !== null ? found.owner.parse(text) : null;
    this.writes.set(path, {
      text,
      adopt: (written) => {
        if (found?.layer) this.ws.layerChanged(...found.layer);
        if (!h) return;
        // The shared files are taken as read above; any other file is read again on next use.
        if (found?.shared && written !== null) h.adopt(data, written);
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
    const at = this.ws.index.journalLength;
    if (entries.length) files.push({ path: this.ws.index.journalPath, text: lines, at });
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
    if (entries.length) this.ws.index.appendedToIndex(entries, at + Buffer.byteLength(lines, 'utf8'));
    if (this.addedRecords.length) this.ws.documentsAdded(this.addedRecords);
  }

  release(): void {
    for (const h of this.held.values()) h.release();
    this.held.clear();
  }
}
