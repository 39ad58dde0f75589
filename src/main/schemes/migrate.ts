/**
 * A schema migration run on the workspace: counted first (every analyst's
 * layers and gold), then applied to the schema, the entity registry and
 * every layer it touches as one crash-atomic bulk change (a snapshot taken
 * first, so `parley restore` puts it all back), and recorded in the
 * schema's history, which sync carries to colleagues (sync/renames.ts).
 */
import { randomBytes } from 'node:crypto';
import { describeMigration, planMigration, type MigrationPlan } from '../../core/migrationPlan';
import { migrateLayer, migrateSchema, type Migration, type MigrationOp } from '../../core/migrations';
import type { Entity, LabelSchema, Layer } from '../../core/model';
import { checkRevision, type Workspace } from '../workspace';

/** Every layer of every analyst (and gold) on a document the workspace has. */
async function* allLayers(ws: Workspace): AsyncGenerator<Layer> {
  for (const annotator of await ws.annotators()) {
    for (const docId of await ws.layerIds(annotator)) {
      if (ws.has(docId)) yield (await ws.layer(annotator, docId)).data;
    }
  }
}

export async function planSchemaMigration(ws: Workspace, op: MigrationOp): Promise<MigrationPlan> {
  const layers: Layer[] = [];
  for await (const l of allLayers(ws)) layers.push(l);
  return planMigration(ws.schema, layers, op, ws.entities);
}

/** Entity types follow the labels they are named after. */
function migrateEntityType(type: string, op: MigrationOp): string | null {
  switch (op.op) {
    case 'renameLabel':
      return type === op.from ? op.to : null;
    case 'mergeLabels':
      return op.from.includes(type) ? op.into : null;
    case 'deleteLabel':
      return type === op.name && op.relabelTo ? op.relabelTo : null;
    default:
      return null;
  }
}

export function migrateEntities(entities: readonly Entity[], op: MigrationOp): Entity[] | null {
  let changed = false;
  const next = entities.map((e) => {
    const type = migrateEntityType(e.type, op);
    if (type === null || type === e.type) return e;
    changed = true;
    return { ...e, type };
  });
  return changed ? next : null;
}

export interface MigrationResult {
  migration: Migration;
  schema: LabelSchema;
  plan: MigrationPlan;
}

/** Applies one step everywhere, as one bulk change; `baseRevision` refuses a step planned on a schema that has changed since. */
export async function runSchemaMigration(ws: Workspace, op: MigrationOp, author: string, baseRevision?: number): Promise<MigrationResult> {
  const plan = await planSchemaMigration(ws, op);
  // The snapshot's name: what `parley restore --list` shows.
  const title = op.op === 'renameLabel' ? `rename of label ${op.from} to ${op.to}` : `schema migration: ${describeMigration(op)}`;
  return ws.bulk(title, async (tx) => {
    const file = await tx.schema();
    checkRevision(file.revision, baseRevision, 'label schema', 'schema.json');
    const schema = migrateSchema(file.schema, op);
    const history = file.migrations ?? [];
    const version = history.reduce((v, m) => Math.max(v, m.version), 0) + 1;
    const at = new Date().toISOString();
    const migration: Migration = { version, id: `${at} ${randomBytes(4).toString('hex')}`, at, author, op };
    const entities = await tx.entities();
    for (const annotator of await ws.annotators()) {
      for (const docId of await ws.layerIds(annotator)) {
        if (!ws.has(docId)) continue;
        const { layer } = await tx.layer(annotator, docId);
        const r = migrateLayer(layer, op, entities.entities);
        if (r.layer === layer) continue;
        const next = { ...r.layer, schemaVersion: version };
        // Undo entries name what the step changed; as with a rename, the layer's history starts afresh.
        next.history = { undo: [], redo: [] };
        tx.setLayer(next);
      }
    }
    const types = migrateEntities(entities.entities, op);
    if (types) entities.entities = types;
    file.schema = schema;
    file.migrations = [...history, migration];
    return { migration, schema, plan };
  });
}

