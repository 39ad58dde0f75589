/**
 * doccano JSON Lines for sequence labelling with relations: one record per
 * document, `entities` with offsets in UTF-16 code units (doccano's
 * annotator measures text with JavaScript string indices) and `relations`
 * between them.
 * A frame is an entity over its evidence labelled with the frame type, with a
 * relation from it to each mention filler, typed with the role. Everything
 * doccano has no field for rides in the record's "parley" key, which doccano
 * keeps as metadata; entries there are matched to entities by offsets and
 * label (doccano renumbers entity ids), so a file that went through doccano
 * still reads back.
 */
import { z } from 'zod';
import { EntitySchema, SourceSchema, STATUSES, type Frame, type Mention } from '../model';
import { IMPORTED_ANNOTATOR, ImportSession, isRecord, omit, skipper, TextOffsets, type UnitHint } from './assemble';
import { fillSkeleton, relationEnds, relationEvidence, skeleton, SkeletonSchema } from './extras';
import { DEFAULT_ROLES } from './relationTypes';
import { checkFile, extension, InputError } from './input';
import { parseJsonRecords, shaped } from './json';
import { titleFromText, UniqueIds } from './names';
import { entityMap, exportable, ReportBuilder, referencedEntities } from './prepare';
import { indexSchema } from './schema';
import type { DatasetContext, DatasetDocument, ExportOptions, FormatDef, FormatWriter, ImportFile, ImportOptions, ImportResult, OffsetUnit, ReadUnit } from './types';

const FILE = 'doccano.jsonl';
/** The document field doccano's comments on an example are kept in. */
export const COMMENTS_FIELD = 'Comments';
/** The document field doccano's document categories (`cats`, a text classification's labels) are kept in, joined by ", ". */
export const CATEGORIES_FIELD = 'Categories';

/** Mention fields doccano's entity holds itself. */
const MENTION_IN_ENTITY = ['label', 'start', 'end', 'quote'] as const satisfies readonly (keyof Mention)[];
const FRAME_IN_ENTITY = ['type', 'evidence', 'roles'] as const satisfies readonly (keyof Frame)[];

type At = [number, number, string];
const key = (at: At) => `${at[0]},${at[1]},${at[2]}`;

/** doccano's annotator (v-annotator) measures text with JavaScript string indices: UTF-16 code units. */
const DEFAULT_UNIT: OffsetUnit = 'utf16';

function createWriter(ctx: DatasetContext, options: ExportOptions = {}): FormatWriter {
  const schema = indexSchema(ctx.schema);
  const unit = options.offsets ?? DEFAULT_UNIT;
  const registry = entityMap(ctx.entities);
  const report = new ReportBuilder();
  return {
    begin: () => [],
    document(doc: DatasetDocument) {
      const layer = exportable(doc, schema, report, unit === 'codepoint');
      const index = layer.codePoints;
      const cp = { toCodePoint: (n: number) => (index ? index.toCodePoint(n) : n) };
      const entities: { id: number; start_offset: number; end_offset: number; label: string }[] = [];
      const relations: { id: number; from_id: number; to_id: number; type: string }[] = [];
      const entityOf = new Map<string, number>();
      const mentionExtras = layer.mentions.map((m) => {
        const at: At = [cp.toCodePoint(m.start), cp.toCodePoint(m.end), m.label];
        entities.push({ id: entities.length + 1, start_offset: at[0], end_offset: at[1], label: m.label });
        entityOf.set(m.id, entities.length);
        return { at, ...omit(m, MENTION_IN_ENTITY) };
      });
      const relationExtras: Record<string, unknown>[] = [];
      const frameExtras = layer.frames.flatMap((f, order) => {
        // A relation between two mentions is doccano's own relation, typed with the frame type; other frames an evidence entity with role relations.
        const ends = relationEnds(f, schema);
        if (ends) {
          const [from, to] = ends.map((id) => entityOf.get(id)!);
          relations.push({ id: relations.length + 1, from_id: from, to_id: to, type: f.type });
          const [a, b] = [entities[from - 1], entities[to - 1]];
          relationExtras.push({ rel: [[a.start_offset, a.end_offset, a.label], [b.start_offset, b.end_offset, b.label], f.type], order, ...omit(f, ['type', 'roles']) });
          return [];
        }
        const at: At = [cp.toCodePoint(f.evidence.start), cp.toCodePoint(f.evidence.end), f.type];
        entities.push({ id: entities.length + 1, start_offset: at[0], end_offset: at[1], label: f.type });
        const from = entities.length;
        for (const [role, fillers] of Object.entries(f.roles)) {
          for (const x of fillers) if (x.kind === 'mention') relations.push({ id: relations.length + 1, from_id: from, to_id: entityOf.get(x.mentionId)!, type: role });
        }
        return [{ at, ...omit(f, FRAME_IN_ENTITY), roles: skeleton(f.roles) }];
      });
      const { text, ...document } = doc.document;
      const record = {
        text,
        entities,
        relations,
        parley: {
          v: 1,
          document,
          annotator: doc.annotator,
          status: doc.status,
          fields: doc.fields,
          mentions: mentionExtras,
          frames: frameExtras,
          ...(relationExtras.length ? { relations: relationExtras } : {}),
          entities: referencedEntities(layer, registry, report),
        },
      };
      return [{ path: FILE, data: `${JSON.stringify(record)}\n` }];
    },
    end: () => [],
    report: () => report.report(),
  };
}

