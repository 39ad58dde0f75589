import { describe, expect, it } from 'vitest';
import { acceptAgreed, decideFrameItem, decideMentionItem, type GoldState } from '../../src/core/adjudicate';
import { applyChange, commitChange, undo } from '../../src/core/changes';
import { emptyLayer, type Frame, type Layer, type Mention, type RoleFiller } from '../../src/core/model';
import { frameReviewItems, reviewItems } from '../../src/core/review';

const text = 'Foreign Minister Sergei Lavrov said Moscow and the US agreed on a ceasefire in Syria.';
function m(id: string, quote: string, label: string, entityId?: string): Mention {
  const start = text.indexOf(quote);
  return { id, label, start, end: start + quote.length, quote, origin: 'manual', author: id[0], createdAt: 'n', ...(entityId ? { entityId } : {}) };
}
function f(id: string, type: string, quote: string, roles: Record<string, RoleFiller[]>, attrs: Record<string, string>): Frame {
  const start = text.indexOf(quote);
  return { id, type, evidence: { start, end: start + quote.length, quote }, roles, attrs, origin: 'manual', author: id[0], createdAt: 'n' };
}
const mf = (mentionId: string): RoleFiller => ({ kind: 'mention', mentionId });
const topic = (t: string): RoleFiller => ({ kind: 'topic', text: t });

// ana: the holder is "Sergei Lavrov"; ben: "Foreign Minister", both linked to the same entity.
// ana says favor, ben against. ben's agreement leaves the US out.
const ana = {
  annotator: 'ana',
  mentions: [m('a1', 'Sergei Lavrov', 'PERSON', 'lavrov'), m('a2', 'Moscow', 'GPE', 'ru'), m('a3', 'US', 'GPE', 'us')],
  frames: [
    f('as', 'Stance', 'Sergei Lavrov said Moscow and the US agreed on a ceasefire', { Holder: [mf('a1')], Target: [topic('the ceasefire')] }, { Polarity: 'favor' }),
    f('aa', 'Agreement', 'Moscow and the US agreed on a ceasefire', { Party: [mf('a2'), mf('a3')], Topic: [topic('ceasefire')] }, { Status: 'reached' }),
  ],
};
const ben = {
  annotator: 'ben',
  mentions: [m('b1', 'Foreign Minister', 'PERSON', 'lavrov'), m('b2', 'Moscow', 'GPE', 'ru')],
  frames: [
    f('bs', 'Stance', 'Foreign Minister Sergei Lavrov said Moscow and the US agreed on a ceasefire', { Holder: [mf('b1')], Target: [topic('The Ceasefire')] }, { Polarity: 'against' }),
    f('ba', 'Agreement', 'Moscow and the US agreed on a ceasefire', { Party: [mf('b2')], Topic: [topic('Ceasefire')] }, { Status: 'reached' }),
  ],
};
const layers = [ana, ben];
const sources = new Map(layers.map((l) => [l.annotator, l] as const));
const annotators = ['ana', 'ben'];
const order = new Map([
  ['Stance', { roles: ['Holder', 'Target'], attributes: ['Polarity'] }],
  ['Agreement', { roles: ['Party', 'Topic'], attributes: ['Status'] }],
]);

function goldLayer(): Layer {
  return emptyLayer('d', 'gold', 'h');
}
const state = (g: Layer): GoldState => ({ mentions: g.mentions, frames: g.frames, decisions: g.decisions ?? {} });
const items = () => frameReviewItems(layers, order);

