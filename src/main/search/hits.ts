/**
 * A search's hits as kept between pages (positions only), and the layer
 * filters that decide which of a document's hits count.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Layer } from '../../core/model';
import { filterSpans, type HitSpan, type SearchQuery } from '../../core/search';
import { layerKind } from '../store/kinds';
import { applyJournal } from '../store/journal';
import { readRequired } from '../store/jsonFile';
import type { Segment } from './segments';

/** One document's hits as `Results` gives them back. */
export interface DocHits {
  docId: string;
  /** Null for a document read from its file (searched before the index held it). */
  segment: Segment | null;
  local: number;
  /** Index of this document's first hit among all hits. */
  first: number;
  count: number;
}

/**
 * A search's hits, kept between pages as columns of numbers: per document its
 * id, segment and local number and its first hit, per hit its start and end.
 * About 20 bytes a document and 8 a hit, where an object and a typed array a
 * document took about 250 (a regular expression's 40,000 documents with hits,
 * times the searches kept, were tens of MB of the search thread's heap).
 */
export class Results {
  total = 0;
  done = false;
  private docs = 0;
  private readonly ids: string[] = [];
  /** The segments documents were found in, in order; a document names its own by number (0: read from its file). */
  private readonly segments: (Segment | null)[] = [null];
  private slots = new Uint32Array(64);
  private locals = new Uint32Array(64);
  /** Index of each document's first hit; one more entry than documents. */
  private firsts = new Uint32Array(65);
  private spans = new Uint32Array(256);

  /** Documents with hits so far. */
  get documents(): number {
    return this.docs;
  }

  /** Adds a document's hits, in the order found. */
  add(docId: string, segment: Segment | null, local: number, found: readonly HitSpan[]): void {
    if (found.length === 0) return;
    const n = this.docs;
    if (n + 1 >= this.slots.length) {
      this.slots = grown(this.slots, 2 * this.slots.length);
      this.locals = grown(this.locals, 2 * this.locals.length);
      this.firsts = grown(this.firsts, 2 * this.firsts.length + 1);
    }
    if (2 * (this.total + found.length) > this.spans.length) this.spans = grown(this.spans, Math.max(2 * this.spans.length, 2 * (this.total + found.length)));
    let slot = segment ? this.segments.length - 1 : 0;
    if (segment && this.segments[slot] !== segment) slot = this.segments.push(segment) - 1;
    this.ids.push(docId);
    this.slots[n] = slot;
    this.locals[n] = local;
    let at = 2 * this.total;
    for (const h of found) {
      this.spans[at++] = h.start;
      this.spans[at++] = h.end;
    }
    this.total += found.length;
    this.firsts[n + 1] = this.total;
    this.docs = n + 1;
  }

  doc(i: number): DocHits {
    return { docId: this.ids[i], segment: this.segments[this.slots[i]], local: this.locals[i], first: this.firsts[i], count: this.firsts[i + 1] - this.firsts[i] };
  }

  /** Hit number `hit` (counted over all documents). */
  span(hit: number): HitSpan {
    return { start: this.spans[2 * hit], end: this.spans[2 * hit + 1] };
  }

  /** Index of the document holding hit number `offset` (`documents` when past the last). */
  find(offset: number): number {
    let lo = 0;
    let hi = this.docs;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.firsts[mid + 1] <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function grown(a: Uint32Array, size: number): Uint32Array<ArrayBuffer> {
  const out = new Uint32Array(size);
  out.set(a);
  return out;
}

export async function layerSet(dir: string): Promise<Set<string>> {
  try {
    return new Set((await readdir(dir)).filter((n) => n.endsWith('.json') && !n.startsWith('.')).map((n) => n.slice(0, -5)));
  } catch {
    return new Set();
  }
}

/**
 * The spans a document's hits must fall in under the query's layer filters:
 * null for anywhere, false when the document does not pass them.
 */
export async function layerSpans(layerDir: string, withLayer: Set<string>, d: { id: string; sha256: string }, query: SearchQuery, filtered: boolean): Promise<HitSpan[] | null | false> {
  const layer = withLayer.has(d.id) ? await readLayer(layerDir, d.id) : null;
  if (query.status && (layer?.status ?? 'not_started') !== query.status) return false;
  if (!filtered) return null;
  if (!layer || layer.textHash !== d.sha256) return false;
  const spans = filterSpans(layer, query);
  return spans.length === 0 ? false : spans;
}

/** A layer as saved, read only; one that cannot be read does not match. */
async function readLayer(dir: string, docId: string): Promise<Layer | null> {
  const path = join(dir, `${docId}.json`);
  try {
    const layer = (await readRequired(path, layerKind)).data;
    await applyJournal(path, layer);
    return layer;
  } catch {
    return null;
  }
}
