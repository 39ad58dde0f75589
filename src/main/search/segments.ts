/**
 * The persisted search index under .parley/search/. Documents are kept in
 * segments of up to 1,000: each segment is the texts one after another
 * (`.txt`, read as one string and sliced), where each document starts
 * (`.docs.json`), and a MiniSearch word index over them (`.index.json`).
 *
 * MiniSearch (a maintained full-text library with no dependencies) indexes
 * whole words and serialises to JSON, so opening a workspace loads the index
 * instead of re-reading every document. Adding documents rewrites only the
 * last segment, or starts a new one: the cost of an add does not grow with
 * the corpus. A segment is written as a new generation of files and
 * `manifest.json` switches to it last, so a crash leaves the previous
 * generation whole; leftovers are removed on the next writable open.
 *
 * The index is a cache: a document missing from it (added by another
 * process, or before the index existed) is read from its file and indexed
 * when the index is next used.
 */
import { isAscii } from 'node:buffer';
import { mkdir, open, readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import MiniSearch, { type AsPlainObject } from 'minisearch';
import { words } from '../../core/search';
import { writeFileDurable } from '../store/durable';

/** Documents in a segment: their local numbers fit the 16-bit word lists. */
export const SEGMENT_DOCS = 1_000;
const VERSION = 2;

export interface IndexedDoc {
  id: string;
  sha256: string;
  /** Where the text starts in the segment, in string units, and its length. */
  start: number;
  length: number;
  /** The same in bytes of the UTF-8 file, so a few documents can be read without the rest. */
  byteStart: number;
  bytes: number;
}

export interface NewDoc {
  id: string;
  sha256: string;
  text: string;
}

interface SegmentRef {
  name: string;
  generation: number;
}

interface Manifest {
  version: number;
  segments: SegmentRef[];
}

interface IndexedText {
  i: number;
  text: string;
}

const miniOptions = {
  fields: ['text'],
  idField: 'i',
  tokenize: words,
  processTerm: (term: string) => term.toLowerCase(),
  searchOptions: { combineWith: 'AND' as const, prefix: false, fuzzy: false },
};

/** A word and the local numbers of the documents holding it, in order. */
type Postings = Map<string, Uint16Array>;

/**
 * The word lists of a saved MiniSearch index (its serialisation version 2),
 * without MiniSearch's per-document maps and scores: AND of whole words is all
 * a search asks of the index, and 100 segments of 1,000 news articles take
 * about 200 MB as MiniSearch objects against a few MB as these arrays. Null
 * for a layout this code does not know, which then goes through MiniSearch.
 */
function postingsOf(json: AsPlainObject): Postings | null {
  const field = json.fieldIds?.text;
  if (json.serializationVersion !== 2 || field === undefined || !Array.isArray(json.index)) return null;
  const out: Postings = new Map();
  for (const [term, fields] of json.index) {
    const docs = fields[String(field)];
    if (!docs) continue;
    const locals = Object.keys(docs).map((short) => json.documentIds[short] as number);
    out.set(term, Uint16Array.from(locals).sort());
  }
  return out;
}

/** The documents in every one of the sorted lists. */
function intersect(lists: Uint16Array[]): number[] {
  const [shortest, ...rest] = [...lists].sort((a, b) => a.length - b.length);
  return Array.from(shortest).filter((local) => rest.every((l) => has(l, local)));
}

function has(sorted: Uint16Array, value: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] === value;
}

export class Segment {
  private text: string | null = null;
  private reading: Promise<string> | null = null;
  private postings: Postings | null = null;
  private mini: MiniSearch<IndexedText> | null = null;

  constructor(
    private readonly dir: string | null,
    readonly ref: SegmentRef,
    readonly docs: IndexedDoc[],
    text?: string,
    postings?: Postings,
  ) {
    this.text = text ?? null;
    this.postings = postings ?? null;
  }

  private file(ext: string): string {
    return join(this.dir!, `${this.ref.name}-g${this.ref.generation}.${ext}`);
  }

  /** Whether the texts are in memory. */
  get loaded(): boolean {
    return this.text !== null;
  }

  /** Characters of text in this segment, in memory or not. */
  get chars(): number {
    const last = this.docs.at(-1);
    return last ? last.start + last.length : 0;
  }

