/**
 * A BIO sequence tagger over word tokens: an averaged perceptron with greedy
 * left-to-right decoding, the previous tag as a feature, and the BIO
 * constraint (I-X only after B-X or I-X) enforced when decoding. Features are
 * what an analyst's labels teach quickly: the word, its shape, its affixes,
 * its neighbours, whether a known name (registry or earlier labels) covers
 * it, and whether compromise's own rules take it for a person, place or
 * organisation (a guess the labels then learn how far to trust, label by
 * label). A partly labelled text (a layer not done) teaches only where its
 * tags are known.
 */
import { onGraphemeBoundary } from './graphemes';
import { tokenize, type Token } from '../tokenize';
import type { GazetteerHit } from './gazetteer';
import { coldStartMentions } from './coldstart';
import { lexFeatures } from './lexicon';
import { AveragedPerceptron } from './perceptron';

export interface TaggedSpan {
  start: number;
  end: number;
  label: string;
  score: number;
  /** The smallest margin, over the span's tokens, between the chosen tag and the next best: what calibration reads. */
  margin: number;
}

export interface TaggerExample {
  text: string;
  mentions: readonly { start: number; end: number; label: string }[];
  /** Known names over this text (see Gazetteer.match), as a feature. */
  gazetteer?: readonly GazetteerHit[];
  /**
   * Labelled only in part (a layer whose document is not done yet): its
   * mentions are names, and the `outside` ranges (spans the analyst turned
   * down) are not, but nothing is known of the rest of its words.
   */
  partial?: { outside: readonly { start: number; end: number }[] };
}

