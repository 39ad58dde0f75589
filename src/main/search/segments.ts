/**
 * The persisted search index under .parley/search/. Documents are kept in
 * segments of up to 1,000: each segment is the texts one after another
 * (`.txt`), which documents it holds and where each starts (`.docs.json`),
 * and its word index (`.words`).
 *
 * The word index is what a search asks of it: for each lower-cased whole
 * word, the local numbers of the documents holding it. It is written as one
 * binary file: the sorted words, then where each word's list starts, then
 * the lists as 16-bit document numbers. Only the words and where their lists
 * start stay in memory; a search reads the lists of its own words from the
 * file. Texts are read when a search needs them (a few documents by byte
 * range, or a whole segment) and not kept: 100,000 news articles are 300 MB
 * of text, more than the whole app may hold.
 *
 * Adding documents rewrites only the last segment, or starts a new one: the
 * cost of an add does not grow with the corpus. A segment is written as a
 * new generation of files and `manifest.json` switches to it last, so a
 * crash leaves the previous generation whole; leftovers are removed on the
 * next writable open.
 *
 * The index is a cache: a document missing from it (added by another
 * process, or before the index existed) is read from its file and indexed
 * when the index is next used.
 */
import { isAscii } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileDurable } from '../store/durable';
import { readCacheFile } from '../store/jsonFile';
import { docsKind, manifestKind, type DocsFile, type SegmentRef } from './indexFiles';
import { buildWords, documentsHolding, findWord, intersect, listFrom, readWords, type Words } from './wordIndex';

/** Documents in a segment: their local numbers fit the 16-bit word lists. */
export const SEGMENT_DOCS = 1_000;
/** 3: the word index as sorted words and 16-bit lists (2 was a JSON word index, kept whole in memory). */
const VERSION = 3;

export interface NewDoc {
  id: string;
  sha256: string;
  text: string;
}

interface Manifest {
  version: number;
  segments: SegmentRef[];
}

/**
 * The workspace's own id and hash strings of a document, so the index's
 * lists hold the same strings rather than equal copies (an id and a hash are
 * about 100 bytes; 100,000 documents, 10 MB).
 */
export type SameStrings = (id: string) => { id: string; sha256: string } | undefined;

/** A segment's documents: arrays rather than an object per document (100,000 objects were about 25 MB). */
class DocList {
  readonly starts: Uint32Array;
  readonly byteStarts: Uint32Array;

  constructor(
    readonly ids: string[],
    readonly sha256: string[],
    starts: ArrayLike<number>,
    byteStarts: ArrayLike<number>,
  ) {
    this.starts = Uint32Array.from(starts);
    this.byteStarts = Uint32Array.from(byteStarts);
  }

  static of(file: DocsFile, same?: SameStrings): DocList {
    if (same)
      for (let i = 0; i < file.ids.length; i++) {
        const e = same(file.ids[i]);
        if (!e || e.id !== file.ids[i] || e.sha256 !== file.sha256[i]) continue;
        file.ids[i] = e.id;
        file.sha256[i] = e.sha256;
      }
    return new DocList(file.ids, file.sha256, file.starts, file.byteStarts);
  }

  toJSON(): DocsFile {
    return { version: VERSION, ids: this.ids, sha256: this.sha256, starts: Array.from(this.starts), byteStarts: Array.from(this.byteStarts) };
  }
}

/**
 * Buffers whole segments are read into, free for the next read: reused, since
 * a fresh 3 MB buffer a segment left the memory it freed held by the process.
 * A scan holds one while it runs (it waits between documents, so another may
 * read meanwhile); at most two are kept free.
 */
const freeBuffers: Buffer[] = [];

function takeBuffer(size: number): Buffer {
  const free = freeBuffers.pop();
  if (free && free.length >= size) return free;
  // One too small is let go; the new one has room for a somewhat larger segment.
  return Buffer.allocUnsafe(Math.ceil(size * 1.25));
}

