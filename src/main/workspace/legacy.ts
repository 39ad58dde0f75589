/** Older workspaces kept schema, index and registry in one workspace.json; it is split into the three files on first open. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { commitFiles } from '../store/atomicCommit';
import { INDEX_FILE, splitWorkspaceFile, workspaceKind, type EntitiesFile, type IndexFile, type SchemaFile } from '../store/kinds';
import { FileOwner } from '../store/owner';
import { takeSnapshot } from '../store/snapshots';
import { ENTITIES_FILE, LEGACY_FILE, SCHEMA_FILE } from './layout';

/**
 * Splits an old workspace.json, when the folder has one and no schema.json
 * yet: in one crash-atomic step after a snapshot, or (read-only) in memory
 * only, the owners preset. Returns whether the owners were preset.
 */
export async function splitLegacy(root: string, readOnly: boolean, owners: { schema: FileOwner<SchemaFile>; index: FileOwner<IndexFile>; entities: FileOwner<EntitiesFile> }): Promise<boolean> {
  const legacy = join(root, LEGACY_FILE);
  if (!existsSync(legacy) || existsSync(owners.schema.path)) return false;
  const old = await new FileOwner(legacy, workspaceKind).read();
  const parts = splitWorkspaceFile(old);
  if (readOnly) {
    owners.schema.preset(parts.schema);
    owners.index.preset(parts.index);
    owners.entities.preset(parts.entities);
    return true;
  }
  const targets = [owners.schema.path, owners.index.path, owners.entities.path, legacy];
  await takeSnapshot(root, `split of ${LEGACY_FILE} into ${SCHEMA_FILE}, ${INDEX_FILE} and ${ENTITIES_FILE}`, targets);
  await commitFiles(root, `split of ${LEGACY_FILE}`, [
    { path: owners.schema.path, text: JSON.stringify(parts.schema, null, 1) },
    { path: owners.index.path, text: JSON.stringify(parts.index) },
    { path: owners.entities.path, text: JSON.stringify(parts.entities, null, 1) },
    { path: legacy, text: null },
  ]);
  return false;
}
