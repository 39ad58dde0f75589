/**
 * `parley validate`: every file of a workspace read and checked, read only.
 * One module per concern: the schema and the registry (shared.ts), the
 * document index against documents/ (documentIndex.ts), layer journals
 * against their layers (layerJournals.ts), documents and layers
 * (Workspace.check, with mentions.ts). A bulk change a kill cut short is no
 * damage: the next open finishes it, so it is reported as one line and the
 * files it writes are not reported at all.
 */
import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Problem } from '../../core/api/workspace';
import { pendingBulk, type PendingBulk } from '../store/atomicCommit';
import { describeHolder, lockHolder } from '../store/lock';
import type { Workspace } from '../workspace';
import { checkIndex } from './documentIndex';
import { checkLayerJournals } from './layerJournals';
import { checkSharedFiles } from './shared';

export interface Validation {
  /** Damage, file by file. */
  problems: Problem[];
  /** Bulk changes cut short, one line each (not damage). */
  unfinished: string[];
  /** Documents the workspace holds (listed or found in documents/). */
  documents: number;
}

/** "an import of 300 documents", from the name a bulk change gives itself. */
function described(what: string): string {
  return `${/^[aeiou]/i.test(what) ? 'an' : 'a'} ${what}`;
}

export function unfinishedLine(change: PendingBulk, writer: string | null): string {
  if (writer) return `${described(change.what)} is being written by ${writer}`;
  return `${described(change.what)} was interrupted; it is completed the next time the workspace is opened, or now with \`parley validate --repair\``;
}

function relativeTo(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}

export async function validateWorkspace(ws: Workspace): Promise<Validation> {
  const root = ws.root;
  const pendingChanges = await pendingBulk(root);
  const pending = new Set(pendingChanges.flatMap((c) => c.targets));
  const holder = lockHolder(root);
  const unfinished = pendingChanges.map((c) => unfinishedLine(c, holder ? describeHolder(holder) : null));
  const shared = await checkSharedFiles(root, (name) => existsSync(join(root, name)));
  const index = await checkIndex(root, pending);
  const journals = await checkLayerJournals(root, pending);
  const files = (await ws.check()).filter((p) => !pending.has(relativeTo(root, p.file)));
  const documents = new Set([...(index.entries ?? ws.entries).map((e) => e.id), ...index.files]).size;
  return { problems: [...shared, ...index.problems, ...files, ...journals], unfinished, documents };
}
