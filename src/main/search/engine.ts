/**
 * Runs searches over a workspace's search index: narrows the documents with
 * the word index, scans their texts, applies the layer filters, and keeps
 * each search's hits (positions only) so the UI can page through them. The
 * same engine runs in a worker thread for the app and in-process for the CLI.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IndexStatus } from '../../core/api/search';
import { ParleyError } from '../../core/errors';
import { remainingMs } from '../../core/progress';
import { compileQuery, concordance, documentHits, hasFilters, indexTerms, type SearchHit, type SearchQuery } from '../../core/search';
import { documentKind } from '../store/kinds';
import { parseFile } from '../store/jsonFile';
import { SEGMENT_DOCS, SearchIndex, type NewDoc, type Segment } from './segments';
import { layerSet, layerSpans, Results, type DocHits } from './hits';
import { literalPattern, rawMayMatch, requiredLiterals } from './literals';
import type { CorpusEntry, HitTarget, SearchProgress } from './protocol';

/** How often a running search sends its count. */
const REPORT_MS = 50;

/**
 * How much text (in characters) stays in memory between searches: none by
 * default. The texts are read from the index's files when a search needs
 * them (the system's file cache keeps them warm); kept in memory, 100,000
 * news articles held the server at about 1 GB, over the 300 MB it may take.
 */
const KEEP_CHARS = 0;
/** How long after the workspace opens the index's words are read in (the window is drawn meanwhile). */
const WARM_AFTER_MS = 10_000;
/**
 * With more documents than this still to index, a search reads the documents
 * themselves instead of waiting for the index (about a second of indexing on
 * a 2-core machine): its first hits come at once, its count as it reads.
 */
export const SCAN_WITHOUT_INDEX_FROM = 4_000;
/** How long after opening a corpus with much to index the indexing begins. */
const INDEX_AFTER_MS = 3_000;
/**
 * Document files read between two looks at the messages waiting (page
 * requests, cancels): the files are read synchronously, which in the
 * worker thread is several times faster than one asynchronous read each.
 */
const FILES_A_TURN = 64;