function giveBack(buf: Buffer): void {
  if (freeBuffers.length < 2) freeBuffers.push(buf);
}

/** One segment's texts decoded as one string: ASCII, the common case, copied as Latin-1 rather than decoded. */
function decode(buf: Buffer): string {
  return isAscii(buf) ? buf.toString('latin1') : buf.toString('utf8');
}

export class Segment {
  private words: Words | null = null;

  private constructor(
    /** Null for a segment held in memory only (read-only use): its texts and word index then stay. */
    private readonly dir: string | null,
    readonly ref: SegmentRef,
    private readonly list: DocList,
    /** The texts, one after another, while they are kept in memory. */
    private text: string | null,
    /** The word index file's bytes, for a segment held in memory only. */
    private readonly wordsFile: Buffer | null,
  ) {}

  static read(dir: string, ref: SegmentRef, file: DocsFile, same?: SameStrings): Segment {
    return new Segment(dir, ref, DocList.of(file, same), null, null);
  }

  private file(ext: string): string {
    return join(this.dir!, `${this.ref.name}-g${this.ref.generation}.${ext}`);
  }

  /** How many documents it holds. */
  get size(): number {
    return this.list.ids.length;
  }

  id(local: number): string {
    return this.list.ids[local];
  }

  sha256(local: number): string {
    return this.list.sha256[local];
  }

  /** Characters of text in this segment. */
  get chars(): number {
    return this.list.starts[this.size];
  }

  /** Every text of the segment, one after another. */
  private wholeText(): string {
    if (this.text !== null) return this.text;
    const fd = openSync(this.file('txt'), 'r');
    const size = fstatSync(fd).size;
    const buf = takeBuffer(size);
    try {
      const bytes = readSync(fd, buf, 0, size, 0);
      return decode(buf.subarray(0, bytes));
    } finally {
      closeSync(fd);
      giveBack(buf);
    }
  }

  /** Keeps the texts in memory from now on (the engine decides while its budget allows). */
  keepText(): void {
    this.text ??= this.wholeText();
  }

  /**
   * The texts of some documents: sliced from the whole segment when it is
   * asked for whole or most documents are wanted; read byte range by byte
   * range otherwise.
   */
  textsOf(locals: number[], whole = false): Map<number, string> {
    const out = new Map<number, string>();
    const { starts, byteStarts } = this.list;
    if (whole || this.text !== null || locals.length * 4 >= this.size) {
      const all = this.wholeText();
      for (const i of locals) out.set(i, all.slice(starts[i], starts[i + 1]));
      return out;
    }
    const fd = openSync(this.file('txt'), 'r');
    try {
      for (const i of locals) {
        const buf = Buffer.allocUnsafe(byteStarts[i + 1] - byteStarts[i]);
        readSync(fd, buf, 0, buf.length, byteStarts[i]);
        out.set(i, buf.toString('utf8'));
      }
    } finally {
      closeSync(fd);
    }
    return out;
  }

  /**
   * The texts of some documents one at a time, in the order asked: for a scan,
   * which needs one text at a time. The segment's bytes are read at once when
   * most of its documents are wanted, but each text is made a string only
   * when its turn comes, so a scan holds one document's text rather than a
   * segment's (the whole segment as one string was held outside the heap
   * until a full collection, 100 MB and more during a scan of the corpus).
   */
  *eachText(locals: number[]): Generator<[number, string]> {
    const { starts, byteStarts } = this.list;
    if (this.text !== null) {
      for (const i of locals) yield [i, this.text.slice(starts[i], starts[i + 1])];
      return;
    }
    if (locals.length * 4 < this.size) {
      yield* this.textsOf(locals);
      return;
    }
    const fd = openSync(this.file('txt'), 'r');
    let buf: Buffer;
    let bytes: number;
    try {
      const size = fstatSync(fd).size;
      buf = takeBuffer(size);
      bytes = readSync(fd, buf, 0, size, 0);
    } finally {
      closeSync(fd);
    }
    try {
      for (const i of locals) {
        const end = Math.min(byteStarts[i + 1], bytes);
        const part = buf.subarray(byteStarts[i], end);
        yield [i, isAscii(part) ? part.toString('latin1') : part.toString('utf8')];
      }
    } finally {
      giveBack(buf);
    }
  }

