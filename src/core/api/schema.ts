/** The `schema.*` methods: saving the label schema, renaming or deleting a label across every layer, schema migrations and their history. */
import { z } from 'zod';
import type { MigrationPlan } from '../migrationPlan';
import { MigrationOpSchema, type Migration } from '../migrations';
import { LabelSchemaSchema, type LabelSchema } from '../model';
import { method, none, revisionArg } from './method';

export interface LabelUse {
  label: string;
  mentions: number;
  documents: number;
}

/** A mention of a label, in its context, for a split by review. */
export interface ReviewMention {
  /** `annotator/docId/mentionId`: what a split's `mentions` rule lists. */
  key: string;
  annotator: string;
  docId: string;
  title: string;
  quote: string;
  /** The text just before and after it, on its line. */
  before: string;
  after: string;
}

/** A schema step put back: how many items came back, and how many were left as they are now because they changed since. */
export interface MigrationUndoneInfo {
  schema: LabelSchema;
  migration: Migration;
  layers: number;
  mentions: number;
  frames: number;
  skipped: number;
}

export const schemaContract = {
  'schema.save': method<LabelSchema>()(z.object({ schema: LabelSchemaSchema, baseRevision: revisionArg }).strict()),
  'schema.labelUse': method<LabelUse[]>()(none),
  'schema.renameLabel': method<LabelSchema>()(z.object({ from: z.string().min(1), to: z.string().min(1).max(100) }).strict()),
  'schema.deleteLabel': method<LabelSchema>()(
    z.object({ name: z.string().min(1), mentions: z.enum(['relabel', 'delete']), relabelTo: z.string().min(1).optional() }).strict(),
  ),
  /** What a schema migration would change, counted over every analyst's layers and gold; changes nothing. */
  'schema.planMigration': method<MigrationPlan>()(z.object({ op: MigrationOpSchema }).strict()),
  'schema.migrate': method<{ schema: LabelSchema; plan: MigrationPlan; migration: Migration }>()(z.object({ op: MigrationOpSchema, baseRevision: revisionArg }).strict()),
  'schema.history': method<Migration[]>()(none),
  /** Puts the newest schema step back, exactly, as a step of its own. */
  'schema.undoMigration': method<MigrationUndoneInfo>()(z.object({ version: z.number().int().positive() }).strict()),
  /** The newest schema step when this copy can undo it (it ran here and is not an undo), else null. */
  'schema.undoableMigration': method<Migration | null>()(none),
  /** Every mention of a label in every analyst's layers and gold, in context, in document order (at most `limit`). */
  'schema.labelMentions': method<{ mentions: ReviewMention[]; total: number }>()(z.object({ label: z.string().min(1).max(100), limit: z.number().int().positive().max(20_000).optional() }).strict()),
} as const;
