/**
 * One change to many layers as one step: written through the workspace's
 * bulk change (all files or none, rolled forward on the next open after a
 * crash), and remembered under .parley/steps/ with the change it made to
 * each layer, so it can be undone as one step later.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { commitChange, undo } from '../core/changes';
import { ParleyError } from '../core/errors';
import { z } from 'zod';
import { AnnotatorNameSchema, ChangeSchema, type Change } from '../core/model';
import { checkChange } from '../core/validate';
import { writeFileDurable } from './store/durable';
import { readJsonFile, type FileKind } from './store/jsonFile';
import { PRIVATE_DIR } from './store/lock';
import type { Workspace } from './workspace';

/** What a step did, layer by layer, so it can be undone as one. */
export interface StepRecord {
  id: string;
  title: string;
  annotator: string;
  changes: Record<string, Change>;
}

const stepKind: FileKind<StepRecord> = {
  what: 'record of an undoable step',
  schema: z.object({ id: z.string(), title: z.string(), annotator: AnnotatorNameSchema, changes: z.record(z.string(), ChangeSchema) }),
};

const stepsDir = (ws: Workspace) => join(ws.root, PRIVATE_DIR, 'steps');

/**
 * Commits one change per document to `annotator`'s layers as one step.
 * Every change is checked first; nothing is written unless all are valid.
 */
export async function applyStep(ws: Workspace, annotator: string, title: string, changes: Map<string, Change>): Promise<StepRecord> {
  const id = `step_${randomBytes(8).toString('hex')}`;
  const record: StepRecord = { id, title, annotator, changes: Object.fromEntries(changes) };
  // The record goes first: a step that then fails names layers whose last change is not its own, and undoes nothing.
  await mkdir(stepsDir(ws), { recursive: true });
  await writeFileDurable(join(stepsDir(ws), `${id}.json`), JSON.stringify(record));
  await ws.bulk(title, async (tx) => {
    for (const [docId, change] of changes) {
      const { layer } = await tx.layer(annotator, docId);
      if (ws.isStale(layer)) throw new ParleyError('conflict', `the annotations for ${docId} were made for a different version of its text`, ws.layerPath(annotator, docId));
      checkChange(change, (await ws.document(docId)).text, ws.schema);
      commitChange(layer, change);
      if (layer.status === 'not_started') layer.status = 'in_progress';
      tx.setLayer(layer);
    }
  });
  return record;
}

/**
 * Undoes a step in every layer where it is still the last change, as one
 * step again. Layers changed since keep their later work and are named in `skipped`.
 */
export async function undoStep(ws: Workspace, stepId: string): Promise<{ undone: string[]; skipped: string[] }> {
  if (!/^step_[0-9a-f]{16}$/.test(stepId)) throw new ParleyError('invalid_argument', `not a step id: ${stepId}`);
  const file = join(stepsDir(ws), `${stepId}.json`);
  // A damaged record is refused by file and line and kept: undoing part of a step would be worse than not undoing it.
  const record = (await readJsonFile(file, stepKind))?.data;
  if (!record) throw new ParleyError('not_found', `no step ${stepId} in this workspace: it was undone already`);
  const undone: string[] = [];
  const skipped: string[] = [];
  await ws.bulk(`undo ${record.title}`, async (tx) => {
    for (const [docId, change] of Object.entries(record.changes)) {
      const { layer } = await tx.layer(record.annotator, docId);
      const last = layer.history.undo.at(-1);
      if (!last || JSON.stringify(last) !== JSON.stringify(change)) {
        skipped.push(docId);
        continue;
      }
      undo(layer);
      tx.setLayer(layer);
      undone.push(docId);
    }
  });
  await rm(file, { force: true });
  return { undone, skipped };
}