  /** Local numbers of the documents holding every term. */
  async withTerms(terms: string[]): Promise<number[]> {
    await this.loadWords();
    const w = this.words!;
    const found = terms.map((t) => findWord(w, t));
    if (found.some((i) => i < 0)) return [];
    const file = this.wordsFile;
    const lists = file ? found.map((i) => listFrom(file, w.listsAt + 2 * w.listStarts[i], w.listStarts[i + 1] - w.listStarts[i])) : this.readLists(w, found);
    return intersect(lists);
  }

  /**
   * Local numbers of the documents that may hold every piece (runs of word
   * characters some words of theirs contain); null when the pieces narrow
   * nothing.
   */
  async withPieces(pieces: readonly RegExp[]): Promise<number[] | null> {
    await this.loadWords();
    const w = this.words!;
    const file = this.wordsFile;
    return documentsHolding(w, pieces, this.size, (found) => (file ? found.map((i) => listFrom(file, w.listsAt + 2 * w.listStarts[i], w.listStarts[i + 1] - w.listStarts[i])) : this.readLists(w, found)));
  }

  /** The lists of some words, read from the file: only they are needed, not the whole index (all of them at once, past a few). */
  private readLists(w: Words, found: number[]): Uint16Array[] {
    const fd = openSync(this.file('words'), 'r');
    try {
      if (found.length > 16) {
        const all = Buffer.allocUnsafe(2 * w.listStarts[w.listStarts.length - 1]);
        readSync(fd, all, 0, all.length, w.listsAt);
        return found.map((i) => listFrom(all, 2 * w.listStarts[i], w.listStarts[i + 1] - w.listStarts[i]));
      }
      return found.map((i) => {
        const count = w.listStarts[i + 1] - w.listStarts[i];
        const buf = Buffer.allocUnsafe(2 * count);
        readSync(fd, buf, 0, buf.length, w.listsAt + 2 * w.listStarts[i]);
        return listFrom(buf, 0, count);
      });
    } finally {
      closeSync(fd);
    }
  }

  /** Reads the words of the word index, once. */
  async loadWords(): Promise<void> {
    this.words ??= readWords(this.wordsFile ?? (await readFile(this.file('words'))));
  }

  static build(dir: string | null, ref: SegmentRef, docs: NewDoc[]): { segment: Segment; text: string; words: Uint8Array; list: string } {
    const starts = [0];
    const byteStarts = [0];
    for (const d of docs) {
      starts.push(starts[starts.length - 1] + d.text.length);
      byteStarts.push(byteStarts[byteStarts.length - 1] + Buffer.byteLength(d.text, 'utf8'));
    }
    const list = new DocList(
      docs.map((d) => d.id),
      docs.map((d) => d.sha256),
      starts,
      byteStarts,
    );
    const text = docs.map((d) => d.text).join('');
    const words = buildWords(docs);
    const segment = dir ? new Segment(dir, ref, list, null, null) : new Segment(null, ref, list, text, Buffer.from(words));
    return { segment, text, words, list: JSON.stringify(list) };
  }

  async write(built: { text: string; words: Uint8Array; list: string }): Promise<void> {
    await writeFileDurable(this.file('txt'), built.text);
    await writeFileDurable(this.file('words'), built.words);
    await writeFileDurable(this.file('docs.json'), built.list);
  }

  /** Rebuilds this segment with more documents; the texts come from the segment itself. */
  grown(more: NewDoc[], generation: number): { segment: Segment; built: ReturnType<typeof Segment.build> } {
    const all = this.wholeText();
    const { starts } = this.list;
    const docs: NewDoc[] = this.list.ids.map((id, i) => ({ id, sha256: this.list.sha256[i], text: all.slice(starts[i], starts[i + 1]) }));
    const built = Segment.build(this.dir, { name: this.ref.name, generation }, [...docs, ...more]);
    return { segment: built.segment, built };
  }
}

