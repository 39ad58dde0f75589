/** The three kinds of file in a workspace, with their migrations. */
import { defaultSchema } from '../../core/defaults';
import { z } from 'zod';
import {
  DocumentEntrySchema,
  DocumentRecordSchema,
  EntitySchema,
  FORMAT_VERSION,
  LabelSchemaSchema,
  LayerSchema,
  WorkspaceFileSchema,
  type DocumentRecord,
  type Layer,
  type WorkspaceFile,
} from '../../core/model';
import type { FileKind } from './jsonFile';
import { MigrationSchema } from '../../core/migrations';

export const workspaceKind: FileKind<WorkspaceFile> = {
  what: 'workspace file',
  schema: WorkspaceFileSchema,
  migrations: {
    // Version 0 (before formats were versioned) had no entity registry and kept only labels in the schema.
    0: (d) => {
      const schema = (d.schema ?? {}) as Record<string, unknown>;
      const defaults = defaultSchema();
      return {
        ...d,
        entities: d.entities ?? [],
        schema: { labels: schema.labels ?? defaults.labels, frameTypes: schema.frameTypes ?? defaults.frameTypes, documentFields: schema.documentFields ?? defaults.documentFields },
      };
    },
  },
};

export const documentKind: FileKind<DocumentRecord> = {
  what: 'document file',
  schema: DocumentRecordSchema,
  migrations: {
    0: (d) => ({ ...d, source: d.source ?? {}, addedAt: d.addedAt ?? new Date(0).toISOString() }),
  },
};

export const layerKind: FileKind<Layer> = {
  what: 'annotation layer',
  schema: LayerSchema,
  migrations: {
    // Version 0 layers had no status, frames, document fields or saved history.
    0: (d) => ({
      ...d,
      status: d.status ?? (Array.isArray(d.mentions) && d.mentions.length > 0 ? 'in_progress' : 'not_started'),
      frames: d.frames ?? [],
      fields: d.fields ?? {},
      updatedAt: d.updatedAt ?? new Date(0).toISOString(),
      history: d.history ?? { undo: [], redo: [] },
    }),
  },
};

/*
 * The workspace's shared files, one concern each, so damage to one costs
 * only itself: schema.json (the workspace's name and label schema),
 * index.json (the document list, rebuilt from documents/ when damaged) and
 * entities.json (the entity registry). They replace workspace.json, which
 * held all three; an old workspace is split on first open, after a snapshot.
 */
/** A label renamed: kept in the schema file so a team sync renames the mentions that colleagues made meanwhile. */
export const LabelRenameSchema = z.object({ id: z.string(), from: z.string(), to: z.string(), at: z.string() });
export type LabelRename = z.infer<typeof LabelRenameSchema>;
export const SchemaFileSchema = z.object({
  version: z.number().int(),
  revision: z.number().int().nonnegative(),
  name: z.string(),
  schema: LabelSchemaSchema,
  renames: z.array(LabelRenameSchema).optional(),
  /** The schema's history: every migration applied to it and to every layer, oldest first (core/migrations.ts). */
  migrations: z.array(MigrationSchema).optional(),
});
export type SchemaFile = z.infer<typeof SchemaFileSchema>;
/** The document index, and the journal new entries are appended to between compactions (workspace/documentIndex.ts). */
export const INDEX_FILE = 'index.json';
export const INDEX_JOURNAL = 'index.journal';
export const IndexFileSchema = z.object({ version: z.number().int(), documents: z.array(DocumentEntrySchema) });
export type IndexFile = z.infer<typeof IndexFileSchema>;
export const EntitiesFileSchema = z.object({ version: z.number().int(), revision: z.number().int().nonnegative(), entities: z.array(EntitySchema) });
export type EntitiesFile = z.infer<typeof EntitiesFileSchema>;

export const schemaFileKind: FileKind<SchemaFile> = { what: 'label schema file', schema: SchemaFileSchema, migrations: {} };
export const indexKind: FileKind<IndexFile> = { what: 'document index', schema: IndexFileSchema, migrations: {} };
export const entitiesKind: FileKind<EntitiesFile> = { what: 'entity registry', schema: EntitiesFileSchema, migrations: {} };

/** The three files that replace a workspace.json. */
export function splitWorkspaceFile(w: WorkspaceFile): { schema: SchemaFile; index: IndexFile; entities: EntitiesFile } {
  return {
    schema: { version: FORMAT_VERSION, revision: 0, name: w.name, schema: w.schema },
    index: { version: FORMAT_VERSION, documents: w.documents },
    entities: { version: FORMAT_VERSION, revision: 0, entities: w.entities },
  };
}
