import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultSchema } from '../../src/core/defaults';
import { findCues, cueWords } from '../../src/core/suggest/cues';
import { suggestFrames } from '../../src/core/suggest/frames';
import { Recommender } from '../../src/core/suggest/recommender';
import { SequenceTagger } from '../../src/core/suggest/tagger';
import { graphemeBoundary } from '../../src/core/text';
import { tokenize } from '../../src/core/tokenize';

/** "Minister X said": the tagger has to learn that the word after "Minister" is a person, whatever the name. */
function ministerText(names: string[]): { text: string; mentions: { start: number; end: number; label: string }[] } {
  let text = '';
  const mentions: { start: number; end: number; label: string }[] = [];
  for (const [i, name] of names.entries()) {
    text += `The talks went on. Minister `;
    mentions.push({ start: text.length, end: text.length + name.length, label: 'PERSON' });
    text += `${name} said the ${i % 2 ? 'envoy' : 'council'} would meet in the city.\n`;
  }
  return { text, mentions };
}

const quotes = (text: string, spans: { start: number; end: number; label: string }[]) => spans.map((s) => `${s.label}:${text.slice(s.start, s.end)}`);

describe('sequence tagger', () => {
  it('learns a toy pattern and applies it to names it has never seen', () => {
    const tagger = new SequenceTagger();
    tagger.train([ministerText(['Abel', 'Borodin', 'Castellanos', 'Dufresne', 'Eberhardt', 'Fonseca', 'Gallagher', 'Haddad'])]);
    const test = ministerText(['Quimby', 'Rasmussen']);
    expect(quotes(test.text, tagger.tag(test.text))).toEqual(['PERSON:Quimby', 'PERSON:Rasmussen']);
    for (const s of tagger.tag(test.text)) expect(s.score).toBeGreaterThan(0.5);
  });

  it('learns incrementally: one more document adds a label it did not know', () => {
    const tagger = new SequenceTagger();
    tagger.train([ministerText(['Abel', 'Borodin', 'Castellanos'])]);
    const text = 'Officials met in Vilnius. Officials met in Tallinn. Officials met in Riga.';
    const places = ['Vilnius', 'Tallinn', 'Riga'].map((p) => ({ start: text.indexOf(p), end: text.indexOf(p) + p.length, label: 'GPE' }));
    for (let i = 0; i < 3; i++) tagger.learn({ text, mentions: places });
    const test = 'Officials met in Warsaw.';
    expect(quotes(test, tagger.tag(test))).toEqual(['GPE:Warsaw']);
    expect(tagger.labels.sort()).toEqual(['GPE', 'PERSON']);
  });

  it('never proposes a span that starts or ends inside a grapheme, whatever the text', () => {
    // Pieces that tokenize splits around or inside what a reader sees as one character.
    const pieces = ['Lavrov', 'Mu\u0308ller', '\u0600\u0661', '🇷🇺🇸', '👩‍👩‍👧', '👍🏽', 'e\u0301', 'a\u200d', '1\ufe0f\u20e3', ' ', '\n', '.', 'Kerry'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 30 }), (parts) => {
        const text = parts.join('');
        // Every token labelled: the tagger then proposes as much as it can.
        const mentions = tokenize(text).map((t) => ({ ...t, label: 'ORG' }));
        const tagger = new SequenceTagger();
        tagger.train([{ text, mentions }], 2);
        for (const s of tagger.tag(text)) {
          expect(graphemeBoundary(text, s.start, -1)).toBe(s.start);
          expect(graphemeBoundary(text, s.end, 1)).toBe(s.end);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('cue lexicon and negation', () => {
  const cues = (sentence: string) => {
    const words = cueWords(sentence, tokenize(sentence));
    return findCues(words).map((h) => `${h.cue.type}:${h.value}:${h.cue.words.join(' ')}`);
  };

  it('reads agreement and stance cues with their status or polarity', () => {
    expect(cues('Lavrov and Kerry agreed to coordinate joint actions.')).toEqual(['Agreement:reached:agreed to']);
    expect(cues('Russia and US fail to agree on Syria.')).toEqual(['Agreement:failed:fail to agree']);
    expect(cues('The ministry warned against strikes.')).toEqual(['Stance:against:warned']);
    expect(cues('Washington is in favor of a unified Syria.')).toEqual(['Stance:favor:in favor of']);
  });

  it('a cue that holds its negation is not negated twice; a negator before a cue turns it', () => {
    expect(cues('We do not support the independence of the Kurds.')).toEqual(['Stance:against:do not support']);
    expect(cues('Moscow never supported the plan.')).toEqual(['Stance:against:supported']);
    expect(cues('They did not agree on the areas.')).toEqual(['Agreement:failed:agree']);
    expect(cues('We don’t support sanctions.')).toEqual(['Stance:against:support']);
  });

  it('negation stops at a clause boundary', () => {
    expect(cues('Not surprisingly, they agreed to talk.')).toEqual(['Agreement:reached:agreed to']);
  });

  it('capitalised words are names, never cues', () => {
    expect(cues('Supported Nations Party met.')).toEqual(['Stance:favor:supported']);
    expect(cues('The Backers Group met.')).toEqual([]);
  });
});

describe('frame suggestions', () => {
  const text = 'Kerry said the United States does not support the ceasefire. The weather was fine.';
  const at = (q: string, label: string) => ({ start: text.indexOf(q), end: text.indexOf(q) + q.length, quote: q, label });

  it('proposes the sentence as evidence, a polarity from the cue, and role candidates from its mentions', () => {
    const mentions = [{ ...at('Kerry', 'PERSON'), mentionId: 'm1' }, at('United States', 'GPE'), at('ceasefire', 'TOPIC')];
    const [frame, ...rest] = suggestFrames(text, defaultSchema(), mentions);
    expect(rest).toEqual([]);
    expect(frame).toMatchObject({
      type: 'Stance',
      evidence: { start: 0, end: text.indexOf('.') + 1 },
      cue: { quote: 'does not support' },
      attrs: { Polarity: 'against' },
      source: 'lexicon',
    });
    expect(frame.roles.Holder.map((c) => c.quote)).toEqual(['United States', 'Kerry']);
    expect(frame.roles.Holder[1].mentionId).toBe('m1');
    expect(frame.roles.Target[0].quote).toBe('ceasefire');
  });
});

describe('recommender', () => {
  const schema = defaultSchema();
  const lavrov = { id: 'e1', type: 'PERSON', name: 'Sergey Lavrov', aliases: ['Lavrov'] };

  it('proposes registry names with the entity type, never over a labelled span or a rejected one', () => {
    const r = new Recommender(schema, [lavrov], { coldStart: null });
    const text = 'Sergey Lavrov met Kerry. Later Lavrov left. Lavrov returned.';
    const second = text.indexOf('Lavrov left');
    const third = text.indexOf('Lavrov returned');
    const { mentions } = r.suggest({
      text,
      mentions: [{ start: second, end: second + 6, label: 'PERSON' }],
      rejected: [{ start: third, end: third + 6, label: 'PERSON' }],
    });
    expect(mentions).toEqual([{ start: 0, end: 13, quote: 'Sergey Lavrov', label: 'PERSON', score: 0.9, source: 'registry', entityId: 'e1' }]);
  });

  it('falls back to the cold-start tagger while nothing is labelled, with the labels of its setting', () => {
    const text = 'Angela Merkel met officials of the United Nations in Berlin.';
    const cold = new Recommender(schema, [], { coldStart: { people: 'PERSON', places: 'GPE', organizations: 'ORG' } });
    expect(quotes(text, cold.suggest({ text }).mentions)).toEqual(['PERSON:Angela Merkel', 'ORG:United Nations', 'GPE:Berlin']);
    expect(cold.suggest({ text }).mentions.every((m) => m.source === 'coldstart')).toBe(true);
    const none = new Recommender(schema, [], { coldStart: { people: 'PERSON', places: null, organizations: null } });
    expect(quotes(text, none.suggest({ text }).mentions)).toEqual(['PERSON:Angela Merkel']);
  });

  it('learns evidence cues from accepted frames', () => {
    const sentence = (who: string) => `${who} voiced deep reservations about the plan.`;
    const docs = ['Abel', 'Borodin', 'Castellanos'].map((who, i) => {
      const text = `${sentence(who)} The sun rose.`;
      return { id: `d${i}`, text, mentions: [], frames: [{ type: 'Stance', evidence: { start: 0, end: sentence(who).length }, attrs: { Polarity: 'against' } }] };
    });
    const r = new Recommender(schema, [], { coldStart: null });
    r.train(docs);
    const text = 'Dufresne voiced deep reservations about the deal. It rained.';
    // A frame needs someone to hold it: the sentence's labelled mention.
    const frames = r.suggest({ text, mentions: [{ start: 0, end: 8, label: 'PERSON' }] }).frames;
    expect(frames).toHaveLength(1);
    expect(frames[0]).toMatchObject({ type: 'Stance', source: 'learned', attrs: { Polarity: 'against' }, evidence: { start: 0, end: text.indexOf('.') + 1 } });
  });
});
