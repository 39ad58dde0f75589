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
 * pass. A span's log-probability (spanLogProbs) sums over every tagging
 * instead of taking the best: that is what calibration turns into the chance
 * the span is right.
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

/** log(exp(a) + exp(b)), safe for -Infinity. */
function logAdd(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/**
 * The log-probability of each span when each tagging of the line is given
 * a weight of exp(score / temperature): the summed weight of every tagging
 * that holds the span exactly (its tags, and a next token that does not go
 * on with it) over the weight of all (constrained forward-backward, as in
 * Culotta and McCallum, "Confidence estimation for information extraction",
 * 2004). Unlike the margin, which weighs the span against the best rival
 * tagging only, it counts every rival, so a span with many near rivals is
 * less sure than one with a single one.
 */
export function spanLogProbs(l: Lattice, path: readonly number[], spans: readonly DecodedSpan[], continues: (c: number, open: number) => boolean, temperature: number): number[] {
  if (spans.length === 0) return [];
  const { n, k } = l;
  const t = 1 / temperature;
  const at = (i: number, p: number, c: number) => l.at[(i * k + p) * k + c] * t;
  const alpha = new Float64Array(n * k).fill(-Infinity);
  const beta = new Float64Array(n * k).fill(-Infinity);
  for (let c = 0; c < k; c++) alpha[c] = at(0, l.start, c);
  for (let i = 1; i < n; i++) {
    for (let c = 0; c < k; c++) {
      let sum = -Infinity;
      for (let p = 0; p < k; p++) sum = logAdd(sum, alpha[(i - 1) * k + p] + at(i, p, c));
      alpha[i * k + c] = sum;
    }
  }
  for (let c = 0; c < k; c++) beta[(n - 1) * k + c] = 0;
  for (let i = n - 2; i >= 0; i--) {
    for (let p = 0; p < k; p++) {
      let sum = -Infinity;
      for (let c = 0; c < k; c++) sum = logAdd(sum, at(i + 1, p, c) + beta[(i + 1) * k + c]);
      beta[i * k + p] = sum;
    }
  }
  let logZ = -Infinity;
  for (let c = 0; c < k; c++) logZ = logAdd(logZ, alpha[(n - 1) * k + c]);
  return spans.map((s) => {
    let held = -Infinity;
    if (s.from === 0) held = at(0, l.start, path[0]);
    else for (let p = 0; p < k; p++) held = logAdd(held, alpha[(s.from - 1) * k + p] + at(s.from, p, path[s.from]));
    for (let j = s.from + 1; j <= s.to; j++) held += at(j, path[j - 1], path[j]);
    if (s.to + 1 < n) {
      let ends = -Infinity;
      for (let c = 0; c < k; c++) if (!continues(c, path[s.from])) ends = logAdd(ends, at(s.to + 1, path[s.to], c) + beta[(s.to + 1) * k + c]);
      held += ends;
    }
    return Math.min(0, held - logZ);
  });
}