  async texts(): Promise<string> {
    if (this.text !== null) return this.text;
    // One read for callers that ask at once (a search and the warm-up).
    this.reading ??= readFile(this.file('txt')).then(
      (buf) => {
        // Decoded from one buffer into a flat string (reading with an encoding joins chunks, flattened again on the first slice);
        // ASCII, the common case, is copied as Latin-1 rather than decoded.
        this.text = isAscii(buf) ? buf.toString('latin1') : buf.toString('utf8');
        this.reading = null;
        return this.text;
      },
      (e: unknown) => {
        // A failed read is tried again by the next search.
        this.reading = null;
        throw e;
      },
    );
    return this.reading;
  }

  docText(all: string, local: number): string {
    const d = this.docs[local];
    return all.slice(d.start, d.start + d.length);
  }

  /**
   * The texts of some documents: sliced from the whole segment when it is in
   * memory, is asked for whole, or most documents are wanted; read byte range
   * by byte range otherwise.
   */
  async textsOf(locals: number[], whole = false): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    if (whole || this.text !== null || locals.length * 4 >= this.docs.length) {
      const all = await this.texts();
      for (const i of locals) out.set(i, this.docText(all, i));
      return out;
    }
    const fh = await open(this.file('txt'), 'r');
    try {
      for (const i of locals) {
        const d = this.docs[i];
        const buf = Buffer.allocUnsafe(d.bytes);
        await fh.read(buf, 0, d.bytes, d.byteStart);
        out.set(i, buf.toString('utf8'));
      }
    } finally {
      await fh.close();
    }
    return out;
  }

  /** Local numbers of the documents holding every term. */
  async withTerms(terms: string[]): Promise<number[]> {
    await this.loadWords();
    if (this.postings) {
      const lists = terms.map((t) => this.postings!.get(t));
      return lists.every((l) => l !== undefined) ? intersect(lists as Uint16Array[]) : [];
    }
    return this.mini!
      .search(terms.join(' '))
      .map((r) => r.id as number)
      .sort((a, b) => a - b);
  }

  /** Reads the word index, once. */
  async loadWords(): Promise<void> {
    if (this.postings || this.mini) return;
    const json = JSON.parse(await readFile(this.file('index.json'), 'utf8')) as AsPlainObject;
    this.postings = postingsOf(json);
    if (!this.postings) this.mini = MiniSearch.loadJS<IndexedText>(json, miniOptions);
  }

  /** Drops the texts read, so a long scan keeps only a few segments in memory; the word index stays. */
  release(): void {
    if (this.dir) this.text = null;
  }

  static build(dir: string | null, ref: SegmentRef, docs: NewDoc[]): { segment: Segment; text: string; index: string; list: string } {
    let offset = 0;
    let byteOffset = 0;
    const indexed: IndexedDoc[] = docs.map((d) => {
      const bytes = Buffer.byteLength(d.text, 'utf8');
      const e = { id: d.id, sha256: d.sha256, start: offset, length: d.text.length, byteStart: byteOffset, bytes };
      offset += d.text.length;
      byteOffset += bytes;
      return e;
    });
    const text = docs.map((d) => d.text).join('');
    const mini = new MiniSearch<IndexedText>(miniOptions);
    mini.addAll(docs.map((d, i) => ({ i, text: d.text })));
    const json = mini.toJSON();
    const postings = postingsOf(json);
    const segment = new Segment(dir, ref, indexed, text, postings ?? undefined);
    if (!postings) segment.mini = mini;
    return { segment, text, index: JSON.stringify(json), list: JSON.stringify({ version: VERSION, docs: indexed }) };
  }

  async write(built: { text: string; index: string; list: string }): Promise<void> {
    await writeFileDurable(this.file('txt'), built.text);
    await writeFileDurable(this.file('index.json'), built.index);
    await writeFileDurable(this.file('docs.json'), built.list);
  }

  /** Rebuilds this segment with more documents; the texts come from the segment itself. */
  async grown(more: NewDoc[], generation: number): Promise<{ segment: Segment; built: ReturnType<typeof Segment.build> }> {
    const all = await this.texts();
    const docs: NewDoc[] = this.docs.map((d, i) => ({ id: d.id, sha256: d.sha256, text: this.docText(all, i) }));
    const built = Segment.build(this.dir, { name: this.ref.name, generation }, [...docs, ...more]);
    return { segment: built.segment, built };
  }
}

