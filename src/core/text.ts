/**
 * Text geometry: paragraphs, grapheme-safe boundaries, word snapping and
 * conversion between UTF-16 indices and Unicode code points.
 */

export interface Block {
  start: number;
  end: number;
}

/** The non-empty lines of a text, with their offsets; blank lines separate nothing visible. */
export function paragraphs(text: string): Block[] {
  const blocks: Block[] = [];
  let start = 0;
  const n = text.length;
  while (start <= n) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = n;
    let e = end;
    if (e > start && text.charCodeAt(e - 1) === 13) e--; // CRLF
    if (hasNonSpace(text, start, e)) blocks.push({ start, end: e });
    start = end + 1;
  }
  return blocks;
}

/**
 * Where a first part of the text cut near `at` ends: just after the first line
 * break at or after `at` (or the text's end), so the paragraphs of each part
 * are exactly the paragraphs of the whole text in that range.
 */
export function lineEndFrom(text: string, at: number): number {
  if (at >= text.length) return text.length;
  const nl = text.indexOf('\n', Math.max(0, at));
  return nl < 0 ? text.length : nl + 1;
}

function hasNonSpace(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 160 && c !== 0x3000) return true;
  }
  return false;
}

let graphemes: Intl.Segmenter | null = null;
function graphemeSegmenter(): Intl.Segmenter {
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return graphemes;
}

function isSpace(c: string): boolean {
  return /\s/u.test(c);
}

/**
 * Moves `pos` to the nearest grapheme boundary at or before it (`dir` -1) or
 * at or after it (`dir` 1), so a span never splits an emoji, a flag or a
 * letter from its combining accent.
 */
export function graphemeBoundary(text: string, pos: number, dir: -1 | 1): number {
  if (pos <= 0) return 0;
  if (pos >= text.length) return text.length;
  // Start segmenting at a whitespace character, which always begins a grapheme.
  let from = pos;
  const limit = Math.max(0, pos - 256);
  while (from > limit && !isSpace(text[from - 1])) from--;
  let to = pos;
  const hi = Math.min(text.length, pos + 256);
  while (to < hi && !isSpace(text[to])) to++;
  let before = from;
  for (const seg of graphemeSegmenter().segment(text.slice(from, to))) {
    const s = from + seg.index;
    if (s === pos) return pos;
    if (s > pos) return dir < 0 ? before : s;
    before = s;
  }
  // The window ends at whitespace (or the text's end), which is itself a boundary.
  if (pos >= to) return to;
  return dir < 0 ? before : to;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function isWordAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const cp = text.codePointAt(i) as number;
  // A low surrogate is part of the character that starts one index earlier.
  if (cp >= 0xdc00 && cp <= 0xdfff && i > 0) return isWordAt(text, i - 1);
  return WORD_CHAR.test(String.fromCodePoint(cp));
}

export interface SnapOptions {
  /** Expand a span that starts or ends inside a word to the whole word. */
  words: boolean;
}

/**
 * Normalises a selection to a span worth saving: grapheme-safe, with outer
 * whitespace trimmed and, when asked, widened to whole words. Returns null
 * when nothing but whitespace is selected.
 */
export function snapSpan(text: string, start: number, end: number, opts: SnapOptions): { start: number; end: number } | null {
  if (end < start) [start, end] = [end, start];
  start = graphemeBoundary(text, Math.max(0, start), -1);
  end = graphemeBoundary(text, Math.min(text.length, end), 1);
  while (start < end && isSpace(text[start])) start++;
  while (end > start && isSpace(text[end - 1])) end--;
  if (start >= end) return null;
  if (opts.words) {
    while (start > 0 && isWordAt(text, start - 1) && isWordAt(text, start)) start--;
    while (end < text.length && isWordAt(text, end - 1) && isWordAt(text, end)) end++;
    start = graphemeBoundary(text, start, -1);
    end = graphemeBoundary(text, end, 1);
  }
  return { start, end };
}

/** Converts between UTF-16 indices and code-point indices for one text. */
export class CodePointIndex {
  /** utf16 index of each astral character's high surrogate, ascending; empty for BMP-only text. */
  private readonly astral: number[] = [];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          this.astral.push(i);
          i++;
        }
      }
    }
  }

  /** Number of astral characters whose high surrogate lies before `utf16`. */
  private astralBefore(utf16: number): number {
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.astral[mid] < utf16) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  toCodePoint(utf16: number): number {
    if (this.astral.length === 0) return utf16;
    return utf16 - this.astralBefore(utf16);
  }

  fromCodePoint(cp: number): number {
    if (this.astral.length === 0) return cp;
    // utf16 = cp + (astral characters entirely before it); search the count k with astral[k] - k < cp.
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.astral[mid] - mid < cp) lo = mid + 1;
      else hi = mid;
    }
    return cp + lo;
  }

  /** True when the text holds a character outside the Basic Multilingual Plane, where the two units differ. */
  get hasAstral(): boolean {
    return this.astral.length > 0;
  }

  /** True when `utf16` falls between the two halves of a surrogate pair. */
  splitsPair(utf16: number): boolean {
    if (this.astral.length === 0) return false;
    const k = this.astralBefore(utf16);
    return k > 0 && this.astral[k - 1] === utf16 - 1;
  }
}

/** Every occurrence of `needle` in `text` that stands as a whole word (not inside a longer word). */
export function findWholeWord(text: string, needle: string, caseSensitive = true): number[] {
  if (!needle) return [];
  const hay = caseSensitive ? text : text.toLowerCase();
  const n = caseSensitive ? needle : needle.toLowerCase();
  const hits: number[] = [];
  let i = hay.indexOf(n);
  while (i >= 0) {
    const j = i + n.length;
    const leftOk = !(isWordAt(text, i - 1) && isWordAt(text, i));
    const rightOk = !(isWordAt(text, j - 1) && isWordAt(text, j));
    if (leftOk && rightOk) hits.push(i);
    i = hay.indexOf(n, i + 1);
  }
  return hits;
}

/** What a mention says: its pieces' words joined by `gap` when it is discontinuous (brat's `0 5;10 15`), else its quote. */
export function mentionWords(m: { start: number; quote: string; fragments?: readonly (readonly [number, number])[] }, gap: string): string {
  return m.fragments ? m.fragments.map(([s, e]) => m.quote.slice(s - m.start, e - m.start)).join(gap) : m.quote;
}
