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
} as const;
