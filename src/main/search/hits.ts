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

export interface DocHits {
  docId: string;
  /** Null for a document read from its file (searched before the index held it). */
  segment: Segment | null;
  local: number;
  /** Index of this document's first hit among all hits. */
  first: number;
  count: number;
  /** Start and end of each hit, one after the other: 8 bytes a hit where objects took about 30 (a common word has 800,000 hits on 100,000 documents). */
  spans: Uint32Array;
}

export function spanOf(d: DocHits, k: number): HitSpan {
  return { start: d.spans[2 * k], end: d.spans[2 * k + 1] };
}

export interface Results {
  docs: DocHits[];
  total: number;
  done: boolean;
}

/** Index in `docs` of the document holding hit number `offset`. */
export function findDoc(docs: DocHits[], offset: number): number {
  let lo = 0;
  let hi = docs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (docs[mid].first + docs[mid].count <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
