/**
 * Label Studio tasks: one JSON array, one task per document and annotator,
 * with a labeling config (label_config.xml) generated from the schema.
 * Offsets are code points, as Label Studio's frontend counts them (it
 * converts DOM offsets with Array.from of the text); `offsets: 'utf16'`
 * reads and writes the UTF-16 units its 1.0 frontend counted. Mentions are `labels` regions whose id is the
 * mention id, and whose note is the region's meta text. A frame is a region
 * over its evidence labelled with the frame type (its note the meta text), a `relation` from it to
 * each mention filler labelled with the role, and a per-region `choices`
 * result for each attribute. What Label Studio has no field for rides in the
 * task's `meta.parley`, keyed by region id.
 */
import { z } from 'zod';
import type { Frame, LabelSchema, Mention } from '../model';
import { EntitySchema, SourceSchema, STATUSES } from '../model';
import { IMPORTED_ANNOTATOR, ImportSession, isRecord, omit, TextOffsets, type UnitHint } from './assemble';
import { fillSkeleton, skeleton, SkeletonSchema } from './extras';
import { badInput, checkFile, extension, InputError } from './input';
import { lineOfPath, parseJson, shaped } from './json';
import { slug, titleFromText, UniqueIds } from './names';
import { entityMap, exportable, ReportBuilder, referencedEntities } from './prepare';
import { indexSchema } from './schema';
import type { DatasetContext, DatasetDocument, ExportOptions, FileChunk, FormatDef, FormatWriter, ImportFile, ImportOptions, ImportResult, OffsetUnit } from './types';

const FILE = 'tasks.json';
const CONFIG = 'label_config.xml';
const LABELS = 'label';
const TEXT = 'text';

const MENTION_IN_REGION = ['id', 'label', 'start', 'end', 'quote', 'note'] as const satisfies readonly (keyof Mention)[];
const FRAME_IN_REGION = ['type', 'evidence', 'roles', 'attrs', 'note'] as const satisfies readonly (keyof Frame)[];

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A labeling config that shows everything the tasks hold. */
export function labelConfig(schema: LabelSchema): string {
  const lines = ['<View>', `  <Labels name="${LABELS}" toName="${TEXT}">`];
  for (const l of schema.labels) lines.push(`    <Label value="${xml(l.name)}" background="${l.color}"/>`);
  for (const f of schema.frameTypes) lines.push(`    <Label value="${xml(f.name)}" background="${f.color}"/>`);
  lines.push('  </Labels>', `  <Text name="${TEXT}" value="$text"/>`, '  <Relations>');
  const roles = new Set(schema.frameTypes.flatMap((f) => f.roles.map((r) => r.name)));
  for (const r of roles) lines.push(`    <Relation value="${xml(r)}"/>`);
  lines.push('  </Relations>');
  const attrs = new Map<string, Set<string>>();
  for (const f of schema.frameTypes) for (const a of f.attributes) for (const v of a.values) attrs.set(a.name, (attrs.get(a.name) ?? new Set()).add(v));
  for (const [name, values] of attrs) {
    lines.push(`  <Choices name="${xml(name)}" toName="${TEXT}" perRegion="true">`);
    for (const v of values) lines.push(`    <Choice value="${xml(v)}"/>`);
    lines.push('  </Choices>');
  }
  lines.push('</View>');
  return `${lines.join('\n')}\n`;
}

/** Label Studio's frontend counts text offsets in code points (Array.from of the text) since 2022; its 1.0 frontend counted UTF-16 units. */
const DEFAULT_UNIT: OffsetUnit = 'codepoint';

