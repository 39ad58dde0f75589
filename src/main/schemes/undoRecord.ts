/**
 * What a schema migration changed in this copy of the workspace, kept under
 * .parley/migrations/ (never shared) and written in the same crash-atomic
 * step as the migration, so its Undo restores exactly what it changed.
 */
import { z } from 'zod';
import { AnnotatorNameSchema, ChangeSchema, LabelSchemaSchema, type Change, type LabelSchema } from '../../core/model';
import type { FileKind } from '../store/jsonFile';
import { PRIVATE_DIR } from '../store/lock';

export interface MigrationUndoRecord {
  version: number;
  /** The migration's id: a record left by a step that another copy's step of the same version replaced is refused. */
  id: string;
  summary: string;
  schemaBefore: LabelSchema;
  schemaAfter: LabelSchema;
  /** The change made to each layer, item by item. */
  layers: { annotator: string; docId: string; change: Change }[];
  /** Registry entities whose type followed a label. */
  entityTypes: { id: string; before: string; after: string }[];
}

/** The record's path, relative to the workspace folder. */
export const undoRecordPath = (version: number): string => `${PRIVATE_DIR}/migrations/undo-${version}.json`;

export const undoRecordKind: FileKind<MigrationUndoRecord> = {
  what: 'record of what a schema step changed',
  schema: z.object({
    version: z.number().int().positive(),
    id: z.string(),
    summary: z.string(),
    schemaBefore: LabelSchemaSchema,
    schemaAfter: LabelSchemaSchema,
    layers: z.array(z.object({ annotator: AnnotatorNameSchema, docId: z.string(), change: ChangeSchema })),
    entityTypes: z.array(z.object({ id: z.string(), before: z.string(), after: z.string() })),
  }),
};
