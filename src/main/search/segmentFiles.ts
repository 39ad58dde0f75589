/**
 * A search segment's pieces held in memory: its document list as arrays, and
 * the buffers its texts are read into.
 */
import { isAscii } from 'node:buffer';
import type { DocsFile } from './indexFiles';

/** 3: the word index as sorted words and 16-bit lists (2 was a JSON word index, kept whole in memory). */
export const INDEX_VERSION = 3;

/**
 * The workspace's own id and hash strings of a document, so the index's
 * lists hold the same strings rather than equal copies (an id and a hash are
 * about 100 bytes; 100,000 documents, 10 MB).
 */
export type SameStrings = (id: string) => { id: string; sha256: string } | undefined;

/** A segment's documents: arrays rather than an object per document (100,000 objects were about 25 MB). */
export class DocList {
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
    return { version: INDEX_VERSION, ids: this.ids, sha256: this.sha256, starts: Array.from(this.starts), byteStarts: Array.from(this.byteStarts) };
  }
}

/**
 * Buffers whole segments are read into, free for the next read: reused, since
 * a fresh 3 MB buffer a segment left the memory it freed held by the process.
 * A scan holds one while it runs (it waits between documents, so another may
 * read meanwhile); at most two are kept free.
 */
const freeBuffers: Buffer[] = [];

export function takeBuffer(size: number): Buffer {
  const free = freeBuffers.pop();
  if (free && free.length >= size) return free;
  // One too small is let go; the new one has room for a somewhat larger segment.
  return Buffer.allocUnsafe(Math.ceil(size * 1.25));
}

export function giveBack(buf: Buffer): void {
  if (freeBuffers.length < 2) freeBuffers.push(buf);
}

/** One segment's texts decoded as one string: ASCII, the common case, copied as Latin-1 rather than decoded. */
export function decode(buf: Buffer): string {
  return isAscii(buf) ? buf.toString('latin1') : buf.toString('utf8');
}

