import { describe, expect, it } from 'vitest';
import { lexFeatures } from '../../src/core/suggest/lexicon';
import { wholeName } from '../../src/core/suggest/wholeName';
import { tokenize } from '../../src/core/tokenize';

/** Grows the span over `quote` (its n-th occurrence) in `text` and returns the text it then covers. */
function grow(text: string, quote: string, opts: { person?: boolean; taken?: string } = {}): string {
  const tokens = tokenize(text);
  const words = tokens.map((t) => text.slice(t.start, t.end).toLowerCase());
  const phrase = lexFeatures(words).phrase;
  const start = text.indexOf(quote);
  const from = tokens.findIndex((t) => t.start === start);
  const to = tokens.findIndex((t) => t.end === start + quote.length);
  const takenAt = opts.taken === undefined ? -1 : text.indexOf(opts.taken);
  const taken = (i: number) => takenAt >= 0 && tokens[i].start >= takenAt && tokens[i].end <= takenAt + (opts.taken ?? '').length;
  const g = wholeName(text, tokens, phrase, { from, to }, [0, tokens.length], taken, opts.person ?? false);
  return text.slice(tokens[g.from].start, tokens[g.to].end);
}

describe('a suggestion covers the whole name it stops inside', () => {
  it('the full stops of dotted capitals and of abbreviations', () => {
    expect(grow('Talks with the U.S. resumed.', 'U')).toBe('U.S.');
    expect(grow('The U.N. envoy spoke.', 'U.N')).toBe('U.N.');
    expect(grow('Shares of AMR Corp. rose.', 'AMR Corp')).toBe('AMR Corp.');
    expect(grow('TEMPE , Fla. 1996-12-06', 'Fla')).toBe('Fla.');
  });

  it('a sentence’s own full stop, a possessive and a hyphenated word stay outside', () => {
    expect(grow('Lavrov met Kerry in Geneva.', 'Geneva')).toBe('Geneva');
    expect(grow('Talks in Iraq.', 'Iraq')).toBe('Iraq');
    expect(grow('Russia\'s envoy spoke.', 'Russia')).toBe('Russia');
    expect(grow('The UN-brokered talks.', 'UN')).toBe('UN');
  });

  it('multi-word names the lexicon knows, also in a headline’s capitals', () => {
    expect(grow('Talks with South Korea resumed.', 'South')).toBe('South Korea');
    expect(grow('Talks with South Korea resumed.', 'Korea')).toBe('South Korea');
    expect(grow('NEW JERSEY 110 BOSTON 108', 'NEW')).toBe('NEW JERSEY');
    expect(grow('Flights to the United Arab Emirates stopped.', 'United')).toBe('United Arab Emirates');
  });

  it('a person’s initials, for people only', () => {
    expect(grow('Healy caught S. Chanderpaul for 54.', 'Chanderpaul', { person: true })).toBe('S. Chanderpaul');
    expect(grow('Healy caught S. Chanderpaul for 54.', 'Chanderpaul')).toBe('Chanderpaul');
  });

  it('never over a word another span holds', () => {
    expect(grow('Talks with South Korea resumed.', 'Korea', { taken: 'South' })).toBe('Korea');
    expect(grow('Talks with the U.S. resumed.', 'U', { taken: 'S' })).toBe('U');
  });
});
