/**
 * What a long piece of work says about itself while it runs: how far it is
 * and, from the pace so far, about how long it has left.
 */

/** Work that says how far it is: `done` of `total` units (documents, files), begun at `startedAt` (ms). */
export interface Progress {
  done: number;
  total: number;
  startedAt: number;
}

/**
 * Milliseconds left at the pace so far; null until the pace is known (too
 * little done, or too soon after the start for the figure to mean anything).
 */
export function remainingMs(p: Progress, now: number): number | null {
  const elapsed = now - p.startedAt;
  if (p.done <= 0 || p.total <= 0 || elapsed < 250) return null;
  if (p.done >= p.total) return 0;
  return Math.round((elapsed / p.done) * (p.total - p.done));
}

/** "about 40 s left", "about 3 min left", "less than a second left"; empty while the pace is unknown. */
export function describeRemaining(ms: number | null): string {
  if (ms === null) return '';
  if (ms < 1_000) return 'less than a second left';
  if (ms < 60_000) return `about ${Math.ceil(ms / 1_000)} s left`;
  return `about ${Math.round(ms / 60_000)} min left`;
}

/** "12,000 of 100,000 documents, about 19 s left". */
export function describeProgress(p: Progress, now: number, unit: string): string {
  const left = describeRemaining(remainingMs(p, now));
  return `${p.done.toLocaleString('en')} of ${p.total.toLocaleString('en')} ${unit}${left ? `, ${left}` : ''}`;
}
