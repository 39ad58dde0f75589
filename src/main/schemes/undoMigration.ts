/**
 * Undoing a schema migration as one step: the schema as it was, every
 * mention and frame the step changed put back exactly (from the record the
 * step kept), entity types as they were, all in one crash-atomic bulk
 * change, and the undo itself recorded in the schema's history as a step
 * of its own, which sync carries to colleagues.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ParleyError } from '../../core/errors';
import { deepEqual } from '../../core/merge/records';
import { migrateLayer, type Migration, type MigrationOp } from '../../core/migrations';
import { restoreLayer, revertLabels, type Restored } from '../../core/migrationUndo';
import type { LabelSchema } from '../../core/model';
import type { Workspace } from '../workspace';
import { migrateEntities } from './migrate';
import { readJsonFile } from '../store/jsonFile';
import { undoRecordKind, undoRecordPath, type MigrationUndoRecord } from './undoRecord';

export interface MigrationUndone extends Restored {
  migration: Migration;
  schema: LabelSchema;
  layers: number;
}

const newestOf = (history: readonly Migration[]): Migration | undefined => history.reduce<Migration | undefined>((a, m) => (!a || m.version > a.version ? m : a), undefined);

async function readRecord(ws: Workspace, step: Migration): Promise<MigrationUndoRecord> {
  // A damaged record is refused by file and line, and kept: an undo from part of it would not put back what the step changed.
  const record = (await readJsonFile(join(ws.root, undoRecordPath(step.version)), undoRecordKind))?.data;
  if (!record || record.id !== step.id) {
    throw new ParleyError(
      'not_found',
      `this copy of the workspace has no record of what schema version ${step.version} changed (it was made in another copy, or undone already); parley restore --workspace ${ws.root} --list shows the snapshot taken before it`,
    );
  }
  return record;
}

/** The newest schema step, when this copy can undo it: what the app offers Undo for after a reload. */
export async function undoableMigration(ws: Workspace): Promise<Migration | null> {
  const step = newestOf(ws.schemaHistory);
  if (!step || step.op.op === 'revertMigration') return null;
  try {
    await readRecord(ws, step);
    return step;
  } catch (e) {
    // No record here: nothing to offer. A damaged one is said, so Undo is not silently missing.
    if ((e as ParleyError).code === 'not_found') return null;
    throw e;
  }
}

/** Undoes schema version `version`, which must be the newest, in one step; items changed since it ran stay as they are and are counted. */
export async function undoSchemaMigration(ws: Workspace, version: number, author: string): Promise<MigrationUndone> {
  const step = newestOf(ws.schemaHistory);
  if (!step || step.version !== version) {
    throw new ParleyError('conflict', step ? `schema version ${step.version} (${step.op.op}) came after version ${version}: undo that first` : `the schema has no version ${version}`);
  }
  if (step.op.op === 'revertMigration') throw new ParleyError('invalid_argument', `schema version ${version} is itself an undo`);
  const record = await readRecord(ws, step);
  const op: MigrationOp = { op: 'revertMigration', version, of: step.id, summary: record.summary, schema: record.schemaBefore, labels: revertLabels(step.op, record.schemaBefore) };
  return ws.bulk(`undo of schema version ${version}: ${record.summary}`, async (tx) => {
    const file = await tx.schema();
    // Compared as saved: a schema read back from disk has no keys left undefined.
    const asSaved = (x: LabelSchema) => JSON.parse(JSON.stringify(x)) as never;
    if (!deepEqual(asSaved(file.schema), asSaved(record.schemaAfter))) {
      throw new ParleyError('conflict', `the schema was edited after version ${version} (${record.summary}); undoing it would lose that edit, so nothing was changed`, 'schema.json');
    }
    const newVersion = (file.migrations ?? []).reduce((v, m) => Math.max(v, m.version), 0) + 1;
    const at = new Date().toISOString();
    const migration: Migration = { version: newVersion, id: `${at} ${randomBytes(4).toString('hex')}`, at, author, op };
    const recorded = new Map(record.layers.map((l) => [`${l.annotator}/${l.docId}`, l.change]));
    const result: MigrationUndone = { migration, schema: record.schemaBefore, layers: 0, mentions: 0, frames: 0, skipped: 0 };
    for (const annotator of await ws.annotators()) {
      for (const docId of await ws.layerIds(annotator)) {
        if (!ws.has(docId)) continue;
        const { layer } = await tx.layer(annotator, docId);
        const change = recorded.get(`${annotator}/${docId}`);
        if (change) restoreLayer(layer, change, result);
        // What the record does not name (tagged with a label the step made, since) goes back to where that label came from.
        const rest = migrateLayer(layer, op).layer;
        if (!change && rest === layer) continue;
        result.layers++;
        tx.setLayer({ ...rest, schemaVersion: newVersion, history: { undo: [], redo: [] } });
      }
    }
    const entities = await tx.entities();
    const types = new Map(record.entityTypes.map((t) => [t.id, t]));
    let restoredTypes = entities.entities.map((e) => (types.get(e.id)?.after === e.type ? { ...e, type: types.get(e.id)!.before } : e));
    restoredTypes = migrateEntities(restoredTypes, op) ?? restoredTypes;
    if (restoredTypes.some((e, i) => e !== entities.entities[i])) entities.entities = restoredTypes;
    file.schema = record.schemaBefore;
    file.migrations = [...(file.migrations ?? []), migration];
    tx.setFile(undoRecordPath(version), null);
    return result;
  });
}
