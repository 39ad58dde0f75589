/**
 * Which documents an export writes, and what of each layer. The rules:
 *
 * - An export is one annotator's view ('gold' is an annotator like any
 *   other): a document is included when that annotator has a layer file for
 *   it. Documents they never touched are treated as 'not_started' with an
 *   empty layer, and are included only when the status filter names
 *   'not_started' (a way to export bare texts).
 * - A layer made for another version of its document's text (hash mismatch)
 *   is never exported: its offsets point into a text that is gone.
 * - Pending suggestions are never exported. With a label filter, only those
 *   labels' mentions are kept, and frame fillers that point at a mention left
 *   out are removed from the frame (the frame itself stays).
 */
import type { ExportRequest } from '../../core/api/datasets';
import { ParleyError } from '../../core/errors';
import type { DatasetDocument } from '../../core/formats/types';
import { emptyLayer, type DocumentRecord, type DocumentStatus, type Frame, type Layer, type Mention } from '../../core/model';
import { isUntouched } from '../../core/changes';
import { documentKind, layerKind } from '../store/kinds';
import { applyJournal } from '../store/journal';
import { readRequired } from '../store/jsonFile';
import type { Workspace } from '../workspace';

export interface Selection {
  annotator: string;
  statuses: Set<DocumentStatus> | null;
  labels: Set<string> | null;
}

export function selectionOf(ws: Workspace, request: ExportRequest, defaultAnnotator: string): Selection {
  const labels = request.labels?.length ? new Set(request.labels) : null;
  const known = new Set(ws.schema.labels.map((l) => l.name));
  for (const l of labels ?? []) {
    if (!known.has(l)) throw new ParleyError('invalid_argument', `unknown label ${l}; the schema's labels are ${[...known].join(', ') || '(none)'}`);
  }
  return {
    annotator: request.annotator ?? defaultAnnotator,
    statuses: request.statuses?.length ? new Set(request.statuses) : null,
    labels,
  };
}

/** What the selection left out on purpose, for the export's notes. */
export class SelectionStats {
  pending = 0;
  filtered = 0;
  fillers = 0;
  stale = 0;

  notes(selection: Selection): string[] {
    const out: string[] = [];
    if (this.pending) out.push(`${this.pending} pending suggestion(s) were left out`);
    if (this.filtered) out.push(`${this.filtered} mention(s) with labels other than ${[...selection.labels!].join(', ')} were left out (label filter)`);
    if (this.fillers) out.push(`${this.fillers} frame filler(s) pointing at mentions left out were removed from their frames`);
    if (this.stale) out.push(`${this.stale} document(s) were skipped: ${selection.annotator}'s layer was made for a different version of the text (see parley validate)`);
    return out;
  }
}

/** A damaged file met by an export: kept, and how to go on. */
const EXPORT_ADVICE = { advice: '. The file was left as it is: restore it from a backup or fix it by hand, then export again.' };

/** A document the export may write: it is in the index, and the annotator has a layer for it or the filter asks for untouched ones. */
export interface Candidate {
  docId: string;
  sha256: string;
  hasLayer: boolean;
}

export async function candidates(ws: Workspace, selection: Selection): Promise<Candidate[]> {
  const layers = new Set(await ws.layerIds(selection.annotator));
  const untouched = selection.statuses?.has('not_started') ?? false;
  const out: Candidate[] = [];
  for (const e of ws.entries) {
    const hasLayer = layers.has(e.id);
    if (hasLayer || untouched) out.push({ docId: e.id, sha256: e.sha256, hasLayer });
  }
  return out;
}

/** Reads the annotator's layer for a candidate; null when it is stale or filtered out by status. */
export async function readLayer(ws: Workspace, c: Candidate, selection: Selection, stats: SelectionStats): Promise<Layer | null> {
  let layer: Layer;
  if (c.hasLayer) {
    const path = ws.layerPath(selection.annotator, c.docId);
    layer = (await readRequired(path, layerKind, EXPORT_ADVICE)).data;
    await applyJournal(path, layer);
    if (layer.textHash !== c.sha256) {
      stats.stale++;
      return null;
    }
  } else layer = emptyLayer(c.docId, selection.annotator, c.sha256);
  if (selection.statuses && !selection.statuses.has(layer.status)) return null;
  // A layer holding only suggestions is one nobody worked on: it goes out only as the bare text asked for above.
  if (!selection.statuses && isUntouched(layer)) return null;
  return layer;
}

export async function readDocument(ws: Workspace, docId: string): Promise<DocumentRecord> {
  const path = ws.documentPath(docId);
  const doc = (await readRequired(path, documentKind, EXPORT_ADVICE)).data;
  if (doc.id !== docId) throw new ParleyError('corrupt_file', `names id ${doc.id} but the workspace lists it as ${docId}; run parley validate`, path);
  return doc;
}

/** The layer's mentions and frames as the filters leave them. */
export function filterLayer(layer: Layer, selection: Selection, stats: SelectionStats): { mentions: Mention[]; frames: Frame[] } {
  const mentions: Mention[] = [];
  const left = new Set<string>();
  for (const m of layer.mentions) {
    if (m.pending === true) {
      stats.pending++;
      left.add(m.id);
    } else if (selection.labels && !selection.labels.has(m.label)) {
      stats.filtered++;
      left.add(m.id);
    } else mentions.push(m);
  }
  if (left.size === 0) return { mentions, frames: layer.frames };
  const frames = layer.frames.map((f) => {
    let roles: Frame['roles'] | null = null;
    for (const [role, fillers] of Object.entries(f.roles)) {
      const kept = fillers.filter((x) => x.kind !== 'mention' || !left.has(x.mentionId));
      if (kept.length === fillers.length) continue;
      stats.fillers += fillers.length - kept.length;
      roles ??= { ...f.roles };
      roles[role] = kept;
    }
    return roles ? { ...f, roles } : f;
  });
  return { mentions, frames };
}

export function datasetDocument(doc: DocumentRecord, layer: Layer, selection: Selection, stats: SelectionStats): DatasetDocument {
  const { mentions, frames } = filterLayer(layer, selection, stats);
  return {
    document: { id: doc.id, title: doc.title, text: doc.text, source: doc.source, sha256: doc.sha256 },
    annotator: selection.annotator,
    status: layer.status,
    mentions,
    frames,
    fields: layer.fields,
  };
}