const Id = z.union([z.number(), z.string()]);
const AtSchema = z.tuple([z.number(), z.number(), z.string()]);
const EntityObject = z.object({ id: Id, start_offset: z.number(), end_offset: z.number(), label: z.string() });
const RecordSchema = z.object({
  id: Id.optional(),
  text: z.string({ error: (issue) => (issue.input === undefined ? 'the record has no text (doccano\'s "text" field; for a project that named it otherwise, the text-field option: --text-field NAME)' : undefined) }),
  // doccano's sequence labelling: entity records; its intent detection example: [start, end, label] arrays.
  entities: z.array(z.union([EntityObject, AtSchema])).optional(),
  // Document categories (intent detection, text classification).
  cats: z.array(z.union([z.string(), z.number()])).optional(),
  relations: z.array(z.object({ id: Id.optional(), from_id: Id, to_id: Id, type: z.string() })).optional(),
  // doccano's sequence labelling export: [[start, end, label], …]; its text classification: ["label", …].
  label: z.union([z.array(AtSchema), z.array(z.union([z.string(), z.number()]))]).optional(),
  // doccano's comments on the example: texts, or records with the text.
  Comments: z.array(z.unknown()).optional(),
  parley: z
    .object({
      document: z.object({ id: z.string().min(1).max(200), title: z.string(), source: SourceSchema, sha256: z.string().optional() }).optional(),
      annotator: z.string().min(1).optional(),
      status: z.enum(STATUSES).optional(),
      fields: z.record(z.string(), z.string()).optional(),
      mentions: z.array(z.object({ at: AtSchema }).passthrough()).optional(),
      frames: z.array(z.object({ at: AtSchema, roles: SkeletonSchema.optional() }).passthrough()).optional(),
      relations: z.array(z.object({ rel: z.tuple([AtSchema, AtSchema, z.string()]) }).passthrough()).optional(),
      entities: z.array(EntitySchema).optional(),
    })
    .optional(),
});

/** Extras by offsets and label, several per key in file order. */
function byAt<T extends { at: At }>(items: T[] | undefined): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items ?? []) {
    const k = key(item.at);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** A doccano comment: its text, or the text of a comment record. */
function commentText(c: unknown): string {
  if (typeof c === 'string') return c;
  if (isRecord(c)) for (const k of ['text', 'comment']) if (typeof c[k] === 'string') return c[k];
  return '';
}

/**
 * A record whose project named its text and label columns otherwise (doccano's
 * column_data and column_label import settings), renamed to "text" and "label":
 * by the options, else detected when the record has no "text" and exactly one
 * string field and one field of [start, end, label] arrays.
 */
function renamed(value: unknown, options: ImportOptions): unknown {
  if (!isRecord(value)) return value;
  let textField = options.textField;
  let labelField = options.labelField;
  if (textField === undefined && !('text' in value)) {
    const strings = Object.keys(value).filter((k) => k !== 'id' && typeof value[k] === 'string');
    if (strings.length === 1) textField = strings[0];
  }
  if (labelField === undefined && textField !== undefined && !('entities' in value) && !('label' in value)) {
    const spans = Object.keys(value).filter((k) => Array.isArray(value[k]) && (value[k] as unknown[]).every((x) => AtSchema.safeParse(x).success) && (value[k] as unknown[]).length > 0);
    if (spans.length === 1) labelField = spans[0];
  }
  if (textField === undefined && labelField === undefined) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === textField) out.text = v;
    else if (k === labelField) out.label = v;
    else if (k !== 'text' || textField === undefined) out[k] = v;
  }
  return out;
}

