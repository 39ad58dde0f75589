/**
 * How overlapping and nested mentions are drawn inside one paragraph: the
 * text is cut at every mention boundary and the pieces are nested so that
 * outer mentions contain inner ones. A mention that crosses another is split
 * into fragments; each mention gets an underline lane distinct from every
 * mention it overlaps, so stacked underlines stay apart.
 */

export interface LaidSpan {
  id: string;
  start: number;
  end: number;
}

export type Run<M extends LaidSpan> =
  | { kind: 'text'; start: number; end: number }
  | { kind: 'mark'; mention: M; lane: number; first: boolean; start: number; end: number; children: Run<M>[] };

interface Clipped<M> {
  m: M;
  s: number;
  e: number;
  lane: number;
}

function byStartThenLongest<M extends LaidSpan>(a: Clipped<M>, b: Clipped<M>): number {
  return a.s - b.s || b.e - a.e || (a.m.id < b.m.id ? -1 : a.m.id > b.m.id ? 1 : 0);
}

/** Lays out the mentions that intersect [start, end) as a forest of runs covering exactly that range. */
export function layoutParagraph<M extends LaidSpan>(start: number, end: number, mentions: readonly M[]): Run<M>[] {
  const clipped: Clipped<M>[] = [];
  for (const m of mentions) {
    const s = Math.max(m.start, start);
    const e = Math.min(m.end, end);
    if (s < e) clipped.push({ m, s, e, lane: 0 });
  }
  if (clipped.length === 0) return [{ kind: 'text', start, end }];
  clipped.sort(byStartThenLongest);

  const laneEnds: number[] = [];
  for (const c of clipped) {
    let lane = laneEnds.findIndex((e) => e <= c.s);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = c.e;
    c.lane = lane;
  }

  const points = new Set<number>([start, end]);
  for (const c of clipped) {
    points.add(c.s);
    points.add(c.e);
  }
  const bounds = [...points].sort((a, b) => a - b);

  const root: Run<M>[] = [];
  type Open = { c: Clipped<M>; run: Extract<Run<M>, { kind: 'mark' }> };
  const stack: Open[] = [];
  let active: Clipped<M>[] = [];
  let next = 0;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const a = bounds[i];
    const b = bounds[i + 1];
    active = active.filter((c) => c.e > a);
    while (next < clipped.length && clipped[next].s === a) active.push(clipped[next++]);
    // Keep outer mentions first so inner ones nest inside them.
    active.sort(byStartThenLongest);
    let k = 0;
    while (k < stack.length && k < active.length && stack[k].c === active[k]) k++;
    stack.length = k;
    for (let j = k; j < active.length; j++) {
      const c = active[j];
      const run: Open['run'] = { kind: 'mark', mention: c.m, lane: c.lane, first: a === c.m.start, start: a, end: a, children: [] };
      (stack.length ? stack[stack.length - 1].run.children : root).push(run);
      stack.push({ c, run });
    }
    for (const o of stack) o.run.end = b;
    (stack.length ? stack[stack.length - 1].run.children : root).push({ kind: 'text', start: a, end: b });
  }
  return root;
}

/** Index of the last block whose start is at or before `offset` (blocks sorted by start). */
export function blockAt(blocks: readonly { start: number; end: number }[], offset: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  let ans = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid].start <= offset) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}
