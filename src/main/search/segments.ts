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
import { mkdir, open, readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { words } from '../../core/search';
import { writeFileDurable } from '../store/durable';

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

export class Segment {
  private text: string | null = null;
  private mini: MiniSearch<IndexedText> | null = null;

  constructor(
    private readonly dir: string | null,
    readonly ref: SegmentRef,
    readonly docs: IndexedDoc[],
    text?: string,
    mini?: MiniSearch<IndexedText>,
  ) {
    this.text = text ?? null;
    this.mini = mini ?? null;
  }

  private file(ext: string): string {
    return join(this.dir!, `${this.ref.name}-g${this.ref.generation}.${ext}`);
  }

  /** Characters of text this segment holds in memory. */
  get loadedChars(): number {
    return this.text?.length ?? 0;
  }

  async texts(): Promise<string> {
    this.text ??= await readFile(this.file('txt'), 'utf8');
    return this.text;
  }

  docText(all: string, local: number): string {
    const d = this.docs[local];
    return all.slice(d.start, d.start + d.length);
  }

  /**
   * The texts of some documents: sliced from the whole segment when it is in
   * memory or most documents are wanted, read byte range by byte range otherwise.
   */
  async textsOf(locals: number[]): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    if (this.text !== null || locals.length * 4 >= this.docs.length) {
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
    if (!this.mini) this.mini = MiniSearch.loadJSON<IndexedText>(await readFile(this.file('index.json'), 'utf8'), miniOptions);
    return this.mini
      .search(terms.join(' '))
      .map((r) => r.id as number)
      .sort((a, b) => a - b);
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
    const segment = new Segment(dir, ref, indexed, text, mini);
    return { segment, text, index: JSON.stringify(mini), list: JSON.stringify({ version: VERSION, docs: indexed }) };
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
