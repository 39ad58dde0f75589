/**
 * Cue phrases that state a stance or an agreement, and the negation that
 * turns them around. The shipped lexicon is small and English; the
 * recommender adds cues it learns from the evidence of accepted frames.
 *
 * A cue is a sequence of lower-case words. Its value is the polarity
 * (Stance) or status (Agreement) it states when nothing negates it. A cue
 * that already holds its negation ("failed to agree", "do not support") is
 * listed as such and is not negated again.
 */
import type { Token } from '../tokenize';

export interface Cue {
  words: string[];
  type: 'Stance' | 'Agreement';
  value: string;
  /** 0..1: how reliably the phrase states a frame of this type. */
  weight: number;
}

const STANCE: [string, string, number][] = [
  ['support', 'favor', 0.6], ['supports', 'favor', 0.6], ['supported', 'favor', 0.6], ['backs', 'favor', 0.6], ['backed', 'favor', 0.6],
  ['backers', 'favor', 0.6], ['welcomed', 'favor', 0.7], ['welcomes', 'favor', 0.7], ['praised', 'favor', 0.7], ['endorsed', 'favor', 0.7],
  ['in favor of', 'favor', 0.8], ['in favour of', 'favor', 0.8], ['appreciate', 'favor', 0.6], ['pushing for', 'favor', 0.7],
  ['called for', 'favor', 0.6], ['calls for', 'favor', 0.6], ['right path', 'favor', 0.6], ['right direction', 'favor', 0.6],
  ['warned', 'against', 0.7], ['warns', 'against', 0.7], ['condemned', 'against', 0.8], ['condemns', 'against', 0.8],
  ['criticized', 'against', 0.8], ['criticised', 'against', 0.8], ['opposed', 'against', 0.7], ['opposes', 'against', 0.7],
  ['oppose', 'against', 0.7], ['denounced', 'against', 0.8], ['accused', 'against', 0.7], ['indignation', 'against', 0.8],
  ['enemies', 'against', 0.6], ['must stop', 'against', 0.7], ['do not support', 'against', 0.9], ['does not support', 'against', 0.9],
  ['not accept', 'against', 0.8], ['will not accept', 'against', 0.9], ['would not accept', 'against', 0.9], ['rejected', 'against', 0.6],
  ['distance itself from', 'against', 0.7], ['does not reflect', 'against', 0.7], ['no accident', 'against', 0.5],
  ['remained neutral', 'neutral', 0.7], ['abstained', 'neutral', 0.7],
];

const AGREEMENT: [string, string, number][] = [
  ['agree', 'reached', 0.6], ['agreed', 'reached', 0.8], ['agreed to', 'reached', 0.9], ['agreed on', 'reached', 0.9], ['have agreed', 'reached', 0.9],
  ['reached an agreement', 'reached', 0.9], ['reached a deal', 'reached', 0.9], ['reached an understanding', 'reached', 0.9],
  ['struck a deal', 'reached', 0.9], ['brokered an agreement', 'reached', 0.9], ['brokered a deal', 'reached', 0.9], ['signed', 'reached', 0.6],
  ['came to an agreement', 'reached', 0.9], ['come to an agreement', 'reached', 0.8], ['unambiguous conclusion', 'reached', 0.6],
  ['failed to agree', 'failed', 0.95], ['fail to agree', 'failed', 0.95], ['fails to agree', 'failed', 0.95], ['could not agree', 'failed', 0.9],
  ['no deal', 'failed', 0.7], ['no agreement', 'failed', 0.7], ['failed to reach', 'failed', 0.9], ['talks collapsed', 'failed', 0.9],
  ['broke down', 'failed', 0.6], ['proposed', 'proposed', 0.5], ['proposal', 'proposed', 0.5], ['proposals', 'proposed', 0.5],
  ['possible agreement', 'proposed', 0.7], ['draft agreement', 'proposed', 0.7], ['offered', 'proposed', 0.5],
  ['rejected the', 'rejected', 0.6], ['refused', 'rejected', 0.6], ['turned down', 'rejected', 0.7],
  ['negotiating', 'in_negotiation', 0.5], ['to discuss', 'in_negotiation', 0.6],
  ['discussed', 'in_negotiation', 0.5], ['common ground', 'in_negotiation', 0.8], ['report progress', 'in_negotiation', 0.8],
  ['made progress', 'in_negotiation', 0.7], ['could collapse', 'in_negotiation', 0.7], ['deal reached', 'reached', 0.7],
];

