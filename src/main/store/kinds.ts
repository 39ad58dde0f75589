/** The three kinds of file in a workspace, with their migrations. */
import { defaultSchema } from '../../core/defaults';
import { DocumentRecordSchema, LayerSchema, WorkspaceFileSchema, type DocumentRecord, type Layer, type WorkspaceFile } from '../../core/model';
import type { FileKind } from './repository';

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