const OUTSIDE = 'O';
/** A name never starts or ends with a dash, quote, bracket or comma ("UN-", "military’"). */
const EDGE_PUNCTUATION = /^[-‐‑–—'’‘"“”«»(),;:]$/u;

/** "Lavrov" → "Xx", "U.S." → "X.X.", "2016" → "d", "al-Nusra" → "x-Xx". */
export function shapeOf(word: string): string {
  let out = '';
  let last = '';
  for (const ch of word) {
    const code = ch.charCodeAt(0);
    const c =
      code >= 65 && code <= 90 ? 'X'
      : code >= 97 && code <= 122 ? 'x'
      : code >= 48 && code <= 57 ? 'd'
      : code < 128 ? ch
      : /\p{Lu}/u.test(ch) ? 'X'
      : /\p{Ll}/u.test(ch) ? 'x'
      : /\p{N}/u.test(ch) ? 'd'
      : ch;
    if (c !== last) out += c;
    last = c;
  }
  return out;
}

interface Prepared {
  tokens: Token[];
  /** The token starts a line: no mention runs on from the line before. */
  lineStart: boolean[];
  words: string[];
  lower: string[];
  shapes: string[];
  gaz: string[];
  /** compromise's people (P), places (L) and organisations (O), as B/I + kind per token ('' outside). */
  cs: string[];
  /** Features that do not depend on the previous tag, per token. */
  base: string[][];
}

function prepare(text: string, tokens: Token[], gazetteer: readonly GazetteerHit[] = []): Prepared {
  const words = tokens.map((t) => text.slice(t.start, t.end));
  const lower = words.map((w) => w.toLowerCase());
  const shapes = words.map(shapeOf);
  const gaz: string[] = new Array(tokens.length).fill('');
  for (const h of gazetteer) for (let i = h.from; i < h.to; i++) gaz[i] = `${i === h.from ? 'B' : 'I'}-${h.label}`;
  const at = (arr: string[], i: number, edge: string) => (i < 0 || i >= arr.length ? edge : arr[i]);
  const lineStart = tokens.map((t, i) => i === 0 || /[\n\r]/.test(text.slice(tokens[i - 1].end, t.start)));
  const lex = lexFeatures(lower);
  // Words the document also writes in lower case are seldom names ("Minister" vs "minister").
  const lowerSeen = new Set(words.filter((w) => /^\p{Ll}/u.test(w)));
  // A line written in capitals (a headline) says little by its capitals.
  const capsLine: boolean[] = [];
  for (let i = 0, from = 0; i <= tokens.length; i++) {
    if (i === tokens.length || (i > from && lineStart[i])) {
      const caps = words.slice(from, i).every((w) => !/\p{Ll}/u.test(w));
      for (let k = from; k < i; k++) capsLine[k] = caps;
      from = i;
    }
  }
  // What compromise's own rules take for a person, place or organisation.
  const cs: string[] = new Array(tokens.length).fill('');
  const startAt = new Map<number, number>();
  tokens.forEach((t, i) => startAt.set(t.start, i));
  for (const m of coldStartMentions(text, { people: 'P', places: 'L', organizations: 'O' })) {
    const from = startAt.get(m.start);
    if (from === undefined) continue;
    for (let k = from; k < tokens.length && tokens[k].end <= m.end; k++) cs[k] = `${k === from ? 'B' : 'I'}${m.label}`;
  }
  const base = tokens.map((_, i) => {
    const w = lower[i];
    const f = [
      'b',
      `w=${w}`,
      `s=${shapes[i]}`,
      `p3=${w.slice(0, 3)}`,
      `x3=${w.slice(-3)}`,
      `x2=${w.slice(-2)}`,
      `w-1=${at(lower, i - 1, '<s>')}`,
      `w+1=${at(lower, i + 1, '</s>')}`,
      `w-2=${at(lower, i - 2, '<s>')}`,
      `w+2=${at(lower, i + 2, '</s>')}`,
      `s-1=${at(shapes, i - 1, '<s>')}`,
      `s+1=${at(shapes, i + 1, '</s>')}`,
    ];
    f.push(`ww=${at(lower, i - 1, '<s>')}|${w}`, `w+=${w}|${at(lower, i + 1, '</s>')}`);
    // Headlines and paragraphs start here.
    if (lineStart[i]) f.push(`ls=${shapes[i]}`);
    const cap = capsLine[i] ? 'H' : /^\p{Lu}/u.test(words[i]) ? 'C' : /^\p{Ll}/u.test(words[i]) ? 'l' : 'o';
    const capNext = at(shapes, i + 1, '')[0] === 'X' ? 'C' : '';
    f.push(
      `lx=${lex.cls[i]}|${cap}`,
      `lx-1=${at(lex.cls, i - 1, '<s>')}`,
      `lx+1=${at(lex.cls, i + 1, '</s>')}`,
      `lxx=${at(lex.cls, i - 1, '<s>')}|${lex.cls[i]}|${cap}`,
      `lx+c=${lex.cls[i]}|${cap}|${at(lex.cls, i + 1, '</s>')}|${capNext}`,
    );
    if (lex.phrase[i]) f.push(`ph=${lex.phrase[i]}|${lex.cls[i]}`);
    if (lex.headword[i]) f.push(`hw=${lex.headword[i]}|${cap}`);
    for (let k = 1; k <= 3; k++) if (at(lex.headword, i + k, '')) f.push(`hw+${k}=${lex.headword[i + k]}|${cap}`);
    if (cap === 'C' && lowerSeen.has(w)) f.push('lowerseen');
    if (cs[i]) f.push(`cs=${cs[i]}`, `csc=${cs[i]}|${cap}`);
    if (capsLine[i]) f.push(`hl=${lex.cls[i]}`);
    if (gaz[i]) f.push(`g=${gaz[i]}`, `gl=${gaz[i].slice(2)}`, `gw=${gaz[i]}|${shapes[i]}`);
    if (at(gaz, i - 1, '')) f.push(`g-1=${gaz[i - 1]}`);
    if (at(gaz, i + 1, '')) f.push(`g+1=${gaz[i + 1]}`);
    return f;
  });
  return { tokens, lineStart, words, lower, shapes, gaz, cs, base };
}

function previousFeatures(p: Prepared, i: number, prev: string): string[] {
  return [`t-1=${prev}`, `t-1w=${prev}|${p.lower[i]}`, `t-1s=${prev}|${p.shapes[i]}`];
}

function withPrevious(p: Prepared, i: number, prev: string): string[] {
  return [...p.base[i], ...previousFeatures(p, i, prev)];
}

/** The gold BIO tags of a text's tokens; a mention whose ends are not token ends is left out. */
export function goldTags(tokens: readonly Token[], mentions: TaggerExample['mentions']): string[] {
  const tags: string[] = new Array(tokens.length).fill(OUTSIDE);
  const startAt = new Map<number, number>();
  const endAt = new Map<number, number>();
  tokens.forEach((t, i) => {
    startAt.set(t.start, i);
    endAt.set(t.end, i);
  });
  // Nested or overlapping mentions: the longest is kept, as in a CoNLL export.
  const sorted = [...mentions].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  for (const m of sorted) {
    const from = startAt.get(m.start);
    const to = endAt.get(m.end);
    if (from === undefined || to === undefined || to < from) continue;
    let free = true;
    for (let i = from; i <= to; i++) if (tags[i] !== OUTSIDE) free = false;
    if (!free) continue;
    for (let i = from; i <= to; i++) tags[i] = `${i === from ? 'B' : 'I'}-${m.label}`;
  }
  return tags;
}

/** A partly labelled text's tags: the mentions' own and O over the `outside` ranges, null where nothing is known. */
export function knownTags(tokens: readonly Token[], mentions: TaggerExample['mentions'], outside: readonly { start: number; end: number }[]): (string | null)[] {
  const gold = goldTags(tokens, mentions);
  return tokens.map((t, i) => (gold[i] !== OUTSIDE ? gold[i] : outside.some((r) => r.start < t.end && t.start < r.end) ? OUTSIDE : null));
}

export class SequenceTagger {
  private readonly model = new AveragedPerceptron();
  private documents = 0;

  constructor() {
    this.model.classOf(OUTSIDE);
  }

  /** How many documents it has learned from (counting repeats over epochs once). */
  get trainedOn(): number {
    return this.documents;
  }

  get labels(): string[] {
    return [...new Set(this.model.classes.filter((c) => c !== OUTSIDE).map((c) => c.slice(2)))];
  }

  /** Several passes over the examples, in a fixed shuffled order per pass. */
  train(examples: readonly TaggerExample[], epochs = 5): void {
    const prepared = examples.map((e) => {
      const tokens = tokenize(e.text);
      const gold = e.partial ? knownTags(tokens, e.mentions, e.partial.outside) : goldTags(tokens, e.mentions);
      return { p: prepare(e.text, tokens, e.gazetteer), gold };
    });
    const order = prepared.map((_, i) => i);
    let seed = 17;
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        const j = seed % (i + 1);
        [order[i], order[j]] = [order[j], order[i]];
      }
      for (const k of order) this.learnPrepared(prepared[k].p, prepared[k].gold);
    }
    this.documents += examples.length;
  }

  /** One pass over one example: what an accepted or corrected document teaches at once. */
  learn(example: TaggerExample): void {
    this.train([example], 1);
  }

  /**
   * One pass over a text. Where its tag is unknown (null: a word of a partly
   * labelled text that is in no mention and was not turned down), nothing is
   * learned, neither that it is a name nor that it is not.
   */
  private learnPrepared(p: Prepared, gold: (string | null)[]): void {
    for (const g of gold) if (g !== null) this.model.classOf(g);
    const scores = new Float64Array(this.model.classes.length);
    let prev = OUTSIDE;
    for (let i = 0; i < p.tokens.length; i++) {
      if (p.lineStart[i]) prev = OUTSIDE;
      const feats = withPrevious(p, i, prev);
      this.model.liveScores(feats, scores);
      const guess = this.best(scores, prev);
      const tag = gold[i];
      if (tag === null) {
        prev = this.model.classes[guess];
        continue;
      }
      this.model.update(this.model.classOf(tag), guess, feats);
      prev = this.model.classes[guess];
    }
  }

  /** The best class allowed after `prev` (BIO: I-X only continues X). */
  private best(scores: Float64Array, prev: string): number {
    let best = 0;
    let bestScore = -Infinity;
    for (let c = 0; c < this.model.classes.length; c++) {
      if (!this.allowed(this.model.classes[c], prev)) continue;
      if (scores[c] > bestScore) {
        bestScore = scores[c];
        best = c;
      }
    }
    return best;
  }

  private allowed(tag: string, prev: string): boolean {
    return tag[0] !== 'I' || (prev !== OUTSIDE && prev.slice(2) === tag.slice(2));
  }

  /**
   * Spans with a label and a score in 0..1: the mean, over the span's tokens,
   * of the softmax probability of the chosen tag. Spans that would cross a
   * grapheme (a token boundary inside an emoji sequence or before a combining
   * mark) are never proposed.
   */
  tag(text: string, gazetteer: readonly GazetteerHit[] = [], tokens: Token[] = tokenize(text)): TaggedSpan[] {
    if (this.model.updates === 0) return [];
    const p = prepare(text, tokens, gazetteer);
    const k = this.model.classes.length;
    const scores = new Float64Array(k);
    const out: TaggedSpan[] = [];
    let prev = OUTSIDE;
    let open: { from: number; label: string; probs: number[]; margin: number } | null = null;
    const close = (to: number) => {
      if (!open) return;
      const start = tokens[open.from].start;
      const end = tokens[to].end;
      if (onGraphemeBoundary(text, start) && onGraphemeBoundary(text, end) && !EDGE_PUNCTUATION.test(text[start]) && !EDGE_PUNCTUATION.test(text[end - 1])) {
        out.push({ start, end, label: open.label, score: open.probs.reduce((a, b) => a + b, 0) / open.probs.length, margin: open.margin });
      }
      open = null;
    };
    for (let i = 0; i < tokens.length; i++) {
      if (p.lineStart[i]) {
        close(i - 1);
        prev = OUTSIDE;
      }
      // The features that do not depend on the previous tag are scored once; the previous tag's are added.
      this.model.scores(p.base[i], scores);
      this.model.addScores(previousFeatures(p, i, prev), scores);
      const c = this.best(scores, prev);
      const tag = this.model.classes[c];
      const allowed = (j: number) => this.allowed(this.model.classes[j], prev);
      const prob = softmaxAt(scores, c, allowed);
      const margin = marginAt(scores, c, allowed);
      if (tag === OUTSIDE || tag[0] === 'B') close(i - 1);
      if (tag[0] === 'B') open = { from: i, label: tag.slice(2), probs: [prob], margin };
      else if (tag[0] === 'I' && open) {
        open.probs.push(prob);
        open.margin = Math.min(open.margin, margin);
      }
      prev = tag;
    }
    close(tokens.length - 1);
    return out;
  }
}

/** How far the chosen class's score is ahead of the best other allowed class. */
function marginAt(scores: Float64Array, c: number, allowed: (j: number) => boolean): number {
  let second = -Infinity;
  for (let j = 0; j < scores.length; j++) if (j !== c && allowed(j) && scores[j] > second) second = scores[j];
  return second === -Infinity ? 0 : scores[c] - second;
}

function softmaxAt(scores: Float64Array, c: number, allowed: (j: number) => boolean): number {
  let max = -Infinity;
  for (let j = 0; j < scores.length; j++) if (allowed(j) && scores[j] > max) max = scores[j];
  let sum = 0;
  for (let j = 0; j < scores.length; j++) if (allowed(j)) sum += Math.exp(scores[j] - max);
  return Math.exp(scores[c] - max) / sum;
}