export class SearchIndex {
  readonly segments: Segment[] = [];
  /** Documents added while the index could not be written (read-only use): kept in memory only. */
  private readonly scratch: NewDoc[] = [];
  private scratchSegment: Segment | null = null;
  /** The hash each indexed document had when indexed, by id (a document indexed again counts in its latest segment). */
  private readonly known = new Map<string, string>();

  private constructor(
    private readonly dir: string,
    private readonly writable: boolean,
  ) {}

  /** `same`: the workspace's strings for a document's id and hash, which the index's lists then share. */
  static async open(root: string, writable: boolean, same?: SameStrings): Promise<SearchIndex> {
    const index = new SearchIndex(join(root, '.parley', 'search'), writable);
    await index.load(same);
    return index;
  }

  private async load(same?: SameStrings): Promise<void> {
    // No index yet, a damaged one (said in the log) or one another version wrote: it is a cache, so it is built again from the documents.
    const found = await readCacheFile(join(this.dir, 'manifest.json'), manifestKind, 'the documents');
    const manifest: Manifest = found?.version === VERSION ? found : { version: VERSION, segments: [] };
    const lists = await Promise.all(
      manifest.segments.map(async (ref) => {
        const list = await readCacheFile(join(this.dir, `${ref.name}-g${ref.generation}.docs.json`), docsKind, 'the documents');
        return list?.version === VERSION ? Segment.read(this.dir, ref, list, same) : null;
      }),
    );
    // A segment that cannot be read ends the index there; the documents after it are indexed again.
    for (const s of lists) {
      if (!s) break;
      this.segments.push(s);
      this.learn(s);
    }
    if (this.writable) await this.removeLeftovers();
  }

  private async removeLeftovers(): Promise<void> {
    const keep = new Set(['manifest.json']);
    for (const s of this.segments) for (const ext of ['txt', 'words', 'docs.json']) keep.add(`${s.ref.name}-g${s.ref.generation}.${ext}`);
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return;
    }
    await Promise.all(names.filter((n) => !keep.has(n)).map((n) => rm(join(this.dir, n), { force: true })));
  }

  private learn(segment: Segment): void {
    for (let local = 0; local < segment.size; local++) this.known.set(segment.id(local), segment.sha256(local));
  }

  /** Whether the index holds this document as it is now. */
  holds(id: string, sha256: string): boolean {
    return this.known.get(id) === sha256;
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
      this.learn(this.scratchSegment);
      return;
    }
    await mkdir(this.dir, { recursive: true });
    let rest = docs;
    const last = this.segments.at(-1);
    if (last && last.size < SEGMENT_DOCS) {
      const take = rest.slice(0, SEGMENT_DOCS - last.size);
      rest = rest.slice(take.length);
      const { segment, built } = last.grown(take, last.ref.generation + 1);
      await segment.write(built);
      this.segments[this.segments.length - 1] = segment;
      this.learn(segment);
      await this.writeManifest();
      await this.removeLeftovers();
    }
    for (let i = 0; i < rest.length; i += SEGMENT_DOCS) {
      const name = `s${String(this.segments.length + 1).padStart(6, '0')}`;
      const built = Segment.build(this.dir, { name, generation: 1 }, rest.slice(i, i + SEGMENT_DOCS));
      await built.segment.write(built);
      this.segments.push(built.segment);
      this.learn(built.segment);
      await this.writeManifest();
    }
  }

  private async writeManifest(): Promise<void> {
    const manifest: Manifest = { version: VERSION, segments: this.segments.map((s) => s.ref) };
    await writeFileDurable(join(this.dir, 'manifest.json'), JSON.stringify(manifest));
  }
}
