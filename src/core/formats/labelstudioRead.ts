/** Reads Label Studio tasks (full exports and JSON-MIN) into documents and layers, one layer per annotation. */
import type { z } from 'zod';
import type { Frame, Mention } from '../model';
import { IMPORTED_ANNOTATOR, ImportSession, isRecord, omit, TextOffsets } from './assemble';
import { fillSkeleton, relationEvidence, SkeletonSchema } from './extras';
import { DEFAULT_ROLES } from './relationTypes';
import { badInput, checkFile, extension, InputError } from './input';
import { lineOfPath, parseJson, shaped } from './json';
import { fromJsonMin, isFullTask } from './labelstudioMin';
import { newCounts, predictedMentions, reportCounts, type Counts } from './labelstudioPredictions';
import { CONFIG, DEFAULT_UNIT, resultOf, TaskSchema, type Extras, type PredictionSchema, type UnitOf } from './labelstudioTask';
import { slug, titleFromText, UniqueIds } from './names';
import type { DatasetContext, DatasetDocument, ImportFile, ImportOptions, ImportResult } from './types';

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
    const { span, quote } = offsets.quotedAcrossLines(value.start, value.end, value.text, at, [...at, 'text'], warn);
    const id = item.id === undefined ? `#${i}` : String(item.id);
    const note = item.meta?.text?.length ? { note: item.meta.text.join('\n') } : {};
    for (const label of value.labels) {
      if (session.schema.frameTypes.has(label)) {
        triggers.set(id, { span, type: label, attrs: {}, note, index: i });
        continue;
      }
      // Label Studio allows several labels on one region; each becomes a mention of its own.
      const extra = value.labels.length === 1 ? regions[id] : undefined;
      const keepId = value.labels.length === 1 && item.id !== undefined;
      const m = session.mention({ label, start: span.start, end: span.end, quote }, { ...(extra ?? {}), ...(keepId ? { id } : {}), ...note }, annotator, [...at, 'labels']);
      if (!mentionOf.has(id)) mentionOf.set(id, m.id);
      mentions.push(m);
    }
  });
  const relations = new Map<string, Map<string, string[]>>();
  const relationExtras = new Map<string, Record<string, unknown>[]>();
  for (const x of extras?.relations ?? []) relationExtras.set(JSON.stringify(x.rel.map(String)), [...(relationExtras.get(JSON.stringify(x.rel.map(String))) ?? []), x]);
  const byMention = new Map(mentions.map((m) => [m.id, m]));
  const frames: Frame[] = [];
  /** Relation frames with their place among the layer's frames, when the extras kept it. */
  const placed: { order: number; frame: Frame }[] = [];
  items.forEach((item, i) => {
    if (item.type === 'choices') {
      const trigger = item.id === undefined ? undefined : triggers.get(String(item.id));
      if (trigger) trigger.attrs[item.from_name] = item.value.choices.join(',');
      else warn(`choices ${item.from_name} on region ${item.id} are not on a frame; skipped`);
    } else if (item.type === 'relation' && mentionOf.has(String(item.from_id)) && mentionOf.has(String(item.to_id))) {
      // A relation between two mentions: a frame of the relation's type (its label), the first role the source.
      const type = item.labels?.[0] ?? 'Relation';
      const def = session.relationTypes.use(type, item.direction === 'bi' ? 'undirected' : 'directed', DEFAULT_ROLES, `task ${Number(path[0]) + 1}`);
      if (!def) return;
      if (def.roles.length !== 2) throw new InputError(`${def.name} is a frame type with ${def.roles.length} role(s); a relation between two regions needs one with two`, [...path, i, 'labels']);
      const ends = [mentionOf.get(String(item.from_id))!, mentionOf.get(String(item.to_id))!];
      const [source, target] = item.direction === 'left' ? [ends[1], ends[0]] : ends;
      const ex = relationExtras.get(JSON.stringify([String(item.from_id), String(item.to_id), type]))?.shift() ?? {};
      const kept = omit(ex, ['rel', 'order']);
      const evidence = isRecord(kept.evidence) ? kept.evidence : relationEvidence(text, byMention.get(source)!, byMention.get(target)!);
      const roles = { [def.roles[0].name]: [{ kind: 'mention' as const, mentionId: source }], [def.roles[1].name]: [{ kind: 'mention' as const, mentionId: target }] };
      const frame = session.frame({ ...kept, type: def.name, evidence, roles }, annotator, [...path, i]);
      if (typeof ex.order === 'number') placed.push({ order: ex.order, frame });
      else frames.push(frame);
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
  for (const [id, t] of triggers) {
    const extra = regions[id] ?? {};
    const skel = SkeletonSchema.safeParse(extra.roles);
    const roles = fillSkeleton(skel.success ? skel.data : undefined, relations.get(id) ?? new Map(), warn);
    const evidence = { ...t.span, quote: text.slice(t.span.start, t.span.end) };
    frames.push(session.frame({ ...(id.startsWith('#') ? {} : { id }), ...omit(extra, ['frame', 'roles']), ...t.note, type: t.type, evidence, roles, attrs: t.attrs }, annotator, [...path, t.index]));
  }
  for (const p of placed.sort((x, y) => x.order - y.order)) frames.splice(Math.min(p.order, frames.length), 0, p.frame);
  return { mentions, frames };
}

/** Task fields Label Studio's image, audio, video and time-series projects read, and values that are a file's address. */
const MEDIA_FIELD = /^(image|img|audio|video|pdf|timeseries|ts|url|image_url|audio_url|video_url)$/i;
const MEDIA_VALUE = /^(https?:|s3:|gs:|azure-blob:|data:|\/data\/|\/)\S*$|\.(png|jpe?g|gif|bmp|tiff?|webp|svg|mp3|wav|ogg|flac|m4a|mp4|webm|avi|mov|pdf)$/i;

/** The task's text: data.text, or the one text field of a project whose Text tag reads another one ($document, $content). */
function taskText(data: Record<string, unknown>, path: (string | number)[], warn: (message: string) => void): string {
  if (typeof data.text === 'string') return data.text;
  const strings = Object.entries(data).filter(([k, v]) => typeof v === 'string' && k !== 'title');
  const media = strings.find(([k, v]) => MEDIA_FIELD.test(k) || MEDIA_VALUE.test((v as string).trim()));
  if (media && strings.length <= 1) {
    const kind = /audio|mp3|wav|ogg|flac|m4a/i.test(`${media[0]} ${String(media[1])}`) ? 'an audio' : /video|mp4|webm|avi|mov/i.test(`${media[0]} ${String(media[1])}`) ? 'a video' : /image|img|png|jpe?g|gif|bmp|tiff?|webp|svg/i.test(`${media[0]} ${String(media[1])}`) ? 'an image' : 'a non-text';
    throw new InputError(`this is ${kind} task (data.${media[0]} = ${JSON.stringify(media[1])}): Parley annotates text only; import the project's text tasks`, [...path, 'data', media[0]]);
  }
  if (strings.length === 1) {
    warn(`task ${Number(path[0]) + 1}: no data.text; the text was taken from data.${strings[0][0]}, the task's only text field`);
    return strings[0][1] as string;
  }
  const found = strings.length ? `; found ${strings.map(([k]) => `data.${k}`).join(', ')}` : '';
  throw new InputError(`expected the task text in data.text${found}`, [...path, 'data']);
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
    if (first && predictions.length) layer.mentions.push(...predictedMentions(text, predictions, layer.mentions, [i, 'predictions'], session, unit, count, warn));
    first = false;
    session.finish({ document, annotator, status: own?.status ?? 'in_progress', ...layer, fields: own?.fields ?? {} }, [i, 'annotations', j]);
  });
  if (first && predictions.length) {
    // A task with predictions only: a layer of suggestions.
    const mentions = predictedMentions(text, predictions, [], [i, 'predictions'], session, unit, count, warn);
    session.finish({ document, annotator: extras?.annotator ?? IMPORTED_ANNOTATOR, status: 'not_started', mentions, frames: [], fields: {} }, [i, 'predictions']);
  }
}

export function read(files: ImportFile[], ctx: DatasetContext, options: ImportOptions = {}): ImportResult {
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
      if (options.offsets === 'grapheme') throw badInput('Label Studio counts offsets in code points (or, before 2022, UTF-16 code units), never in grapheme clusters; choose codepoint or utf16', file.path);
      const unit = options.offsets ?? DEFAULT_UNIT;
      const hint = session.unitHint(file.path, unit === DEFAULT_UNIT ? 'Label Studio' : 'Label Studio 1.0', unit, true);
      const count = newCounts();
      tasks.forEach((task, i) => {
        try {
          readTask(isFullTask(task) || !isRecord(task) ? task : fromJsonMin(task), i, file.path, session, ids, warn, { unit, hint }, count);
        } catch (e) {
          // With the skip-invalid option a refused task (all its annotations) is left out and named.
          if (!(e instanceof InputError) || !options.skipInvalid) throw e;
          session.skipped++;
          const path = Array.isArray(value) ? e.path : e.path.slice(1);
          warn(`skipped: line ${lineOfPath(text, path)}: task ${i + 1}: ${e.message}`);
        }
      });
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
