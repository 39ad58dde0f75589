import { describe, expect, it } from 'vitest';
import { acceptAgreed, linkOnlyLeft, type GoldState } from '../../src/core/adjudicate';
import { applyChange } from '../../src/core/changes';
import { emptyLayer, type Mention } from '../../src/core/model';
import { resolveDecisions, reviewItems } from '../../src/core/review';

const text = 'Lavrov spoke of a pause in the intra-Syrian talks and thanked the foreign Ministry of the Russian Federation.';
function m(id: string, quote: string, label: string, extra: Partial<Mention> = {}): Mention {
  const start = text.indexOf(quote);
  return { id, label, start, end: start + quote.length, quote, origin: 'manual', author: id[0], createdAt: 'n', ...extra };
}
const state = (l: { mentions: Mention[]; frames: []; decisions?: Record<string, string> }): GoldState => ({ mentions: l.mentions, frames: l.frames, decisions: l.decisions ?? {} });
const names = ['ana', 'ben'];

// Both have EVENT nested in TOPIC; only ana has a second TOPIC reading. Both have ORG around GPE; only ana links the GPE.
const ana = [
  m('a1', 'pause in the intra-Syrian talks', 'TOPIC'),
  m('a2', 'intra-Syrian talks', 'EVENT'),
  m('a3', 'the intra-Syrian talks', 'TOPIC'),
  m('a4', 'foreign Ministry of the Russian Federation', 'ORG'),
  m('a5', 'Russian Federation', 'GPE', { entityId: 'ru' }),
];
const ben = [
  m('b1', 'pause in the intra-Syrian talks', 'TOPIC'),
  m('b2', 'intra-Syrian talks', 'EVENT'),
  m('b4', 'foreign Ministry of the Russian Federation', 'ORG'),
  m('b5', 'Russian Federation', 'GPE', { note: 'the state' }),
];
const layers = [
  { annotator: 'ana', mentions: ana },
  { annotator: 'ben', mentions: ben },
];

describe('review items per mention', () => {
  const items = reviewItems(layers);

  it('makes nested and overlapping mentions each their own item', () => {
    expect(items.map((i) => [i.byAnnotator.ana?.[0]?.quote ?? i.byAnnotator.ben[0].quote, i.kind])).toEqual([
      ['pause in the intra-Syrian talks', 'agree'],
      ['the intra-Syrian talks', 'single'],
      ['intra-Syrian talks', 'agree'],
      ['foreign Ministry of the Russian Federation', 'agree'],
      ['Russian Federation', 'link'],
    ]);
    expect(items.find((i) => i.kind === 'link')?.differsIn).toEqual(['entity', 'note']);
  });

  it('accept-agreed takes every agreed mention, one difference holding back none of the others', () => {
    const gold = emptyLayer('d', 'gold', 'x');
    const r = acceptAgreed(state(gold as never), items, [], names, new Map())!;
    expect(r.mentions).toBe(3);
    applyChange(gold, r.change);
    expect(gold.mentions.map((x) => x.quote).sort()).toEqual(['foreign Ministry of the Russian Federation', 'intra-Syrian talks', 'pause in the intra-Syrian talks']);
    // The link-only item is reported apart, and left.
    expect(linkOnlyLeft(state(gold as never), items, names)).toBe(1);
  });

  it('accepts the link-only differences when asked: the one entity given, the notes kept', () => {
    const gold = emptyLayer('d', 'gold', 'x');
    const r = acceptAgreed(state(gold as never), items, [], names, new Map(), { linkDifferences: true })!;
    expect(r.mentions).toBe(4);
    applyChange(gold, r.change);
    expect(gold.mentions.find((x) => x.quote === 'Russian Federation')).toMatchObject({ label: 'GPE', entityId: 'ru', note: 'the state' });
    expect(linkOnlyLeft(state(gold as never), items, names, { linkDifferences: true })).toBe(0);
    // Two different entities are the reviewer's to decide.
    const split = reviewItems([layers[0], { annotator: 'ben', mentions: ben.map((x) => (x.id === 'b5' ? { ...x, entityId: 'ussr' } : x)) }]);
    expect(linkOnlyLeft(state(emptyLayer('d', 'gold', 'x') as never), split, names, { linkDifferences: true })).toBe(1);
  });

  it('a decision stored under the key of an older grouped item still counts for each item it covered', () => {
    const [topic, , event] = items;
    const old = `${topic.start}-${topic.end}|ana=${event.start}-${event.end}:EVENT+${topic.start}-${topic.end}:TOPIC|ben=${event.start}-${event.end}:EVENT+${topic.start}-${topic.end}:TOPIC`;
    const resolved = resolveDecisions({ [old]: 'accept:ana' }, items);
    expect(resolved[topic.key]).toBe('accept:ana');
    expect(resolved[event.key]).toBe('accept:ana');
    expect(resolved[items[1].key]).toBeUndefined();
    // Already decided, so accept-agreed leaves them.
    expect(acceptAgreed({ mentions: [], frames: [], decisions: { [old]: 'accept:ana' } }, items, [], names, new Map())!.mentions).toBe(1);
  });
});
