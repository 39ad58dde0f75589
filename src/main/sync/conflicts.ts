/** Open sync conflicts: listed with both versions, resolved by choosing one. */
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { ParleyError } from '../../core/errors';
import { CONFLICTS_FILE, describeRecord, resolveInFile, withoutConflict, type SyncConflict } from '../../core/merge/files';
import { parseFile, readJsonFile, type FileKind } from '../store/jsonFile';
import { Workspace } from '../workspace';
import { conflictsKind } from './syncFiles';

const sharedJson: FileKind<unknown> = { what: 'shared file', schema: z.unknown() };

/** A damaged list is refused, never taken for "no conflicts": resolving against it would drop the others. */
const FIX = { advice: '; fix it by hand or take it from the shared history. The file was left as it is' };

export async function readConflicts(root: string): Promise<SyncConflict[]> {
  return (await readJsonFile(join(root, CONFLICTS_FILE), conflictsKind, FIX))?.data.conflicts ?? [];
}

export type Choice = 'ours' | 'theirs' | 'base';

/**
 * Puts the chosen version of a conflicting record into its file and drops
 * the conflict; the next sync sends the choice to everyone.
 */
export async function resolveConflict(dir: string, id: string, choice: Choice): Promise<SyncConflict> {
  const root = resolve(dir);
  const ws = await Workspace.open(root);
  try {
    // The record's file and the list of conflicts change together, while edits to them wait.
    return await ws.bulk(`resolution of a sync conflict`, async (tx) => {
      const listText = await tx.file(CONFLICTS_FILE);
      const all = listText === null ? [] : parseFile(listText, conflictsKind, join(root, CONFLICTS_FILE), FIX).data.conflicts;
      const conflict = all.find((c) => c.id === id) ?? (/^\d+$/.test(id) ? all[Number(id) - 1] : undefined);
      if (!conflict) throw new ParleyError('not_found', `no open conflict ${id}; parley conflicts --workspace ${dir} lists them`);
      const text = await tx.file(conflict.file);
      // The record goes into the file as it is now: one that does not parse is refused by file and line (a shared file's fields are checked by its owner on write).
      if (text !== null && conflict.path.length) parseFile(text, sharedJson, join(root, conflict.file), FIX);
      tx.setFile(conflict.file, resolveInFile(conflict, text, conflict[choice]));
      tx.setFile(CONFLICTS_FILE, JSON.stringify(withoutConflict({ version: 1, conflicts: all }, conflict.id), null, 1));
      return conflict;
    });
  } finally {
    ws.close();
  }
}

export function describeConflict(c: SyncConflict): string {
  const how = { both_changed: 'changed differently on both sides', both_added: 'added differently on both sides', changed_deleted: 'changed on one side and deleted on the other' }[c.kind];
  return `${describeRecord(c.file, c.path)}: ${how}`;
}
