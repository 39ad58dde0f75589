/**
 * What differs between two versions of one layer, in the analyst's words:
 * the toast shown when a document was changed elsewhere and reloaded.
 */
import type { DocumentStatus, Frame, Mention } from './model';

export interface LayerVersion {
  mentions: readonly Mention[];
  frames: readonly Frame[];
  status?: DocumentStatus;
}

export interface LayerDiff {
  mentionsAdded: number;
  mentionsRemoved: number;
  /** Same id, other label, span, entity or attributes. */
  mentionsChanged: number;
  framesAdded: number;
  framesRemoved: number;
  framesChanged: number;
  statusChanged: boolean;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function countById<T extends { id: string }>(before: readonly T[], after: readonly T[]): [added: number, removed: number, changed: number] {
  const old = new Map(before.map((x) => [x.id, x]));
  let added = 0;
  let changed = 0;
  for (const x of after) {
    const was = old.get(x.id);
    if (!was) added++;
    else if (!sameJson(was, x)) changed++;
    old.delete(x.id);
  }
  return [added, old.size, changed];
}

export function diffLayers(before: LayerVersion, after: LayerVersion): LayerDiff {
  const [mentionsAdded, mentionsRemoved, mentionsChanged] = countById(before.mentions, after.mentions);
  const [framesAdded, framesRemoved, framesChanged] = countById(before.frames, after.frames);
  return { mentionsAdded, mentionsRemoved, mentionsChanged, framesAdded, framesRemoved, framesChanged, statusChanged: before.status !== after.status };
}

function count(n: number, one: string, many: string, what: string): string | null {
  return n === 0 ? null : `${n} ${n === 1 ? one : many} ${what}`;
}

/** "2 mentions added, 1 mention changed, status changed", or "no labels differ". */
export function describeDiff(d: LayerDiff): string {
  const parts = [
    count(d.mentionsAdded, 'mention', 'mentions', 'added'),
    count(d.mentionsChanged, 'mention', 'mentions', 'changed'),
    count(d.mentionsRemoved, 'mention', 'mentions', 'removed'),
    count(d.framesAdded, 'frame', 'frames', 'added'),
    count(d.framesChanged, 'frame', 'frames', 'changed'),
    count(d.framesRemoved, 'frame', 'frames', 'removed'),
    d.statusChanged ? 'status changed' : null,
  ].filter((p): p is string => p !== null);
  return parts.length ? parts.join(', ') : 'no labels differ';
}

/** The toast after a refused save: what happened, what the analyst now sees, and that nothing was overwritten. */
export function conflictMessage(title: string, d: LayerDiff): string {
  return `“${title}” was changed elsewhere, so your last change was not saved and nothing was overwritten. Reloaded: ${describeDiff(d)}. Make your change again if it is still needed.`;
}
