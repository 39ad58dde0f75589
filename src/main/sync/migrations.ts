/**
 * Schema migrations across a merge. A migration runs on every layer of the
 * workspace where it is made; a colleague who synced meanwhile may have
 * written layers under the old schema. The schema's history says which
 * migrations each side lacked; the merge applies them to the layers (and
 * entity types) the other side wrote, inside the merge commit, so every
 * copy ends with the same labels.
 */
import { entitiesKind, layerKind, schemaFileKind } from '../store/kinds';
import { migrateLayer, type Migration } from '../../core/migrations';
import { withoutReverted } from '../../core/migrationUndo';
import { migrateEntities } from '../schemes/migrate';
import { ENTITIES_FILE, SCHEMA_FILE } from '../workspace';
import { diffTrees, fs, git, readTreeMap, type GitCache } from './objects';
import { blobJson } from './syncFiles';
import { updateTree } from './worktree';

const LAYER = /^annotations\/[^/]+\/[^/]+\.json$/;

async function historyIn(gitdir: string, tree: string | null, cache: GitCache): Promise<Migration[]> {
  const e = (await readTreeMap(gitdir, tree, cache)).get(SCHEMA_FILE);
  if (e?.type !== 'blob') return [];
  // A damaged schema is refused: read as "no steps", the merge would leave the other side's layers under old labels.
  return (await blobJson(gitdir, e.oid, schemaFileKind, SCHEMA_FILE, cache))?.migrations ?? [];
}

/** The merged tree with each side's migrations applied to what the other side wrote. */
export async function applyMigrations(gitdir: string, ours: string | null, theirs: string | null, merged: string | null, cache: GitCache): Promise<string | null> {
  const log = await historyIn(gitdir, merged, cache);
  if (log.length === 0) return merged;
  const oursIds = new Set((await historyIn(gitdir, ours, cache)).map((m) => m.id));
  const theirsIds = new Set((await historyIn(gitdir, theirs, cache)).map((m) => m.id));
  const byTime = (a: Migration, b: Migration) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id);
  // What only one side ran, the other side's writes still need.
  const sides = [
    { missing: log.filter((m) => !oursIds.has(m.id)).sort(byTime), ran: theirs },
    { missing: log.filter((m) => !theirsIds.has(m.id)).sort(byTime), ran: ours },
  ];
  const todo = new Map<string, { oid: string; steps: Migration[] }>();
  for (const { missing, ran } of sides) {
    if (missing.length === 0) continue;
    for (const c of await diffTrees(gitdir, ran, merged, cache)) {
      if (!c.after) continue;
      const t = todo.get(c.path) ?? { oid: c.after, steps: [] };
      t.steps.push(...missing);
      todo.set(c.path, t);
    }
  }
  const changes = new Map<string, string | null>();
  const write = async (path: string, data: unknown) => changes.set(path, await git.writeBlob({ fs, gitdir, blob: Buffer.from(JSON.stringify(data), 'utf8') }));
  const version = log.reduce((v, m) => Math.max(v, m.version), 0);
  for (const [path, { oid, steps: given }] of todo) {
    const steps = withoutReverted(given.sort(byTime));
    if (LAYER.test(path)) {
      const before = (await blobJson(gitdir, oid, layerKind, path, cache))!;
      let layer = before;
      for (const s of steps) layer = migrateLayer(layer, s.op).layer;
      if (layer === before) continue;
      layer = { ...layer, schemaVersion: version, history: { undo: [], redo: [] }, revision: (before.revision ?? 0) + 1 };
      await write(path, layer);
    } else if (path === ENTITIES_FILE) {
      const registry = (await blobJson(gitdir, oid, entitiesKind, path, cache))!;
      let entities = registry.entities;
      for (const s of steps) entities = migrateEntities(entities, s.op) ?? entities;
      if (entities !== registry.entities) await write(path, { ...registry, entities });
    }
  }
  return changes.size ? updateTree(gitdir, merged, changes, cache) : merged;
}
