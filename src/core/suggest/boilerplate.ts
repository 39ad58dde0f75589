/**
 * Text outside the article body: page furniture a web page leaves in the
 * imported text ("Privacy", "Share on Facebook", a cookie banner, a script's
 * "formFactor"). Nothing is suggested from it. A line is furniture when
 * - it recurs in other documents of the workspace (the same outlet's footer in
 *   every article: `LineCounts`), or
 * - it reads like furniture on its own: short, no sentence in it, and it
 *   starts with a word of page furniture ("Privacy", "Subscribe", "Share…"),
 *   is a row of share buttons, a code identifier written in camelCase
 *   ("formFactor"), or code punctuation.
 * Real sentences are never furniture by the second rule: a line of more than
 * eight words or one that ends like a sentence is kept.
 */

export interface Range {
  start: number;
  end: number;
}

/** Lines at least this long are prose, not furniture, even when repeated. */
const MAX_FURNITURE = 200;
/** Documents a line must recur in (besides the one read) to be furniture. */
const REPEATS = 2;

/** Lines of page furniture start with one of these ("Privacy Policy", "Share this article", "Accept all cookies"). */
const FURNITURE_START =
  /^(privacy|cookies?|cookie settings|subscribe|newsletter|sign (in|up)|log ?(in|out)|share|advertisement|advertising|sponsored|terms (of|and)|copyright|©|all rights reserved|skip to|menu|related (articles|stories|content)|read more|follow us|accept( all)?|reject all|manage (preferences|cookies)|print|e-?mail this)\b/iu;
/** A line of share buttons: nothing but the names of social networks. */
const SOCIAL = /^((facebook|twitter|x|whatsapp|linkedin|reddit|telegram|email|e-mail|copy link|messenger|pinterest)\s*[|·•,/]?\s*)+$/iu;
/** A code identifier written in camelCase ("formFactor", "dataLayer"). */
const CAMEL = /(^|\s)\p{Ll}{2,}\p{Lu}\p{L}*/u;
/**
 * Code: braces, an assignment to a name, a statement's closing semicolon, a
 * tag. Not any "=" or ";": results write ties as "10= Martina Ertl" and join
 * matches with " ; ".
 */
const CODE = /[{}]|\p{L}[\w$.\]]*\s*[+\-*/]?=\s*[^=\s]|;\s*$|<\/?[a-z][^>]*>|^(function|var|let|const|null|undefined|true|false)\b/u;

const normal = (line: string) => line.trim().replace(/\s+/g, ' ');

/** How many documents each line occurs in, counting a line once per document. */
export class LineCounts {
  private readonly counts = new Map<string, number>();

  add(text: string): void {
    const seen = new Set<string>();
    for (const { line } of lines(text)) {
      const n = normal(line);
      if (n === '' || n.length > MAX_FURNITURE || seen.has(n)) continue;
      seen.add(n);
      this.counts.set(n, (this.counts.get(n) ?? 0) + 1);
    }
  }

  /** Documents holding the line; `self` is subtracted when the text read is one of them. */
  count(line: string, self = 0): number {
    return (this.counts.get(normal(line)) ?? 0) - self;
  }
}

function* lines(text: string): Generator<{ line: string; start: number; end: number }> {
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    yield { line: text.slice(start, end), start, end };
    start = end + 1;
  }
}

/** A line that is furniture by itself, whatever the rest of the workspace holds. */
export function looksLikeFurniture(line: string): boolean {
  const n = normal(line);
  if (n === '' || n.length > MAX_FURNITURE) return false;
  const words = n.split(' ').length;
  if (words > 8 || /[.!?]["”’)]?$/u.test(n)) return /[{}]/.test(n) && /[=(;]/.test(n);
  return FURNITURE_START.test(n) || SOCIAL.test(n) || (words <= 3 && CAMEL.test(n)) || CODE.test(n);
}

/**
 * The furniture lines of a text, as ranges. `known` counts lines over the
 * workspace's documents; `inKnown` says whether this text is one of them (its
 * own lines are then not counted against it).
 */
export function furnitureRanges(text: string, known?: LineCounts, inKnown = false): Range[] {
  const out: Range[] = [];
  for (const { line, start, end } of lines(text)) {
    if (normal(line) === '') continue;
    const repeated = known !== undefined && known.count(line, inKnown ? 1 : 0) >= REPEATS;
    if (repeated || looksLikeFurniture(line)) out.push({ start, end });
  }
  return out;
}

export const overlapsAny = (ranges: readonly Range[], s: Range): boolean => ranges.some((r) => r.start < s.end && s.start < r.end);

/**
 * The whole lines a range touches, as ranges without their line breaks: an
 * analyst marks a line as not article text by selecting any part of it.
 */
export function linesCovering(text: string, range: Range): Range[] {
  const out: Range[] = [];
  for (const { start, end } of lines(text)) {
    const touches = range.start === range.end ? start <= range.start && range.start <= end : start < range.end && range.start < end;
    if (touches && end > start) out.push({ start, end });
  }
  return out;
}

/** Marked ranges with `add` put in or taken out, merged and in text order. */
export function markRanges(marked: readonly Range[], add: readonly Range[], on: boolean): Range[] {
  const key = (r: Range) => `${r.start}:${r.end}`;
  const drop = new Set(add.map(key));
  const kept = on ? [...marked, ...add.filter((r) => !marked.some((m) => key(m) === key(r)))] : marked.filter((m) => !drop.has(key(m)));
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}
