/**
 * Generated political-news text, labelled as it is written: sentences from
 * templates with slots for people, organisations, countries, dates, events
 * and topics, some of them stating a stance or an agreement through a cue.
 * Names come from one of two disjoint pools, so a tagger trained on one pool
 * and tested on the other must generalise from context, not remember names.
 */
import { seededRandom } from '../src/core/random';
import { sentences } from '../src/core/tokenize';
import type { TrainingDocument } from '../src/core/suggest/types';

const FIRST = ['Anika', 'Boris', 'Carmen', 'Dmitri', 'Elena', 'Farid', 'Greta', 'Hamid', 'Ingrid', 'Jonas', 'Karim', 'Lucia', 'Marek', 'Nadia', 'Omar', 'Petra', 'Rafael', 'Selma', 'Tomas', 'Ulla', 'Viktor', 'Wanda', 'Yusuf', 'Zofia'];
const LAST = ['Abramov', 'Bergstrom', 'Castillo', 'Dvorak', 'Eriksen', 'Fontaine', 'Gashi', 'Horvath', 'Ivanova', 'Jaber', 'Kowalski', 'Lindqvist', 'Moreau', 'Novak', 'Okafor', 'Petrov', 'Quispe', 'Rahimi', 'Saarinen', 'Toure', 'Urbanek', 'Vasquez', 'Wojcik', 'Zeller'];
const PLACE_A = ['Vel', 'Kor', 'Mar', 'Tal', 'Ost', 'Bren', 'Sar', 'Lum', 'Dra', 'Ner', 'Quel', 'Ith'];
const PLACE_B = ['doria', 'avia', 'stan', 'mark', 'onia', 'esia', 'land', 'ovia', 'aria', 'enia'];
const ORG_KIND = ['Council', 'Front', 'Alliance', 'Committee', 'Union', 'Movement', 'Party', 'Commission'];
const ORG_WORD = ['National', 'Democratic', 'Popular', 'United', 'Federal', 'Northern', 'Liberation', 'Reform', 'Security', 'Unity'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const TOPICS = ['ceasefire', 'sanctions', 'prisoner exchange', 'grain corridor', 'peace plan', 'border treaty', 'humanitarian access', 'troop withdrawal', 'gas deal', 'trade accord'];

type Slot = 'PERSON' | 'ORG' | 'GPE' | 'DATE' | 'EVENT' | 'TOPIC';
interface Template {
  text: string;
  frame?: { type: 'Stance' | 'Agreement'; attr: string; value: string };
}

const T = (text: string, frame?: Template['frame']): Template => ({ text, frame });
const TEMPLATES: Template[] = [
  T('{PERSON}, the foreign minister of {GPE}, met {PERSON} in {GPE} on {DATE}.'),
  T('{GPE} and {GPE} agreed to a {TOPIC} after talks in {GPE}.', { type: 'Agreement', attr: 'Status', value: 'reached' }),
  T('{PERSON} warned that the {TOPIC} could fall apart within days.', { type: 'Stance', attr: 'Polarity', value: 'against' }),
  T('The {ORG} does not support the {TOPIC}, {PERSON} told reporters.', { type: 'Stance', attr: 'Polarity', value: 'against' }),
  T('Delegations from {GPE} and {GPE} failed to agree on the {TOPIC} at the {EVENT}.', { type: 'Agreement', attr: 'Status', value: 'failed' }),
  T('{PERSON} welcomed the decision of the {ORG} on {DATE}.', { type: 'Stance', attr: 'Polarity', value: 'favor' }),
  T('Officials said the talks would resume in {GPE} next week.'),
  T('{PERSON} of the {ORG} arrived in {GPE} for the {EVENT}.'),
  T('The {ORG} criticized {GPE} for delaying the {TOPIC}.', { type: 'Stance', attr: 'Polarity', value: 'against' }),
  T('On {DATE}, {PERSON} and {PERSON} reached an agreement on the {TOPIC}.', { type: 'Agreement', attr: 'Status', value: 'reached' }),
  T('Reporters waited outside the building for several hours.'),
  T('{PERSON} said {GPE} is in favor of a new {TOPIC}.', { type: 'Stance', attr: 'Polarity', value: 'favor' }),
  T('According to {PERSON}, the {ORG} will send observers to {GPE}.'),
  T('The meeting in {GPE} ended late in the evening.'),
];

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** Pool 0 or 1: first halves or second halves of the name lists, so the two never share a name. */
function filler(slot: Slot, r: () => number, pool: 0 | 1): string {
  const half = <T>(xs: readonly T[]) => xs.filter((_, i) => i % 2 === pool);
  switch (slot) {
    case 'PERSON':
      return r() < 0.3 ? pick(r, half(LAST)) : `${pick(r, half(FIRST))} ${pick(r, half(LAST))}`;
    case 'GPE':
      return pick(r, half(PLACE_A)) + pick(r, PLACE_B);
    case 'ORG':
      return `${pick(r, half(ORG_WORD))} ${pick(r, ORG_KIND)}`;
    case 'DATE':
      return r() < 0.5 ? `${1 + Math.floor(r() * 28)} ${pick(r, MONTHS)}` : pick(r, DAYS);
    case 'EVENT':
      return `${pick(r, half(PLACE_A)) + pick(r, PLACE_B)} summit`;
    case 'TOPIC':
      return pick(r, TOPICS);
  }
}

/** One labelled document of about `chars` characters, in paragraphs of four sentences. */
export function generatedDocument(id: string, chars: number, seed: number, pool: 0 | 1): TrainingDocument {
  const r = seededRandom(seed);
  let text = '';
  const mentions: TrainingDocument['mentions'] = [];
  const frames: TrainingDocument['frames'] = [];
  let inParagraph = 0;
  while (text.length < chars) {
    const t = pick(r, TEMPLATES);
    const start = text.length;
    let rest = t.text;
    for (let m = /\{(\w+)\}/.exec(rest); m; m = /\{(\w+)\}/.exec(rest)) {
      text += rest.slice(0, m.index);
      const value = filler(m[1] as Slot, r, pool);
      mentions.push({ start: text.length, end: text.length + value.length, label: m[1] });
      text += value;
      rest = rest.slice(m.index + m[0].length);
    }
    text += rest;
    if (t.frame) frames.push({ type: t.frame.type, evidence: { start, end: text.length }, attrs: { [t.frame.attr]: t.frame.value } });
    text += ++inParagraph % 4 === 0 ? '\n\n' : ' ';
  }
  text = text.trimEnd();
  // Evidence spans are whole sentences, as the tokenizer sees them.
  const spans = new Set(sentences(text).map((s) => `${s.start}:${s.end}`));
  if (frames.some((f) => !spans.has(`${f.evidence.start}:${f.evidence.end}`))) throw new Error(`${id}: a template sentence is not one sentence`);
  return { id, text, mentions, frames };
}

export function generatedCorpus(count: number, chars: number, seed: number, pool: 0 | 1): TrainingDocument[] {
  return Array.from({ length: count }, (_, i) => generatedDocument(`g${pool}_${i}`, chars, seed + i * 7919, pool));
}
