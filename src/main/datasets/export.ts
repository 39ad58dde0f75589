/**
 * Export: one annotator's layers (filtered, see select.ts) written by a
 * format's writer, document by document, into a new folder or zip file,
 * optionally split into train/dev/test. Only one document's data is held at
 * a time (plus a few read ahead), so memory does not grow with the corpus.
 */
import { join, resolve, sep } from 'node:path';
import type { ExportPlan, ExportRequest, ExportResult } from '../../core/api/datasets';
import { ParleyError } from '../../core/errors';
import { FORMATS } from '../../core/formats';
import type { DatasetContext, ExportReport, FormatDef, FormatWriter } from '../../core/formats/types';
import type { Workspace } from '../workspace';
import { checkCancelled, type WorkControl } from './jobs';
import { isZipPath, OutputFiles, outIsTaken, placeOut, prepareOut, removeQuietly } from './output';
import { aheadInOrder as inOrder } from '../../core/async';
import { candidates, datasetDocument, filterLayer, readDocument, readLayer, selectionOf, SelectionStats, type Candidate, type Selection } from './select';
import { zipFolder } from './zip';
import { activeSplits, assignSplits, checkSplit, splitCounts, type SplitName } from './split';
import { diskFull } from '../store/durable';

/** Documents read ahead of the one being written: enough to keep the disk busy, few enough to keep memory flat. */
const READ_AHEAD = 8;

/** Checks a request before any work starts, so a mistake is reported at once rather than by a failed job. */
export function checkExport(ws: Workspace, request: ExportRequest, defaultAnnotator: string): void {
  exportFormat(request);
  checkOutside(ws, request.out);
  selectionOf(ws, request, defaultAnnotator);
}

/** An export inside documents/ or annotations/ would look like workspace files (a new annotator, say) to Parley itself. */
function checkOutside(ws: Workspace, out: string): void {
  const full = resolve(out);
  for (const folder of ['documents', 'annotations']) {
    const inner = join(ws.root, folder);
    if (full === inner || full.startsWith(inner + sep)) {
      throw new ParleyError('invalid_argument', `${full} is inside the workspace's ${folder} folder, where Parley keeps its own files; export somewhere else`, full);
    }
  }
}

/** Only Label Studio and doccano have had versions that count offsets differently; other formats have one unit. */
export function checkOffsetsOption(format: string, offsets: string | undefined): void {
  if (offsets !== undefined && format !== 'labelstudio' && format !== 'doccano') {
    throw new ParleyError('invalid_argument', `the offsets option applies to Label Studio and doccano only; ${format} has one unit (see docs/formats.md)`);
  }
}

function exportFormat(request: ExportRequest): FormatDef {
  const def = FORMATS[request.format];
  if (!def.canExport) {
    throw new ParleyError('invalid_argument', `${def.title} is import only; export to native JSONL (lossless) or brat to keep the texts and labels`);
  }
  if (request.split) checkSplit(request.split);
  checkOffsetsOption(request.format, request.offsets);
  return def;
}

async function selected(ws: Workspace, cands: Candidate[], selection: Selection, signal?: AbortSignal): Promise<{ ids: string[]; mentions: number; frames: number }> {
  const stats = new SelectionStats();
  const ids: string[] = [];
  let mentions = 0;
  let frames = 0;
  for await (const { c, layer } of inOrder(cands, async (c) => ({ c, layer: await readLayer(ws, c, selection, stats) }), READ_AHEAD)) {
    checkCancelled(signal);
    if (!layer) continue;
    const kept = filterLayer(layer, selection, stats);
    ids.push(c.docId);
    mentions += kept.mentions.length;
    frames += kept.frames.length;
  }
  return { ids, mentions, frames };
}

/** What an export would write, without writing anything. */
export async function planExport(ws: Workspace, request: ExportRequest, defaultAnnotator: string): Promise<ExportPlan> {
  exportFormat(request);
  const selection = selectionOf(ws, request, defaultAnnotator);
  const { ids, mentions, frames } = await selected(ws, await candidates(ws, selection), selection);
  const split = request.split;
  const counts = split ? splitCounts(ids.length, split) : null;
  return {
    documents: ids.length,
    mentions,
    frames,
    splits: split && counts ? activeSplits(split).map((name) => ({ name, documents: counts[name] })) : [],
    outExists: await outIsTaken(request.out),
  };
}

interface Target {
  writer: FormatWriter;
  files: OutputFiles;
}

