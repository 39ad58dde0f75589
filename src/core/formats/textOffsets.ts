/**
 * Offsets in a file's own unit (UTF-16 code units, code points or grapheme
 * clusters) turned into checked UTF-16 spans of the text, and the hint that
 * names the unit a file's offsets fit when they split a character.
 */
import { CodePointIndex } from '../text';
import { InputError, shown } from './input';
import { describePath } from './json';
import type { ReadUnit } from './types';

type Path = readonly (string | number)[];

export interface Span {
  start: number;
  end: number;
}

export const UNIT_NAMES: Record<ReadUnit, string> = { codepoint: 'code points', utf16: 'UTF-16 code units', grapheme: 'grapheme clusters' };
const UNITS: readonly ReadUnit[] = ['utf16', 'codepoint', 'grapheme'];

let segmenter: Intl.Segmenter | null = null;
/** Where each grapheme cluster starts (UTF-16 indices), then the text's length. */
function clusterStarts(text: string): number[] {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const starts: number[] = [];
  for (const s of segmenter.segment(text)) starts.push(s.index);
  starts.push(text.length);
  return starts;
}
const NON_ASCII = /[^\t\n\r\x20-\x7e]/;

/** Who counts offsets in a file's unit, for messages: which tool, and how to read the file in the other unit. */
export interface UnitHint {
  /** The tool whose files count in the reader's unit, e.g. "Label Studio". */
  tool: string;
  /** Whether the reader may be re-run in the other unit (Label Studio and doccano: `--offsets`). */
  switchable: boolean;
  /** The units the tool's versions have counted in, to suggest; utf16 and codepoint unless said. */
  units?: readonly ReadUnit[];
  /** Called once per text that holds astral characters and whose offsets no quote confirmed. */
  unchecked?: () => void;
}

export function rerun(unit: ReadUnit): string {
  return `re-run the import with the offsets option set to ${unit} (--offsets ${unit})`;
}

/**
 * Converts spans counted in a file's unit (UTF-16 or code points) to model
 * offsets, checking them on the way. A quote that does not match is tried in
 * the other unit: when it matches there, the error says the file counts the
 * other way and how to read it so; offsets are never shifted silently.
 */
export class TextOffsets {
  private readonly index: CodePointIndex;
  /** The text's length in the file's unit. */
  readonly length: number;
  private reported = false;
  private starts: number[] | null = null;
  /** Per UTF-16 index: 1 when it lies inside a grapheme cluster of non-ASCII characters (a surrogate pair, an emoji sequence, a letter and its accent). */
  private inside: Uint8Array | null = null;

  constructor(
    readonly text: string,
    readonly unit: ReadUnit,
    private readonly hint?: UnitHint,
  ) {
    this.index = new CodePointIndex(text);
    this.length = this.lengthIn(unit);
  }

  private get unitName(): string {
    return UNIT_NAMES[this.unit];
  }

  private lengthIn(unit: ReadUnit): number {
    if (unit === 'codepoint') return this.index.toCodePoint(this.text.length);
    if (unit === 'grapheme') return this.clusters().length - 1;
    return this.text.length;
  }

  private clusters(): number[] {
    this.starts ??= clusterStarts(this.text);
    return this.starts;
  }

  /** The span in model offsets, or null when the offsets do not fit the text in `unit`. */
  private convert(s: number, e: number, unit: ReadUnit): Span | null {
    if (s < 0 || s > e || e > this.lengthIn(unit)) return null;
    if (unit === 'utf16') return { start: s, end: e };
    if (unit === 'grapheme') return { start: this.clusters()[s], end: this.clusters()[e] };
    return { start: this.index.fromCodePoint(s), end: this.index.fromCodePoint(e) };
  }

  /** Whether a UTF-16 position falls inside a character as a reader sees it. */
  private splits(pos: number): boolean {
    if (!this.inside) {
      this.inside = new Uint8Array(this.text.length + 1);
      if (NON_ASCII.test(this.text)) {
        const starts = this.clusters();
        for (let i = 0; i + 1 < starts.length; i++) {
          if (starts[i + 1] - starts[i] > 1 && NON_ASCII.test(this.text.slice(starts[i], starts[i + 1]))) this.inside.fill(1, starts[i] + 1, starts[i + 1]);
        }
      }
    }
    return this.inside[pos] === 1;
  }

  /**
   * Refuses a span that starts or ends inside a surrogate pair (half of an
   * emoji), or inside a grapheme cluster when the quote fits another unit: the
   * file counts in another unit. Names the unit in which the offsets land on
   * character boundaries and fit the quote.
   * Only for formats whose tools have counted in several units.
   */
  private checkBoundaries(span: Span, s: number, e: number, quote: unknown, path: Path): void {
    if (!this.hint?.switchable) return;
    const at = this.splits(span.start) ? span.start : this.splits(span.end) ? span.end : -1;
    if (at < 0) return;
    const starts = this.clusters();
    let c = 0;
    while (starts[c + 1] <= at) c++;
    const ch = this.text.slice(starts[c], starts[c + 1]);
    const what = ch.length === 2 && /[\uD800-\uDBFF]/.test(ch[0]) ? 'a surrogate pair' : 'a grapheme cluster';
    const fits = (this.hint.units ?? UNITS.slice(0, 2)).filter((u) => {
      if (u === this.unit) return false;
      const there = this.convert(s, e, u);
      if (!there || this.splits(there.start) || this.splits(there.end)) return false;
      return quote === undefined || this.text.slice(there.start, there.end) === quote;
    });
    // A span may end inside a cluster on purpose (a letter without its accent): only a fitting other unit shows the file counts differently.
    if (what === 'a grapheme cluster' && (!fits.length || quote === undefined || s === e)) return;
    const todo = fits.length
      ? `counted in ${fits.map((u) => UNIT_NAMES[u]).join(' or in ')} they land on character boundaries${quote === undefined ? '' : ' and match the quoted text'}; nothing was imported; ${fits.length === 1 ? rerun(fits[0]) : `re-run the import with the offsets option set to the unit the tool counted in (${fits.map((u) => `--offsets ${u}`).join(' or ')})`}`
      : `no unit (UTF-16 code units, code points, grapheme clusters) makes them land on character boundaries; nothing was imported; check the tool that wrote the file`;
    throw new InputError(`offsets ${s}–${e} counted in ${this.unitName} split the character ${JSON.stringify(ch)} (${what}): the file counts another way; ${todo}`, path);
  }