describe('frame review items', () => {
  it('groups the stances and the agreements, and says field by field what differs', () => {
    const [stance, agreement] = items();
    expect(stance).toMatchObject({ type: 'Stance', kind: 'differs' });
    // The holders are different mentions of the same entity: the same thing. The topic differs only in case.
    expect(stance.fields.map((x) => [x.id, x.same])).toEqual([
      ['evidence', false],
      ['role:Holder', true],
      ['role:Target', true],
      ['attr:Polarity', false],
    ]);
    expect(agreement.fields.map((x) => [x.id, x.same])).toEqual([
      ['evidence', true],
      ['role:Party', false],
      ['role:Topic', true],
      ['attr:Status', true],
    ]);
  });

  it('makes a frame only one annotator has an "only some annotators" item', () => {
    const solo = frameReviewItems([ana, { ...ben, frames: [ben.frames[0]] }], order);
    expect(solo.map((i) => i.kind)).toEqual(['differs', 'single']);
  });

  it('keeps keys while the frames stay the same, and changes them when a frame changes', () => {
    const again = items();
    expect(again.map((i) => i.key)).toEqual(items().map((i) => i.key));
    const changed = frameReviewItems([ana, { ...ben, frames: [{ ...ben.frames[0], attrs: { Polarity: 'favor' } }, ben.frames[1]] }], order);
    expect(changed[0].key).not.toBe(items()[0].key);
    expect(changed[0].goldId).toBe(items()[0].goldId);
    expect(changed[0].kind).toBe('differs');
  });
});

