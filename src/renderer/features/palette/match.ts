/**
 * How the command palette matches what is typed: every word typed must start
 * a word of the item (case, accents and punctuation aside), so "exp da"
 * finds "Export dataset" and "lav" finds "Sergei Lavrov". Items whose first
 * word matches the first word typed come first.
 */
import { normalizeName } from '../../../core/linking';

/** The rank of `text` for `query`: lower is better, null when it does not match. An empty query matches everything equally. */
export function paletteScore(query: string, text: string): number | null {
  const words = normalizeName(query).split(' ').filter(Boolean);
  if (words.length === 0) return 0;
  const hay = normalizeName(text).split(' ');
  let score = 0;
  for (const [i, w] of words.entries()) {
    const at = hay.findIndex((h) => h.startsWith(w));
    if (at < 0) return null;
    score += at === i ? 0 : at + 1;
  }
  return score;
}

/** The items that match, best first (ties keep their order), at most `limit`. */
export function paletteFilter<T>(items: readonly T[], query: string, text: (item: T) => string, limit: number): T[] {
  const scored: { item: T; score: number; i: number }[] = [];
  items.forEach((item, i) => {
    const score = paletteScore(query, text(item));
    if (score !== null) scored.push({ item, score, i });
  });
  return scored
    .sort((a, b) => a.score - b.score || a.i - b.i)
    .slice(0, limit)
    .map((s) => s.item);
}
