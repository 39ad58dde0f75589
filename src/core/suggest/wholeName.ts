/**
 * A decoded span grown to the whole name it stops inside. A tagger that has
 * seen few labels often stops a token early: "U" of "U.S.", "Corp" of
 * "AMR Corp.", "South" of "South Korea", "NEW" of "NEW JERSEY", "Chanderpaul"
 * of "S. Chanderpaul". What makes the name whole is known without any label:
 * the full stops of an abbreviation (compromise's list, lexicon.ts), the
 * lexicon's multi-word names and a person's initials.
 */
import type { Token } from '../tokenize';
import { isAbbreviation, wordClass, type LexClass } from './lexicon';

const HYPHEN = /^[-‐‑]$/u;
/** A word the lexicon knows as a name of its own, never the other half of a double-barrelled one ("Kerry-Lavrov", "Russia-Ukraine"). */
const OWN_NAME = new Set<LexClass>(['person', 'place', 'country', 'org', 'demonym', 'title']);

export interface TokenSpan {
  /** First and last token, inclusive. */
  from: number;
  to: number;
}

/**
 * `phrase`: per token, 'B' or 'I' where the lexicon knows a multi-word name
 * (lexicon.ts), '' elsewhere. `line`: the tokens [lineFrom, lineTo) the span
 * may grow over. `taken`: tokens already in another span, never taken over.
 */
export function wholeName(text: string, tokens: readonly Token[], phrase: readonly string[], span: TokenSpan, line: [number, number], taken: (i: number) => boolean, person: boolean): TokenSpan {
  let { from, to } = span;
  const word = (i: number) => text.slice(tokens[i].start, tokens[i].end);
  const joined = (i: number) => tokens[i].start === tokens[i - 1].end;
  const free = (i: number) => i >= line[0] && i < line[1] && !taken(i);
  // A known multi-word name the span starts or stops inside: "South|Korea", "NEW|JERSEY".
  while (phrase[from] === 'I' && free(from - 1) && (phrase[from - 1] === 'B' || phrase[from - 1] === 'I')) from--;
  while (free(to + 1) && phrase[to + 1] === 'I') to++;
  // Dotted capitals: "U" + ".S." → "U.S.", "U.N" + "." → "U.N.".
  while (free(to + 2) && word(to + 1) === '.' && joined(to + 1) && joined(to + 2) && /^\p{Lu}{1,2}$/u.test(word(to + 2)) && /^\p{Lu}{1,2}$/u.test(word(to))) to += 2;
  if (free(to + 1) && word(to + 1) === '.' && joined(to + 1)) {
    const last = word(to);
    const dotted = to - 1 >= from && word(to - 1) === '.' && joined(to);
    // "Corp." and "Fla." keep their stop; so does a name of dotted capitals.
    if ((/^\p{Lu}/u.test(last) && isAbbreviation(last)) || (dotted && /^\p{Lu}{1,2}$/u.test(last))) to++;
  }
  // A person's initials before the name: "S. Chanderpaul", "J.R. Ewing".
  if (person) {
    while (free(from - 2) && word(from - 1) === '.' && joined(from - 1) && /^\p{Lu}$/u.test(word(from - 2))) from -= 2;
    // Double-barrelled names of a span of two words or more, one hyphen at a time: a first name's first half
    // ("Jean-|Luc Brassard"), a surname's second ("Thomas Stuer|-Lauridsen", "Boutros Boutros|-Ghali"), capitalised,
    // written close, and no name of its own. A lone name stays alone: "Lavrov-|Kerry talks".
    const barrel = (i: number) => /^\p{Lu}\p{Ll}/u.test(word(i)) && !OWN_NAME.has(wordClass(word(i)));
    const hyphen = (i: number) => HYPHEN.test(word(i)) && joined(i) && joined(i + 1);
    while (to > from && free(from - 2) && hyphen(from - 1) && barrel(from - 2) && wordClass(word(from)) === 'first') from -= 2;
    while (to > from && free(to + 2) && hyphen(to + 1) && barrel(to + 2)) to += 2;
  }
  return { from, to };
}

/**
 * Spans that are pieces of one dotted name ("U" and "N" of "U.N."), each
 * decoded on its own, made one: the piece with the larger margin gives the
 * label, and the smaller margin (and log-odds) of the two is kept. `spans`
 * are in token order, one line's.
 */
export function joinDotted<S extends TokenSpan & { margin: number; logOdds?: number }>(text: string, tokens: readonly Token[], spans: readonly S[]): S[] {
  const word = (i: number) => text.slice(tokens[i].start, tokens[i].end);
  const capitals = (i: number) => /^\p{Lu}{1,2}$/u.test(word(i));
  const out: S[] = [];
  for (const s of spans) {
    const prev = out[out.length - 1];
    const dot = prev ? prev.to + 1 : -1;
    const joined = prev && s.from === prev.to + 2 && word(dot) === '.' && tokens[dot].start === tokens[dot - 1].end && tokens[s.from].start === tokens[dot].end;
    if (prev && joined && capitals(prev.to) && capitals(s.from)) {
      const lead = prev.margin >= s.margin ? prev : s;
      const logOdds = prev.logOdds !== undefined && s.logOdds !== undefined ? { logOdds: Math.min(prev.logOdds, s.logOdds) } : {};
      out[out.length - 1] = { ...lead, from: prev.from, to: s.to, margin: Math.min(prev.margin, s.margin), ...logOdds };
    } else out.push(s);
  }
  return out;
}
