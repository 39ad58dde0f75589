/**
 * The files every analyst of a workspace shares, read at open: the schema
 * (with its migrations), the entity registry and the document index. A
 * damaged schema or registry costs only itself (defaults in memory, the file
 * kept, saving refused until it is fixed); a damaged or missing index is
 * rebuilt from documents/.
 */
import { basename, join } from 'node:path';
import { defaultSchema } from '../../core/defaults';
import type { Migration } from '../../core/migrations';
import type { Entity, LabelSchema } from '../../core/model';
import { entitiesKind, schemaFileKind, type EntitiesFile, type SchemaFile } from '../store/kinds';
import { FileOwner } from '../store/owner';
import type { DocumentIndex } from './documentIndex';
import { ENTITIES_FILE, SCHEMA_FILE } from './layout';
import { splitLegacy } from './legacy';
import { saveEntitiesFile, saveSchemaFile } from './revision';

export class SharedFiles {
  readonly schemaFile: FileOwner<SchemaFile>;
  readonly entitiesFile: FileOwner<EntitiesFile>;
  private fallbackSchema: LabelSchema | null = null;

  constructor(
    private readonly root: string,
    private readonly readOnly: boolean,
    private readonly index: DocumentIndex,
    /** Where a file that cannot be read is reported. */
    private readonly note: (error: unknown) => void,
  ) {
    this.schemaFile = new FileOwner(join(root, SCHEMA_FILE), schemaFileKind);
    this.entitiesFile = new FileOwner(join(root, ENTITIES_FILE), entitiesKind);
  }

  /** Reads the schema, index and registry; an old workspace.json is split first (read-only: in memory). */
  async read(): Promise<void> {
    const indexFile = this.index.file;
    try {
      if (await splitLegacy(this.root, this.readOnly, { schema: this.schemaFile, index: indexFile, entities: this.entitiesFile })) return;
    } catch (e) {
      this.note(e);
    }
    for (const owner of [this.schemaFile, this.entitiesFile]) {
      try {
        await owner.read();
      } catch (e) {
        this.note(e);
      }
    }
    try {
      await indexFile.read();
      await this.index.readIndexJournal();
    } catch (e) {
      this.note(e);
      await this.index.rebuildIndex();
    }
  }

  /** The files were rewritten by something other than their owners (a team sync): read them all again. */
  async reread(): Promise<void> {
    for (const owner of [this.schemaFile, this.entitiesFile, this.index.file]) await owner.reread();
    await this.read();
  }

  get name(): string {
    return this.schemaFile.loaded ? this.schemaFile.peek().name : basename(this.root);
  }
  get schema(): LabelSchema {
    return this.schemaFile.loaded ? this.schemaFile.peek().schema : (this.fallbackSchema ??= defaultSchema());
  }
  get schemaHistory(): readonly Migration[] {
    return this.schemaFile.loaded ? (this.schemaFile.peek().migrations ?? []) : [];
  }
  get entities(): readonly Entity[] {
    return this.entitiesFile.loaded ? this.entitiesFile.peek().entities : [];
  }
  get revisions(): { schema: number; entities: number } {
    return {
      schema: this.schemaFile.loaded ? this.schemaFile.peek().revision : 0,
      entities: this.entitiesFile.loaded ? this.entitiesFile.peek().revision : 0,
    };
  }

  saveSchema(schema: LabelSchema, baseRevision?: number): Promise<void> {
    return saveSchemaFile(this.schemaFile, schema, baseRevision);
  }

  saveEntities(entities: Entity[] | ((current: Entity[]) => Entity[]), baseRevision?: number): Promise<void> {
    return saveEntitiesFile(this.entitiesFile, entities, baseRevision);
  }
}
