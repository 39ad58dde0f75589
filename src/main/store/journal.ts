/**
 * An append-only journal beside a layer file (`<docId>.journal` next to
 * `<docId>.json`), so a save costs the change, not the layer: each edit
 * appends one line (what it spliced into the mentions, frames and history,
 * and the small fields it set) and fsyncs it; the layer file is rewritten
 * whole only when the journal is compacted (in the background once it has
 * grown, at open, before a sync, and by any bulk change of the layer).
 *
 * Each line carries the layer's revision after the edit. Reading applies the
 * lines whose revision is above the file's, so a compaction cut short
 * (layer written, journal not yet removed) replays nothing twice. A kill
 * in the middle of an append leaves a last line without its newline: that
 * edit was never acknowledged, and the line is dropped, then cut off before
 * the next append.
 */
import { existsSync } from 'node:fs';
import { open, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ParleyError } from '../../core/errors';
import type { Layer } from '../../core/model';
import { syncDir } from './durable';

/** Replace `del` items at `at` with `items`. */
type Splice<T> = [at: number, del: number, items: T[]];

/** The small fields of a layer, written whole when any of them changes. */
const SMALL = ['version', 'docId', 'annotator', 'textHash', 'status', 'fields', 'decisions'] as const;
type Small = Partial<Pick<Layer, (typeof SMALL)[number]>>;

export interface JournalStep {
  revision: number;
  updatedAt: string;
  mentions?: Splice<Layer['mentions'][number]>[];
  frames?: Splice<Layer['frames'][number]>[];
  undo?: Splice<Layer['history']['undo'][number]>[];
  redo?: Splice<Layer['history']['redo'][number]>[];
  small?: Small;
}

/** The layer before an edit: its arrays (by identity: changes replace items, never mutate them) and its small fields. */
export interface LayerBefore {
  mentions: Layer['mentions'];
  frames: Layer['frames'];
  undo: Layer['history']['undo'];
  redo: Layer['history']['redo'];
  small: string;
}

function smallOf(layer: Layer): string {
  return JSON.stringify(SMALL.map((k) => layer[k] ?? null));
}

export function capture(layer: Layer): LayerBefore {
  return { mentions: layer.mentions.slice(), frames: layer.frames.slice(), undo: layer.history.undo.slice(), redo: layer.history.redo.slice(), small: smallOf(layer) };
}

/**
 * The splices that turn `a` into `b`: a cut at the front (history over its
 * limit), then one run replaced between the common head and the common tail.
 */
export function spliceDiff<T>(a: readonly T[], b: readonly T[]): Splice<T>[] {
  const out: Splice<T>[] = [];
  if (a.length && b.length && a[0] !== b[0]) {
    const k = a.indexOf(b[0]);
    if (k > 0) {
      out.push([0, k, []]);
      a = a.slice(k);
    }
  }
  const max = Math.min(a.length, b.length);
  let head = 0;
  while (head < max && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < max - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const del = a.length - head - tail;
  const items = b.slice(head, b.length - tail);
  if (del > 0 || items.length > 0) out.push([head, del, items]);
  return out;
}

/** What an edit changed, as one journal line. */
export function stepOf(before: LayerBefore, layer: Layer): JournalStep {
  const step: JournalStep = { revision: layer.revision ?? 0, updatedAt: layer.updatedAt };
  const m = spliceDiff(before.mentions, layer.mentions);
  if (m.length) step.mentions = m;
  const f = spliceDiff(before.frames, layer.frames);
  if (f.length) step.frames = f;
  const u = spliceDiff(before.undo, layer.history.undo);
  if (u.length) step.undo = u;
  const r = spliceDiff(before.redo, layer.history.redo);
  if (r.length) step.redo = r;
  if (smallOf(layer) !== before.small) {
    const small: Record<string, unknown> = {};
    for (const k of SMALL) small[k] = layer[k] ?? null;
    step.small = small as Small;
  }
  return step;
}

function applySplices<T>(items: T[], splices: Splice<T>[] | undefined): void {
  for (const [at, del, add] of splices ?? []) items.splice(at, del, ...add);
}

/** Applies one journal line to the layer read from the file (in place). */
export function replay(layer: Layer, step: JournalStep): void {
  applySplices(layer.mentions, step.mentions);
  applySplices(layer.frames, step.frames);
  applySplices(layer.history.undo, step.undo);
  applySplices(layer.history.redo, step.redo);
  if (step.small) {
    for (const [k, v] of Object.entries(step.small)) {
      if (v === null) delete (layer as Record<string, unknown>)[k];
      else (layer as Record<string, unknown>)[k] = v;
    }
  }
  layer.revision = step.revision;
  layer.updatedAt = step.updatedAt;
}

export function journalPath(layerPath: string): string {
  return layerPath.replace(/\.json$/, '') + '.journal';
}

/**
 * Applies the journal of `layerPath` (if any) to `layer`, read from that
 * file. Returns the length of the journal's complete lines, where the next
 * append goes.
 */
export async function applyJournal(layerPath: string, layer: Layer): Promise<number> {
  const path = journalPath(layerPath);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw new ParleyError('io', `cannot read: ${(e as Error).message}`, path);
  }
  const { lines, bytes } = completeLines(text);
  lines.forEach((line, i) => {
    let step: JournalStep;
    try {
      step = JSON.parse(line) as JournalStep;
    } catch (e) {
      throw new ParleyError('corrupt_file', `line ${i + 1} of the layer's journal is not valid JSON (${(e as Error).message}); the file was left as it is`, path, i + 1);
    }
    if (step.revision > (layer.revision ?? 0)) replay(layer, step);
  });
  return bytes;
}

/**
 * The lines of an append-only file that end in a newline, and their length
 * in bytes (where the next append goes): a last line without its newline was
 * cut off by a kill mid-append, never acknowledged, and is left out.
 */
export function completeLines(text: string): { lines: string[]; bytes: number } {
  const end = text.lastIndexOf('\n') + 1;
  return { lines: end === 0 ? [] : text.slice(0, end - 1).split('\n'), bytes: Buffer.byteLength(text.slice(0, end), 'utf8') };
}

/** Appends one line and fsyncs it; `length` is where the complete lines end (a torn tail is cut first). Returns the new length. */
export async function appendStep(layerPath: string, step: JournalStep, length: number): Promise<number> {
  const path = journalPath(layerPath);
  const created = !existsSync(path);
  const line = Buffer.from(JSON.stringify(step) + '\n', 'utf8');
  const fh = await open(path, 'a');
  try {
    if (!created && (await fh.stat()).size !== length) await fh.truncate(length);
    await fh.write(line, 0, line.length, null);
    await fh.datasync();
  } finally {
    await fh.close();
  }
  // A new journal's name must survive a power cut too.
  if (created) await syncDir(dirname(path));
  return length + line.length;
}

/** Removes the journal once the layer file holds everything in it. */
export async function removeJournal(layerPath: string): Promise<void> {
  const path = journalPath(layerPath);
  if (!existsSync(path)) return;
  await rm(path, { force: true });
  await syncDir(dirname(path));
}
