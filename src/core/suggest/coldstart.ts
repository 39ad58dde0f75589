/**
 * Suggestions for a workspace nobody has labelled yet: compromise's people,
 * places and organisations, mapped to the schema's labels by a setting. It
 * ships its own lexicon and rules, so nothing is downloaded.
 */
import nlp from 'compromise';
import { onGraphemeBoundary } from './graphemes';

/** Which schema label each of compromise's kinds becomes; a kind mapped to null is not suggested. */
export interface ColdStartLabels {
  people: string | null;
  places: string | null;
  organizations: string | null;
}

export const DEFAULT_COLD_START: ColdStartLabels = { people: 'PERSON', places: 'GPE', organizations: 'ORG' };

/** A span compromise takes for a name, with the schema label it maps to. */
export interface ColdStartSpan {
  start: number;
  end: number;
  label: string;
  score: number;
}

/** compromise is a rule-based guesser: its spans are offered with a modest score. */
const SCORE = 0.5;

interface Term {
  text: string;
  tags?: string[];
  offset: { start: number; length: number };
}

interface Match {
  terms: Term[];
}

/** Titles compromise keeps inside a name ("Minister Sergey Lavrov"); a mention starts after them. */
const TITLE_TAGS = new Set(['Honorific', 'Actor']);

export function coldStartMentions(text: string, labels: ColdStartLabels = DEFAULT_COLD_START): ColdStartSpan[] {
  const doc = nlp(text);
  const out: ColdStartSpan[] = [];
  const kinds: [keyof ColdStartLabels, Match[]][] = [
    ['people', doc.people().json({ offset: true }) as Match[]],
    ['places', doc.places().json({ offset: true }) as Match[]],
    ['organizations', doc.organizations().json({ offset: true }) as Match[]],
  ];
  for (const [kind, matches] of kinds) {
    const label = labels[kind];
    if (!label) continue;
    for (const m of matches) {
      const terms = m.terms.filter((t) => t.text.length > 0);
      // A name starts and ends with a capitalised word ("state John" is not a place).
      while (terms.length > 0 && ((terms[0].tags ?? []).some((t) => TITLE_TAGS.has(t)) || !/^\p{Lu}/u.test(terms[0].text))) terms.shift();
      while (terms.length > 0 && !/^[\p{Lu}\p{N}]/u.test(terms[terms.length - 1].text)) terms.pop();
      if (terms.length === 0) continue;
      const first = terms[0];
      const last = terms[terms.length - 1];
      const start = locate(text, first);
      const lastStart = locate(text, last);
      if (start < 0 || lastStart < 0) continue;
      const end = lastStart + last.text.length;
      if (end <= start || !onGraphemeBoundary(text, start) || !onGraphemeBoundary(text, end)) continue;
      out.push({ start, end, label, score: SCORE });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Where a term's text starts: compromise's offset counts the term with its punctuation, so the word is looked up from there. */
function locate(text: string, term: Term): number {
  const from = term.offset.start;
  const i = text.indexOf(term.text, from);
  return i >= 0 && i <= from + term.offset.length ? i : -1;
}
