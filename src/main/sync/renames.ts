/**
 * Label renames across a merge. Renaming a label renames it in every layer
 * of the workspace at once, but a colleague may meanwhile have tagged with
 * the old name. The schema file keeps a log of renames; a merge that brings
 * a rename from one side renames the old name in every layer (and entity
 * type, and frame role) that the other side changed, inside the merge
 * commit, so the workspace moves to it in the same bulk change.
 */
import { entitiesKind, layerKind, schemaFileKind, type LabelRename, type SchemaFile } from '../store/kinds';
import { ENTITIES_FILE, SCHEMA_FILE } from '../workspace';
import { diffTrees, fs, git, readTreeMap, type GitCache } from './objects';
import { blobJson } from './syncFiles';
import { updateTree } from './worktree';

const LAYER = /^annotations\/[^/]+\/[^/]+\.json$/;

const renamesIn = (schema: SchemaFile | null): LabelRename[] => schema?.renames ?? [];

/** The tree's schema file; a damaged one is refused (read as "no renames", the merge would keep the old names). */
async function schemaIn(gitdir: string, tree: string | null, cache: GitCache): Promise<SchemaFile | null> {
  const e = (await readTreeMap(gitdir, tree, cache)).get(SCHEMA_FILE);
  return e?.type === 'blob' ? blobJson(gitdir, e.oid, schemaFileKind, SCHEMA_FILE, cache) : null;
}

/**
 * The merged tree with renames that only one side had applied to what the
 * other side wrote; `ours`, `theirs` and `merged` are trees.
 */
export async function applyRenames(gitdir: string, ours: string | null, theirs: string | null, merged: string | null, cache: GitCache): Promise<string | null> {
  const schema = await schemaIn(gitdir, merged, cache);
  const log = renamesIn(schema);
  if (log.length === 0) return merged;
  const oursIds = new Set(renamesIn(await schemaIn(gitdir, ours, cache)).map((r) => r.id));
  const theirsIds = new Set(renamesIn(await schemaIn(gitdir, theirs, cache)).map((r) => r.id));
  const fromTheirs = log.filter((r) => !oursIds.has(r.id));
  const fromOurs = log.filter((r) => !theirsIds.has(r.id));
  if (!schema || (fromTheirs.length === 0 && fromOurs.length === 0)) return merged;

  const labels = new Set(schema.schema.labels.map((l) => l.name));
  const fresh = [...fromTheirs, ...fromOurs].sort((a, b) => a.at.localeCompare(b.at));
  /** A label's name after the renames, when it was renamed to a label the schema has (and is gone itself). */
  const renamed = (label: string): string => {
    if (labels.has(label)) return label;
    let name = label;
    for (const r of fresh) if (r.from === name) name = r.to;
    return labels.has(name) ? name : label;
  };

  // What one side renamed, the other side may have written since: the files where the merge differs from the renaming side.
  const touched = new Map<string, string>();
  for (const [renames, side] of [
    [fromTheirs, theirs],
    [fromOurs, ours],
  ] as const) {
    if (renames.length === 0) continue;
    for (const c of await diffTrees(gitdir, side, merged, cache)) if (c.after) touched.set(c.path, c.after);
  }
  const changes = new Map<string, string | null>();
  const write = async (path: string, data: unknown) => changes.set(path, await git.writeBlob({ fs, gitdir, blob: Buffer.from(JSON.stringify(data), 'utf8') }));
  for (const [path, oid] of touched) {
    if (LAYER.test(path)) {
      const layer = (await blobJson(gitdir, oid, layerKind, path, cache))!;
      if (!layer.mentions?.some((m) => renamed(m.label) !== m.label)) continue;
      layer.mentions = layer.mentions.map((m) => (renamed(m.label) === m.label ? m : { ...m, label: renamed(m.label) }));
      // Undo entries name the old label; as with a rename made here, the layer's history starts afresh.
      layer.history = { undo: [], redo: [] };
      layer.revision = (layer.revision ?? 0) + 1;
      await write(path, layer);
    } else if (path === ENTITIES_FILE) {
      const registry = (await blobJson(gitdir, oid, entitiesKind, path, cache))!;
      if (!registry.entities?.some((e) => renamed(e.type) !== e.type)) continue;
      registry.entities = registry.entities.map((e) => ({ ...e, type: renamed(e.type) }));
      await write(path, registry);
    }
  }
  // Frame roles the other side added may still name the old label.
  let rolesRenamed = false;
  for (const t of schema.schema.frameTypes)
    for (const r of t.roles) {
      const next = r.mentionLabels.map(renamed);
      if (next.some((n, i) => n !== r.mentionLabels[i])) {
        r.mentionLabels = [...new Set(next)];
        rolesRenamed = true;
      }
    }
  if (rolesRenamed) await write(SCHEMA_FILE, schema);
  return changes.size ? updateTree(gitdir, merged, changes, cache) : merged;
}
