/**
 * Pieces of text every match of a query contains, so a search can pass over
 * documents without them before running the query itself: through the word
 * index (a regular expression, or text matched inside words, which the index
 * cannot answer by whole words), or in a document file's raw JSON while the
 * index is being built.
 *
 * A piece is a run of ASCII letters, digits and underscores. Such a run lies
 * inside one of the index's words (they are all word characters), and
 * JSON.stringify writes it unchanged. A piece is looked for as the query
 * would: any case unless the query is case-sensitive, and then with the
 * `iu` flags' own foldings (the Kelvin sign is a "k", the long s an "s"), so
 * a document the query matches is never passed over.
 */
import type { SearchQuery } from '../../core/search';

const WORD_RUN = /[A-Za-z0-9_]+/g;
const ASCII_WORD = /[A-Za-z0-9_]/;

/** The runs of ASCII word characters every match of the query contains; empty when none is certain. */
export function requiredLiterals(q: SearchQuery): string[] {
  const text = q.mode === 'regex' ? q.text : q.text.trim();
  if (!text) return [];
  // Plain text and phrases are literal: every run in them is in every match.
  if (q.mode !== 'regex') return text.match(WORD_RUN) ?? [];
  return regexLiterals(text);
}

/**
 * The runs a regular expression (with the `u` flag) requires: its top level
 * read atom by atom, a run broken by anything but a plain ASCII word
 * character; groups, classes and escapes end a run, a character that may be
 * absent (`?`, `*`, `{`) is left out, and a choice (`|`) at the top level
 * requires nothing.
 */
export function regexLiterals(src: string): string[] {
  const runs: string[] = [];
  let run = '';
  const end = () => {
    if (run) runs.push(run);
    run = '';
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '|') return [];
    if (c === '(') {
      end();
      i = skipQuantifier(src, skipGroup(src, i));
    } else if (c === '[') {
      end();
      i = skipQuantifier(src, skipClass(src, i));
    } else if (c === '\\') {
      end();
      i = skipQuantifier(src, skipEscape(src, i));
    } else if (ASCII_WORD.test(c)) {
      const next = src[i + 1];
      if (next === '?' || next === '*' || next === '{') {
        end();
        i = skipQuantifier(src, i + 1);
      } else if (next === '+') {
        run += c;
        end();
        i = skipQuantifier(src, i + 1);
      } else {
        run += c;
        i++;
      }
    } else {
      // Anything else (".", "^", "$", a space, a letter outside ASCII) ends a run.
      end();
      i = skipQuantifier(src, i + 1);
    }
  }
  end();
  return runs;
}

/** Past a quantifier at `i`, if there is one (and its lazy `?`). */
function skipQuantifier(src: string, i: number): number {
  const c = src[i];
  if (c === '*' || c === '+' || c === '?') i++;
  else if (c === '{') {
    const close = src.indexOf('}', i);
    i = close < 0 ? src.length : close + 1;
  } else return i;
  return src[i] === '?' ? i + 1 : i;
}

/** Past the escape starting at `i` (a backslash): `\u{…}`, `\uXXXX`, `\xHH`, `\p{…}`, `\k<…>`, `\cX`, back-references, or one character. */
function skipEscape(src: string, i: number): number {
  const c = src[i + 1];
  const to = (close: string) => {
    const at = src.indexOf(close, i + 2);
    return at < 0 ? src.length : at + 1;
  };
  if (c === 'u') return src[i + 2] === '{' ? to('}') : i + 6;
  if (c === 'x') return i + 4;
  if (c === 'p' || c === 'P') return to('}');
  if (c === 'k') return to('>');
  if (c === 'c') return i + 3;
  if (c !== undefined && c >= '0' && c <= '9') {
    let k = i + 2;
    while (k < src.length && src[k] >= '0' && src[k] <= '9') k++;
    return k;
  }
  return i + 2;
}

/** Past the character class starting at `i`. */
function skipClass(src: string, i: number): number {
  for (let k = i + 1; k < src.length; k++) {
    if (src[k] === '\\') k++;
    else if (src[k] === ']') return k + 1;
  }
  return src.length;
}

/** Past the group starting at `i`, with the groups and classes inside it. */
function skipGroup(src: string, i: number): number {
  let depth = 0;
  for (let k = i; k < src.length; k++) {
    const c = src[k];
    if (c === '\\') k++;
    else if (c === '[') k = skipClass(src, k) - 1;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return k + 1;
  }
  return src.length;
}

/** A test for a piece as the query looks for it: the `iu` flags' matching whatever the query's case, so what it matches in a document still matches among the index's lower-cased words. */
export function literalPattern(literal: string): RegExp {
  return new RegExp(literal, 'iu');
}

/**
 * Whether a document file's raw JSON may hold a match: it holds every piece.
 * A file with a `\u` escape anywhere may have written a piece escaped, so it
 * is always read.
 */
export function rawMayMatch(raw: string, patterns: readonly RegExp[]): boolean {
  if (raw.includes('\\u')) return true;
  return patterns.every((p) => p.test(raw));
}