function readRecord(value: unknown, file: string, line: number, session: ImportSession, ids: UniqueIds, unit: ReadUnit, hint: UnitHint, options: ImportOptions): void {
  const record = shaped(RecordSchema, renamed(value, options));
  const extra = record.parley;
  for (const [i, e] of (extra?.entities ?? []).entries()) session.entity(e, file, ['parley', 'entities', i]);
  const text = record.text;
  const offsets = new TextOffsets(text, unit, hint);
  const annotator = extra?.annotator ?? IMPORTED_ANNOTATOR;
  const spanLabels = (record.label ?? []).filter((x): x is At => Array.isArray(x));
  const entities = (record.entities ?? spanLabels).map((e, i) => (Array.isArray(e) ? { id: i + 1, start_offset: e[0], end_offset: e[1], label: e[2] } : e));
  const categories = [...(record.cats ?? []), ...(record.label ?? []).filter((x) => !Array.isArray(x))].map(String);
  const mentionExtras = byAt(extra?.mentions as { at: At }[] | undefined);
  const frameExtras = byAt(extra?.frames as { at: At; roles?: z.infer<typeof SkeletonSchema> }[] | undefined);
  const warn = (message: string) => session.warnings.push(`${file}:${line}: ${message}`);

  const mentions: Mention[] = [];
  const mentionOf = new Map<string, string>();
  const triggers = new Map<string, { at: At; index: number }>();
  entities.forEach((e, i) => {
    const path = record.entities ? ['entities', i] : ['label', i];
    const span = offsets.span(e.start_offset, e.end_offset, path);
    const at: At = [e.start_offset, e.end_offset, e.label];
    if (session.schema.frameTypes.has(e.label)) {
      triggers.set(String(e.id), { at, index: i });
      return;
    }
    const ex = mentionExtras.get(key(at))?.shift();
    const m = session.mention({ label: e.label, start: span.start, end: span.end, quote: text.slice(span.start, span.end) }, ex ? omit(ex, ['at']) : {}, annotator, path);
    mentionOf.set(String(e.id), m.id);
    mentions.push(m);
  });

  const relations = new Map<string, Map<string, string[]>>();
  const frames: Frame[] = [];
  /** Relation frames with their place among the layer's frames, when the extras kept it. */
  const placed: { order: number; frame: Frame }[] = [];
  const entityAt = new Map(entities.map((e) => [String(e.id), [e.start_offset, e.end_offset, e.label] as At]));
  const relationExtras = new Map<string, Record<string, unknown>[]>();
  for (const x of extra?.relations ?? []) relationExtras.set(JSON.stringify(x.rel), [...(relationExtras.get(JSON.stringify(x.rel)) ?? []), x]);
  (record.relations ?? []).forEach((r, i) => {
    const trigger = triggers.get(String(r.from_id));
    const target = mentionOf.get(String(r.to_id));
    const source = mentionOf.get(String(r.from_id));
    if (source !== undefined && target !== undefined) {
      // A relation between two mentions: a frame of the relation's type, its first role the source.
      const def = session.relationTypes.use(r.type, 'directed', DEFAULT_ROLES, String(record.id ?? `doccano-${line}`));
      if (!def) return;
      if (def.roles.length !== 2) throw new InputError(`${def.name} is a frame type with ${def.roles.length} role(s); a relation between two entities needs one with two`, ['relations', i, 'type']);
      const ex = relationExtras.get(JSON.stringify([entityAt.get(String(r.from_id)), entityAt.get(String(r.to_id)), r.type]))?.shift() ?? {};
      const [a, b] = [mentions.find((m) => m.id === source)!, mentions.find((m) => m.id === target)!];
      const kept = omit(ex, ['rel', 'order']);
      const evidence = isRecord(kept.evidence) ? kept.evidence : relationEvidence(text, a, b);
      const frame = session.frame({ ...kept, type: def.name, evidence, roles: { [def.roles[0].name]: [{ kind: 'mention', mentionId: source }], [def.roles[1].name]: [{ kind: 'mention', mentionId: target }] } }, annotator, ['relations', i]);
      if (typeof ex.order === 'number') placed.push({ order: ex.order, frame });
      else frames.push(frame);
      return;
    }
    if (!trigger || target === undefined) {
      warn(`relation ${r.id ?? i + 1} (${r.type}) does not go from a frame's evidence or a mention to a mention; skipped`);
      return;
    }
    const def = session.schema.frameTypes.get(trigger.at[2])!;
    if (!def.roles.some((x) => x.name === r.type)) {
      throw new InputError(`${def.name} has no role ${JSON.stringify(r.type)}; expected ${def.roles.map((x) => x.name).join(', ')}`, ['relations', i, 'type']);
    }
    const byRole = relations.get(String(r.from_id)) ?? new Map<string, string[]>();
    relations.set(String(r.from_id), byRole);
    byRole.set(r.type, [...(byRole.get(r.type) ?? []), target]);
  });

  for (const [entityId, trigger] of triggers) {
    const path = ['entities', trigger.index];
    const span = offsets.span(trigger.at[0], trigger.at[1], path);
    const ex = frameExtras.get(key(trigger.at))?.shift();
    const roles = fillSkeleton(ex?.roles, relations.get(entityId) ?? new Map(), warn);
    const rest = ex ? omit(ex, ['at', 'roles']) : {};
    frames.push(session.frame({ ...rest, type: trigger.at[2], evidence: { ...span, quote: text.slice(span.start, span.end) }, roles }, annotator, path));
  }

  // Relation frames go back to their place among the others.
  for (const p of placed.sort((x, y) => x.order - y.order)) frames.splice(Math.min(p.order, frames.length), 0, p.frame);
  const comments = (record.Comments ?? []).map(commentText).filter((c) => c.trim() !== '');
  const fields = { ...(extra?.fields ?? {}) };
  // Parley has no note on a whole document; doccano's comments are kept in a document field of that name.
  if (comments.length) fields[COMMENTS_FIELD] = [fields[COMMENTS_FIELD], ...comments].filter((c) => c !== undefined).join('\n\n');
  // Parley labels spans, not whole documents: doccano's document categories are kept in a document field.
  if (categories.length) fields[CATEGORIES_FIELD] = categories.join(', ');
  const side = extra?.document;
  const fallbackId = record.id !== undefined ? String(record.id) : `doccano-${line}`;
  session.finish({
    document: {
      id: side?.id ?? ids.take(fallbackId),
      title: side?.title ?? titleFromText(text, fallbackId),
      text,
      source: side?.source ?? {},
      ...(side?.sha256 !== undefined ? { sha256: side.sha256 } : {}),
    },
    annotator,
    status: extra?.status ?? (mentions.length || frames.length ? 'in_progress' : 'not_started'),
    mentions,
    frames,
    fields,
  });
}

