/**
 * Word tokens and sentence spans, as UTF-16 offsets into a text. Token-based
 * exports (CoNLL, spaCy) and the agreement measures both count on these, so
 * the signatures stay as they are.
 *
 * Why regular expressions rather than Intl.Segmenter for everything: on
 * Node 20 a segmenter step costs about 2 µs even on short strings, and each
 * step grows with the length of the string being segmented (30 µs per word on
 * a 58,000-character article), so a million tokens took many seconds. The
 * regular expression below tokenizes a million tokens in about a tenth of a
 * second. Intl.Segmenter is still used, on short windows, for scripts written
 * without spaces (Chinese, Japanese, Thai, Lao, Khmer, Myanmar), where only
 * its dictionary can find the words. ICU's sentence rules also split after
 * "Mr." and "Dr.", which news text is full of, hence the hand-made rules in
 * `sentences`.
 */

export interface Token {
  start: number;
  end: number;
}

export interface Sentence {
  start: number;
  end: number;
}

// Word characters, with the invisible joiners that may sit inside a word (soft
// hyphen, ZWNJ in Persian, ZWJ in Indic scripts, word joiner).
const WORD = String.raw`[\p{L}\p{N}\p{M}]+(?:(?:\u00AD|\u200C|\u200D|\u2060)[\p{L}\p{N}\p{M}]+)*`;
// 3.5, 1,000 and 10:30 are one token; "Russia's" and "pro-Kremlin" are not,
// because a mention often ends at the apostrophe or hyphen.
const NUMBER = String.raw`\p{N}+(?:[.,:]\p{N}+)+`;
const FLAG = String.raw`\p{Regional_Indicator}{2}`;
// An emoji with its modifiers, variation selectors and tag characters, joined by ZWJ into one picture.
const EMOJI_PART = String.raw`\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F|\u20E3)*(?:[\u{E0020}-\u{E007F}]+)?`;
const EMOJI = `${EMOJI_PART}(?:\\u200D${EMOJI_PART})*`;
// Anything else that is visible, with the combining marks that follow it.
const OTHER = String.raw`[^\s\p{Cf}]\p{M}*`;

const TOKEN = new RegExp(`${NUMBER}|${WORD}|${FLAG}|${EMOJI}|${OTHER}`, 'gu');

/** Scripts written without spaces between words. */
const UNSPACED = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;

/** The word tokens of a text: words, numbers, emoji and single punctuation marks; whitespace is never part of a token. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const re = new RegExp(TOKEN);
  const n = text.length;
  let i = 0;
  // A hand-written scanner takes ASCII words and punctuation, the bulk of most
  // news text, several times faster than the regular expression; anything it
  // is not sure of (a non-ASCII character, a number that may continue as 3.5)
  // goes to the expression, starting at the same token boundary.
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) {
      i++;
      continue;
    }
    if (c < 128) {
      let j = i + 1;
      let digits = isDigit(c);
      if (isAlnum(c)) {
        for (let d = text.charCodeAt(j); j < n && isAlnum(d); d = text.charCodeAt(++j)) if (!isDigit(d)) digits = false;
      }
      const next = j < n ? text.charCodeAt(j) : 32;
      const numberGoesOn = digits && (next === 46 || next === 44 || next === 58) && j + 1 < n && !isSpaceOrAsciiPunct(text.charCodeAt(j + 1));
      if (next < 128 && !numberGoesOn) {
        tokens.push({ start: i, end: j });
        i = j;
        continue;
      }
    }
    re.lastIndex = i;
    const m = re.exec(text);
    if (m === null) break;
    const start = m.index;
    const end = start + m[0].length;
    if (mayBeUnspaced(text, start, end) && UNSPACED.test(m[0])) segmentWords(text, start, end, tokens);
    else tokens.push({ start, end });
    i = end;
  }
  return tokens;
}

/** Cheap pre-check: every unspaced script lies at or above U+0E00 (Thai). */
function mayBeUnspaced(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) >= 0x0e00) return true;
  return false;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** True for ASCII that cannot continue a number: space and punctuation. Letters and digits, and all non-ASCII, may. */
