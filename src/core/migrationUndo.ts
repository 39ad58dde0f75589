/**
 * Undoing a schema migration exactly. Where a step runs, it keeps, for each
 * layer it touched, the change it made there as one batch (relabels, deleted
 * mentions, frames that lost fillers or a role); its undo applies each
 * item's inverse where the item is still as the step left it, so every
 * mention and frame comes back as it was, in its place. What no record
 * names (a colleague's layer arriving later, an old file imported) follows
 * the revert step's label map, or skips the step and its revert together.
 */
import { applyInPlace, ChangeConflict, invert } from './changes';
import type { Migration, MigrationOp } from './migrations';
import type { Change, Frame, LabelSchema, Layer, Mention } from './model';
import { deepEqual } from './merge/records';

type Labelled = Pick<Layer, 'mentions' | 'frames'>;

/** The change a step made to one layer, item by item; null when it made none. */
export function migrationChange(before: Labelled, after: Labelled, title: string): Change | null {
  const changes: Change[] = [];
  const afterMentions = new Map(after.mentions.map((m) => [m.id, m]));
  for (const m of before.mentions) {
    const now = afterMentions.get(m.id);
    if (!now) changes.push({ op: 'removeMention', mention: m });
    else if (now !== m && !deepEqual(now as never, m as never)) changes.push({ op: 'updateMention', before: m, after: now });
  }
  const beforeIds = new Set(before.mentions.map((m) => m.id));
  for (const m of after.mentions) if (!beforeIds.has(m.id)) changes.push({ op: 'addMention', mention: m });
  const afterFrames = new Map(after.frames.map((f) => [f.id, f]));
  for (const f of before.frames) {
    const now = afterFrames.get(f.id);
    if (!now) changes.push({ op: 'removeFrame', frame: f });
    else if (now !== f && !deepEqual(now as never, f as never)) changes.push({ op: 'updateFrame', before: f, after: now });
  }
  return changes.length ? { op: 'batch', title, changes } : null;
}

export interface Restored {
  mentions: number;
  frames: number;
  /** Items changed since the step (relabelled again, deleted, edited): left as they are now. */
  skipped: number;
}

/**
 * Puts back, in place, every item of `change` still as the step left it. A
 * frame is put back after the mentions it names, so a restored filler never
 * points at a mention that is not there.
 */
export function restoreLayer(layer: Layer, change: Change, counts: Restored): void {
  const items = change.op === 'batch' ? change.changes : [change];
  const inverse = items.map(invert);
  const order = (c: Change) => (c.op === 'addMention' || c.op === 'removeMention' || c.op === 'updateMention' ? 0 : 1);
  for (const c of [...inverse].sort((a, b) => order(a) - order(b))) {
    try {
      applyInPlace(layer, c);
      if (order(c) === 0) counts.mentions++;
      else counts.frames++;
    } catch (e) {
      if (!(e instanceof ChangeConflict)) throw e;
      counts.skipped++;
    }
  }
  // A restored frame may name a mention deleted since: the filler goes rather than point at nothing.
  const ids = new Set(layer.mentions.map((m: Mention) => m.id));
  layer.frames = layer.frames.map((f: Frame) => {
    const dangling = Object.values(f.roles).some((fs) => fs.some((x) => x.kind === 'mention' && !ids.has(x.mentionId)));
    if (!dangling) return f;
    return { ...f, roles: Object.fromEntries(Object.entries(f.roles).map(([r, fs]) => [r, fs.filter((x) => x.kind !== 'mention' || ids.has(x.mentionId))])) };
  });
}

/**
 * The labels a step made, each mapped to the label it came from: what a
 * layer the workspace's record does not name (written under the new schema
 * since, or arriving later) gets when the step is undone.
 */
export function revertLabels(op: MigrationOp, before: LabelSchema): Record<string, string> {
  const had = (l: string) => before.labels.some((d) => d.name === l);
  switch (op.op) {
    case 'renameLabel':
      return { [op.to]: op.from };
    case 'mergeLabels': {
      // Into a label that was new: back to the first source; into one that existed, its mentions stay.
      const first = op.from.find((l) => l !== op.into);
      return !had(op.into) && first ? { [op.into]: first } : {};
    }
    case 'splitLabel':
      return Object.fromEntries(op.into.filter((r) => r.label !== op.from).map((r) => [r.label, op.from]));
    default:
      return {};
  }
}

/**
 * The steps a layer still needs, leaving out a step and its revert when both
 * are among them: a layer that never met the step is already as its undo leaves it.
 */
export function withoutReverted(steps: readonly Migration[]): Migration[] {
  const reverted = new Set(steps.flatMap((s) => (s.op.op === 'revertMigration' ? [s.op.of] : [])));
  const present = new Set(steps.map((s) => s.id));
  return steps.filter((s) => !(reverted.has(s.id) || (s.op.op === 'revertMigration' && present.has(s.op.of))));
}