describe('adjudicating frames into gold', () => {
  it("accepting one analyst's frame brings its mentions into gold with their entity links", () => {
    const gold = goldLayer();
    const [stance] = items();
    commitChange(gold, decideFrameItem(state(gold), stance, { kind: 'accept', annotator: 'ben' }, sources));
    expect(gold.frames).toHaveLength(1);
    expect(gold.frames[0]).toMatchObject({ id: stance.goldId, type: 'Stance', attrs: { Polarity: 'against' } });
    expect(gold.mentions.map((x) => [x.quote, x.entityId])).toEqual([['Foreign Minister', 'lavrov']]);
    expect(gold.frames[0].roles.Holder).toEqual([{ kind: 'mention', mentionId: gold.mentions[0].id }]);
    expect(gold.decisions).toEqual({ [stance.key]: 'accept:ben' });
  });

  it('builds the gold frame field by field: the holder from one, the polarity from another', () => {
    const gold = goldLayer();
    const [stance] = items();
    commitChange(gold, decideFrameItem(state(gold), stance, { kind: 'field', field: 'role:Holder', from: 'ana' }, sources));
    commitChange(gold, decideFrameItem(state(gold), stance, { kind: 'field', field: 'attr:Polarity', from: 'ben' }, sources));
    commitChange(gold, decideFrameItem(state(gold), stance, { kind: 'field', field: 'evidence', from: 'ben' }, sources));
    expect(gold.frames).toHaveLength(1);
    const g = gold.frames[0];
    expect(g.attrs).toEqual({ Polarity: 'against' });
    expect(g.evidence.quote).toBe(ben.frames[0].evidence.quote);
    expect(gold.mentions.map((x) => x.quote)).toEqual(['Sergei Lavrov']);
    expect(gold.decisions![stance.key]).toBe('accept:ana;role:Holder=ana;attr:Polarity=ben;evidence=ben');
    // A value nobody gave: the reviewer's own.
    commitChange(gold, decideFrameItem(state(gold), stance, { kind: 'field', field: 'attr:Polarity', value: 'neutral' }, sources));
    expect(gold.frames[0].attrs.Polarity).toBe('neutral');
  });

  it('brings a mention in once however many frames or decisions refer to it', () => {
    const gold = goldLayer();
    const [, agreement] = items();
    commitChange(gold, decideFrameItem(state(gold), agreement, { kind: 'accept', annotator: 'ben' }, sources));
    commitChange(gold, decideFrameItem(state(gold), agreement, { kind: 'field', field: 'role:Party', from: 'ana' }, sources));
    expect(gold.mentions.map((x) => x.quote).sort()).toEqual(['Moscow', 'US']);
    expect(gold.frames[0].roles.Party).toHaveLength(2);
    // Accepting the mention items afterwards reuses the same gold mentions.
    const mentionItems = reviewItems(layers);
    const moscow = mentionItems.find((i) => text.slice(i.start, i.end) === 'Moscow')!;
    commitChange(gold, decideMentionItem(state(gold), moscow, { kind: 'accept', annotators: ['ana'] }, annotators));
    expect(gold.mentions.filter((x) => x.quote === 'Moscow')).toHaveLength(1);
    expect(gold.mentions.find((x) => x.quote === 'Moscow')!.attrs?.adjudicated).toBe('accept:ana');
  });

  it('never removes a mention a gold frame refers to, and rejecting the frame takes its mentions away', () => {
    const gold = goldLayer();
    const [, agreement] = items();
    commitChange(gold, decideFrameItem(state(gold), agreement, { kind: 'accept', annotator: 'ana' }, sources));
    const us = reviewItems(layers).find((i) => text.slice(i.start, i.end) === 'US')!;
    commitChange(gold, decideMentionItem(state(gold), us, { kind: 'reject' }, annotators));
    expect(gold.mentions.map((x) => x.quote).sort()).toEqual(['Moscow', 'US']);
    commitChange(gold, decideFrameItem(state(gold), agreement, { kind: 'reject' }, sources));
    expect(gold.frames).toEqual([]);
    expect(gold.mentions).toEqual([]);
    expect(gold.decisions![agreement.key]).toBe('reject');
  });

  it('accepts both versions of a frame, identical ones once', () => {
    const gold = goldLayer();
    const [stance] = items();
    commitChange(gold, decideFrameItem(state(gold), stance, { kind: 'all' }, sources));
    expect(gold.frames.map((x) => [x.id, x.attrs.Polarity])).toEqual([
      [stance.goldId, 'favor'],
      [`${stance.goldId}~2`, 'against'],
    ]);
  });

  it('undoes every decision as one step', () => {
    const gold = goldLayer();
    const [stance] = items();
    commitChange(gold, decideFrameItem(state(gold), stance, { kind: 'accept', annotator: 'ana' }, sources));
    commitChange(gold, decideFrameItem(state(gold), stance, { kind: 'field', field: 'attr:Polarity', from: 'ben' }, sources));
    undo(gold);
    expect(gold.frames[0].attrs.Polarity).toBe('favor');
    undo(gold);
    expect(gold).toMatchObject({ frames: [], mentions: [], decisions: {} });
  });

  it('"accept everything all agree on" covers mentions and frames, each mention once', () => {
    // Both analysts agree on the agreement (same parties) and on Moscow; the stance still differs.
    const benAgrees = { ...ben, mentions: [...ben.mentions, m('b3', 'US', 'GPE', 'us')], frames: [ben.frames[0], { ...ben.frames[1], roles: { ...ben.frames[1].roles, Party: [mf('b2'), mf('b3')] } }] };
    const both = [ana, benAgrees];
    const src = new Map(both.map((l) => [l.annotator, l] as const));
    const gold = goldLayer();
    const result = acceptAgreed(state(gold), reviewItems(both), frameReviewItems(both, order), annotators, src)!;
    expect(result).toMatchObject({ mentions: 2, frames: 1 });
    applyChange(gold, result.change);
    expect(gold.mentions.map((x) => x.quote).sort()).toEqual(['Moscow', 'US']);
    expect(gold.frames.map((x) => x.type)).toEqual(['Agreement']);
    expect(gold.frames[0].roles.Party.map((x) => (x.kind === 'mention' ? gold.mentions.find((g) => g.id === x.mentionId)?.quote : null)).sort()).toEqual(['Moscow', 'US']);
    expect(Object.values(gold.decisions!)).toEqual(['agreed', 'agreed', 'agreed']);
    // Nothing left the second time.
    expect(acceptAgreed(state(gold), reviewItems(both), frameReviewItems(both, order), annotators, src)).toBeNull();
  });
});
