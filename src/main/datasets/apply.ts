/**
 * Import, second step: the plan written all or nothing, as one bulk change
 * of the workspace (store/atomicCommit.ts): the layers, the new entities, the new
 * documents and their index entries are staged together and land together,
 * or not at all, even if the process is killed halfway. The layers go
 * through their owners, so an analyst tagging meanwhile loses nothing: a
 * layer that gained labels since the plan was made stops the import.
 */
import type { ImportSummary } from '../../core/api/datasets';
import { ParleyError } from '../../core/errors';
import { newLabelDefs, undecidedMessage } from '../../core/formats/labelmap';
import type { Layer } from '../../core/model';
import type { Workspace } from '../workspace';
import type { PreparedImport } from './import';
import { checkCancelled, type WorkControl } from './jobs';

/** Where the import is applied (the session, or the CLI's holder). */
export interface WorkspaceHolder {
  workspace: Workspace;
}

function hasLabels(l: Layer): boolean {
  return l.mentions.length > 0 || l.frames.length > 0 || Object.keys(l.fields).length > 0 || l.status !== 'not_started';
}

export async function applyImport(holder: WorkspaceHolder, prepared: PreparedImport, control: WorkControl = {}): Promise<ImportSummary> {
  const ws = holder.workspace;
  const { signal } = control;
  const undecided = undecidedMessage(prepared.plan.labels);
  if (undecided) throw new ParleyError('bad_input', undecided);
  const added = prepared.plan.labels.added.filter((a) => a.kind !== 'frame type').map((a) => a.label);
  const addedFrameTypes = prepared.plan.labels.frameTypes ?? [];
  const layerCount = prepared.writes.filter((w) => w.layer).length;
  const records = prepared.writes.flatMap((w) => (w.record ? [w.record] : []));
  const total = layerCount + records.length;
  let done = 0;
  control.progress?.(0, total);
  const newIds = new Set(records.map((r) => r.id));
  await ws.bulk(`import of ${records.length} documents and ${layerCount} layers`, async (tx) => {
    if (records.length) await tx.addDocuments(records);
    for (const write of prepared.writes) {
      const layer = write.layer;
      if (!layer) continue;
      checkCancelled(signal);
      const isNew = newIds.has(layer.docId);
      if (!isNew) {
        const { layer: now } = await tx.layer(layer.annotator, layer.docId);
        if (hasLabels(now)) {
          throw new ParleyError(
            'conflict',
            `${layer.annotator} labelled ${layer.docId} while the import was being prepared; nothing was imported. Import again to see the new plan.`,
            ws.layerPath(layer.annotator, layer.docId),
          );
        }
      } else await tx.layer(layer.annotator, layer.docId);
      // Neither copied nor kept once written as text: a copy of each layer, or the layers and their text at once, would double a large import's memory.
      tx.setLayer(layer, false);
      write.layer = undefined;
      control.progress?.(++done, total);
    }
    checkCancelled(signal);
    if (prepared.entities.length) {
      const file = await tx.entities();
      file.entities = [...file.entities, ...prepared.entities];
    }
    if (added.length) {
      const file = await tx.schema();
      file.schema = { ...file.schema, labels: [...file.schema.labels, ...newLabelDefs(added, file.schema.labels)] };
    }
    const overlaps = prepared.plan.labels.overlaps;
    if (overlaps) {
      const file = await tx.schema();
      // The workspace's own rules, when it has them, are kept: the plan's warnings say where they differ.
      if (!file.schema.overlaps) file.schema = { ...file.schema, overlaps };
    }
    if (addedFrameTypes.length) {
      const file = await tx.schema();
      const have = new Set(file.schema.frameTypes.map((f) => f.name));
      file.schema = { ...file.schema, frameTypes: [...file.schema.frameTypes, ...addedFrameTypes.filter((f) => !have.has(f.name))] };
    }
  });
  control.progress?.(total, total);
  return {
    ...(added.length || addedFrameTypes.length ? { labelsAdded: [...added, ...addedFrameTypes.map((f) => f.name)] } : {}),
    documentsAdded: records.length,
    layersWritten: layerCount,
    entitiesAdded: prepared.entities.length,
    skipped: prepared.plan.documents.filter((d) => d.action === 'conflict').map((d) => ({ id: d.id, reason: d.reason ?? '' })),
  };
}
