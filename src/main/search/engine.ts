/**
 * Runs searches over a workspace's search index: narrows the documents with
 * the word index, scans their texts, applies the layer filters, and keeps
 * each search's hits (positions only) so the UI can page through them. The
 * same engine runs in a worker thread for the app and in-process for the CLI.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ParleyError } from '../../core/errors';
import type { Layer } from '../../core/model';
import {
  compileQuery,
  concordance,
  documentHits,
  filterSpans,
  hasFilters,
  indexTerms,
  type HitSpan,
  type SearchHit,
  type SearchQuery,
} from '../../core/search';
import { documentKind, layerKind } from '../store/kinds';
import { applyJournal } from '../store/journal';
import { openFile } from '../store/repository';
import { SEGMENT_DOCS, SearchIndex, type NewDoc, type Segment } from './segments';

/** A document as the workspace lists it: what the engine needs to know about it. */
export interface CorpusEntry {
  id: string;
  sha256: string;
  title: string;
}

export interface SearchProgress {
  hits: number;
  documents: number;
  done: boolean;
  error?: { code: string; message: string };
}

/** A hit with what tagging needs: where, and the text it covers. */
export interface HitTarget {
  index: number;
  docId: string;
  start: number;
  end: number;
  quote: string;
}

interface DocHits {
  docId: string;
  segment: Segment;
  local: number;
  /** Index of this document's first hit among all hits. */
  first: number;
  count: number;
  /** Start and end of each hit, one after the other: 8 bytes a hit where objects took about 30 (a common word has 800,000 hits on 100,000 documents). */
  spans: Uint32Array;
}

function spanOf(d: DocHits, k: number): HitSpan {
  return { start: d.spans[2 * k], end: d.spans[2 * k + 1] };
}

interface Results {
  docs: DocHits[];
  total: number;
  done: boolean;
}

/** How often a running search sends its count. */
const REPORT_MS = 50;

/**
 * How much text (in characters) stays in memory between searches: the texts
 * of about 120,000 news articles, a few hundred MB (one byte a character for
 * Latin-1 text).
 */
const KEEP_CHARS = 400_000_000;
/** How long after the workspace opens the index is read in (the window is drawn meanwhile). */
const WARM_AFTER_MS = 10_000;

export class SearchEngine {
  private entries: CorpusEntry[] = [];
  private readonly results = new Map<string, Results>();
  /**
   * Segments whose texts stay in memory, taken in the order first read until
   * the budget is spent and never swapped out: a scan of a corpus larger than
   * the budget re-reads only the segments past it, where dropping the least
   * recently used would re-read every segment on every scan.
   */
  private readonly resident = new Set<Segment>();
  private residentChars = 0;
  private byId = new Map<string, CorpusEntry>();
  private synced: Promise<void> | null = null;
  /** Searches running now; the warm-up waits for none. */
  private searching = 0;

  private constructor(
    private readonly root: string,
    private readonly index: SearchIndex,
    private readonly keepChars: number,
  ) {}

  static async open(root: string, writable: boolean, entries: CorpusEntry[], keepChars = KEEP_CHARS): Promise<SearchEngine> {
    const engine = new SearchEngine(root, await SearchIndex.open(root, writable), keepChars);
    engine.entries = entries;
    engine.byId = new Map(entries.map((e) => [e.id, e]));
    // The app indexes what is missing as soon as the workspace opens, and reads the index in, so the first search does not wait for either.
    if (writable)
      engine
        .sync()
        // After a moment: the window's first paint and first document come first.
        .then(() => new Promise((resolve) => setTimeout(resolve, WARM_AFTER_MS).unref()))
        .then(() => engine.warm())
        .catch(() => undefined);
    return engine;
  }

  /** Documents just added to the workspace: indexed at once (the texts are at hand). */
  async add(entries: CorpusEntry[], docs: NewDoc[]): Promise<void> {
    await this.sync();
    for (const e of entries) {
      this.entries.push(e);
      this.byId.set(e.id, e);
    }
    const known = this.index.catalogue();
    await this.index.add(docs.filter((d) => known.get(d.id)?.sha256 !== d.sha256));
    // A segment grown by the add is a new one: the old one's texts are no longer read.
    const current = new Set(this.index.allSegments());
    for (const s of this.resident) {
      if (current.has(s)) continue;
      this.resident.delete(s);
      this.residentChars -= s.chars;
    }
  }