function read(files: ImportFile[], ctx: DatasetContext, options: ImportOptions = {}): ImportResult {
  const session = new ImportSession(ctx, options);
  const ids = new UniqueIds();
  const unit = options.offsets ?? DEFAULT_UNIT;
  const skip = skipper(session, options);
  for (const file of files) {
    const text = checkFile(file, session.warnings);
    const tool = unit === DEFAULT_UNIT ? 'doccano' : unit === 'grapheme' ? 'doccano (counting grapheme clusters as one character)' : 'doccano 0.x';
    const hint = session.unitHint(file.path, tool, unit === 'grapheme' ? 'utf16' : unit, true, ['utf16', 'codepoint', 'grapheme']);
    parseJsonRecords(text, file.path, (value, line) => readRecord(value, file.path, line, session, ids, unit, hint, options), skip);
  }
  return session.result();
}

/** A pretty-printed doccano export: records with a text and doccano's label fields, and none of Label Studio's. */
function looksLikeDoccanoJson(head: string): boolean {
  return /^\s*[[{]/.test(head) && /"text"\s*:/.test(head) && /"(entities|label|cats)"\s*:/.test(head) && !/"(annotations|predictions|data|spans|tokens)"\s*:/.test(head);
}

function detect(files: ImportFile[]): boolean {
  return files.some((f) => {
    if (extension(f.path) === 'json') return looksLikeDoccanoJson(f.text.slice(0, 4096));
    if (!['jsonl', 'ndjson'].includes(extension(f.path))) return false;
    const first = f.text.slice(0, 4096).split('\n', 1)[0];
    try {
      const v: unknown = JSON.parse(first);
      return isRecord(v) && typeof v.text === 'string' && (Array.isArray(v.entities) || Array.isArray(v.label)) && !('spans' in v) && !('tokens' in v);
    } catch {
      return /"start_offset"/.test(first);
    }
  });
}

export const doccano: FormatDef = {
  name: 'doccano',
  title: 'doccano JSONL',
  description: 'doccano sequence labelling with relations: entities and relations per document (UTF-16 offsets); frames as evidence spans with role relations.',
  canImport: true,
  canExport: true,
  offsetUnit: 'utf16',
  detect,
  createWriter,
  read,
};
