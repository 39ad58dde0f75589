/**
 * Mention agreement as span matching: two annotators' mentions match exactly
 * when start, end and label are equal, and by overlap when the labels are
 * equal and the spans share at least one character. Both are one-to-one.
 *
 * Rules shared by every measure: pending suggestions are not the annotator's
 * judgement and are ignored; a mention with end ≤ start covers no text and is
 * ignored; with a label list, mentions of other labels are ignored.
 */
import type { Mention } from '../model';
import { maximumMatching, type Candidate } from './matching';
import { ratio } from './stats';

/** A mention reduced to what agreement compares. `code` is 1 + the label's index; 0 is 'O'. */
export interface CodedSpan {
  start: number;
  end: number;
  code: number;
  id: string;
  /** Position of the mention in the layer's list. */
  index: number;
}

/**
 * The mentions that take part in agreement, coded and sorted by start, then
 * longest first, then id. The same order decides which mention labels a token
 * covered by several, so it is computed once per layer.
 */
export function codeMentions(mentions: readonly Mention[], codes: ReadonlyMap<string, number>): CodedSpan[] {
  const spans: CodedSpan[] = [];
  mentions.forEach((m, index) => {
    if (m.pending === true || m.end <= m.start) return;
    const code = codes.get(m.label);
    if (code !== undefined) spans.push({ start: m.start, end: m.end, code, id: m.id, index });
  });
  return spans.sort(compareSpans);
}

function compareSpans(x: CodedSpan, y: CodedSpan): number {
  return x.start - y.start || y.end - x.end || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0) || x.index - y.index;
}

/**
 * Exact matches between two lists sorted by `codeMentions`: a merge of the
 * two sorted lists, pairing equal (start, end, code) in order, so duplicates
 * match at most as often as they occur on both sides.
 */
export function exactPairs(a: readonly CodedSpan[], b: readonly CodedSpan[]): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const d = a[i].start - b[j].start || b[j].end - a[i].end;
    if (d < 0) i++;
    else if (d > 0) j++;
    else {
      // Same span on both sides: pair equal labels within the two runs.
      let iEnd = i;
      while (iEnd < a.length && a[iEnd].start === a[i].start && a[iEnd].end === a[i].end) iEnd++;
      let jEnd = j;
      while (jEnd < b.length && b[jEnd].start === b[j].start && b[jEnd].end === b[j].end) jEnd++;
      const used = new Set<number>();
      for (let x = i; x < iEnd; x++) {
        for (let y = j; y < jEnd; y++) {
          if (!used.has(y) && a[x].code === b[y].code) {
            used.add(y);
            pairs.push([x, y]);
            break;
          }
        }
      }
      i = iEnd;
      j = jEnd;
    }
  }
  return pairs;
}

/**
 * Candidate overlap matches (same code, at least one shared character) found
 * by one sweep over both lists in start order: when a span starts, every
 * still-open span of the other side overlaps it, so each overlapping pair is
 * seen exactly once and non-overlapping pairs are never visited.
 */
export function overlapCandidates(a: readonly CodedSpan[], b: readonly CodedSpan[]): Candidate[] {
  const candidates: Candidate[] = [];
  const openA: number[] = [];
  const openB: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    // At equal starts A goes first; the B span then finds it open.
    const fromA = j >= b.length || (i < a.length && a[i].start <= b[j].start);
    const x = fromA ? a[i] : b[j];
    const others = fromA ? b : a;
    const open = fromA ? openB : openA;
    let keep = 0;
    for (const o of open) {
      const y = others[o];
      if (y.end <= x.start) continue; // closed for good: later spans start no earlier
      open[keep++] = o;
      if (y.code !== x.code) continue;
      const overlap = Math.min(x.end, y.end) - x.start;
      const union = Math.max(x.end, y.end) - y.start;
      candidates.push(fromA ? { a: i, b: o, overlap, union } : { a: o, b: j, overlap, union });
    }
    if (keep !== open.length) open.length = keep;
    if (fromA) openA.push(i++);
    else openB.push(j++);
  }
  return candidates;
}

/** One-to-one overlap matches with as many pairs as possible (see `maximumMatching`). */
export function overlapPairs(a: readonly CodedSpan[], b: readonly CodedSpan[]): Array<[number, number]> {
  return maximumMatching(a.length, b.length, overlapCandidates(a, b));
}

/** Mention counts per label code for one pair of layers; additive over documents. */
export interface MentionTally {
  countA: Float64Array;
  countB: Float64Array;
  exact: Float64Array;
  overlap: Float64Array;
}

export function emptyMentionTally(codes: number): MentionTally {
  return { countA: new Float64Array(codes), countB: new Float64Array(codes), exact: new Float64Array(codes), overlap: new Float64Array(codes) };
}

export function tallyMentions(a: readonly CodedSpan[], b: readonly CodedSpan[], codes: number): MentionTally {
  const t = emptyMentionTally(codes);
  for (const s of a) t.countA[s.code]++;
  for (const s of b) t.countB[s.code]++;
  for (const [x] of exactPairs(a, b)) t.exact[a[x].code]++;
  for (const [x] of overlapPairs(a, b)) t.overlap[a[x].code]++;
  return t;
}

export function addMentionTally(into: MentionTally, from: MentionTally): void {
  for (let c = 0; c < into.countA.length; c++) {
    into.countA[c] += from.countA[c];
    into.countB[c] += from.countB[c];
    into.exact[c] += from.exact[c];
    into.overlap[c] += from.overlap[c];
  }
}

/**
 * Precision, recall and F1 of annotator b against annotator a: recall is the
 * share of a's mentions matched, precision the share of b's. F1 does not
 * depend on which is which. Null where the denominator is zero (F1 when
 * neither annotator has a mention: there is nothing to agree or disagree on).
 */
export interface PRF {
  matched: number;
  count_a: number;
  count_b: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export function prf(matched: number, countA: number, countB: number): PRF {
  return {
    matched,
    count_a: countA,
    count_b: countB,
    precision: ratio(matched, countB),
    recall: ratio(matched, countA),
    f1: ratio(2 * matched, countA + countB),
  };
}

/** The result of comparing two annotators' mentions, for showing agreement and disagreement. */
export interface MentionMatch {
  matched: Array<[Mention, Mention]>;
  onlyA: Mention[];
  onlyB: Mention[];
}

/**
 * Pairs two annotators' mentions of one document, exactly or by overlap, with
 * the rules above (pending and empty mentions are left out of all three lists).
 */
export function matchMentions(a: readonly Mention[], b: readonly Mention[], mode: 'exact' | 'overlap'): MentionMatch {
  const codes = new Map<string, number>();
  for (const m of [...a, ...b]) if (!codes.has(m.label)) codes.set(m.label, codes.size + 1);
  const spansA = codeMentions(a, codes);
  const spansB = codeMentions(b, codes);
  const pairs = mode === 'exact' ? exactPairs(spansA, spansB) : overlapPairs(spansA, spansB);
  const usedA = new Set(pairs.map(([x]) => x));
  const usedB = new Set(pairs.map(([, y]) => y));
  return {
    matched: pairs.map(([x, y]) => [a[spansA[x].index], b[spansB[y].index]]),
    onlyA: spansA.filter((_, x) => !usedA.has(x)).map((s) => a[s.index]),
    onlyB: spansB.filter((_, y) => !usedB.has(y)).map((s) => b[s.index]),
  };
}
