import { describe, expect, it } from 'vitest';
import { lexFeatures } from '../../src/core/suggest/lexicon';
import { joinDotted, wholeName } from '../../src/core/suggest/wholeName';
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

  it('a person’s double-barrelled name, but never two names joined by a hyphen', () => {
    expect(grow('4. Jean-Luc Brassard ( Canada ) 24.40', 'Luc Brassard', { person: true })).toBe('Jean-Luc Brassard');
    expect(grow('Dong Jiong beat Thomas Stuer-Lauridsen 15-10', 'Thomas Stuer', { person: true })).toBe('Thomas Stuer-Lauridsen');
    expect(grow('Boutros Boutros-Ghali said on Friday', 'Boutros Boutros', { person: true })).toBe('Boutros Boutros-Ghali');
    // A surname alone, a name the lexicon knows, a place: the hyphen joins two names.
    expect(grow('The Kerry-Lavrov deal held.', 'Lavrov', { person: true })).toBe('Lavrov');
    expect(grow('The Kerry-Lavrov deal held.', 'Kerry', { person: true })).toBe('Kerry');
    expect(grow('The Lavrov-Kerry talks in Geneva', 'Kerry', { person: true })).toBe('Kerry');
    expect(grow('John Kerry-Moscow talks', 'John Kerry', { person: true })).toBe('John Kerry');
    expect(grow('Thomas Stuer-Lauridsen', 'Thomas Stuer')).toBe('Thomas Stuer');
  });

  it('never over a word another span holds', () => {
    expect(grow('Talks with South Korea resumed.', 'Korea', { taken: 'South' })).toBe('Korea');
    expect(grow('Talks with the U.S. resumed.', 'U', { taken: 'S' })).toBe('U');
  });
});

describe('pieces of one dotted name are one suggestion', () => {
  const text = 'Senegal proposes foreign minister for U.N. post .';
  const tokens = tokenize(text);
  const at = (q: string) => tokens.findIndex((t) => t.start === text.indexOf(q));
  it('"U" and "N" of "U.N." become one span, labelled by the surer piece and as sure as the less sure one (margin and log-odds)', () => {
    const u = { from: at('U.N.'), to: at('U.N.'), tag: 1, margin: 3, logOdds: 4 };
    const n = { from: at('N.'), to: at('N.'), tag: 2, margin: 1, logOdds: 1.5 };
    const joined = joinDotted(text, tokens, [u, n]);
    expect(joined).toEqual([{ from: u.from, to: n.to, tag: 1, margin: 1, logOdds: 1.5 }]);
    const g = wholeName(text, tokens, [], joined[0], [0, tokens.length], () => false, false);
    expect(text.slice(tokens[g.from].start, tokens[g.to].end)).toBe('U.N.');
  });

  it('names apart stay apart: a full stop and a space, or a word that is not capitals', () => {
    const t2 = 'Talks in the US . UN envoys left';
    const k2 = tokenize(t2);
    const us = { from: 3, to: 3, tag: 1, margin: 2 };
    const un = { from: 5, to: 5, tag: 2, margin: 2 };
    expect([us, un].map((s) => t2.slice(k2[s.from].start, k2[s.to].end))).toEqual(['US', 'UN']);
    expect(joinDotted(t2, k2, [us, un])).toEqual([us, un]);
    const t3 = 'Iran.Kerry left';
    const k3 = tokenize(t3);
    expect(joinDotted(t3, k3, [{ from: 0, to: 0, tag: 1, margin: 2 }, { from: 2, to: 2, tag: 2, margin: 2 }])).toHaveLength(2);
  });
});