function createWriter(ctx: DatasetContext, options: ExportOptions = {}): FormatWriter {
  const schema = indexSchema(ctx.schema);
  const unit = options.offsets ?? DEFAULT_UNIT;
  const registry = entityMap(ctx.entities);
  const report = new ReportBuilder();
  let first = true;

  function document(doc: DatasetDocument): FileChunk[] {
    const layer = exportable(doc, schema, report, unit === 'codepoint');
    const cp = layer.codePoints;
    const at = (n: number) => (cp ? cp.toCodePoint(n) : n);
    const text = doc.document.text;
    const result: unknown[] = [];
    const regions: Record<string, unknown> = {};
    const mentionIds = new Set(layer.mentions.map((m) => m.id));
    for (const m of layer.mentions) {
      const region: Record<string, unknown> = { id: m.id, from_name: LABELS, to_name: TEXT, type: 'labels', value: { start: at(m.start), end: at(m.end), text: m.quote, labels: [m.label] } };
      if (m.note !== undefined) region.meta = { text: [m.note] };
      result.push(region);
      regions[m.id] = omit(m, MENTION_IN_REGION);
    }
    for (const f of layer.frames) {
      // Region ids share one namespace; a frame whose id is also a mention's gets a suffix.
      const id = mentionIds.has(f.id) ? `${f.id}~frame` : f.id;
      const value = { start: at(f.evidence.start), end: at(f.evidence.end), text: f.evidence.quote };
      const trigger: Record<string, unknown> = { id, from_name: LABELS, to_name: TEXT, type: 'labels', value: { ...value, labels: [f.type] } };
      if (f.note !== undefined) trigger.meta = { text: [f.note] };
      result.push(trigger);
      for (const [name, v] of Object.entries(f.attrs)) result.push({ id, from_name: name, to_name: TEXT, type: 'choices', value: { ...value, choices: [v] } });
      for (const [role, fillers] of Object.entries(f.roles)) {
        for (const x of fillers) if (x.kind === 'mention') result.push({ from_id: id, to_id: x.mentionId, type: 'relation', direction: 'right', labels: [role] });
      }
      regions[id] = { frame: true, ...omit(f, FRAME_IN_REGION), roles: skeleton(f.roles) };
    }
    const { text: _text, title, ...document } = doc.document;
    const task = {
      data: { text, title },
      meta: {
        parley: {
          v: 1,
          document,
          annotator: doc.annotator,
          status: doc.status,
          fields: doc.fields,
          regions,
          entities: referencedEntities(layer, registry, report),
        },
      },
      annotations: [{ result }],
    };
    const data = `${first ? '\n' : ',\n'}${JSON.stringify(task)}`;
    first = false;
    return [{ path: FILE, data }];
  }

  return {
    begin: () => [
      { path: FILE, data: '[' },
      { path: CONFIG, data: labelConfig(ctx.schema) },
    ],
    document,
    end: () => [{ path: FILE, data: '\n]\n' }],
    report: () => report.report(),
  };
}

const Id = z.union([z.string(), z.number()]);
const LabelsResult = z.object({
  type: z.literal('labels'),
  id: Id,
  value: z.object({ start: z.number(), end: z.number(), text: z.string().optional(), labels: z.array(z.string()) }),
  meta: z.object({ text: z.array(z.string()).optional() }).optional(),
});
const ChoicesResult = z.object({ type: z.literal('choices'), id: Id, from_name: z.string(), value: z.object({ choices: z.array(z.string()) }) });
const RelationResult = z.object({ type: z.literal('relation'), from_id: Id, to_id: Id, labels: z.array(z.string()).optional() });
type Result = z.infer<typeof LabelsResult> | z.infer<typeof ChoicesResult> | z.infer<typeof RelationResult> | { type: 'other'; name: string };

/** Checks a result by its type; types Parley has no use for are kept only by name, to be reported. */
function resultOf(value: unknown, path: (string | number)[]): Result {
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
  entities: z.array(EntitySchema).optional(),
});
const AnnotationSchema = z.object({ result: z.array(z.unknown()), completed_by: z.unknown().optional(), was_cancelled: z.boolean().optional() });
const PredictionSchema = z.object({ result: z.array(z.unknown()), model_version: z.string().optional() });
const TaskSchema = z.object({
  id: Id.optional(),
  data: z.record(z.string(), z.unknown(), { error: 'expected the task data as an object with its text in data.text' }),
  meta: z.object({ parley: ExtrasSchema.optional() }).optional(),
  annotations: z.array(AnnotationSchema).optional(),
  // Label Studio's own exports list predictions as objects, or by id only.
  predictions: z.array(z.union([PredictionSchema, z.number(), z.string()])).optional(),
  drafts: z.array(z.unknown()).optional(),
});
type Extras = z.infer<typeof ExtrasSchema>;

function annotatorName(completedBy: unknown): string | undefined {
  if (typeof completedBy === 'number') return `user-${completedBy}`;
  if (isRecord(completedBy) && typeof completedBy.email === 'string') return slug(completedBy.email.split('@')[0], 'user');
  // JSON-MIN names the annotator by e-mail.
  if (typeof completedBy === 'string' && completedBy !== '') return slug(completedBy.split('@')[0], 'user');
  return undefined;
}