  /** Indexes the workspace's documents the index does not hold yet, reading their files. Once per engine. */
  sync(): Promise<void> {
    this.synced ??= (async () => {
      const known = this.index.catalogue();
      const missing = this.entries.filter((e) => known.get(e.id)?.sha256 !== e.sha256);
      for (let i = 0; i < missing.length; i += SEGMENT_DOCS) {
        const batch = await Promise.all(
          missing.slice(i, i + SEGMENT_DOCS).map(async (e): Promise<NewDoc | null> => {
            const path = join(this.root, 'documents', `${e.id}.json`);
            try {
              const doc = (await openFile(path, path, documentKind)).data;
              return { id: doc.id, sha256: doc.sha256, text: doc.text };
            } catch {
              // An unreadable document is reported by validate; search skips it.
              return null;
            }
          }),
        );
        await this.index.add(batch.filter((d): d is NewDoc => d !== null));
      }
    })();
    return this.synced;
  }

  /**
   * Reads every segment's word lists, then its texts while the budget allows,
   * standing aside while a search runs: a search right after opening reads
   * only what it needs instead of waiting behind the whole corpus.
   */
  private async warm(): Promise<void> {
    const segments = this.index.allSegments();
    const idle = async () => {
      await new Promise((resolve) => setImmediate(resolve));
      while (this.searching > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    for (const segment of segments) {
      await idle();
      await segment.loadWords();
    }
    for (const segment of segments) {
      await idle();
      if (!this.resident.has(segment) && this.residentChars + segment.chars <= this.keepChars) await this.texts(segment, [], true);
    }
  }

  /**
   * The texts of some documents of a segment. A segment read whole (`whole`, or
   * most of its documents wanted) is kept while the budget allows; a search
   * that wants a few documents of a segment not yet in memory reads just those,
   * rather than wait for the warm-up's reading of the whole corpus.
   */
  private async texts(segment: Segment, locals: number[], whole = false): Promise<Map<number, string>> {
    if (this.resident.has(segment)) return segment.textsOf(locals);
    const texts = await segment.textsOf(locals, whole);
    if (segment.loaded && !this.resident.has(segment)) {
      // A segment replaced by an add meanwhile (grown) is not kept.
      if (this.residentChars + segment.chars <= this.keepChars && this.index.allSegments().includes(segment)) {
        this.resident.add(segment);
        this.residentChars += segment.chars;
      } else segment.release();
    }
    return texts;
  }

  /**
   * Runs a search to the end, reporting the running count as it goes.
   * `cancelled` is checked between documents.
   */
  async run(id: string, query: SearchQuery, annotator: string, report: (p: SearchProgress) => void, cancelled: () => boolean): Promise<SearchProgress> {
    this.searching++;
    try {
      return await this.scan(id, query, annotator, report, cancelled);
    } finally {
      this.searching--;
    }
  }

  private async scan(id: string, query: SearchQuery, annotator: string, report: (p: SearchProgress) => void, cancelled: () => boolean): Promise<SearchProgress> {
    const pattern = compileQuery(query);
    const filtered = hasFilters(query);
    if (!pattern && !filtered) throw new ParleyError('invalid_argument', 'type something to search for, or choose a label, entity or frame to list');
    const results: Results = { docs: [], total: 0, done: false };
    this.results.set(id, results);
    await this.sync();

    const terms = indexTerms(query);
    const layerDir = join(this.root, 'annotations', query.annotator ?? annotator);
    // Filters read layers: only documents the annotator has a layer for can match (except "not started").
    const withLayer = filtered || query.status ? await layerSet(layerDir) : null;
    let documents = 0;
    let lastReport = 0;
    const progress = (done: boolean): SearchProgress => ({ hits: results.total, documents, done });

    for (const segment of this.index.allSegments()) {
      // Between segments, let page requests and cancels that arrived meanwhile be answered.
      await new Promise((resolve) => setImmediate(resolve));
      if (cancelled()) break;
      let locals: number[] = terms ? await segment.withTerms(terms) : segment.docs.map((_, i) => i);
      if (withLayer && (filtered || query.status !== 'not_started')) locals = locals.filter((i) => withLayer.has(segment.docs[i].id));
      if (locals.length === 0) continue;
      const texts = await this.texts(segment, locals);
      for (const local of locals) {
        const d = segment.docs[local];
        const entry = this.byId.get(d.id);
        if (!entry || entry.sha256 !== d.sha256) continue;
        let spans: HitSpan[] | null = null;
        if (withLayer) {
          const layer = withLayer.has(d.id) ? await readLayer(layerDir, d.id) : null;
          if (query.status && (layer?.status ?? 'not_started') !== query.status) continue;
          if (filtered) {
            if (!layer || layer.textHash !== d.sha256) continue;
            spans = filterSpans(layer, query);
            if (spans.length === 0) continue;
          }
        }
        const found = documentHits(texts.get(local)!, pattern, spans);
        if (found.length === 0) continue;
        results.docs.push({ docId: d.id, segment, local, first: results.total, count: found.length, spans: Uint32Array.from(found.flatMap((h) => [h.start, h.end])) });
        results.total += found.length;
        documents++;
        // The running count: at the first hits, then every 50 ms at most (a message per 50 hits was 17,000 for a common word).
        if (lastReport === 0 || performance.now() - lastReport >= REPORT_MS) {
          lastReport = performance.now();
          report(progress(false));
        }
        if (cancelled()) break;
      }
    }
    results.done = true;
    return progress(true);
  }

  /** Hits `offset` to `offset + limit` with their context. */
  async page(id: string, offset: number, limit: number): Promise<SearchHit[]> {
    // A page asked for before the search began (it waits behind the index) is empty.
    const results = this.results.get(id);
    if (!results) return [];
    const out: SearchHit[] = [];
    let i = findDoc(results.docs, offset);
    while (i < results.docs.length && out.length < limit) {
      const d = results.docs[i];
      const text = (await this.texts(d.segment, [d.local])).get(d.local)!;
      for (let k = Math.max(0, offset + out.length - d.first); k < d.count && out.length < limit; k++) {
        out.push(concordance(d.docId, this.byId.get(d.docId)?.title ?? d.docId, text, spanOf(d, k)));
      }
      i++;
    }
    return out;
  }

  /** The hits to tag: all of them, or those at the given positions in the result list. */
  async targets(id: string, indices?: number[]): Promise<HitTarget[]> {
    const results = this.resultsOf(id);
    const wanted = indices ? new Set(indices) : null;
    const out: HitTarget[] = [];
    for (const d of results.docs) {
      const ks = Array.from({ length: d.count }, (_, k) => k).filter((k) => !wanted || wanted.has(d.first + k));
      if (ks.length === 0) continue;
      const text = (await this.texts(d.segment, [d.local])).get(d.local)!;
      for (const k of ks) {
        const s = spanOf(d, k);
        out.push({ index: d.first + k, docId: d.docId, start: s.start, end: s.end, quote: text.slice(s.start, s.end) });
      }
    }
    return out;
  }

  drop(id: string): void {
    this.results.delete(id);
  }

  private resultsOf(id: string): Results {
    const r = this.results.get(id);
    if (!r) throw new ParleyError('not_found', `no search ${id}: it was closed, or the workspace was reopened since`);
    return r;
  }
}

/** Index in `docs` of the document holding hit number `offset`. */
function findDoc(docs: DocHits[], offset: number): number {
  let lo = 0;
  let hi = docs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (docs[mid].first + docs[mid].count <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

async function layerSet(dir: string): Promise<Set<string>> {
  try {
    return new Set((await readdir(dir)).filter((n) => n.endsWith('.json') && !n.startsWith('.')).map((n) => n.slice(0, -5)));
  } catch {
    return new Set();
  }
}

/** A layer as saved, read only; one that cannot be read does not match. */
async function readLayer(dir: string, docId: string): Promise<Layer | null> {
  const path = join(dir, `${docId}.json`);
  try {
    const layer = (await openFile(path, path, layerKind)).data;
    await applyJournal(path, layer);
    return layer;
  } catch {
    return null;
  }
}
