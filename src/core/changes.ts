/**
 * Applying, inverting and recording layer changes. Pure functions: the same
 * code runs in the renderer (to paint at once) and in main (to persist).
 */
import { deepEqual } from './merge/records';
import { FrameSchema, MentionSchema, type Change, type Frame, type Layer, type Mention } from './model';

export const HISTORY_LIMIT = 500;

export class ChangeConflict extends Error {}

export function invert(change: Change): Change {
  switch (change.op) {
    case 'addMention':
      return { op: 'removeMention', mention: change.mention };
    case 'removeMention':
      return { op: 'addMention', mention: change.mention };
    case 'updateMention':
      return { op: 'updateMention', before: change.after, after: change.before };
    case 'addFrame':
      return { op: 'removeFrame', frame: change.frame };
    case 'removeFrame':
      return { op: 'addFrame', frame: change.frame };
    case 'updateFrame':
      return { op: 'updateFrame', before: change.after, after: change.before };
    case 'setStatus':
      return { op: 'setStatus', before: change.after, after: change.before };
    case 'setField':
      return { op: 'setField', name: change.name, before: change.after, after: change.before };
    case 'setDecision':
      return { op: 'setDecision', key: change.key, before: change.after, after: change.before };
    case 'batch':
      return { op: 'batch', title: change.title, changes: change.changes.map(invert).reverse() };
  }
}

function indexOfId<T extends { id: string }>(items: readonly T[], id: string): number {
  for (let i = items.length - 1; i >= 0; i--) if (items[i].id === id) return i;
  return -1;
}

/** Mentions are kept sorted by start, then longest first, so views can sweep them. */
export function compareMentions(a: Mention, b: Mention): number {
  return a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function insertSorted(mentions: Mention[], m: Mention): void {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareMentions(mentions[mid], m) < 0) lo = mid + 1;
    else hi = mid;
  }
  mentions.splice(lo, 0, m);
}

/** Refuses a change whose `before` is not what the layer holds: it was made on a view older than the layer. */
function expect(what: string, there: unknown, before: unknown): void {
  if (!deepEqual(there, before)) throw new ChangeConflict(`${what} was changed since this view was loaded`);
}

const MENTION_KEYS = Object.keys(MentionSchema.shape);
const FRAME_KEYS = Object.keys(FrameSchema.shape);

/** The fields a change can carry: a field a newer version stored beside them is not the change's to compare. */
function known(item: object, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = (item as Record<string, unknown>)[k];
  return out;
}

function expectMention(there: Mention, before: Mention): void {
  expect(`mention ${before.id}`, known(there, MENTION_KEYS), known(before, MENTION_KEYS));
}

function expectFrame(there: Frame, before: Frame): void {
  expect(`frame ${before.id}`, known(there, FRAME_KEYS), known(before, FRAME_KEYS));
}

/**
 * Applies a change in place. Throws ChangeConflict when the layer is not in
 * the state the change expects: an id already taken, or missing, or an item
 * or value that is no longer the `before` the change was made on (with or
 * without a base revision: the change itself says what it replaces).
 */
export function applyInPlace(layer: Layer, change: Change): void {
  switch (change.op) {
    case 'addMention': {
      if (indexOfId(layer.mentions, change.mention.id) >= 0) throw new ChangeConflict(`mention ${change.mention.id} exists already`);
      insertSorted(layer.mentions, change.mention);
      return;
    }
    case 'removeMention': {
      const i = indexOfId(layer.mentions, change.mention.id);
      if (i < 0) throw new ChangeConflict(`mention ${change.mention.id} is not in the layer`);
      expectMention(layer.mentions[i], change.mention);
      layer.mentions.splice(i, 1);
      return;
    }
    case 'updateMention': {
      const i = indexOfId(layer.mentions, change.before.id);
      if (i < 0) throw new ChangeConflict(`mention ${change.before.id} is not in the layer`);
      expectMention(layer.mentions[i], change.before);
      // Same span (a relabel, a note): the mention keeps its place, so a layer in any order comes back as it was.
      if (change.after.start === change.before.start && change.after.end === change.before.end) {
        layer.mentions[i] = change.after;
        return;
      }
      layer.mentions.splice(i, 1);
      insertSorted(layer.mentions, change.after);
      return;
    }
    case 'addFrame': {
      if (indexOfId(layer.frames, change.frame.id) >= 0) throw new ChangeConflict(`frame ${change.frame.id} exists already`);
      layer.frames.push(change.frame);
      return;
    }
    case 'removeFrame': {
      const i = indexOfId(layer.frames, change.frame.id);
      if (i < 0) throw new ChangeConflict(`frame ${change.frame.id} is not in the layer`);
      expectFrame(layer.frames[i], change.frame);
      layer.frames.splice(i, 1);
      return;
    }
    case 'updateFrame': {
      const i = indexOfId(layer.frames, change.before.id);
      if (i < 0) throw new ChangeConflict(`frame ${change.before.id} is not in the layer`);
      expectFrame(layer.frames[i], change.before);
      layer.frames[i] = change.after;
      return;
    }
    case 'setStatus':
      // Any first edit moves a new layer to in progress by itself; a view that has not caught up with that still knows the status.
      if (!(change.before === 'not_started' && layer.status === 'in_progress')) expect('the status', layer.status, change.before);
      layer.status = change.after;
      return;
    case 'setField':
      expect(`field ${change.name}`, layer.fields[change.name] ?? null, change.before);
      if (change.after === null) delete layer.fields[change.name];
      else layer.fields[change.name] = change.after;
      return;
    case 'setDecision': {
      expect(`decision ${change.key}`, layer.decisions?.[change.key] ?? null, change.before);
      const decisions = { ...(layer.decisions ?? {}) };
      if (change.after === null) delete decisions[change.key];
      else decisions[change.key] = change.after;
      layer.decisions = decisions;
      return;
    }
    case 'batch':
      for (const c of change.changes) applyInPlace(layer, c);
      return;
  }
}