function readAnnotation(
  text: string,
  result: unknown[],
  extras: Extras | undefined,
  annotator: string,
  path: (string | number)[],
  session: ImportSession,
  warn: (message: string) => void,
  unit: UnitOf,
): Pick<DatasetDocument, 'mentions' | 'frames'> {
  const offsets = new TextOffsets(text, unit.unit, unit.hint);
  const regions = extras?.regions ?? {};
  const items = result.map((r, i) => resultOf(r, [...path, i]));
  const mentions: Mention[] = [];
  const mentionOf = new Map<string, string>();
  const triggers = new Map<string, { span: { start: number; end: number }; type: string; attrs: Record<string, string>; note: { note?: string }; index: number }>();
  items.forEach((item, i) => {
    if (item.type !== 'labels') return;
    const at = [...path, i, 'value'];
    const { value } = item;
    const { span, quote } = offsets.quoted(value.start, value.end, value.text, at, [...at, 'text']);
    const id = String(item.id);
    const note = item.meta?.text?.length ? { note: item.meta.text.join('\n') } : {};
    for (const label of value.labels) {
      if (session.schema.frameTypes.has(label)) {
        triggers.set(id, { span, type: label, attrs: {}, note, index: i });
        continue;
      }
      // Label Studio allows several labels on one region; each becomes a mention of its own.
      const extra = value.labels.length === 1 ? regions[id] : undefined;
      const m = session.mention({ label, start: span.start, end: span.end, quote }, { ...(extra ?? {}), ...(value.labels.length === 1 ? { id } : {}), ...note }, annotator, [...at, 'labels']);
      if (!mentionOf.has(id)) mentionOf.set(id, m.id);
      mentions.push(m);
    }
  });
  const relations = new Map<string, Map<string, string[]>>();
  items.forEach((item, i) => {
    if (item.type === 'choices') {
      const trigger = triggers.get(String(item.id));
      if (trigger) trigger.attrs[item.from_name] = item.value.choices.join(',');
      else warn(`choices ${item.from_name} on region ${item.id} are not on a frame; skipped`);
    } else if (item.type === 'relation') {
      const from = String(item.from_id);
      const trigger = triggers.get(from);
      const target = mentionOf.get(String(item.to_id));
      const role = item.labels?.[0];
      if (!trigger || target === undefined || role === undefined) {
        warn(`relation ${from} → ${item.to_id} does not go from a frame's evidence to a mention with a role label; skipped`);
        return;
      }
      const def = session.schema.frameTypes.get(trigger.type)!;
      if (!def.roles.some((r) => r.name === role)) {
        throw new InputError(`${def.name} has no role ${JSON.stringify(role)}; expected ${def.roles.map((r) => r.name).join(', ')}`, [...path, i, 'labels']);
      }
      const byRole = relations.get(from) ?? new Map<string, string[]>();
      relations.set(from, byRole);
      byRole.set(role, [...(byRole.get(role) ?? []), target]);
    } else if (item.type === 'other') warn(`${item.name} results are not part of Parley's model; skipped`);
  });
  const frames: Frame[] = [];
  for (const [id, t] of triggers) {
    const extra = regions[id] ?? {};
    const skel = SkeletonSchema.safeParse(extra.roles);
    const roles = fillSkeleton(skel.success ? skel.data : undefined, relations.get(id) ?? new Map(), warn);
    const evidence = { ...t.span, quote: text.slice(t.span.start, t.span.end) };
    frames.push(session.frame({ id, ...omit(extra, ['frame', 'roles']), ...t.note, type: t.type, evidence, roles, attrs: t.attrs }, annotator, [...path, t.index]));
  }
  return { mentions, frames };
}

/** The unit a file's offsets are read in, with the hint that names it in messages. */
interface UnitOf {
  unit: OffsetUnit;
  hint: UnitHint;
}

/** The task's text: data.text, or the one text field of a project whose Text tag reads another one ($document, $content). */
function taskText(data: Record<string, unknown>, path: (string | number)[], warn: (message: string) => void): string {
  if (typeof data.text === 'string') return data.text;
  const strings = Object.entries(data).filter(([k, v]) => typeof v === 'string' && k !== 'title');
  if (strings.length === 1) {
    warn(`task ${Number(path[0]) + 1}: no data.text; the text was taken from data.${strings[0][0]}, the task's only text field`);
    return strings[0][1] as string;
  }
  const found = strings.length ? `; found ${strings.map(([k]) => `data.${k}`).join(', ')}` : '';
  throw new InputError(`expected the task text in data.text${found}`, [...path, 'data']);
}