export const CUE_LEXICON: readonly Cue[] = [
  ...STANCE.map(([p, value, weight]) => ({ words: p.split(' '), type: 'Stance' as const, value, weight })),
  ...AGREEMENT.map(([p, value, weight]) => ({ words: p.split(' '), type: 'Agreement' as const, value, weight })),
];

/** Words that negate a cue within a few words before it. */
const NEGATORS = new Set(['not', 'no', 'never', 'neither', 'nor', 'without', 'failed', 'fail', 'fails', 'refused', 'unable', 'cannot']);
const NEGATION_WINDOW = 3;

const FLIP: Record<string, string> = {
  favor: 'against',
  against: 'favor',
  reached: 'failed',
  proposed: 'rejected',
  in_negotiation: 'failed',
  neutral: 'neutral',
  failed: 'failed',
  rejected: 'rejected',
};

export interface CueHit {
  cue: Cue;
  /** Token indices [from, to). */
  from: number;
  to: number;
  value: string;
  negated: boolean;
}

/**
 * The words of a sentence as cues see them: curly apostrophes made straight,
 * the first word in lower case; other capitalised words keep their case, so
 * a name ("United", "Main") never matches a lower-case cue.
 */
export function cueWords(text: string, tokens: readonly Token[]): string[] {
  return tokens.map((t, i) => {
    const w = text.slice(t.start, t.end).replace(/’/g, "'");
    return i === 0 ? w.toLowerCase() : w;
  });
}

/**
 * Every cue in a run of words, longest match at each position. A cue is
 * negated when a negator ("not", "never", "don't", "failed") stands within
 * three words before it in the same clause.
 */
export function findCues(words: readonly string[], lexicon: readonly Cue[] = CUE_LEXICON): CueHit[] {
  return new CueIndex(lexicon).find(words);
}

/** A lexicon indexed by first word, built once per suggestion run. */
export class CueIndex {
  private readonly byFirst = new Map<string, Cue[]>();

  constructor(lexicon: readonly Cue[]) {
    for (const c of lexicon) {
      const list = this.byFirst.get(c.words[0]) ?? [];
      list.push(c);
      this.byFirst.set(c.words[0], list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  }

  find(words: readonly string[]): CueHit[] {
    const hits: CueHit[] = [];
    let i = 0;
    while (i < words.length) {
      const found = (this.byFirst.get(words[i]) ?? []).filter((c) => c.words.every((w, k) => words[i + k] === w));
      if (found.length === 0) {
        i++;
        continue;
      }
      const len = found[0].words.length;
      for (const cue of found.filter((c) => c.words.length === len)) {
        const holdsNegation = cue.words.some((w) => NEGATORS.has(w)) || cue.value === 'failed' || cue.value === 'rejected';
        const negated = !holdsNegation && isNegated(words, i);
        hits.push({ cue, from: i, to: i + len, value: negated ? (FLIP[cue.value] ?? cue.value) : cue.value, negated });
      }
      i += len;
    }
    return hits;
  }
}

export function isNegated(words: readonly string[], at: number): boolean {
  for (let k = at - 1; k >= Math.max(0, at - NEGATION_WINDOW); k--) {
    // A clause boundary ends the negation's reach.
    if (words[k] === ',' || words[k] === ';' || words[k] === 'but') return false;
    // "don't" is three tokens: don ' t.
    if (NEGATORS.has(words[k]) || (words[k] === 't' && words[k - 1] === "'")) return true;
  }
  return false;
}
