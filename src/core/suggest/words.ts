/**
 * A suggestion never splits a word: it starts and ends where a word does.
 * "al" from "al-Nusra" and "0" from "G20" are not names. A hyphenated
 * compound may still give its capitalised parts ("UN" in "UN-brokered",
 * "U.S." in "Russia-U.S.", "Kremlin" in "pro-Kremlin"), as analysts label
 * them; a lower-case part next to the hyphen ("al-", "-e") keeps the
 * compound whole.
 */
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const HYPHEN = /[-‐‑]/u;
/** Prefixes that make an adjective of a name: "pro-Kremlin", "anti-Assad", "ex-Soviet". */
const PREFIXES = new Set(['pro', 'anti', 'ex', 'non', 'post', 'pre', 'neo', 'mid', 'pan', 'trans', 'inter', 'intra', 'counter', 'all', 'then', 'former']);

const upperOrDigit = (ch: string | undefined) => ch !== undefined && /[\p{Lu}\p{N}]/u.test(ch);

/** The word of letters and digits that ends at `end` (going left) or starts at `start` (going right). */
function wordBefore(text: string, end: number): string {
  let i = end;
  while (i > 0 && WORD_CHAR.test(text[i - 1])) i--;
  return text.slice(i, end);
}

export function splitsWord(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  const after = text[end];
  if ((before !== undefined && WORD_CHAR.test(before)) || (after !== undefined && WORD_CHAR.test(after))) return true;
  // "X-|span": the span must start with a capital or digit, after a capitalised word or a prefix such as "pro-".
  if (before !== undefined && HYPHEN.test(before) && start >= 2 && WORD_CHAR.test(text[start - 2])) {
    const left = wordBefore(text, start - 1);
    if (!upperOrDigit(text[start]) || !(upperOrDigit(left[0]) || PREFIXES.has(left.toLowerCase()))) return true;
  }
  // "span|-x": the span's last word must be capitalised ("UN-brokered"), never "al-".
  if (after !== undefined && HYPHEN.test(after) && WORD_CHAR.test(text[end + 1] ?? '')) {
    const last = wordBefore(text, end);
    if (!upperOrDigit(last[0])) return true;
  }
  return false;
}
