/** What a workspace holds on disk, read as a tester reads it after the fact. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Layer } from '../../src/core/model';
import { applyJournal } from '../../src/main/store/journal';

/** The layer of `annotator` on `docId` as it is on disk now: its file and the edits appended to its journal since; null when there is none. */
export async function layerOnDisk(dir: string, annotator: string, docId: string): Promise<Layer | null> {
  const path = join(dir, 'annotations', annotator, `${docId}.json`);
  let layer: Layer;
  try {
    layer = JSON.parse(await readFile(path, 'utf8')) as Layer;
  } catch {
    return null;
  }
  await applyJournal(path, layer);
  return layer;
}

/** Mention ids in that layer (none when there is no layer, or it cannot be read). */
export async function mentionIdsOnDisk(dir: string, annotator: string, docId: string): Promise<Set<string>> {
  try {
    return new Set((await layerOnDisk(dir, annotator, docId))?.mentions.map((m) => m.id) ?? []);
  } catch {
    return new Set();
  }
}
