/**
 * The list of recent changes (Ctrl+Shift+H) of one analyst in one workspace,
 * kept in `.parley/recent/<analyst>.json` so it outlives a reload of the
 * window, as the undo history in the layers does. It is the window's record
 * of what it saved, not part of any layer: it is never shared or exported.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { RECENT_KEPT, RecentChangeSchema, type RecentChange } from '../../core/api/annotations';
import { readJsonFile, type FileKind } from '../store/jsonFile';
import { PRIVATE_DIR } from '../store/lock';
import { writeFileDurable } from '../store/durable';

/** Its own version, not the workspace's format version: the file is the window's, rewritten whole by the next change. */
const recentKind: FileKind<{ version: 1; recent: RecentChange[] }> = {
  what: 'list of recent changes',
  schema: z.object({ version: z.literal(1), recent: z.array(RecentChangeSchema) }),
};

const fileOf = (root: string, annotator: string) => join(root, PRIVATE_DIR, 'recent', `${annotator}.json`);

/** The list as last kept; empty when there is none, or it cannot be read (it is a convenience: a damaged one is replaced by the next change). */
export async function readRecent(root: string, annotator: string): Promise<RecentChange[]> {
  try {
    return (await readJsonFile(fileOf(root, annotator), recentKind))?.data.recent.slice(0, RECENT_KEPT) ?? [];
  } catch {
    return [];
  }
}

/** Writes of each file one after another, so an older list never lands after a newer one. */
const writing = new Map<string, Promise<void>>();

export function keepRecent(root: string, annotator: string, recent: RecentChange[]): Promise<void> {
  const file = fileOf(root, annotator);
  const next = (writing.get(file) ?? Promise.resolve())
    .catch(() => undefined)
    .then(async () => {
      await mkdir(join(root, PRIVATE_DIR, 'recent'), { recursive: true });
      await writeFileDurable(file, JSON.stringify({ version: 1, recent }));
    });
  writing.set(file, next);
  void next.finally(() => writing.get(file) === next && writing.delete(file)).catch(() => undefined);
  return next;
}
