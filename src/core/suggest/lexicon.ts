/**
 * What English already tells about a word before any analyst has labelled
 * it: compromise's lexicon (first and last names, people, cities, countries,
 * regions, organisations, sports teams, nationalities, titles, dates, and the
 * common words that are no names) and its lists of words that end
 * organisation and place names ("Bank", "Council", "Bay"). The tagger reads
 * them as features, so a handful of labelled documents is enough to learn how
 * far to trust each class. compromise ships this inside its npm package and
 * runs offline.
 */
import nlp from 'compromise';
import { tokenize, type Token } from '../tokenize';

/** A word's class, or '' when the lexicon does not know it. */
export type LexClass = '' | 'first' | 'last' | 'person' | 'place' | 'country' | 'org' | 'demonym' | 'title' | 'date' | 'common';

interface Lexicon {
  words: Map<string, LexClass>;
  /** First word → multi-word names starting with it (as lower-case words), longest first. */
  phrases: Map<string, { words: string[]; cls: LexClass }[]>;
  orgWords: Set<string>;
  placeWords: Set<string>;
  /** Abbreviations that keep their full stop ("corp", "inc", "fla", "gen"). */
  abbreviations: Set<string>;
}

const ORDER: [RegExp, LexClass][] = [
  [/\bPerson\b/, 'person'],
  [/\b(FemaleName|MaleName|FirstName)\b/, 'first'],
  [/\bLastName\b/, 'last'],
  [/\bCountry\b/, 'country'],
  [/\b(City|Place|Region)\b/, 'place'],
  [/\b(Organization|SportsTeam)\b/, 'org'],
  [/\bDemonym\b/, 'demonym'],
  [/\b(Actor|Honorific)\b/, 'title'],
  [/\b(WeekDay|Month|Date|Duration)\b/, 'date'],
];

function classOf(tags: string): LexClass {
  for (const [re, cls] of ORDER) if (re.test(tags)) return cls;
  return 'common';
}

let built: Lexicon | null = null;

function lexicon(): Lexicon {
  if (built) return built;
  const model = nlp.model() as unknown as {
    one: { lexicon: Record<string, string | string[]>; abbreviations: Record<string, unknown> };
    two: { orgWords: Record<string, boolean>; placeWords: Record<string, boolean> };
  };
  const words = new Map<string, LexClass>();
  const phrases = new Map<string, { words: string[]; cls: LexClass }[]>();
  for (const [key, tags] of Object.entries(model.one.lexicon)) {
    const cls = classOf(Array.isArray(tags) ? tags.join(' ') : tags);
    const parts = tokenize(key).map((t) => key.slice(t.start, t.end));
    if (parts.length === 1) words.set(parts[0], cls);
    else if (parts.length > 1 && cls !== 'common') {
      const list = phrases.get(parts[0]) ?? [];
      list.push({ words: parts, cls });
      phrases.set(parts[0], list);
    }
  }
  for (const list of phrases.values()) list.sort((a, b) => b.words.length - a.words.length);
  built = {
    words,
    phrases,
    orgWords: new Set(Object.keys(model.two.orgWords)),
    placeWords: new Set(Object.keys(model.two.placeWords)),
    abbreviations: new Set(Object.keys(model.one.abbreviations)),
  };
  return built;
}

export interface LexFeatures {
  /** Per token: its class ('' unknown); a multi-word name marks each of its words. */
  cls: LexClass[];
  /** Per token: part of a multi-word name the lexicon knows ('B' first word, 'I' the rest, '' none). */
  phrase: string[];
  /** Per token: a word that ends organisation names ("bank"), or place names ("bay"). */
  headword: ('' | 'org' | 'place')[];
}

/** The lexicon's view of each token of a text (`lower`: the tokens' words in lower case). */
export function lexFeatures(lower: readonly string[]): LexFeatures {
  const lex = lexicon();
  const cls: LexClass[] = lower.map((w) => lex.words.get(w) ?? '');
  const phrase: string[] = new Array(lower.length).fill('');
  for (let i = 0; i < lower.length; i++) {
    const list = lex.phrases.get(lower[i]);
    if (!list) continue;
    const hit = list.find((p) => p.words.every((w, k) => lower[i + k] === w));
    if (!hit) continue;
    for (let k = 0; k < hit.words.length; k++) {
      phrase[i + k] = k === 0 ? 'B' : 'I';
      cls[i + k] = hit.cls;
    }
    i += hit.words.length - 1;
  }
  const headword = lower.map((w) => (lex.orgWords.has(w) ? 'org' : lex.placeWords.has(w) ? 'place' : '')) as LexFeatures['headword'];
  return { cls, phrase, headword };
}

/** Whether compromise knows the word (any case) as an abbreviation that keeps its full stop ("Corp.", "Fla."). */
export function isAbbreviation(word: string): boolean {
  return lexicon().abbreviations.has(word.toLowerCase());
}

/** The lexicon's class of one word ('' when it does not know it). */
export function wordClass(word: string): LexClass {
  return lexicon().words.get(word.toLowerCase()) ?? '';
}

/** Tokens of a text in lower case, for callers that have the text only. */
export function lowerWords(text: string, tokens: readonly Token[] = tokenize(text)): string[] {
  return tokens.map((t) => text.slice(t.start, t.end).toLowerCase());
}
