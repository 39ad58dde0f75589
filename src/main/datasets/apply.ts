/**
 * Import, second step: the plan written all or nothing. Layers first, then
 * new entities, then the new documents, whose index entry is the last write,
 * so the import appears at once. On any failure or cancel every file written
 * is removed or put back, workspace.json is restored byte for byte, and the
 * workspace is read afresh.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportSummary } from '../../core/api-datasets';
import { writeFileDurable } from '../store/durable';
import { Workspace, WORKSPACE_FILE } from '../workspace';
import type { PreparedImport } from './import';
import { checkCancelled, type WorkControl } from './jobs';

/** Where applyImport may need to put a fresh Workspace after a rollback (the session, or the CLI's holder). */
export interface WorkspaceHolder {
  workspace: Workspace;
}

export async function applyImport(holder: WorkspaceHolder, prepared: PreparedImport, control: WorkControl = {}): Promise<ImportSummary> {
  const ws = holder.workspace;
  const { signal } = control;
  const indexPath = join(ws.root, WORKSPACE_FILE);
  const index = await readFile(indexPath);
  const layers = prepared.writes.filter((w) => w.layer);
  const records = prepared.writes.flatMap((w) => (w.record ? [w.record] : []));
  const total = layers.length + records.length;
  const undo: (() => Promise<void>)[] = [];
  let done = 0;
  control.progress?.(0, total);
  try {
    for (const w of layers) {
      checkCancelled(signal);
      const layer = w.layer!;
      const dir = join(ws.root, 'annotations', layer.annotator);
      if (!existsSync(dir)) {
        await mkdir(dir, { recursive: true });
        undo.push(() => rmdir(dir).catch(() => undefined));
      }
      const path = ws.layerPath(layer.annotator, w.docId);
      const before = existsSync(path) ? await readFile(path) : null;
      undo.push(async () => {
        ws.forgetLayer(layer.annotator, w.docId);
        if (before) await writeFileDurable(path, before);
        else await rm(path, { force: true });
      });
      await writeFileDurable(path, JSON.stringify(layer));
      // The workspace may hold this layer, empty, from an earlier read.
      ws.forgetLayer(layer.annotator, w.docId);
      control.progress?.(++done, total);
    }
    checkCancelled(signal);
    if (prepared.entities.length) await ws.saveEntities([...ws.entities, ...prepared.entities]);
    checkCancelled(signal);
    if (records.length) {
      undo.push(async () => {
        await Promise.all(records.map((r) => rm(ws.documentPath(r.id), { force: true })));
      });
      await ws.addDocuments(records);
    }
    control.progress?.(total, total);
  } catch (e) {
    await rollback(holder, ws, undo, indexPath, index);
    throw e;
  }
  return {
    documentsAdded: records.length,
    layersWritten: layers.length,
    entitiesAdded: prepared.entities.length,
    skipped: prepared.plan.documents.filter((d) => d.action === 'conflict').map((d) => ({ id: d.id, reason: d.reason ?? '' })),
  };
}

async function rollback(holder: WorkspaceHolder, ws: Workspace, undo: (() => Promise<void>)[], indexPath: string, index: Buffer): Promise<void> {
  for (const step of undo.reverse()) await step().catch(() => undefined);
  const now = await readFile(indexPath).catch(() => null);
  if (!now || !now.equals(index)) await writeFileDurable(indexPath, index);
  // Memory may hold what was just undone; a fresh Workspace reads what is on disk.
  if (holder.workspace === ws) holder.workspace = await Workspace.open(ws.root);
}
