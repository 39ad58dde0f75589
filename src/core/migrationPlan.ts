/**
 * What a schema migration would do, counted before anything is written, in
 * words a person reads; and a layer made under an older schema version
 * brought up to the newest with exactly the steps it missed.
 */
import { migrateLayer, migrateSchema, type Migration, type MigrationOp } from './migrations';
import type { Entity, LabelSchema, Layer } from './model';
import { withoutReverted } from './migrationUndo';

export interface MigrationPlan {
  /** What the step does to the schema, in words. */
  summary: string;
  layers: number;
  documents: number;
  mentions: number;
  frames: number;
  removedMentions: number;
  removedFillers: number;
  fellThrough: number;
  /** A split's mentions by the label each goes to, in the split's order. */
  byLabel: { label: string; mentions: number }[];
  /** Per analyst (and gold): layers touched and mentions changed. */
  byAnnotator: { annotator: string; layers: number; mentions: number; frames: number }[];
}

export function describeMigration(op: MigrationOp): string {
  switch (op.op) {
    case 'renameLabel':
      return `rename the label ${op.from} to ${op.to}`;
    case 'mergeLabels':
      return `merge ${op.from.filter((l) => l !== op.into).join(', ')} into ${op.into}`;
    case 'splitLabel':
      return `split ${op.from} into ${op.into.map((r) => r.label).join(' and ')} (${op.into.some((r) => r.mentions) ? 'by review' : 'by rule'}; the rest to ${op.otherwise})`;
    case 'renameFrameType':
      return `rename the frame type ${op.from} to ${op.to}`;
    case 'renameRole':
      return `rename ${op.frameType}'s role ${op.from} to ${op.to}`;
    case 'retypeRole':
      return `change what fills ${op.frameType}.${op.role}`;
    case 'mapValues':
      return `change ${op.frameType}.${op.attribute}'s values to ${op.values.join(', ')}`;
    case 'deleteLabel':
      return op.relabelTo ? `delete the label ${op.name}, moving its mentions to ${op.relabelTo}` : `delete the label ${op.name} and its mentions`;
    case 'removeRole':
      return `remove ${op.frameType}'s role ${op.role}`;
    case 'revertMigration':
      return `undo schema version ${op.version} (${op.summary})`;
  }
}

/** What a step would do, counted over the layers given (every analyst's and gold), before anything is written. */
export function planMigration(schema: LabelSchema, layers: Iterable<Layer>, op: MigrationOp, entities: readonly Entity[] = []): MigrationPlan {
  migrateSchema(schema, op);
  const plan: MigrationPlan = { summary: describeMigration(op), layers: 0, documents: 0, mentions: 0, frames: 0, removedMentions: 0, removedFillers: 0, fellThrough: 0, byLabel: [], byAnnotator: [] };
  const byLabel = new Map<string, number>(op.op === 'splitLabel' ? op.into.map((r) => [r.label, 0]) : []);
  const docs = new Set<string>();
  const by = new Map<string, { annotator: string; layers: number; mentions: number; frames: number }>();
  for (const layer of layers) {
    const r = migrateLayer(layer, op, entities);
    if (r.layer === layer) continue;
    plan.layers++;
    docs.add(layer.docId);
    plan.mentions += r.mentions;
    plan.frames += r.frames;
    plan.removedMentions += r.removedMentions;
    plan.removedFillers += r.removedFillers;
    plan.fellThrough += r.fellThrough;
    for (const [label, n] of Object.entries(r.byLabel ?? {})) byLabel.set(label, (byLabel.get(label) ?? 0) + n);
    const a = by.get(layer.annotator) ?? { annotator: layer.annotator, layers: 0, mentions: 0, frames: 0 };
    a.layers++;
    a.mentions += r.mentions + r.removedMentions;
    a.frames += r.frames;
    by.set(layer.annotator, a);
  }
  plan.documents = docs.size;
  plan.byLabel = [...byLabel].map(([label, mentions]) => ({ label, mentions }));
  plan.byAnnotator = [...by.values()].sort((a, b) => a.annotator.localeCompare(b.annotator));
  return plan;
}

/** The schema version a history brings a schema to: its newest step's. */
export function schemaVersionOf(history: readonly Migration[] = []): number {
  return history.reduce((v, m) => Math.max(v, m.version), 0);
}

/** The steps a layer made under `version` still needs, in order. */
export function migrationsAfter(history: readonly Migration[], version: number): Migration[] {
  return history.filter((m) => m.version > version).sort((a, b) => a.version - b.version);
}

/** A layer brought up to the newest version of the history (a colleague's, or one from an old file). */
export function migrateLayerTo(layer: Layer, layerVersion: number, history: readonly Migration[], entities: readonly Entity[] = []): { layer: Layer; applied: number } {
  let current = layer;
  const steps = withoutReverted(migrationsAfter(history, layerVersion));
  for (const step of steps) current = migrateLayer(current, step.op, entities).layer;
  return { layer: current, applied: steps.length };
}