  /** A span whose file gives no quote: in astral text, the unit is assumed, and the reader is told once. */
  span(start: unknown, end: unknown, path: Path = []): Span {
    const span = this.checked(start, end, path);
    this.checkBoundaries(span, start as number, end as number, undefined, path);
    if (this.index.hasAstral && !this.reported) {
      this.reported = true;
      this.hint?.unchecked?.();
    }
    return span;
  }

  private checked(start: unknown, end: unknown, path: Path): Span {
    if (!Number.isInteger(start) || !Number.isInteger(end)) {
      throw new InputError(`expected whole-number offsets, found ${JSON.stringify(start)} and ${JSON.stringify(end)}`, path);
    }
    const span = this.convert(start as number, end as number, this.unit);
    if (!span) throw new InputError(`offsets ${String(start)}–${String(end)} fall outside the text, which is ${this.length} ${this.unitName} long`, path);
    return span;
  }

  /**
   * A span the file quotes: offsets and quote are checked together; a quote
   * that fits only under another unit is named as such. Without a quote it
   * is `span()`.
   */
  quoted(start: unknown, end: unknown, quote: unknown, path: Path = [], quotePath: Path = path): { span: Span; quote: string } {
    if (quote === undefined) {
      const span = this.span(start, end, path);
      return { span, quote: this.text.slice(span.start, span.end) };
    }
    const span = this.checked(start, end, path);
    const checkedQuote = this.quote(span, quote, quotePath, start as number, end as number);
    this.checkBoundaries(span, start as number, end as number, quote, path);
    return { span, quote: checkedQuote };
  }

  /**
   * `quoted()` for a tool that re-saves a region's text without its line
   * breaks (Label Studio 1.4.0): when the quote and the text at the offsets
   * differ only in white space, the offsets win and `warn` names the difference.
   */
  quotedAcrossLines(start: unknown, end: unknown, quote: unknown, path: Path, quotePath: Path, warn: (message: string) => void): { span: Span; quote: string } {
    if (typeof quote === 'string' && Number.isInteger(start) && Number.isInteger(end)) {
      const span = this.convert(start as number, end as number, this.unit);
      const actual = span ? this.text.slice(span.start, span.end) : undefined;
      if (span && actual !== undefined && actual !== quote && /[\r\n]/.test(actual) && actual.replace(/\s+/g, '') === quote.replace(/\s+/g, '')) {
        warn(`${describePath(path)}: the region's text ${shown(quote)} lacks the line breaks of the text at ${String(start)}–${String(end)}, which reads ${shown(actual.replace(/\r?\n/g, '⏎'))} (Label Studio 1.4.0 saves multi-line regions so); matched by offsets`);
        return this.quoted(start, end, undefined, path, quotePath);
      }
    }
    return this.quoted(start, end, quote, path, quotePath);
  }

  /** The span's text, checked against the quote the file gives for it (if any). */
  quote(span: Span, quote: unknown, path: Path = [], fileStart?: number, fileEnd?: number): string {
    const actual = this.text.slice(span.start, span.end);
    if (quote !== undefined && quote !== actual) {
      const at = `${fileStart ?? span.start}–${fileEnd ?? span.end}`;
      const shownQuote = typeof quote === 'string' ? shown(quote) : JSON.stringify(quote);
      const other = fileStart !== undefined && fileEnd !== undefined ? UNITS.find((u) => this.isAt(u, fileStart, fileEnd, quote)) : undefined;
      if (other) {
        const who = this.hint ? `, as ${this.hint.tool} does` : '';
        const todo = this.hint?.switchable ? rerun(other) : `convert the offsets to ${this.unitName}`;
        throw new InputError(
          `the quoted text ${shownQuote} is at ${at} counted in ${UNIT_NAMES[other]}, not in ${this.unitName}${who}: the file was written by a tool that counts the other way; nothing was imported; ${todo}`,
          path,
        );
      }
      throw new InputError(`the quoted text ${shownQuote} does not match the text at ${at}, which reads ${shown(actual)}`, path);
    }
    return actual;
  }

  private isAt(unit: ReadUnit, s: number, e: number, quote: unknown): boolean {
    if (unit === this.unit || !(this.hint?.units ?? UNITS.slice(0, 2)).includes(unit)) return false;
    const there = this.convert(s, e, unit);
    return there !== null && this.text.slice(there.start, there.end) === quote;
  }
}

