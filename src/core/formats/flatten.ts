/**
 * Mentions laid over word tokens, for formats that label tokens (CoNLL) or
 * need spans on token boundaries (spaCy).
 */
import type { Mention } from '../model';
import type { Token } from '../tokenize';

/** A mention as a run of tokens, first and last inclusive. */
export interface TokenRun {
  first: number;
  last: number;
  label: string;
}

/**
 * The tokens a span touches, widened to whole tokens; null when it touches
 * none (a span of whitespace). `exact` says whether no widening was needed.
 */
export function tokensOf(tokens: Token[], start: number, end: number): { first: number; last: number; exact: boolean } | null {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].end <= start) lo = mid + 1;
    else hi = mid;
  }
  const first = lo;
  hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start < end) lo = mid + 1;
    else hi = mid;
  }
  const last = lo - 1;
  if (first > last || first >= tokens.length) return null;
  return { first, last, exact: tokens[first].start === start && tokens[last].end === end };
}

export interface Flattened {
  runs: TokenRun[];
  widened: number;
  noToken: number;
  overlapping: number;
  /** Each mention dropped for overlapping a kept one, with the kept mention that took its first contested token. */
  losers: { mention: Mention; winner: Mention }[];
}

/**
 * At most one mention per token, for tag schemes that cannot nest. The rule:
 * the mention covering more tokens wins; between equally long ones, the
 * earlier wins; a mention that touches a token already taken is dropped
 * whole (never cut). Runs come back in text order.
 */
export function flatten(mentions: readonly Mention[], tokens: Token[]): Flattened {
  const candidates: (TokenRun & { order: number })[] = [];
  let widened = 0;
  let noToken = 0;
  mentions.forEach((m, order) => {
    const t = tokensOf(tokens, m.start, m.end);
    if (!t) noToken++;
    else {
      if (!t.exact) widened++;
      candidates.push({ first: t.first, last: t.last, label: m.label, order });
    }
  });
  candidates.sort((a, b) => b.last - b.first - (a.last - a.first) || a.first - b.first || a.order - b.order);
  // Which mention took each token: its index in `mentions`, plus one (0: free).
  const taken = new Int32Array(tokens.length);
  const runs: TokenRun[] = [];
  const losers: Flattened['losers'] = [];
  for (const c of candidates) {
    let by = 0;
    for (let i = c.first; i <= c.last && by === 0; i++) by = taken[i];
    if (by !== 0) {
      losers.push({ mention: mentions[c.order], winner: mentions[by - 1] });
      continue;
    }
    taken.fill(c.order + 1, c.first, c.last + 1);
    runs.push({ first: c.first, last: c.last, label: c.label });
  }
  runs.sort((a, b) => a.first - b.first);
  return { runs, widened, noToken, overlapping: losers.length, losers };
}