/** Applies a change atomically: on conflict the layer is left as it was. */
export function applyChange(layer: Layer, change: Change): void {
  // A single change throws before it touches anything; only a batch can fail halfway. Copying
  // 20,000 mentions for nothing cost most of a save on a big layer.
  if (change.op !== 'batch') return applyInPlace(layer, change);
  const snapshot = { mentions: layer.mentions.slice(), frames: layer.frames.slice(), status: layer.status, fields: { ...layer.fields }, decisions: layer.decisions };
  try {
    applyInPlace(layer, change);
  } catch (e) {
    Object.assign(layer, snapshot);
    throw e;
  }
}

/** Applies a user's change and records it for undo; a new change clears redo. */
export function commitChange(layer: Layer, change: Change): void {
  applyChange(layer, change);
  layer.history.undo.push(change);
  if (layer.history.undo.length > HISTORY_LIMIT) layer.history.undo.splice(0, layer.history.undo.length - HISTORY_LIMIT);
  layer.history.redo = [];
}

/** Undoes the last change; returns the change that was applied to the layer, or null. */
export function undo(layer: Layer): Change | null {
  const last = layer.history.undo.at(-1);
  if (!last) return null;
  const inverse = invert(last);
  applyChange(layer, inverse);
  layer.history.undo.pop();
  layer.history.redo.push(last);
  return inverse;
}

export function redo(layer: Layer): Change | null {
  const next = layer.history.redo.at(-1);
  if (!next) return null;
  applyChange(layer, next);
  layer.history.redo.pop();
  layer.history.undo.push(next);
  return next;
}

/** A short description of a change, for the undo menu and messages. */
export function describeChange(change: Change): string {
  switch (change.op) {
    case 'addMention':
      return `add ${change.mention.label} “${clip(change.mention.quote)}”`;
    case 'removeMention':
      return `delete ${change.mention.label} “${clip(change.mention.quote)}”`;
    case 'updateMention':
      return `edit ${change.after.label} “${clip(change.after.quote)}”`;
    case 'addFrame':
      return `add ${change.frame.type}`;
    case 'removeFrame':
      return `delete ${change.frame.type}`;
    case 'updateFrame':
      return `edit ${change.after.type}`;
    case 'setStatus':
      return `set status`;
    case 'setField':
      return `set ${change.name}`;
    case 'setDecision':
      return change.after ?? 'undecide';
    case 'batch':
      return change.title;
  }
}

function clip(s: string): string {
  return s.length > 30 ? s.slice(0, 29) + '…' : s;
}

/** Mention ids a frame refers to, in role order. */
export function frameMentionIds(frame: Frame): string[] {
  const ids: string[] = [];
  for (const fillers of Object.values(frame.roles)) for (const f of fillers) if (f.kind === 'mention') ids.push(f.mentionId);
  return ids;
}

/** What the document list shows for a layer: status and counts of accepted mentions per label. */
export interface LayerCounts {
  status: Layer['status'];
  mentionCount: number;
  frameCount: number;
  labelCounts: Record<string, number>;
}

export function countLayer(layer: Pick<Layer, 'status' | 'mentions' | 'frames'>): LayerCounts {
  const labelCounts: Record<string, number> = {};
  let mentionCount = 0;
  for (const m of layer.mentions) {
    if (m.pending) continue;
    mentionCount++;
    labelCounts[m.label] = (labelCounts[m.label] ?? 0) + 1;
  }
  return { status: layer.status, mentionCount, frameCount: layer.frames.length, labelCounts };
}

/** A change that only adds, answers or removes suggestions (pending mentions): it leaves a layer's status as it was. */
export function onlySuggestions(change: Change): boolean {
  switch (change.op) {
    case 'addMention':
      return change.mention.pending === true;
    case 'removeMention':
      return change.mention.pending === true;
    case 'updateMention':
      return change.before.pending === true && change.after.pending === true;
    case 'batch':
      return change.changes.every(onlySuggestions);
    default:
      return false;
  }
}

/** A layer nobody has worked on yet: not started, and nothing in it but suggestions. Exports treat it as absent. */
export function isUntouched(layer: Pick<Layer, 'status' | 'mentions' | 'frames' | 'fields'>): boolean {
  return layer.status === 'not_started' && layer.frames.length === 0 && Object.keys(layer.fields).length === 0 && layer.mentions.every((m) => m.pending === true);
}