export async function runExport(ws: Workspace, request: ExportRequest, defaultAnnotator: string, control: WorkControl = {}): Promise<ExportResult> {
  const def = exportFormat(request);
  checkOutside(ws, request.out);
  const selection = selectionOf(ws, request, defaultAnnotator);
  const { signal } = control;
  const zip = isZipPath(request.out);
  const { out, temp } = await prepareOut(request.out);
  const folder = zip ? join(temp, 'files') : temp;
  const targets = new Map<SplitName | '', Target>();
  try {
    const cands = await candidates(ws, selection);
    // A split needs the whole selection before the first document is written, so the layers are read twice.
    const assigned = request.split ? assignSplits((await selected(ws, cands, selection, signal)).ids, request.split) : null;
    const ctx: DatasetContext = { schema: ws.schema, entities: [...ws.entities], history: ws.schemaHistory };
    for (const name of request.split ? activeSplits(request.split) : ['' as const]) {
      const target = { writer: def.createWriter(ctx, { tagScheme: request.tagScheme, offsets: request.offsets }), files: new OutputFiles(name ? join(folder, name) : folder) };
      targets.set(name, target);
      await target.files.write(target.writer.begin());
    }

    const stats = new SelectionStats();
    let done = 0;
    control.progress?.(0, cands.length);
    const read = async (c: Candidate) => {
      const layer = await readLayer(ws, c, selection, stats);
      return { layer, doc: layer ? await readDocument(ws, c.docId) : null };
    };
    for await (const { layer, doc } of inOrder(cands, read, READ_AHEAD)) {
      checkCancelled(signal);
      if (layer && doc) {
        // A layer whose status changed after the split was drawn has no split; it is left out.
        const split = assigned ? assigned.get(doc.id) : '';
        const target = split === undefined ? undefined : targets.get(split);
        if (target) await target.files.write(target.writer.document(datasetDocument(doc, layer, selection, stats)));
      }
      control.progress?.(++done, cands.length);
    }

    let files = 0;
    const reports: { name: string; report: ExportReport }[] = [];
    for (const [name, t] of targets) {
      await t.files.write(t.writer.end());
      await t.files.close();
      files += t.files.count;
      reports.push({ name, report: t.writer.report() });
    }
    const report = mergeReports(reports, stats.notes(selection));
    if (report.documents === 0) throw await nothingToExport(ws, selection, stats);
    checkCancelled(signal);
    if (zip) {
      const archive = join(temp, 'export.zip');
      files = await zipFolder(folder, archive, signal);
      await placeOut(archive, out, 'file');
      await removeQuietly(temp);
    } else await placeOut(temp, out, 'folder');
    return { out, files, report };
  } catch (e) {
    await Promise.all([...targets.values()].map((t) => t.files.abandon()));
    await removeQuietly(temp);
    throw diskFull(e, out) ?? e;
  }
}

async function nothingToExport(ws: Workspace, selection: Selection, stats: SelectionStats): Promise<ParleyError> {
  const others = (await ws.annotators()).filter((a) => a !== selection.annotator);
  const status = selection.statuses ? ` with status ${[...selection.statuses].join(' or ')}` : '';
  const hints: string[] = [];
  if (stats.stale) hints.push(`${stats.stale} of their layers were made for another version of the text (see parley validate).`);
  if (others.length) hints.push(`Annotators with layers here: ${others.join(', ')}.`);
  if (!selection.statuses?.has('not_started')) hints.push('To export texts nobody has labelled, include the status not_started.');
  return new ParleyError('invalid_argument', `nothing to export: no document has a layer by ${selection.annotator}${status}. ${hints.join(' ')}`.trim());
}

/**
 * One report for an export written by several writers (one per split):
 * counts and drops are summed; a note every writer made is kept once, others
 * are prefixed with their split's name.
 */
export function mergeReports(reports: { name: string; report: ExportReport }[], notes: string[]): ExportReport {
  const dropped = new Map<string, number>();
  const total = { documents: 0, mentions: 0, frames: 0 };
  const shared = reports.length ? reports.map((r) => new Set(r.report.notes)).reduce((a, b) => new Set([...a].filter((n) => b.has(n)))) : new Set<string>();
  const allNotes = new Set<string>([...notes, ...shared]);
  for (const { name, report: r } of reports) {
    total.documents += r.documents;
    total.mentions += r.mentions;
    total.frames += r.frames;
    for (const d of r.dropped) dropped.set(d.reason, (dropped.get(d.reason) ?? 0) + d.count);
    for (const n of r.notes) if (!shared.has(n)) allNotes.add(`${name}: ${n}`);
    if (name) allNotes.add(`${name}: ${r.documents} documents, ${r.mentions} mentions, ${r.frames} frames`);
  }
  return { ...total, dropped: [...dropped].map(([reason, count]) => ({ reason, count })), notes: [...allNotes] };
}
