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
 *
 * An append is all or nothing: a write that fails or stops short (a full
 * disk) is cut back to where the complete lines end, never padded, and the
 * edit is refused. Damage the disk left anyway (zero bytes, a line that does
 * not parse) costs only what follows it: the lines before are kept, the
 * damage is reported with its byte offset, and the layer still opens.
 */
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { ParleyError } from '../../core/errors';
import type { Layer } from '../../core/model';
import { saveError, syncDir, writeAll, writeIo, type WriteHandle } from './durable';

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
  revision: Layer['revision'];
  updatedAt: string;
}

function smallOf(layer: Layer): string {
  return JSON.stringify(SMALL.map((k) => layer[k] ?? null));
}

export function capture(layer: Layer): LayerBefore {
  return {
    mentions: layer.mentions.slice(),
    frames: layer.frames.slice(),
    undo: layer.history.undo.slice(),
    redo: layer.history.redo.slice(),
    small: smallOf(layer),
    revision: layer.revision,
    updatedAt: layer.updatedAt,
  };
}

/** Puts the layer back as it was captured (an edit refused, or its line not saved): memory then holds what the disk does. */
export function restore(layer: Layer, before: LayerBefore): void {
  layer.mentions = before.mentions.slice();
  layer.frames = before.frames.slice();
  layer.history = { undo: before.undo.slice(), redo: before.redo.slice() };
  const small = JSON.parse(before.small) as unknown[];
  SMALL.forEach((k, i) => {
    if (small[i] === null) delete (layer as Record<string, unknown>)[k];
    else (layer as Record<string, unknown>)[k] = small[i];
  });
  if (before.revision === undefined) delete layer.revision;
  else layer.revision = before.revision;
  layer.updatedAt = before.updatedAt;
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
 * append goes. Damage (zero bytes, a complete line that does not parse, a
 * line that does not follow the one before) stops nothing before it: it is
 * passed to `report` (naming the file and byte offset), and the lines after
 * it are applied only while each follows the last one applied.
 */
export async function applyJournal(layerPath: string, layer: Layer, report?: (damage: ParleyError) => void): Promise<number> {
  const path = journalPath(layerPath);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw new ParleyError('io', `cannot read: ${(e as Error).message}`, path);
  }
  const { steps, end, damage } = readJournal(bytes);
  // With damage, the next append goes after the last line used: what follows it is cut (once copied aside).
  let used = 0;
  for (const { step, end: after } of steps) {
    if (step.revision > (layer.revision ?? 0)) {
      if (damage.length && step.revision !== (layer.revision ?? 0) + 1) {
        damage.push(`the line ending at byte ${after} follows revision ${step.revision - 1}, not ${layer.revision ?? 0}: it and the lines after it were not applied`);
        break;
      }
      replay(layer, step);
    }
    used = after;
  }
  for (const d of damage) report?.(new ParleyError('corrupt_file', `${d}; the edits before it were kept (the journal is copied aside as ${basename(path)}.damaged before it is next written)`, path));
  return damage.length ? used : end;
}

/**
 * The steps of a journal's bytes, in order; `end`, where its complete lines
 * end (the last one read, when there is damage); and what is damaged, by
 * byte offset. A last line without its newline is an append a kill cut
 * short, never acknowledged: left out, and not damage unless it holds zero bytes.
 */
export function readJournal(bytes: Buffer): { steps: { step: JournalStep; end: number }[]; end: number; damage: string[] } {
  const steps: { step: JournalStep; end: number }[] = [];
  const damage: string[] = [];
  let end = 0;
  let pos = 0;
  while (pos < bytes.length) {
    const nl = bytes.indexOf(0x0a, pos);
    if (nl < 0) {
      const zero = bytes.indexOf(0, pos);
      if (zero >= 0) damage.push(`${bytes.length - pos} bytes at byte ${pos} hold zero bytes and no complete line`);
      break;
    }
    let start = pos;
    while (start < nl && bytes[start] === 0) start++;
    if (start > pos) damage.push(`${start - pos} zero bytes at byte ${pos}`);
    if (start < nl) {
      try {
        steps.push({ step: JSON.parse(bytes.toString('utf8', start, nl)) as JournalStep, end: nl + 1 });
      } catch (e) {
        damage.push(`the line at byte ${start} is not valid JSON (${(e as Error).message})`);
        break;
      }
    }
    pos = nl + 1;
    end = pos;
  }
  return { steps, end, damage };
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

/**
 * Appends one line and syncs it; `length` is where the complete lines end
 * (anything after them, a torn tail, is cut first). All or nothing: if any
 * part fails (a write refused or short, the sync), the file is cut back to
 * `length` and the error passed on, a full disk as `disk_full`; the edit was
 * not saved. Returns the new length.
 */
export async function appendStep(layerPath: string, step: JournalStep, length: number): Promise<number> {
  const path = journalPath(layerPath);
  const created = !existsSync(path);
  const line = Buffer.from(JSON.stringify(step) + '\n', 'utf8');
  let fh: WriteHandle;
  try {
    fh = await writeIo.open(path, 'a');
  } catch (e) {
    throw saveError(e, path, line.length);
  }
  let touched = false;
  try {
    const size = (await fh.stat()).size;
    // Shorter than what was acknowledged: cutting "back" would pad it with zeros. Leave it for validate.
    if (size < length) throw new ParleyError('corrupt_file', `the layer's journal holds ${size} bytes, fewer than the ${length} already saved to it; it was left as it is`, path);
    touched = true;
    if (size > length) await fh.truncate(length);
    await writeAll(fh, line);
    await fh.datasync();
    // A new journal's name must survive a power cut too.
    if (created) await syncDir(dirname(path));
  } catch (e) {
    if (touched) await cutBack(fh, length);
    await fh.close().catch(() => undefined);
    throw saveError(e, path, line.length);
  }
  await fh.close().catch(() => undefined);
  return length + line.length;
}

/** Cuts a journal back to its complete lines after a failed append (best effort: the next append cuts again). */
async function cutBack(fh: WriteHandle, length: number): Promise<void> {
  try {
    await fh.truncate(length);
    await fh.datasync();
  } catch {
    // The next append starts by cutting the file to `length`; reading drops a torn tail.
  }
}

/** Removes the journal once the layer file holds everything in it. */
export async function removeJournal(layerPath: string): Promise<void> {
  const path = journalPath(layerPath);
  if (!existsSync(path)) return;
  await rm(path, { force: true });
  await syncDir(dirname(path));
}
