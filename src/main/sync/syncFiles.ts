/**
 * Sync's JSON, read through the one read path: the list of open conflicts
 * (`conflicts.json`), the files a merge reads from git blobs, and the
 * record of a checkout under way (`.parley/sync-intent.json`).
 * A damaged one is refused by file (and, for a blob, the object it came
 * from), line and problem before anything is written: taking it for empty
 * would drop recorded conflicts, renames or schema steps from the merge.
 */
import { z } from 'zod';
import type { ConflictsFile } from '../../core/merge/files';
import { parseFile, type FileKind } from '../store/jsonFile';
import { blobText, type GitCache } from './objects';

const SyncConflictSchema = z.object({
  id: z.string(),
  file: z.string().min(1),
  path: z.array(z.string()),
  kind: z.enum(['both_changed', 'both_added', 'changed_deleted']),
  base: z.unknown(),
  ours: z.unknown(),
  theirs: z.unknown(),
  oursBy: z.string().optional(),
  theirsBy: z.string().optional(),
  at: z.string(),
});

export const conflictsKind: FileKind<ConflictsFile> = {
  what: 'list of sync conflicts',
  schema: z.object({ version: z.number().int(), conflicts: z.array(SyncConflictSchema).default([]) }) as z.ZodType<ConflictsFile>,
};

/** Where a checkout was moving the workspace: written before any file is touched, removed once the branch is moved. */
export const intentKind: FileKind<{ from: string | null; to: string }> = {
  what: 'record of a sync under way',
  schema: z.object({ from: z.string().regex(/^[0-9a-f]{40}$/, 'a commit id').nullable(), to: z.string().regex(/^[0-9a-f]{40}$/, 'a commit id') }),
};
/** A damaged intent is refused and kept: dropped, the next sync would commit a half-moved workspace as this copy's changes. */
export const INTENT_ADVICE = {
  advice: '. A sync was stopped while it moved the files and where it was going cannot be read; the file was left as it is: fix it ({"from": COMMIT, "to": COMMIT}), or remove it and check the workspace with parley validate, then sync again',
};

/** How a file damaged in the shared history is put right. */
const FROM_HISTORY = { advice: '. It is kept in the shared history as it is, and nothing was changed here: fix the file in the copy that sent it and sync again' };

/** A JSON file in the shared history, read through the one read path; null when the tree has no such blob. Damage is named as the path and the blob's id. */
export async function blobJson<T>(gitdir: string, oid: string | null, kind: FileKind<T>, path: string, cache: GitCache): Promise<T | null> {
  const text = await blobText(gitdir, oid, cache);
  return text === null ? null : parseFile(text, kind, `${path} (shared history, blob ${oid!.slice(0, 10)})`, FROM_HISTORY).data;
}
