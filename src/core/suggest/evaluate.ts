/** Precision, recall and F1 of suggestions against accepted labels: exact span and label (or evidence and frame type). */
export interface Scores {
  tp: number;
  fp: number;
  fn: number;
  p: number;
  r: number;
  f1: number;
}

export function score(tp: number, fp: number, fn: number): Scores {
  const p = tp + fp === 0 ? 0 : tp / (tp + fp);
  const r = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = p + r === 0 ? 0 : (2 * p * r) / (p + r);
  return { tp, fp, fn, p, r, f1 };
}

/** Counts exact matches of keys (duplicates count once) and adds them to `into`. */
export function compareKeys(gold: Iterable<string>, predicted: Iterable<string>, into = { tp: 0, fp: 0, fn: 0 }): { tp: number; fp: number; fn: number } {
  const g = new Set(gold);
  const p = new Set(predicted);
  for (const k of p) if (g.has(k)) into.tp++;
  else into.fp++;
  for (const k of g) if (!p.has(k)) into.fn++;
  return into;
}

export const mentionKey = (m: { start: number; end: number; label: string }): string => `${m.start}:${m.end}:${m.label}`;
export const frameKey = (f: { type: string; evidence: { start: number; end: number } }): string => `${f.evidence.start}:${f.evidence.end}:${f.type}`;

/**
 * Frames by overlapping evidence of the same type: a suggested frame is right
 * when its evidence overlaps the evidence of a labelled frame of its type, and
 * a labelled frame is found when a suggestion of its type overlaps it.
 */
export function compareOverlapping(
  gold: readonly { type: string; evidence: { start: number; end: number } }[],
  predicted: readonly { type: string; evidence: { start: number; end: number } }[],
  into = { tp: 0, fp: 0, fn: 0 },
): { tp: number; fp: number; fn: number } {
  const meets = (a: (typeof gold)[number], b: (typeof gold)[number]) => a.type === b.type && a.evidence.start < b.evidence.end && b.evidence.start < a.evidence.end;
  for (const p of predicted) if (gold.some((g) => meets(g, p))) into.tp++;
  else into.fp++;
  for (const g of gold) if (!predicted.some((p) => meets(g, p))) into.fn++;
  return into;
}
