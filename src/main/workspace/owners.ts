/** Which object owns which file of the folder: one owner a file in the process (store/owner.ts), made on first use. */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DocumentEntry, DocumentRecord, Layer } from '../../core/model';
import { emptyLayer } from '../../core/model';
import { documentKind, layerKind, type EntitiesFile, type IndexFile, type SchemaFile } from '../store/kinds';
import { FileOwner, OwnerTable } from '../store/owner';
import type { FoundOwner } from './bulkChange';
import { documentPath, ENTITIES_FILE, INDEX_FILE, layerPath, SCHEMA_FILE } from './layout';

export class FileOwners {
  private readonly docs = new OwnerTable<DocumentRecord>(64);
  private readonly layers = new OwnerTable<Layer>(256);

  /** `entry`: a document of the index by id (throws when there is none). */
  constructor(
    private readonly root: string,
    private readonly shared: { schema: FileOwner<SchemaFile>; index: FileOwner<IndexFile>; entities: FileOwner<EntitiesFile> },
    private readonly entry: (docId: string) => DocumentEntry,
    private readonly has: (docId: string) => boolean,
  ) {}

  documentOwner(docId: string): FileOwner<DocumentRecord> {
    const path = documentPath(this.root, docId);
    return this.docs.get(path, () => new FileOwner(path, documentKind));
  }

  /** `textHash` for a document not yet in the index (one being imported). */
  layerOwner(annotator: string, docId: string, textHash?: string): FileOwner<Layer> {
    const hash = textHash ?? this.entry(docId).sha256;
    const path = layerPath(this.root, annotator, docId);
    return this.layers.get(path, () => new FileOwner(path, layerKind, () => emptyLayer(docId, annotator, hash), true));
  }

  /** The owner of a file by its path in the folder (forward slashes), if it has one. */
  ownerOfPath(rel: string): FoundOwner | null {
    if (rel === SCHEMA_FILE) return { owner: this.shared.schema as FileOwner<unknown>, shared: true };
    if (rel === INDEX_FILE) return { owner: this.shared.index as FileOwner<unknown>, shared: true };
    if (rel === ENTITIES_FILE) return { owner: this.shared.entities as FileOwner<unknown>, shared: true };
    const doc = /^documents\/([^/]+)\.json$/.exec(rel);
    if (doc) return { owner: this.documentOwner(doc[1]) as FileOwner<unknown>, shared: false };
    const layer = /^annotations\/([^/]+)\/([^/]+)\.json$/.exec(rel);
    // A layer on a document not (yet) in the index has no owner: nothing edits it.
    if (layer && this.has(layer[2])) return { owner: this.layerOwner(layer[1], layer[2]) as FileOwner<unknown>, shared: false, layer: [layer[1], layer[2]] };
    return null;
  }

  /** Documents and layers are read again on next use (the shared files are read again by the workspace). */
  unloadAll(): void {
    this.docs.unloadAll();
    this.layers.unloadAll();
  }

  /** Folds every layer journal of these annotators into its layer file; a layer that cannot be read is left as it is and noted. */
  async compactLayerJournals(annotators: string[], note: (e: unknown) => void): Promise<void> {
    for (const annotator of annotators) {
      let names: string[];
      try {
        names = await readdir(join(this.root, 'annotations', annotator));
      } catch {
        continue;
      }
      for (const name of names.filter((n) => n.endsWith('.journal') && !n.startsWith('.'))) {
        const docId = name.slice(0, -'.journal'.length);
        if (!this.has(docId) || !existsSync(layerPath(this.root, annotator, docId))) continue;
        try {
          const owner = this.layerOwner(annotator, docId);
          await owner.read();
          // Damage in the journal is reported before the compaction cuts it off (a copy is kept beside it).
          owner.damage.forEach((d) => note(d));
          await owner.compact();
        } catch (e) {
          note(e);
        }
      }
    }
  }
}
