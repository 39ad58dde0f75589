/**
 * Label Studio's task file as Parley reads and writes it: the file names, the
 * control names, the offset unit, and the schemas a task and its results are
 * checked against.
 */
import { z } from 'zod';
import { EntitySchema, SourceSchema, STATUSES } from '../model';
import type { UnitHint } from './assemble';
import { shaped } from './json';
import type { OffsetUnit } from './types';

export const FILE = 'tasks.json';
export const CONFIG = 'label_config.xml';
export const LABELS = 'label';
export const TEXT = 'text';

/** Label Studio's frontend counts text offsets in code points (Array.from of the text) since 2022; its 1.0 frontend counted UTF-16 units. */
export const DEFAULT_UNIT: OffsetUnit = 'codepoint';

const Id = z.union([z.string(), z.number()]);
const LabelsResult = z.object({
  type: z.literal('labels'),
  // Label Studio's own prediction files leave ids out of results that nothing refers to.
  id: Id.optional(),
  value: z.object({ start: z.number(), end: z.number(), text: z.string().optional(), labels: z.array(z.string()) }),
  meta: z.object({ text: z.array(z.string()).optional() }).optional(),
});
const ChoicesResult = z.object({ type: z.literal('choices'), id: Id.optional(), from_name: z.string(), value: z.object({ choices: z.array(z.string()) }) });
const RelationResult = z.object({ type: z.literal('relation'), from_id: Id, to_id: Id, labels: z.array(z.string()).optional(), direction: z.enum(['right', 'left', 'bi']).optional() });
export type Result = z.infer<typeof LabelsResult> | z.infer<typeof ChoicesResult> | z.infer<typeof RelationResult> | { type: 'other'; name: string };

/** Checks a result by its type; types Parley has no use for are kept only by name, to be reported. */
export function resultOf(value: unknown, path: (string | number)[]): Result {
  const { type } = shaped(z.object({ type: z.string() }), value, path);
  if (type === 'labels') return shaped(LabelsResult, value, path);
  if (type === 'choices') return shaped(ChoicesResult, value, path);
  if (type === 'relation') return shaped(RelationResult, value, path);
  return { type: 'other', name: type };
}

const ExtrasSchema = z.object({
  document: z.object({ id: z.string().min(1).max(200), source: SourceSchema, sha256: z.string().optional() }).optional(),
  annotator: z.string().min(1).optional(),
  status: z.enum(STATUSES).optional(),
  fields: z.record(z.string(), z.string()).optional(),
  regions: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  /** Relation frames' extras, by source region, target region and type. */
  relations: z.array(z.object({ rel: z.tuple([Id, Id, z.string()]) }).passthrough()).optional(),
  entities: z.array(EntitySchema).optional(),
});
const AnnotationSchema = z.object({ result: z.array(z.unknown()), completed_by: z.unknown().optional(), was_cancelled: z.boolean().optional() });
export const PredictionSchema = z.object({ result: z.array(z.unknown()), model_version: z.string().optional() });
export const TaskSchema = z.object({
  id: Id.optional(),
  data: z.record(z.string(), z.unknown(), { error: 'expected the task data as an object with its text in data.text' }),
  meta: z.object({ parley: ExtrasSchema.optional() }).optional(),
  annotations: z.array(AnnotationSchema).optional(),
  // Label Studio's own exports list predictions as objects, or by id only.
  predictions: z.array(z.union([PredictionSchema, z.number(), z.string()])).optional(),
  drafts: z.array(z.unknown()).optional(),
});
export type Extras = z.infer<typeof ExtrasSchema>;

/** The unit a file's offsets are read in, with the hint that names it in messages. */
export interface UnitOf {
  unit: OffsetUnit;
  hint: UnitHint;
}
