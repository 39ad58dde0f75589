/** Who changed what when, per document, from the shared history; and a layer brought back as it was. */
import { join, resolve } from 'node:path';
import { formatError, ParleyError } from '../../core/errors';
import { layerKind } from '../store/kinds';
import { parseFile } from '../store/jsonFile';
import { Workspace } from '../workspace';
import { fs, git, type GitCache } from './objects';
import { blobJson } from './syncFiles';
import { isRepository } from './remote';

export interface HistoryEntry {
  commit: string;
  at: string;
  author: string;
  message: string;
  /** Whose file changed: an annotator, `gold`, or `document` for the text itself. */
  layer: string;
  change: 'added' | 'changed' | 'removed';
  status?: string;
  mentions?: number;
  frames?: number;
  /** The layer as committed does not read (file, line, problem): listed without counts, and not restorable. */
  problem?: string;
}

async function logFile(root: string, filepath: string, cache: GitCache): Promise<{ oid: string; at: string; author: string; message: string; blob: string | null }[]> {
  try {
    const commits = await git.log({ fs, dir: root, filepath, cache, force: true });
    const out = [];
    const blobAt = async (oid: string) => {
      try {
        return (await git.readBlob({ fs, dir: root, oid, filepath, cache })).oid;
      } catch {
        return null;
      }
    };
    for (const c of commits) {
      const blob = await blobAt(c.oid);
      // A merge that took the file as one side had it brought it in; the change is that side's commit.
      if (c.commit.parent.length > 1) {
        const parents = await Promise.all(c.commit.parent.map(blobAt));
        if (parents.includes(blob)) continue;
      }
      out.push({ oid: c.oid, at: new Date(c.commit.author.timestamp * 1000).toISOString(), author: c.commit.author.name, message: c.commit.message.trim(), blob });
    }
    return out;
  } catch {
    return [];
  }
}

/** The history of one document's text and every layer on it, newest first. */
export async function documentHistory(dir: string, docId: string): Promise<HistoryEntry[]> {
  const root = resolve(dir);
  if (!(await isRepository(root))) throw new ParleyError('not_found', `${root} has no shared history: share it first with parley share`);
  const ws = await Workspace.open(root);
  ws.entry(docId);
  const cache: GitCache = {};
  const files: [string, string][] = [['document', `documents/${docId}.json`], ...(await ws.annotators()).map((a): [string, string] => [a, `annotations/${a}/${docId}.json`])];
  const entries: HistoryEntry[] = [];
  for (const [layer, path] of files) {
    const log = await logFile(root, path, cache);
    // git.log lists commits where the file differs from the commit before; each is one change.
    for (let i = 0; i < log.length; i++) {
      const c = log[i];
      const older = log[i + 1];
      const entry: HistoryEntry = { commit: c.oid, at: c.at, author: c.author, message: c.message, layer, change: c.blob === null ? 'removed' : older && older.blob !== null ? 'changed' : 'added' };
      if (c.blob && layer !== 'document') {
        try {
          const l = (await blobJson(join(root, '.git'), c.blob, layerKind, path, cache))!;
          entry.status = l.status;
          entry.mentions = l.mentions.length;
          entry.frames = l.frames.length;
        } catch (e) {
          // One damaged commit of a layer (a hand-edited file synced as it was) does not hide the rest of the history.
          if (!(e instanceof ParleyError)) throw e;
          entry.problem = formatError(e);
        }
      }
      entries.push(entry);
    }
  }
  return entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/**
 * Writes one annotator's layer on one document as it was at `commit` (a
 * full or abbreviated id from parley history); the next sync shares it.
 */
export async function restoreLayerAt(dir: string, annotator: string, docId: string, commit: string): Promise<{ commit: string; mentions: number; frames: number }> {
  const root = resolve(dir);
  const ws = await Workspace.open(root);
  try {
    return await restoreIn(ws, annotator, docId, commit, dir);
  } finally {
    ws.close();
  }
}

async function restoreIn(ws: Workspace, annotator: string, docId: string, commit: string, dir: string): Promise<{ commit: string; mentions: number; frames: number }> {
  const root = ws.root;
  ws.entry(docId);
  let oid: string;
  try {
    oid = await git.expandOid({ fs, dir: root, oid: commit });
  } catch {
    throw new ParleyError('not_found', `no sync ${commit} in the history of ${root}; parley history --workspace ${dir} --doc ${docId} lists them`);
  }
  const path = `annotations/${annotator}/${docId}.json`;
  let text: string;
  try {
    text = Buffer.from((await git.readBlob({ fs, dir: root, oid, filepath: path })).blob).toString('utf8');
  } catch {
    throw new ParleyError('not_found', `${annotator} had no layer on ${docId} at ${commit.slice(0, 10)}`);
  }
  const file = join(root, 'annotations', annotator, `${docId}.json`);
  const layer = parseFile(text, layerKind, file).data;
  // Through the open workspace, so an edit to the layer waits and the window sees the layer restored.
  await ws.bulk(`restore of ${annotator}'s layer on ${docId}`, async (tx) => {
    await tx.file(`annotations/${annotator}/${docId}.json`);
    tx.setFile(`annotations/${annotator}/${docId}.json`, JSON.stringify(layer));
  });
  return { commit: oid, mentions: layer.mentions.length, frames: layer.frames.length };
}
