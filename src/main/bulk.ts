/**
 * A change of many layers as one crash-atomic step, with one undo. The new
 * layers are first written together as an intent record under
 * .parley/intents/ (durably, in one rename); only then is each layer file
 * replaced, and the intent removed last. A crash in between leaves the
 * intent, and the next open writes its layers again: the step is rolled
 * forward whole, never left half done. A crash before the intent is whole
 * leaves nothing to do: no layer was touched yet.
 *
 * The step is remembered under .parley/steps/ with the change it made to
 * each layer, so it can be undone as one step later.
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { commitChange, undo } from '../core/changes';
import { ParleyError } from '../core/errors';
import type { Change, Layer } from '../core/model';
import { checkChange } from '../core/validate';
import { writeFileDurable } from './store/durable';
import type { Workspace } from './workspace';

interface Intent {
  id: string;
  annotator: string;
  layers: Layer[];
}

/** What a step did, layer by layer, so it can be undone as one. */
export interface StepRecord {
  id: string;
  title: string;
  annotator: string;
  changes: Record<string, Change>;
}

const intentsDir = (ws: Workspace) => join(ws.root, '.parley', 'intents');
const stepsDir = (ws: Workspace) => join(ws.root, '.parley', 'steps');

async function writeLayers(ws: Workspace, annotator: string, layers: Layer[]): Promise<void> {
  for (const after of layers) {
    const db = await ws.layer(annotator, after.docId);
    db.data = after;
    await ws.saveLayer(db);
  }
}

/** Applies the intent's layers, then drops the intent. */
async function complete(ws: Workspace, intent: Intent, file: string): Promise<void> {
  await writeLayers(ws, intent.annotator, intent.layers);
  await rm(file, { force: true });
}

/**
 * Commits one change per document to `annotator`'s layers as one step.
 * Every change is checked first; nothing is written unless all are valid.
 */
export async function applyStep(ws: Workspace, annotator: string, title: string, changes: Map<string, Change>): Promise<StepRecord> {
  const layers: Layer[] = [];
  for (const [docId, change] of changes) {
    const db = await ws.layer(annotator, docId);
    if (ws.isStale(db.data)) throw new ParleyError('conflict', `the annotations for ${docId} were made for a different version of its text`, ws.layerPath(annotator, docId));
    checkChange(change, (await ws.document(docId)).text, ws.schema);
    const after = structuredClone(db.data);
    commitChange(after, change);
    if (after.status === 'not_started') after.status = 'in_progress';
    after.updatedAt = new Date().toISOString();
    layers.push(after);
  }
  const id = `step_${randomBytes(8).toString('hex')}`;
  const record: StepRecord = { id, title, annotator, changes: Object.fromEntries(changes) };
  await mkdir(intentsDir(ws), { recursive: true });
  await mkdir(stepsDir(ws), { recursive: true });
  await writeFileDurable(join(stepsDir(ws), `${id}.json`), JSON.stringify(record));
  const file = join(intentsDir(ws), `${id}.json`);
  await writeFileDurable(file, JSON.stringify({ id, annotator, layers } satisfies Intent));
  await complete(ws, { id, annotator, layers }, file);
  return record;
}

/**
 * Undoes a step in every layer where it is still the last change. Layers
 * changed again since keep their later work and are named in `skipped`.
 */
export async function undoStep(ws: Workspace, stepId: string): Promise<{ undone: string[]; skipped: string[] }> {
  if (!/^step_[0-9a-f]{16}$/.test(stepId)) throw new ParleyError('invalid_argument', `not a step id: ${stepId}`);
  let record: StepRecord;
  try {
    record = JSON.parse(await readFile(join(stepsDir(ws), `${stepId}.json`), 'utf8')) as StepRecord;
  } catch {
    throw new ParleyError('not_found', `no step ${stepId} in this workspace`);
  }
  const layers: Layer[] = [];
  const undone: string[] = [];
  const skipped: string[] = [];
  for (const [docId, change] of Object.entries(record.changes)) {
    const db = await ws.layer(record.annotator, docId);
    const last = db.data.history.undo.at(-1);
    if (!last || JSON.stringify(last) !== JSON.stringify(change)) {
      skipped.push(docId);
      continue;
    }
    const after = structuredClone(db.data);
    undo(after);
    after.updatedAt = new Date().toISOString();
    layers.push(after);
    undone.push(docId);
  }
  const id = `undo_${stepId}`;
  const file = join(intentsDir(ws), `${id}.json`);
  await mkdir(intentsDir(ws), { recursive: true });
  await writeFileDurable(file, JSON.stringify({ id, annotator: record.annotator, layers } satisfies Intent));
  await complete(ws, { id, annotator: record.annotator, layers }, file);
  await rm(join(stepsDir(ws), `${stepId}.json`), { force: true });
  return { undone, skipped };
}

/** Rolls forward every step a crash interrupted; run when a workspace is opened for writing. */
export async function recoverSteps(ws: Workspace): Promise<number> {
  let names: string[];
  try {
    names = (await readdir(intentsDir(ws))).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
  } catch {
    return 0;
  }
  for (const name of names) {
    const file = join(intentsDir(ws), name);
    let intent: Intent;
    try {
      intent = JSON.parse(await readFile(file, 'utf8')) as Intent;
    } catch {
      // The rename makes an intent whole or absent; one that does not parse was never ours to apply.
      throw new ParleyError('corrupt_file', 'an interrupted bulk change cannot be read; the layers it names were not changed. Move the file away to open the workspace.', file);
    }
    for (const layer of intent.layers) ws.forgetLayer(intent.annotator, layer.docId);
    await complete(ws, intent, file);
  }
  return names.length;
}
