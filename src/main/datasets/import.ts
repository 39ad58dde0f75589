/**
 * Import, first step: what the source holds, matched against the workspace,
 * becomes a plan (per document: add it, write a layer on a document already
 * here, or a conflict that is left alone). apply.ts writes it.
 *
 * Matching rules:
 * - A document whose id is here with the same text (sha256) gets a layer.
 *   With another text under that id it is a conflict, except for plain text
 *   and HTML, whose ids are made up from file names: those get a fresh id.
 * - A document whose id is not here but whose text is gets its labels put on
 *   that document (plain text and HTML: a duplicate, skipped).
 * - A layer is written only where the annotator has none, or an empty one:
 *   existing labels are never overwritten.
 * - Whose layer: the annotator asked for, else the one the files name, else
 *   the current analyst (files that do not say whose labels they hold).
 */
import { existsSync } from 'node:fs';
import type { ImportKind, ImportPlan, ImportPlanDocument, ImportRequest } from '../../core/api/datasets';
import { compareMentions } from '../../core/changes';
import { ParleyError, printable } from '../../core/errors';
import { IMPORTED_ANNOTATOR } from '../../core/formats';
import { slug } from '../../core/formats/names';
import type { DatasetDocument } from '../../core/formats/types';
import { AnnotatorNameSchema, DocIdSchema, FORMAT_VERSION, LayerSchema, type DocumentRecord, type Entity, type Layer } from '../../core/model';
import { layerKind } from '../store/kinds';
import { applyJournal } from '../store/journal';
import { readRequired } from '../store/jsonFile';
import { makeDocument, sha256, type Workspace } from '../workspace';
import type { WorkControl } from './jobs';
import { readSource } from './source';

/** One thing the import will write. */
export interface Write {
  docId: string;
  /** Set when the document is new. */
  record?: DocumentRecord;
  /** Set when a layer is written. */
  layer?: Layer;
}

export interface PreparedImport {
  plan: ImportPlan;
  writes: Write[];
  entities: Entity[];
}

/** Labels worth a layer: anything but an untouched, empty one. */
function hasLabels(d: DatasetDocument): boolean {
  return d.mentions.length > 0 || d.frames.length > 0 || Object.keys(d.fields).length > 0 || d.status !== 'not_started';
}

function annotatorFor(d: DatasetDocument, request: ImportRequest, current: string): string {
  const name = request.annotator ?? (d.annotator === IMPORTED_ANNOTATOR ? current : d.annotator);
  if (!AnnotatorNameSchema.safeParse(name).success) {
    throw new ParleyError(
      'bad_input',
      `the files say these labels are by ${JSON.stringify(name)}, which cannot be an annotator's folder name (letters, digits, dot, dash or underscore); choose whose layer they become with the annotator option (--annotator NAME)`,
    );
  }
  return name;
}

function linkedEntities(d: DatasetDocument, into: Set<string>): void {
  for (const m of d.mentions) if (m.entityId !== undefined) into.add(m.entityId);
  for (const f of d.frames) for (const xs of Object.values(f.roles)) for (const x of xs) if (x.kind === 'entity') into.add(x.entityId);
}

function describeLayer(l: Layer): string {
  const parts = [];
  if (l.mentions.length) parts.push(`${l.mentions.length} mention(s)`);
  if (l.frames.length) parts.push(`${l.frames.length} frame(s)`);
  if (Object.keys(l.fields).length) parts.push('document fields');
  return parts.join(', ') || `status ${l.status}`;
}

/** Why a layer cannot be written for this annotator and document, or null when it can. */
async function layerConflict(ws: Workspace, annotator: string, docId: string, isNew: boolean): Promise<string | null> {
  const path = ws.layerPath(annotator, docId);
  if (!existsSync(path)) return null;
  if (isNew) return `an old layer file for ${docId} is still on disk (${path}) though the workspace has no such document; move it away first`;
  let layer: Layer;
  try {
    layer = (await readRequired(path, layerKind)).data;
    await applyJournal(path, layer);
  } catch (e) {
    return `${annotator}'s layer for this document cannot be read (${(e as Error).message}); fix it or run parley validate`;
  }
  const existing: DatasetDocument = { document: { id: docId, title: '', text: '', source: {} }, annotator, status: layer.status, mentions: layer.mentions, frames: layer.frames, fields: layer.fields };
  if (!hasLabels(existing)) return null;
  return `${annotator} already has labels on this document (${describeLayer(layer)}); import them under another annotator name, or clear that layer first`;
}

/** The layer an import writes, checked whole; its mentions and frames are the reader's own (already checked), not copies. */
function layerOf(d: DatasetDocument, docId: string, annotator: string, textHash: string, now: string): Layer {
  return checkedLayer({
    version: FORMAT_VERSION,
    docId,
    annotator,
    textHash,
    status: d.status,
    mentions: [...d.mentions].sort(compareMentions),
    frames: d.frames,
    fields: d.fields,
    updatedAt: now,
    history: { undo: [], redo: [] },
  });
}

/** Throws as `LayerSchema.parse` does, but returns the layer itself rather than a copy of every mention. */
function checkedLayer(layer: Layer): Layer {
  LayerSchema.parse(layer);
  return layer;
}