/**
 * Predictions become suggestions (pending mentions, origin "suggested") on
 * the task's first layer: an analyst accepts or rejects each, and none is
 * ever taken for a label. A prediction a layer already holds (same span and
 * label) is left out; frames, relations and choices in predictions are
 * counted and skipped.
 */
function predictedMentions(text: string, predictions: z.infer<typeof PredictionSchema>[], taken: Mention[], path: (string | number)[], session: ImportSession, unit: UnitOf, count: Counts): Mention[] {
  const offsets = new TextOffsets(text, unit.unit, unit.hint);
  const seen = new Set(taken.map((m) => `${m.start},${m.end},${m.label}`));
  const out: Mention[] = [];
  predictions.forEach((p, j) => {
    p.result.forEach((raw, k) => {
      const at = [...path, j, 'result', k];
      const item = resultOf(raw, at);
      if (item.type !== 'labels') {
        count.otherPredicted++;
        return;
      }
      const { span, quote } = offsets.quoted(item.value.start, item.value.end, item.value.text, [...at, 'value'], [...at, 'value', 'text']);
      for (const label of item.value.labels) {
        if (session.schema.frameTypes.has(label)) {
          count.otherPredicted++;
          continue;
        }
        const key = `${span.start},${span.end},${label}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(session.mention({ label, start: span.start, end: span.end, quote }, { pending: true, origin: 'suggested', author: p.model_version ?? 'prediction' }, 'prediction', [...at, 'value', 'labels']));
      }
    });
  });
  count.suggestions += out.length;
  return out;
}

/** What a file holds that is not imported as labels, reported once per file. */
interface Counts {
  cancelled: number;
  drafts: number;
  suggestions: number;
  otherPredicted: number;
  predictionIds: number;
}

function newCounts(): Counts {
  return { cancelled: 0, drafts: 0, suggestions: 0, otherPredicted: 0, predictionIds: 0 };
}

function reportCounts(c: Counts, warn: (message: string) => void): void {
  if (c.cancelled) warn(`${c.cancelled} cancelled (skipped) annotation(s) were left out`);
  if (c.drafts) warn(`${c.drafts} draft(s) were left out: Label Studio had not submitted them`);
  if (c.suggestions) warn(`${c.suggestions} predicted region(s) were imported as suggestions, to accept or reject, never as labels`);
  if (c.otherPredicted) warn(`${c.otherPredicted} predicted frame, relation or choice result(s) were left out: only predicted mentions become suggestions`);
  if (c.predictionIds) warn(`${c.predictionIds} prediction(s) are listed by id only, without their results; export the project with predictions to import them`);
}

function readTask(value: unknown, i: number, file: string, session: ImportSession, ids: UniqueIds, warn: (message: string) => void, unit: UnitOf, count: Counts): void {
  const task = shaped(TaskSchema, value, [i]);
  const extras = task.meta?.parley;
  for (const [j, e] of (extras?.entities ?? []).entries()) session.entity(e, file, [i, 'meta', 'parley', 'entities', j]);
  const text = taskText(task.data, [i], warn);
  const title = typeof task.data.title === 'string' ? task.data.title : undefined;
  const fallbackId = task.id !== undefined ? `task-${task.id}` : slug(title ?? '', `task-${i + 1}`);
  const docId = extras?.document?.id ?? ids.take(fallbackId);
  const predictions = (task.predictions ?? []).filter((p): p is z.infer<typeof PredictionSchema> => typeof p === 'object');
  count.predictionIds += (task.predictions?.length ?? 0) - predictions.length;
  count.drafts += task.drafts?.length ?? 0;
  const document = {
    id: docId,
    title: title ?? titleFromText(text, docId),
    text,
    source: extras?.document?.source ?? {},
    ...(extras?.document?.sha256 !== undefined ? { sha256: extras.document.sha256 } : {}),
  };
  // Two annotations by the same (or an unknown) user still make two layers.
  const annotators = new UniqueIds();
  let first = true;
  (task.annotations ?? []).forEach((a, j) => {
    if (a.was_cancelled) {
      count.cancelled++;
      return;
    }
    // The extras describe the annotation Parley wrote, the first one.
    const own = j === 0 ? extras : undefined;
    const annotator = annotators.take(own?.annotator ?? annotatorName(a.completed_by) ?? IMPORTED_ANNOTATOR);
    const layer = readAnnotation(text, a.result, own, annotator, [i, 'annotations', j, 'result'], session, warn, unit);
    if (first && predictions.length) layer.mentions.push(...predictedMentions(text, predictions, layer.mentions, [i, 'predictions'], session, unit, count));
    first = false;
    session.finish({ document, annotator, status: own?.status ?? 'in_progress', ...layer, fields: own?.fields ?? {} }, [i, 'annotations', j]);
  });
  if (first && predictions.length) {
    // A task with predictions only: a layer of suggestions.
    const mentions = predictedMentions(text, predictions, [], [i, 'predictions'], session, unit, count);
    session.finish({ document, annotator: extras?.annotator ?? IMPORTED_ANNOTATOR, status: 'not_started', mentions, frames: [], fields: {} }, [i, 'predictions']);
  }
}

/** Keys Label Studio's JSON-MIN export adds beside the task's data and its results. */
const MIN_META = new Set(['id', 'annotator', 'annotation_id', 'created_at', 'updated_at', 'lead_time']);

function isSpanList(v: unknown): v is Record<string, unknown>[] {
  return Array.isArray(v) && v.length > 0 && v.every((x) => isRecord(x) && 'start' in x && 'end' in x);
}

/**
 * A JSON-MIN record (one per annotation: the task's data fields, then each
 * control's results by name) as a full task, so one reader reads both.
 * JSON-MIN keeps no relations, so frames come back without roles.
 */
function fromJsonMin(record: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  const result: unknown[] = [];
  for (const [k, v] of Object.entries(record)) {
    if (MIN_META.has(k)) continue;
    if (isSpanList(v)) {
      v.forEach((x, n) => result.push({ id: `${k}-${n + 1}`, from_name: k, to_name: 'text', type: 'labels', value: x }));
    } else data[k] = v;
  }
  const task: Record<string, unknown> = { data, annotations: [{ result, ...(record.annotator !== undefined ? { completed_by: record.annotator } : {}) }] };
  if (typeof record.id === 'number' || typeof record.id === 'string') task.id = record.id;
  return task;
}

function isFullTask(v: unknown): boolean {
  return isRecord(v) && (isRecord(v.data) || Array.isArray(v.annotations) || Array.isArray(v.predictions));
}

function read(files: ImportFile[], ctx: DatasetContext, options: ImportOptions = {}): ImportResult {
  const session = new ImportSession(ctx, options);
  const ids = new UniqueIds();
  for (const file of files) {
    if (file.path.endsWith(CONFIG)) continue;
    if (extension(file.path) !== 'json') {
      session.warnings.push(`${file.path}: not a Label Studio JSON file; ignored`);
      continue;
    }
    const text = checkFile(file, session.warnings);
    const value = parseJson(text, file.path);
    const tasks = Array.isArray(value) ? value : [value];
    const warn = (message: string) => session.warnings.push(`${file.path}: ${message}`);
    try {
      const unit = options.offsets ?? DEFAULT_UNIT;
      const hint = session.unitHint(file.path, unit === DEFAULT_UNIT ? 'Label Studio' : 'Label Studio 1.0', unit, true);
      const count = newCounts();
      tasks.forEach((task, i) => readTask(isFullTask(task) || !isRecord(task) ? task : fromJsonMin(task), i, file.path, session, ids, warn, { unit, hint }, count));
      reportCounts(count, warn);
    } catch (e) {
      if (e instanceof InputError) {
        const path = Array.isArray(value) ? e.path : e.path.slice(1);
        throw badInput(`${Array.isArray(value) ? `task ${Number(e.path[0]) + 1}: ` : ''}${e.message}`, file.path, lineOfPath(text, path));
      }
      throw e;
    }
  }
  return session.result();
}

function detect(files: ImportFile[]): boolean {
  // Full tasks name "annotations" or "data"; JSON-MIN records hold lists of regions with "labels".
  return files.some((f) => extension(f.path) === 'json' && /"annotations"\s*:|"data"\s*:\s*\{|^\s*\[\s*\{[^]*"labels"\s*:\s*\[/.test(f.text.slice(0, 4096)));
}

export const labelstudio: FormatDef = {
  name: 'labelstudio',
  title: 'Label Studio JSON',
  description: 'Label Studio tasks (code-point offsets) with a generated labeling config; frames as evidence regions with role relations and attribute choices.',
  canImport: true,
  canExport: true,
  offsetUnit: 'codepoint',
  detect,
  createWriter,
  read,
};
