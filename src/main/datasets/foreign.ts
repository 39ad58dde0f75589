/**
 * Another analyst's Parley workspace as an import source: the layers in its
 * annotations/<annotator>/ folders, for documents that exist here with the
 * same text (matched by sha256, so a renamed document still matches). The
 * other workspace is only read, never written.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ImportPlanDocument } from '../../core/api/datasets';
import { ParleyError } from '../../core/errors';
import { ImportSession } from '../../core/formats/assemble';
import { badInput, InputError } from '../../core/formats/input';
import { lineOfPath } from '../../core/formats/json';
import type { DatasetContext, DatasetDocument, ImportResult } from '../../core/formats/types';
import type { Entity, Layer } from '../../core/model';
import { layerKind } from '../store/kinds';
import { applyJournal } from '../store/journal';
import { parseFile } from '../store/jsonFile';
import { ENTITIES_FILE, SCHEMA_FILE, Workspace } from '../workspace';
import { filterLayer, SelectionStats } from './select';

export interface ForeignLayers {
  result: ImportResult;
  /** Layers for documents this workspace does not have: listed in the plan, never applied. */
  unmatched: ImportPlanDocument[];
  files: number;
}

export async function openForeign(dir: string, here: Workspace): Promise<Workspace> {
  const root = resolve(dir);
  if (root === here.root) throw new ParleyError('invalid_argument', 'this is the open workspace; pick another analyst\'s workspace folder to import their layers', root);
  try {
    return await Workspace.open(root, { readOnly: true });
  } catch (e) {
    if (e instanceof ParleyError && e.code === 'not_found') {
      throw new ParleyError('bad_input', `not a Parley workspace folder (it has no ${SCHEMA_FILE}); pick the folder that holds another analyst's workspace`, root);
    }
    throw e;
  }
}

/** Reads a layer file as the workspace would (migrated, validated), keeping its text for line numbers. */
async function readLayerFile(path: string): Promise<{ layer: Layer; text: string }> {
  const text = await readFile(path, 'utf8');
  try {
    const layer = parseFile(text, layerKind, path).data;
    // Edits made since the file was written are in its journal.
    await applyJournal(path, layer);
    return { layer, text };
  } catch (e) {
    if (e instanceof ParleyError) throw new ParleyError('bad_input', e.message, path, e.line);
    throw e;
  }
}

function isEmpty(layer: Layer): boolean {
  return layer.mentions.length === 0 && layer.frames.length === 0 && Object.keys(layer.fields).length === 0 && layer.status === 'not_started';
}

function linkedEntities(doc: DatasetDocument): Set<string> {
  const ids = new Set<string>();
  for (const m of doc.mentions) if (m.entityId !== undefined) ids.add(m.entityId);
  for (const f of doc.frames) for (const xs of Object.values(f.roles)) for (const x of xs) if (x.kind === 'entity') ids.add(x.entityId);
  return ids;
}

export async function readForeignLayers(dir: string, here: Workspace, ctx: DatasetContext): Promise<ForeignLayers> {
  const there = await openForeign(dir, here);
  const session = new ImportSession(ctx);
  // Layers written before this workspace's migrations that the other copy never ran are migrated on the way in.
  const ran = new Set(there.schemaHistory.map((m) => m.id));
  session.missing((ctx.history ?? []).filter((m) => !ran.has(m.id)), there.root);
  const registry = new Map<string, Entity>(there.entities.map((e) => [e.id, e]));
  const localById = new Map(here.entries.map((e) => [e.id, e]));
  const localByHash = new Map<string, string>();
  for (const e of here.entries) if (!localByHash.has(e.sha256)) localByHash.set(e.sha256, e.id);
  const unmatched: ImportPlanDocument[] = [];
  const taken = new Set<string>();
  const stats = new SelectionStats();
  let files = 0;
  let stale = 0;
  let empty = 0;

  for (const annotator of await there.annotators()) {
    for (const id of (await there.layerIds(annotator)).sort()) {
      const path = there.layerPath(annotator, id);
      const entry = there.entries.find((e) => e.id === id);
      if (!entry) {
        session.warnings.push(`${path}: a layer for document ${id}, which that workspace does not list; skipped`);
        continue;
      }
      files++;
      const { layer: raw, text } = await readLayerFile(path);
      if (raw.textHash !== entry.sha256) {
        stale++;
        continue;
      }
      if (isEmpty(raw)) {
        empty++;
        continue;
      }
      const same = localById.get(id);
      const localId = same && same.sha256 === entry.sha256 ? id : localByHash.get(entry.sha256);
      const { mentions, frames } = filterLayer(raw, { annotator, statuses: null, labels: null }, stats);
      if (localId === undefined || taken.has(`${annotator}/${localId}`)) {
        unmatched.push({
          id,
          title: entry.title,
          mentions: mentions.length,
          frames: frames.length,
          action: 'conflict',
          reason:
            localId === undefined
              ? `${annotator}'s layer is for a document this workspace does not have (no document here has the same text); import the document first`
              : `another of ${annotator}'s layers in that workspace is for the same text (${localId}); only the first is imported`,
        });
        continue;
      }
      taken.add(`${annotator}/${localId}`);
      const local = await here.document(localId);
      const doc: DatasetDocument = {
        document: { id: local.id, title: local.title, text: local.text, source: local.source, sha256: local.sha256 },
        annotator,
        status: raw.status,
        mentions,
        frames,
        fields: raw.fields,
      };
      for (const ref of linkedEntities(doc)) {
        const e = registry.get(ref);
        if (e) session.entity(e, join(there.root, ENTITIES_FILE));
      }
      try {
        session.finish(doc);
      } catch (e) {
        if (e instanceof InputError) throw badInput(e.message, path, lineOfPath(text, e.path));
        throw e;
      }
    }
  }
  if (stale) session.warnings.push(`${stale} layer(s) were made for an older version of their text and were skipped`);
  if (empty) session.warnings.push(`${empty} empty layer(s) were skipped`);
  if (stats.pending) session.warnings.push(`${stats.pending} pending suggestion(s) were left out: they are suggestions, not labels`);
  return { result: session.result(), unmatched, files };
}
