/**
 * A segment's word index as one binary file (`.words`): every lower-cased
 * whole word of its documents, sorted, then where each word's list starts,
 * then the lists as 16-bit local document numbers. Only the words and where
 * their lists start are read into memory; a search reads the lists of its
 * own words from the file.
 */
import { isAscii } from 'node:buffer';
import { words } from '../../core/search';

/** Bytes before the words in a `.words` file: the count of words and the bytes of their text. */
const WORDS_HEAD = 8;

/** The words of a segment's index: all of them in one string, with where each starts and where its list of documents starts. */
export interface Words {
  text: string;
  /** Where word i starts in `text`; word i ends one before `wordStarts[i + 1]` (a line feed follows each). */
  wordStarts: Uint32Array;
  /** Where word i's list starts, counted in 16-bit numbers from `listsAt`; one more entry than words. */
  listStarts: Uint32Array;
  /** Byte offset of the lists in the file. */
  listsAt: number;
}

/** The `.words` file of some documents: every lower-cased whole word, sorted, with the sorted local numbers of the documents holding it. */
export function buildWords(docs: readonly { text: string }[]): Uint8Array {
  const lists = new Map<string, number[]>();
  docs.forEach((d, local) => {
    for (const w of words(d.text)) {
      const term = w.toLowerCase();
      const list = lists.get(term);
      if (!list) lists.set(term, [local]);
      else if (list[list.length - 1] !== local) list.push(local);
    }
  });
  const terms = [...lists.keys()].sort();
  const text = Buffer.from(terms.map((t) => t + '\n').join(''), 'utf8');
  let postings = 0;
  for (const t of terms) postings += lists.get(t)!.length;
  const listsAt = WORDS_HEAD + text.length + ((4 - (text.length % 4)) % 4) + 4 * (terms.length + 1);
  const out = Buffer.alloc(listsAt + 2 * postings);
  out.writeUInt32LE(terms.length, 0);
  out.writeUInt32LE(text.length, 4);
  text.copy(out, WORDS_HEAD);
  let at = listsAt - 4 * (terms.length + 1);
  let listStart = 0;
  let listAt = listsAt;
  for (const t of terms) {
    out.writeUInt32LE(listStart, at);
    at += 4;
    for (const local of lists.get(t)!) {
      out.writeUInt16LE(local, listAt);
      listAt += 2;
    }
    listStart += lists.get(t)!.length;
  }
  out.writeUInt32LE(listStart, at);
  return out;
}

export function readWords(buf: Buffer): Words {
  const count = buf.readUInt32LE(0);
  const textBytes = buf.readUInt32LE(4);
  const raw = buf.subarray(WORDS_HEAD, WORDS_HEAD + textBytes);
  const text = isAscii(raw) ? raw.toString('latin1') : raw.toString('utf8');
  const wordStarts = new Uint32Array(count + 1);
  for (let i = 0, at = 0; i < count; i++) {
    wordStarts[i] = at;
    at = text.indexOf('\n', at) + 1;
    wordStarts[i + 1] = at;
  }
  const startsAt = WORDS_HEAD + textBytes + ((4 - (textBytes % 4)) % 4);
  const listStarts = new Uint32Array(count + 1);
  for (let i = 0; i <= count; i++) listStarts[i] = buf.readUInt32LE(startsAt + 4 * i);
  return { text, wordStarts, listStarts, listsAt: startsAt + 4 * (count + 1) };
}

/** The number of a word in the sorted words, or -1. */
export function findWord(w: Words, term: string): number {
  let lo = 0;
  let hi = w.wordStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const at = w.text.slice(w.wordStarts[mid], w.wordStarts[mid + 1] - 1);
    if (at === term) return mid;
    if (at < term) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}

/** `count` 16-bit document numbers from byte `at` (the file is little-endian whatever the machine). */
export function listFrom(buf: Buffer, at: number, count: number): Uint16Array {
  const out = new Uint16Array(count);
  for (let k = 0; k < count; k++) out[k] = buf.readUInt16LE(at + 2 * k);
  return out;
}

/** The documents in every one of the sorted lists. */
export function intersect(lists: Uint16Array[]): number[] {
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


/** A piece that more words than this hold narrows nothing worth the reading of their lists. */
const MOST_WORDS = 256;

/** The numbers of the words holding a match of `piece` (tested as it is, any case), or null when more than `most` do. */
export function wordsHolding(w: Words, piece: RegExp, most = MOST_WORDS): number[] | null {
  const g = new RegExp(piece.source, `g${piece.flags}`);
  const out: number[] = [];
  let m: RegExpExecArray | null;
  while ((m = g.exec(w.text)) !== null) {
    // The word holding the match: the last that starts at or before it (each ends with a line feed, which no piece holds).
    let lo = 0;
    let hi = w.wordStarts.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (w.wordStarts[mid] <= m.index) lo = mid;
      else hi = mid - 1;
    }
    out.push(lo);
    if (out.length > most) return null;
    g.lastIndex = w.wordStarts[lo + 1];
  }
  return out;
}

/**
 * The local numbers of the documents that may hold every piece: for each,
 * the documents of the words holding it. Null when no piece narrows them
 * (each is in too many words). `listsOf` reads the lists of some words.
 */
export function documentsHolding(w: Words, pieces: readonly RegExp[], size: number, listsOf: (found: number[]) => Uint16Array[]): number[] | null {
  let keep: Uint8Array | null = null;
  for (const piece of pieces) {
    const found = wordsHolding(w, piece);
    if (!found) continue;
    const mark = new Uint8Array(size);
    for (const list of listsOf(found)) for (const local of list) mark[local] = 1;
    if (keep) for (let i = 0; i < size; i++) keep[i] &= mark[i];
    else keep = mark;
  }
  if (!keep) return null;
  const out: number[] = [];
  for (let i = 0; i < size; i++) if (keep[i]) out.push(i);
  return out;
}
