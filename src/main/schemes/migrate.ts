/**
 * A schema migration run on the workspace: counted first (every analyst's
 * layers and gold), then applied to the schema, the entity registry and
 * every layer it touches as one crash-atomic bulk change (a snapshot taken
 * first, so `parley restore` puts it all back), and recorded in the
 * schema's history, which sync carries to colleagues (sync/renames.ts).
 */
import { randomBytes } from 'node:crypto';
import { describeMigration, planMigration, type MigrationPlan } from '../../core/migrationPlan';
import type { ReviewMention } from '../../core/api/schema';
import { ParleyError } from '../../core/errors';
import { mentionKey, migrateLayer, migrateSchema, type Migration, type MigrationOp } from '../../core/migrations';
import { migrationChange } from '../../core/migrationUndo';
import type { Entity, LabelSchema, Layer } from '../../core/model';
import { checkRevision, type Workspace } from '../workspace';
import { undoRecordPath, type MigrationUndoRecord } from './undoRecord';

/** Every layer of every analyst (and gold) on a document the workspace has. */
async function* allLayers(ws: Workspace): AsyncGenerator<Layer> {
  for (const annotator of await ws.annotators()) {
    for (const docId of await ws.layerIds(annotator)) {
      if (ws.has(docId)) yield (await ws.layer(annotator, docId)).data;
    }
  }
}

/** The words around a mention on its line, for reviewing it without opening the document. */
function context(text: string, start: number, end: number, width = 60): { before: string; after: string } {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', end);
  const from = Math.max(lineStart, start - width);
  const to = Math.min(lineEnd < 0 ? text.length : lineEnd, end + width);
  return { before: (from > lineStart ? '…' : '') + text.slice(from, start), after: text.slice(end, to) + (to < (lineEnd < 0 ? text.length : lineEnd) ? '…' : '') };
}

/** Every mention of `label` across the analysts' layers and gold, in context, document by document in the index's order. */
export async function labelMentions(ws: Workspace, label: string, limit = 5_000): Promise<{ mentions: ReviewMention[]; total: number }> {
  if (!ws.schema.labels.some((l) => l.name === label)) throw new ParleyError('not_found', `the schema has no label ${label}`);
  const mentions: ReviewMention[] = [];
  let total = 0;
  const annotators: [string, Set<string>][] = [];
  for (const a of await ws.annotators()) annotators.push([a, new Set(await ws.layerIds(a))]);
  for (const entry of ws.entries) {
    let text: string | null = null;
    for (const [annotator, ids] of annotators) {
      if (!ids.has(entry.id)) continue;
      for (const m of (await ws.layer(annotator, entry.id)).data.mentions) {
        if (m.label !== label) continue;
        total++;
        if (mentions.length >= limit) continue;
        text ??= (await ws.document(entry.id)).text;
        mentions.push({ key: mentionKey(annotator, entry.id, m.id), annotator, docId: entry.id, title: entry.title, quote: m.quote, ...context(text, m.start, m.end) });
      }
    }
  }
  return { mentions, total };
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
    case 'revertMigration':
      return op.labels[type] ?? null;
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
  if (op.op === 'revertMigration') throw new ParleyError('invalid_argument', 'an undo of a schema step runs as schema.undoMigration, from the record the step kept');
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
    const summary = describeMigration(op);
    // What the step changes, item by item, kept privately so Undo puts back exactly this.
    const record: MigrationUndoRecord = { version, id: migration.id, summary, schemaBefore: file.schema, schemaAfter: schema, layers: [], entityTypes: [] };
    for (const annotator of await ws.annotators()) {
      for (const docId of await ws.layerIds(annotator)) {
        if (!ws.has(docId)) continue;
        const { layer } = await tx.layer(annotator, docId);
        const r = migrateLayer(layer, op, entities.entities);
        if (r.layer === layer) continue;
        const change = migrationChange(layer, r.layer, `schema version ${version}: ${summary}`);
        if (change) record.layers.push({ annotator, docId, change });
        const next = { ...r.layer, schemaVersion: version };
        // Undo entries name what the step changed; as with a rename, the layer's history starts afresh.
        next.history = { undo: [], redo: [] };
        tx.setLayer(next);
      }
    }
    const types = migrateEntities(entities.entities, op);
    if (types) {
      const was = new Map(entities.entities.map((e) => [e.id, e.type]));
      record.entityTypes = types.filter((e) => was.get(e.id) !== e.type).map((e) => ({ id: e.id, before: was.get(e.id)!, after: e.type }));
      entities.entities = types;
    }
    file.schema = schema;
    file.migrations = [...history, migration];
    tx.setFile(undoRecordPath(version), JSON.stringify(record));
    return { migration, schema, plan };
  });
}