export class SearchIndex {
  readonly segments: Segment[] = [];
  /** Documents added while the index could not be written (read-only use): kept in memory only. */
  private readonly scratch: NewDoc[] = [];
  private scratchSegment: Segment | null = null;

  private constructor(
    private readonly dir: string,
    private readonly writable: boolean,
  ) {}

  static async open(root: string, writable: boolean): Promise<SearchIndex> {
    const index = new SearchIndex(join(root, '.parley', 'search'), writable);
    await index.load();
    return index;
  }

  private async load(): Promise<void> {
    let manifest: Manifest;
    try {
      manifest = JSON.parse(await readFile(join(this.dir, 'manifest.json'), 'utf8')) as Manifest;
      if (manifest.version !== VERSION || !Array.isArray(manifest.segments)) throw new Error('another version');
    } catch {
      // No index yet, or one this version cannot read: it is a cache, so it is built again from the documents.
      manifest = { version: VERSION, segments: [] };
    }
    const lists = await Promise.all(
      manifest.segments.map(async (ref) => {
        try {
          const list = JSON.parse(await readFile(join(this.dir, `${ref.name}-g${ref.generation}.docs.json`), 'utf8')) as { docs: IndexedDoc[] };
          return new Segment(this.dir, ref, list.docs);
        } catch {
          return null;
        }
      }),
    );
    // A segment that cannot be read ends the index there; the documents after it are indexed again.
    for (const s of lists) {
      if (!s) break;
      this.segments.push(s);
    }
    if (this.writable) await this.removeLeftovers();
  }

  private async removeLeftovers(): Promise<void> {
    const keep = new Set(['manifest.json']);
    for (const s of this.segments) for (const ext of ['txt', 'index.json', 'docs.json']) keep.add(`${s.ref.name}-g${s.ref.generation}.${ext}`);
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return;
    }
    await Promise.all(names.filter((n) => !keep.has(n)).map((n) => rm(join(this.dir, n), { force: true })));
  }

  /** Every indexed document, by id. */
  catalogue(): Map<string, { segment: Segment; local: number; sha256: string }> {
    const map = new Map<string, { segment: Segment; local: number; sha256: string }>();
    for (const segment of this.allSegments()) segment.docs.forEach((d, local) => map.set(d.id, { segment, local, sha256: d.sha256 }));
    return map;
  }

  allSegments(): Segment[] {
    return this.scratchSegment ? [...this.segments, this.scratchSegment] : this.segments;
  }

  /** Indexes documents: persisted when writable, in memory otherwise. */
  async add(docs: NewDoc[]): Promise<void> {
    if (docs.length === 0) return;
    if (!this.writable) {
      this.scratch.push(...docs);
      this.scratchSegment = Segment.build(null, { name: 'scratch', generation: 0 }, this.scratch).segment;
      return;
    }
    await mkdir(this.dir, { recursive: true });
    let rest = docs;
    const last = this.segments.at(-1);
    if (last && last.docs.length < SEGMENT_DOCS) {
      const take = rest.slice(0, SEGMENT_DOCS - last.docs.length);
      rest = rest.slice(take.length);
      const { segment, built } = await last.grown(take, last.ref.generation + 1);
      await segment.write(built);
      this.segments[this.segments.length - 1] = segment;
      await this.writeManifest();
      await this.removeLeftovers();
    }
    for (let i = 0; i < rest.length; i += SEGMENT_DOCS) {
      const name = `s${String(this.segments.length + 1).padStart(6, '0')}`;
      const built = Segment.build(this.dir, { name, generation: 1 }, rest.slice(i, i + SEGMENT_DOCS));
      await built.segment.write(built);
      this.segments.push(built.segment);
      await this.writeManifest();
    }
  }

  private async writeManifest(): Promise<void> {
    const manifest: Manifest = { version: VERSION, segments: this.segments.map((s) => s.ref) };
    await writeFileDurable(join(this.dir, 'manifest.json'), JSON.stringify(manifest));
  }
}