/** Lets the messages that came meanwhile (page requests, cancels) be answered. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

/** The longest three pieces of text every match of the query holds, as tests. */
function piecesOf(query: SearchQuery): RegExp[] {
  return requiredLiterals(query)
    .sort((a, b) => b.length - a.length)
    .slice(0, 3)
    .map(literalPattern);
}

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
  /** How far `sync` is: documents indexed of those it had to index. */
  private indexing = { done: 0, total: 0, startedAt: 0, finished: false };
  /** Searches running now; the warm-up waits for none. */
  private searching = 0;
  /** Searches reading the documents' files now; indexing waits for them, so their first hits come at once. */
  private readingFiles = 0;

  private constructor(
    private readonly root: string,
    private readonly index: SearchIndex,
    private readonly keepChars: number,
    private readonly scanFrom: number,
  ) {}

  static async open(root: string, writable: boolean, entries: CorpusEntry[], keepChars = KEEP_CHARS, scanFrom = SCAN_WITHOUT_INDEX_FROM): Promise<SearchEngine> {
    const byId = new Map(entries.map((e) => [e.id, e]));
    const engine = new SearchEngine(root, await SearchIndex.open(root, writable, (id) => byId.get(id)), keepChars, scanFrom);
    engine.entries = entries;
    engine.byId = byId;
    // The app indexes what is missing as soon as the workspace opens, and reads the index in, so the first search does not wait for either.
    // A corpus with much to index waits a moment first: a search made at once reads the files, and indexing then waits for it.
    const wait = engine.missing().length > scanFrom ? INDEX_AFTER_MS : 0;
    if (writable)
      new Promise((resolve) => setTimeout(resolve, wait).unref())
        .then(() => engine.sync())
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
    await this.index.add(docs.filter((d) => !this.index.holds(d.id, d.sha256)).map((d) => this.sameStrings(d)));
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
      const missing = this.missing();
      this.indexing = { done: 0, total: missing.length, startedAt: performance.now(), finished: false };
      try {
        for (let i = 0; i < missing.length; i += SEGMENT_DOCS) {
          const end = Math.min(i + SEGMENT_DOCS, missing.length);
          const batch: NewDoc[] = [];
          for (let k = i; k < end; k += FILES_A_TURN) {
            // A few files at a time, and none while a search reads files: a search that starts meanwhile is not queued behind a thousand reads.
            await turn();
            while (this.readingFiles > 0) await new Promise((resolve) => setTimeout(resolve, 50));
            for (const e of missing.slice(k, Math.min(k + FILES_A_TURN, end))) {
              const d = this.readDocument(e);
              if (d) batch.push(this.sameStrings(d));
            }
          }
          await this.index.add(batch);
          this.indexing.done = end;
        }
      } finally {
        this.indexing.finished = true;
      }
    })();
    return this.synced;
  }

  /** A document read or added, with the workspace's own strings for its id and hash where they are equal, so the index shares them. */
  private sameStrings(d: NewDoc): NewDoc {
    const e = this.byId.get(d.id);
    return e ? { id: e.id, sha256: d.sha256 === e.sha256 ? e.sha256 : d.sha256, text: d.text } : d;
  }

  /** The workspace's documents the index does not hold as they are now. */
  private missing(): CorpusEntry[] {
    return this.entries.filter((e) => !this.index.holds(e.id, e.sha256));
  }

  /**
   * A document's text from its file, read synchronously (this runs in the
   * worker thread, or in the CLI) and checked through the one read path;
   * null for one that cannot be read (validate reports it; search skips it),
   * or whose file's text `mayMatch` says cannot hold a hit (it is then
   * neither parsed nor checked).
   */
  private readDocument(e: CorpusEntry, mayMatch?: (raw: string) => boolean): NewDoc | null {
    const path = join(this.root, 'documents', `${e.id}.json`);
    try {
      const raw = readFileSync(path, 'utf8');
      if (mayMatch && !mayMatch(raw)) return null;
      const doc = parseFile(raw, documentKind, path).data;
      return { id: doc.id, sha256: doc.sha256, text: doc.text };
    } catch {
      return null;
    }
  }

  /** How far the index is; a read-only engine that has not begun indexing counts what it lacks. */
  indexStatus(): IndexStatus {
    const i = this.indexing;
    if (i.finished) return { ready: true, indexed: i.total, total: i.total, etaMs: 0 };
    if (!this.synced) {
      const missing = this.missing().length;
      return { ready: missing === 0, indexed: 0, total: missing, etaMs: null };
    }
    return { ready: false, indexed: i.done, total: i.total, etaMs: remainingMs(i, performance.now()) };
  }

  /**
   * Reads every segment's word lists, then its texts while the budget allows,
   * standing aside while a search runs: a search right after opening reads
   * only what it needs instead of waiting behind the whole corpus.
   */
  private async warm(): Promise<void> {
    const segments = this.index.allSegments();
    const idle = async () => {
      await turn();
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
    // A segment replaced by an add meanwhile (grown) is not kept.
    const keep = this.residentChars + segment.chars <= this.keepChars && this.index.allSegments().includes(segment);
    if (!keep) return segment.textsOf(locals, whole);
    segment.keepText();
    this.resident.add(segment);
    this.residentChars += segment.chars;
    return segment.textsOf(locals);
  }

  /** The texts of some documents of a segment one at a time, for a scan; a segment is kept in memory while the budget allows. */
  private eachText(segment: Segment, locals: number[]): Iterable<[number, string]> {
    if (!this.resident.has(segment) && this.residentChars + segment.chars <= this.keepChars && this.index.allSegments().includes(segment)) {
      segment.keepText();
      this.resident.add(segment);
      this.residentChars += segment.chars;
    }
    return segment.eachText(locals);
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
    const results = new Results();
    this.results.set(id, results);
    // A large corpus not yet indexed (just imported, or opened for the first time) is read directly while the index is built beside.
    if (!this.indexing.finished && this.missing().length > this.scanFrom) {
      this.readingFiles++;
      try {
        return await this.scanFiles(results, query, annotator, report, cancelled);
      } finally {
        this.readingFiles--;
        // Indexing begins (or goes on) once no search is reading files.
        void this.sync().catch(() => undefined);
      }
    }
    await this.sync();

    const terms = indexTerms(query);
    // Without whole words to look up, the pieces of text every match holds narrow the documents to read.
    const pieces = terms ? [] : piecesOf(query);
    const layerDir = join(this.root, 'annotations', query.annotator ?? annotator);
    // Filters read layers: only documents the annotator has a layer for can match (except "not started").
    const withLayer = filtered || query.status ? await layerSet(layerDir) : null;
    let documents = 0;
    let lastReport = 0;
    const progress = (done: boolean): SearchProgress => ({ hits: results.total, documents, done });

    for (const segment of this.index.allSegments()) {
      // Between segments, let page requests and cancels that arrived meanwhile be answered.
      await turn();
      if (cancelled()) break;
      let locals: number[] = (terms ? await segment.withTerms(terms) : pieces.length > 0 ? await segment.withPieces(pieces) : null) ?? Array.from({ length: segment.size }, (_, i) => i);
      if (withLayer && (filtered || query.status !== 'not_started')) locals = locals.filter((i) => withLayer.has(segment.id(i)));
      if (locals.length === 0) continue;
      // Documents changed since they were indexed are not read.
      locals = locals.filter((local) => this.byId.get(segment.id(local))?.sha256 === segment.sha256(local));
      for (const [local, text] of this.eachText(segment, locals)) {
        const d = { id: segment.id(local), sha256: segment.sha256(local) };
        const spans = withLayer ? await layerSpans(layerDir, withLayer, d, query, filtered) : null;
        if (spans === false) continue;
        const found = documentHits(text, pattern, spans);
        if (found.length === 0) continue;
        results.add(d.id, segment, local, found);
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

  /**
   * A search that reads every document's file, in the workspace's order,
   * without the index: the first hits come as soon as the first files are
   * read. Files are read a few dozen at a time, then the page requests and
   * cancels that came meanwhile are answered.
   */
  private async scanFiles(results: Results, query: SearchQuery, annotator: string, report: (p: SearchProgress) => void, cancelled: () => boolean): Promise<SearchProgress> {
    const pattern = compileQuery(query);
    const filtered = hasFilters(query);
    const layerDir = join(this.root, 'annotations', query.annotator ?? annotator);
    const withLayer = filtered || query.status ? await layerSet(layerDir) : null;
    const entries = withLayer && (filtered || query.status !== 'not_started') ? this.entries.filter((e) => withLayer.has(e.id)) : [...this.entries];
    // A file without the pieces of text every match holds is passed over unparsed (most files, for a name).
    const pieces = piecesOf(query);
    const mayMatch = pieces.length > 0 ? (raw: string) => rawMayMatch(raw, pieces) : undefined;
    let documents = 0;
    let scanned = 0;
    let lastReport = 0;
    const progress = (done: boolean): SearchProgress => ({ hits: results.total, documents, done, scanned: { done: scanned, total: entries.length } });
    for (const e of entries) {
      if (scanned % FILES_A_TURN === 0) {
        await turn();
        if (cancelled()) break;
      }
      scanned++;
      if (performance.now() - lastReport >= REPORT_MS) {
        lastReport = performance.now();
        report(progress(false));
      }
      const d = this.readDocument(e, mayMatch);
      if (!d || this.byId.get(d.id)?.sha256 !== d.sha256) continue;
      const spans = withLayer ? await layerSpans(layerDir, withLayer, d, query, filtered) : null;
      if (spans === false) continue;
      const found = documentHits(d.text, pattern, spans);
      if (found.length === 0) continue;
      results.add(d.id, null, 0, found);
      documents++;
      if (documents === 1) report(progress(false));
    }
    results.done = true;
    return progress(true);
  }

  /** The text of a document with hits: from the index's segment, or from its file. */
  private async textOf(d: DocHits): Promise<string> {
    if (d.segment) return (await this.texts(d.segment, [d.local])).get(d.local)!;
    const entry = this.byId.get(d.docId);
    const doc = entry ? this.readDocument(entry) : null;
    if (!doc) throw new ParleyError('not_found', `the document ${d.docId} can no longer be read: it was removed or damaged since the search`);
    return doc.text;
  }

  /** Hits `offset` to `offset + limit` with their context. */
  async page(id: string, offset: number, limit: number): Promise<SearchHit[]> {
    // A page asked for before the search began (it waits behind the index) is empty.
    const results = this.results.get(id);
    if (!results) return [];
    const out: SearchHit[] = [];
    let i = results.find(offset);
    while (i < results.documents && out.length < limit) {
      const d = results.doc(i);
      const text = await this.textOf(d);
      for (let k = Math.max(0, offset + out.length - d.first); k < d.count && out.length < limit; k++) {
        // The title is the service's to add.
        out.push(concordance(d.docId, '', text, results.span(d.first + k)));
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
    for (let i = 0; i < results.documents; i++) {
      const d = results.doc(i);
      const ks = Array.from({ length: d.count }, (_, k) => k).filter((k) => !wanted || wanted.has(d.first + k));
      if (ks.length === 0) continue;
      const text = await this.textOf(d);
      for (const k of ks) {
        const s = results.span(d.first + k);
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