function isSpaceOrAsciiPunct(c: number): boolean {
  return c < 128 && !isAlnum(c);
}

const WINDOW = 512;
let wordSegmenter: Intl.Segmenter | null = null;

/**
 * Splits a run of unspaced script into dictionary words. The segmenter is fed
 * short windows because its cost per step grows with the input length; the
 * last word of a window may be cut, so the next window starts where it began.
 */
function segmentWords(text: string, start: number, end: number, out: Token[]): void {
  wordSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  let pos = start;
  while (pos < end) {
    let stop = Math.min(end, pos + WINDOW);
    if (stop < end && isHighSurrogate(text.charCodeAt(stop - 1))) stop--;
    const found: Token[] = [];
    for (const seg of wordSegmenter.segment(text.slice(pos, stop))) {
      found.push({ start: pos + seg.index, end: pos + seg.index + seg.segment.length });
    }
    if (stop < end && found.length > 1) found.pop();
    for (const t of found) out.push(t);
    pos = found[found.length - 1].end;
  }
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

const LINE = /[^\n\r\u2028\u2029\v\f\x85]+/gu;
// A run of sentence-ending marks, the closing quotes and brackets after it.
const TERMINATOR = /(?:[.!?…‼⁇⁈⁉]+|[。！？]+)["'”’»)\]]*/gu;
const CJK_END = /^[。！？]/u;
const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr prof sen rep gov gen lt col maj capt sgt cmdr adm amb pres rev hon st mt jr sr ' +
    'vol vs etc inc ltd co corp dept univ approx fig jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'e.g i.e cf al'
  ).split(' '),
);

/**
 * Sentence spans, trimmed of surrounding whitespace. A line break always ends
 * a sentence (news paragraphs are lines). Inside a line a sentence ends after
 * . ! ? … (and closing quotes) followed by a space and a word that does not
 * start in lower case, unless the full stop belongs to an abbreviation
 * ("Mr.", "Gen.") or initials ("U.S.", "J. Smith"); after 。！？ it always ends.
 */
export function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const lines = new RegExp(LINE);
  let line: RegExpExecArray | null;
  while ((line = lines.exec(text)) !== null) {
    const lineStart = line.index;
    const lineEnd = lineStart + line[0].length;
    let start = lineStart;
    const ends = new RegExp(TERMINATOR);
    ends.lastIndex = lineStart;
    let m: RegExpExecArray | null;
    while ((m = ends.exec(text)) !== null && m.index < lineEnd) {
      const end = m.index + m[0].length;
      if (end >= lineEnd) break;
      if (endsSentence(text, m, end)) {
        pushTrimmed(text, start, end, out);
        start = end;
      }
    }
    pushTrimmed(text, start, lineEnd, out);
  }
  return out;
}

function endsSentence(text: string, m: RegExpExecArray, end: number): boolean {
  if (CJK_END.test(m[0])) return true;
  if (!/\s/u.test(text[end])) return false;
  let next = end;
  while (next < text.length && /\s/u.test(text[next])) next++;
  if (next < text.length && /\p{Ll}/u.test(String.fromCodePoint(text.codePointAt(next) as number))) return false;
  if (m[0][0] !== '.' || (m[0].length > 1 && m[0][1] === '.')) return true;
  // The word before the full stop: an abbreviation or an initial keeps the sentence going.
  let w = m.index;
  while (w > 0 && /[\p{L}.]/u.test(text[w - 1])) w--;
  const word = text.slice(w, m.index).toLowerCase();
  if (ABBREVIATIONS.has(word)) return false;
  return !/^(?:\p{L}\.)*\p{L}$/u.test(word);
}

function pushTrimmed(text: string, start: number, end: number, out: Sentence[]): void {
  while (start < end && /\s/u.test(text[start])) start++;
  while (end > start && /\s/u.test(text[end - 1])) end--;
  if (end > start) out.push({ start, end });
}
