/**
 * Scores that mean what they say. The tagger's raw score (a span's log-odds
 * over all taggings of its line, whose scores are no probabilities) orders
 * spans well but is no probability itself. A calibrator maps it to the share
 * of such spans that turn out right, fitted on spans the tagger proposed for
 * text it was not trained on (held-out folds of the analyst's own labels).
 *
 * Platt scaling (a logistic curve over the raw score, with
 * Platt's smoothed targets) has two parameters, so it is fitted reliably from
 * the few dozen spans a handful of documents give; it is also monotone, so it
 * never reorders suggestions.
 */

export interface ScoredOutcome {
  score: number;
  right: boolean;
}

/** P(right) = sigmoid(a · x + b), x the raw score (the tagger's margin). */
export interface Calibrator {
  a: number;
  b: number;
}

const EPS = 1e-4;
const logit = (p: number) => {
  const q = Math.min(1 - EPS, Math.max(EPS, p));
  return Math.log(q / (1 - q));
};
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function calibrate(c: Calibrator, raw: number): number {
  return sigmoid(c.a * raw + c.b);
}

/**
 * Fits a and b by Newton's method on the log-loss of Platt's targets
 * ((N+ + 1) / (N+ + 2) for right spans, 1 / (N- + 2) for wrong ones), with a
 * small ridge so a fold of only right (or only wrong) spans still gives a
 * finite curve. `score` is the raw score here. Fewer than `min` outcomes: null
 * (nothing to fit on; the caller keeps its uncalibrated score).
 *
 * `prior` adds that many pairs of pseudo-outcomes, one right and one wrong,
 * at evenly spaced quantiles of the raw scores: a prior that a raw score says
 * nothing for sure, which few outcomes cannot overturn and many outweigh.
 */
export function fitPlatt(given: readonly ScoredOutcome[], min = 10, prior = 0): Calibrator | null {
  if (given.length < min) return null;
  const sorted = given.map((o) => o.score).sort((x, y) => x - y);
  const outcomes = [...given];
  for (let i = 0; i < prior; i++) {
    const x = sorted[Math.floor(((i + 0.5) / prior) * sorted.length)];
    outcomes.push({ score: x, right: true }, { score: x, right: false });
  }
  const pos = outcomes.filter((o) => o.right).length;
  const neg = outcomes.length - pos;
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  // Newton works on a standardised x; a and b are turned back at the end.
  const raw = outcomes.map((o) => o.score);
  const mean = raw.reduce((x, y) => x + y, 0) / raw.length;
  const sd = Math.sqrt(raw.reduce((x, y) => x + (y - mean) ** 2, 0) / raw.length) || 1;
  const xs = raw.map((x) => (x - mean) / sd);
  const ts = outcomes.map((o) => (o.right ? hi : lo));
  const ridge = 1e-3;
  let a = 0;
  let b = 0;
  for (let iter = 0; iter < 50; iter++) {
    // Gradient and Hessian of the mean log-loss plus ridge·(a² + b²)/2 (b around 0, a around 1).
    let ga = ridge * a;
    let gb = ridge * b;
    let haa = ridge;
    let hab = 0;
    let hbb = ridge;
    for (let i = 0; i < xs.length; i++) {
      const p = sigmoid(a * xs[i] + b);
      const d = (p - ts[i]) / xs.length;
      const w = (p * (1 - p)) / xs.length;
      ga += d * xs[i];
      gb += d;
      haa += w * xs[i] * xs[i];
      hab += w * xs[i];
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (!(det > 1e-12)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-7) break;
  }
  // A curve that falls as the raw score rises would reorder suggestions: keep it flat instead.
  if (!(a >= 0) || !Number.isFinite(a) || !Number.isFinite(b)) return { a: 0, b: logit(hi * (pos / outcomes.length)) };
  return { a: a / sd, b: b - (a * mean) / sd };
}

export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  meanScore: number;
  accuracy: number;
}

/** Suggestions by score band (tenths): how many, their mean score and the share that were right. */
export function reliability(outcomes: readonly ScoredOutcome[], bins = 10): ReliabilityBin[] {
  const out: ReliabilityBin[] = Array.from({ length: bins }, (_, i) => ({ from: i / bins, to: (i + 1) / bins, count: 0, meanScore: 0, accuracy: 0 }));
  for (const o of outcomes) {
    const b = out[Math.min(bins - 1, Math.max(0, Math.floor(o.score * bins)))];
    b.count++;
    b.meanScore += o.score;
    b.accuracy += o.right ? 1 : 0;
  }
  for (const b of out) {
    if (b.count === 0) continue;
    b.meanScore /= b.count;
    b.accuracy /= b.count;
  }
  return out;
}

/** Expected calibration error: the count-weighted mean gap between score and share right, over the bands. */
export function calibrationError(outcomes: readonly ScoredOutcome[], bins = 10): number {
  if (outcomes.length === 0) return 0;
  let sum = 0;
  for (const b of reliability(outcomes, bins)) sum += b.count * Math.abs(b.meanScore - b.accuracy);
  return sum / outcomes.length;
}
