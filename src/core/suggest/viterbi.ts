/**
 * Decoding a line of tokens as one sequence of BIO tags (Viterbi), and how
 * sure that decoding is of each span it holds. The tagger's scores for a line
 * form a lattice: at token i, moving from tag p to tag c scores
 * `score(i, p, c)` (-Infinity where BIO forbids it: I-X only continues X).
 *
 * A span's margin is how far the best tagging of the line is ahead of the
 * best tagging in which that exact span, with that label, is not a name:
 * one where some token of it has another tag, or the next token continues
 * it. It is read off the max-marginals (the best tagging through each tag at
 * each token), so every span of a line costs one forward and one backward
 * pass. This is what calibration turns into the chance the span is right.
 */

/** One line's lattice: `n` tokens, `k` tags, `at[(i * k + p) * k + c]` the score of tag c at i after tag p (p = `start` at i = 0). */
export interface Lattice {
  n: number;
  k: number;
  start: number;
  at: Float64Array;
}

/** Scores of the best paths ending in each tag at each token (forward), and of the best continuations (backward). */
function passes(l: Lattice, fixed?: readonly (number | null)[]): { fwd: Float64Array; bwd: Float64Array; back: Int32Array } {
  const { n, k, at } = l;
  const fwd = new Float64Array(n * k).fill(-Infinity);
  const bwd = new Float64Array(n * k).fill(-Infinity);
  const back = new Int32Array(n * k).fill(-1);
  const ok = (i: number, c: number) => !fixed || fixed[i] === null || fixed[i] === undefined || fixed[i] === c;
  for (let c = 0; c < k; c++) if (ok(0, c)) fwd[c] = at[l.start * k + c];
  for (let i = 1; i < n; i++) {
    for (let c = 0; c < k; c++) {
      if (!ok(i, c)) continue;
      let best = -Infinity;
      let arg = -1;
      for (let p = 0; p < k; p++) {
        const prev = fwd[(i - 1) * k + p];
        if (prev === -Infinity) continue;
        const s = prev + at[(i * k + p) * k + c];
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      fwd[i * k + c] = best;
      back[i * k + c] = arg;
    }
  }
  for (let c = 0; c < k; c++) if (ok(n - 1, c)) bwd[(n - 1) * k + c] = 0;
  for (let i = n - 2; i >= 0; i--) {
    for (let p = 0; p < k; p++) {
      if (!ok(i, p)) continue;
      let best = -Infinity;
      for (let c = 0; c < k; c++) {
        const next = bwd[(i + 1) * k + c];
        if (next === -Infinity) continue;
        const s = at[((i + 1) * k + p) * k + c] + next;
        if (s > best) best = s;
      }
      bwd[i * k + p] = best;
    }
  }
  return { fwd, bwd, back };
}

/** The best tag sequence; `fixed` pins the tags known at some tokens (a partly labelled line). */
export function viterbi(l: Lattice, fixed?: readonly (number | null)[]): number[] {
  if (l.n === 0) return [];
  const { fwd, back } = passes(l, fixed);
  const { n, k } = l;
  let last = 0;
  for (let c = 1; c < k; c++) if (fwd[(n - 1) * k + c] > fwd[(n - 1) * k + last]) last = c;
  const path = new Array<number>(n);
  path[n - 1] = last;
  for (let i = n - 1; i > 0; i--) path[i - 1] = back[i * k + path[i]];
  return path;
}

export interface DecodedSpan {
  from: number;
  /** Inclusive. */
  to: number;
  tag: number;
  margin: number;
}

/**
 * The best tagging and, for each span it holds (`begins(c)`: tag c opens a
 * span; `continues(c, open)`: tag c goes on with the span opened by `open`),
 * its margin over the best tagging without it.
 */
export function decodeSpans(l: Lattice, begins: (c: number) => boolean, continues: (c: number, open: number) => boolean): { path: number[]; spans: DecodedSpan[] } {
  if (l.n === 0) return { path: [], spans: [] };
  const { n, k } = l;
  const { fwd, bwd, back } = passes(l);
  let last = 0;
  for (let c = 1; c < k; c++) if (fwd[(n - 1) * k + c] > fwd[(n - 1) * k + last]) last = c;
  const best = fwd[(n - 1) * k + last];
  const path = new Array<number>(n);
  path[n - 1] = last;
  for (let i = n - 1; i > 0; i--) path[i - 1] = back[i * k + path[i]];
  const through = (i: number, c: number) => fwd[i * k + c] + bwd[i * k + c];
  const spans: DecodedSpan[] = [];
  for (let i = 0; i < n; i++) {
    if (!begins(path[i])) continue;
    let to = i;
    while (to + 1 < n && continues(path[to + 1], path[i])) to++;
    let rival = -Infinity;
    for (let j = i; j <= to; j++) for (let c = 0; c < k; c++) if (c !== path[j]) rival = Math.max(rival, through(j, c));
    if (to + 1 < n) for (let c = 0; c < k; c++) if (continues(c, path[i])) rival = Math.max(rival, through(to + 1, c));
    spans.push({ from: i, to, tag: path[i], margin: rival === -Infinity ? 0 : best - rival });
    i = to;
  }
  return { path, spans };
}