/** Reads the source and decides what to do with each document. Writes nothing. */
export async function prepareImport(ws: Workspace, request: ImportRequest, currentAnnotator: string, control: WorkControl = {}): Promise<PreparedImport> {
  const source = await readSource(ws, request.paths, request.format, control, {
    offsets: request.offsets,
    skipInvalid: request.skipInvalid,
    tagColumn: request.tagColumn === undefined ? undefined : request.tagColumn - 1,
    textField: request.textField,
    labelField: request.labelField,
    labels: { map: request.labelMap, add: request.addLabels, undecided: 'list' },
  });
  const { documents, entities: defined, warnings } = source.result;
  const documentsOnly = source.kind === 'text' || source.kind === 'html';
  const here = new Map(ws.entries.map((e) => [e.id, e]));
  const hereByHash = new Map<string, string>();
  for (const e of ws.entries) if (!hereByHash.has(e.sha256)) hereByHash.set(e.sha256, e.id);
  const used = new Set(ws.entries.map((e) => e.id));
  const fresh = (base: string) => {
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    return id;
  };
  /** Documents this import adds, by id: their text hash. */
  const adding = new Map<string, string>();
  const layersPlanned = new Set<string>();
  const planned: ImportPlanDocument[] = [];
  const writes: Write[] = [];
  const linked = new Set<string>();
  const annotators = new Set<string>();
  const now = new Date().toISOString();

  for (const d of documents) {
    const annotator = annotatorFor(d, request, currentAnnotator);
    if (hasLabels(d)) annotators.add(annotator);
    const hash = sha256(d.document.text);
    const item: ImportPlanDocument = { id: d.document.id, title: d.document.title, mentions: d.mentions.length, frames: d.frames.length, action: 'add' };
    planned.push(item);
    const conflict = (reason: string) => {
      item.action = 'conflict';
      item.reason = reason;
    };
    if (d.document.sha256 !== undefined && d.document.sha256 !== hash) {
      warnings.push(`document ${d.document.id}: its text no longer matches the sha256 the file gives for it; the text was edited after export`);
    }

    let id = d.document.id;
    if (!DocIdSchema.safeParse(id).success) {
      id = fresh(slug(id));
      warnings.push(`document id ${JSON.stringify(d.document.id)} cannot be a file name; imported as ${id}`);
      item.id = id;
    }
    let target: { id: string; isNew: boolean } | null = null;
    const hereSame = here.get(id);
    const addingSame = adding.get(id);
    if (hereSame || addingSame !== undefined) {
      const sameText = (hereSame?.sha256 ?? addingSame) === hash;
      if (sameText) target = { id, isNew: !hereSame };
      else if (documentsOnly) {
        const renamed = fresh(id);
        warnings.push(`${d.document.source.file ?? id}: another document is already called ${id}; imported as ${renamed}`);
        item.id = id = renamed;
      } else {
        conflict(`a different document with the id ${id} is already ${hereSame ? 'in this workspace' : 'in these files'} (the texts differ); rename one of them`);
        continue;
      }
    }
    if (!target && hereByHash.has(hash)) {
      const other = hereByHash.get(hash)!;
      if (documentsOnly) {
        conflict(`already in this workspace as ${other} (same text)`);
        continue;
      }
      target = { id: other, isNew: false };
      item.id = other;
      item.reason = `the files call it ${d.document.id}; it has the same text as ${other} here`;
    }

    if (!target) {
      // A new document.
      if (existsSync(ws.documentPath(id))) {
        conflict(`a file for ${id} is already on disk (${ws.documentPath(id)}) though the workspace does not list it; move it away first`);
        continue;
      }
      used.add(id);
      adding.set(id, hash);
      const record = makeDocument(id, d.document.title, d.document.text, d.document.source, hash);
      const write: Write = { docId: id, record };
      if (hasLabels(d)) {
        const why = await layerConflict(ws, annotator, id, true);
        if (why) {
          conflict(why);
          used.delete(id);
          adding.delete(id);
          continue;
        }
        write.layer = layerOf(d, id, annotator, hash, now);
        layersPlanned.add(`${annotator}/${id}`);
      }
      writes.push(write);
      linkedEntities(d, linked);
      continue;
    }

    // Labels for a document already here (or added earlier in this import).
    item.action = 'layer';
    if (!hasLabels(d)) {
      conflict(`already ${target.isNew ? 'in these files' : 'in this workspace'} with the same text, and the files hold no labels for it`);
      continue;
    }
    if (layersPlanned.has(`${annotator}/${target.id}`)) {
      conflict(`the files hold ${annotator}'s labels for this document twice; only the first is imported`);
      continue;
    }
    const why = target.isNew ? null : await layerConflict(ws, annotator, target.id, false);
    if (why) {
      conflict(why);
      continue;
    }
    layersPlanned.add(`${annotator}/${target.id}`);
    writes.push({ docId: target.id, layer: layerOf(d, target.id, annotator, hash, now) });
    linkedEntities(d, linked);
  }

  const registry = new Map(ws.entities.map((e) => [e.id, e]));
  const entities: Entity[] = [];
  for (const e of defined) {
    if (!linked.has(e.id)) continue;
    const known = registry.get(e.id);
    if (!known) entities.push(e);
    else if (JSON.stringify(known) !== JSON.stringify(e)) warnings.push(`entity ${e.id} (${e.name}) differs from the one in this workspace; the workspace's was kept`);
  }

  const plan: ImportPlan = {
    format: source.kind as ImportKind,
    detected: source.detected,
    files: source.files,
    annotator: request.annotator ?? ([...annotators].join(', ') || currentAnnotator),
    documents: [...planned, ...source.unmatched],
    entities: entities.length,
    // Warnings quote the files (ids, names, labels): printed as text, whatever they hold.
    warnings: warnings.map(printable),
    labels: source.result.labels ?? { unknown: [], added: [], mapped: [], dropped: [] },
  };
  return { plan, writes, entities };
}
