import { describe, expect, it } from 'vitest';
import { documentGoldDifferences, goldDifferences } from '../../src/core/goldDiff';
import { frameGoldSummary, mentionGoldSummary } from '../../src/core/goldSummary';
import type { Frame, Mention } from '../../src/core/model';
import { frameReviewItems, reviewItems } from '../../src/core/review';

const text = 'Lavrov met Kerry in Geneva on Friday and praised the talks.';
function m(id: string, quote: string, label: string, extra: Partial<Mention> = {}): Mention {
  const start = text.indexOf(quote);
  return { id, label, start, end: start + quote.length, quote, origin: 'manual', author: id[0], createdAt: 'n', ...extra };
}
const stance = (id: string, holder: string, polarity: string, extra: Partial<Frame> = {}): Frame => ({
  id,
  type: 'Stance',
  evidence: { start: 0, end: text.length, quote: text },
  roles: { Holder: [{ kind: 'mention', mentionId: holder }] },
  attrs: { Polarity: polarity },
  origin: 'manual',
  author: id[0],
  createdAt: 'n',
  ...extra,
});

describe('where gold differs from an analyst', () => {
  const mine = {
    annotator: 'ana',
    mentions: [m('a1', 'Lavrov', 'PERSON'), m('a2', 'Kerry', 'ORG'), m('a3', 'Geneva', 'GPE'), m('a4', 'Friday', 'DATE')],
    frames: [stance('as', 'a1', 'favor')],
  };
  const decided = { author: 'lead', from: ['ben'] };
  const gold = {
    annotator: 'gold',
    mentions: [
      m('g1', 'Lavrov', 'PERSON', { author: 'lead', from: ['ana', 'ben'] }),
      m('g2', 'Kerry', 'PERSON', { ...decided, note: 'a person, not his office' }),
      m('g3', 'Geneva', 'GPE', { ...decided, entityId: 'geneva' }),
      m('g5', 'the talks', 'EVENT', decided),
    ],
    frames: [stance('gs', 'g1', 'neutral', decided)],
    // ana's Friday was rejected; nothing was decided on her Lavrov-less "praised" (she has none) and the rest.
    decisions: { [`${text.indexOf('Friday')}-${text.indexOf('Friday') + 6}|ana=${text.indexOf('Friday')}-${text.indexOf('Friday') + 6}:DATE`]: 'reject' },
    reviewed: false,
  };
  const diffs = documentGoldDifferences('d1', mine, gold);

  it('counts what gold lacks only where gold has decided', () => {
    const undecided = documentGoldDifferences('d1', { ...mine, mentions: [...mine.mentions, m('a9', 'praised', 'EVENT')] }, gold);
    expect(undecided.filter((d) => d.kind === 'left-out').map((d) => d.label)).toEqual(['DATE']);
    const reviewed = documentGoldDifferences('d1', { ...mine, mentions: [...mine.mentions, m('a9', 'praised', 'EVENT')] }, { ...gold, reviewed: true });
    expect(reviewed.filter((d) => d.kind === 'left-out').map((d) => d.label)).toEqual(['DATE', 'EVENT']);
  });

  it('lists each difference with both versions, who decided and the note', () => {
    expect(diffs.map((d) => [d.kind, d.label, d.type])).toEqual([
      ['fields', 'Stance', 'frame'],
      ['label', 'ORG', 'mention'],
      ['link', 'GPE', 'mention'],
      ['left-out', 'DATE', 'mention'],
      ['added', 'EVENT', 'mention'],
    ]);
    const kerry = diffs.find((d) => d.kind === 'label')!;
    expect(kerry.mine).toEqual(['ORG “Kerry”']);
    expect(kerry.gold).toEqual(['PERSON “Kerry”']);
    expect(kerry.decidedBy).toEqual(['lead']);
    expect(kerry.notes).toEqual(['a person, not his office']);
    expect(diffs[0].fields).toEqual(['Polarity']);
  });

  it('counts them per label', () => {
    const all = goldDifferences('ana', 1, diffs, { d1: 'A' });
    expect(all.byLabel.map((c) => [c.label, c.total])).toEqual([
      ['DATE', 1],
      ['EVENT', 1],
      ['GPE', 1],
      ['ORG', 1],
      ['Stance', 1],
    ]);
    expect(all.byLabel.find((c) => c.label === 'GPE')!.kinds).toEqual({ link: 1 });
  });
});

describe('what gold holds, in words', () => {
  const ana = { annotator: 'ana', mentions: [m('a1', 'Lavrov', 'PERSON'), m('a2', 'Kerry', 'ORG')], frames: [stance('as', 'a1', 'favor')] };
  const ben = { annotator: 'ben', mentions: [m('b1', 'Lavrov', 'PERSON'), m('b2', 'Kerry', 'PERSON')], frames: [stance('bs', 'b1', 'neutral')] };
  const kerry = reviewItems([ana, ben]).find((i) => i.kind === 'label')!;

  it('names the analysts a gold mention is as, and who decided; a rejection says gold has nothing', () => {
    expect(mentionGoldSummary(kerry, [m('g2', 'Kerry', 'PERSON', { author: 'lead' })], true)).toEqual(['PERSON “Kerry”, as ben.', 'Decided by lead.']);
    expect(mentionGoldSummary(kerry, [m('g2', 'Kerry', 'GPE', { author: 'lead' })], true)[0]).toBe('GPE “Kerry”, edited by hand.');
    expect(mentionGoldSummary(kerry, [], true)).toEqual(['Rejected: gold has nothing here.']);
    expect(mentionGoldSummary(kerry, [], false)).toEqual([]);
  });

  it('reads a frame field by field from gold, so a field taken later shows', () => {
    const item = frameReviewItems([ana, ben])[0];
    const sources = new Map([
      ['ana', ana.mentions],
      ['ben', ben.mentions],
    ]);
    const goldMentions = [m('g1', 'Lavrov', 'PERSON')];
    expect(frameGoldSummary(item, [stance('g', 'g1', 'favor', { author: 'lead' })], goldMentions, sources, true)).toEqual(['Stance as ana.', 'Decided by lead.']);
    expect(frameGoldSummary(item, [stance('g', 'g1', 'unclear', { author: 'lead' })], goldMentions, sources, true)[0]).toBe('Stance: Evidence as ana and ben; Holder as ana and ben; Polarity unclear, set by hand.');
  });
});
