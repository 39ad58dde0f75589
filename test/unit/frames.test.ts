import { describe, expect, it } from 'vitest';
import { defaultSchema } from '../../src/core/defaults';
import { frameProblems, frameSummary, removeFrameChange, removeMentionChange, withFiller } from '../../src/core/frames';
import { applyChange, invert } from '../../src/core/changes';
import { emptyLayer, type Frame, type Mention } from '../../src/core/model';

const text = 'Kerry said: we do not support the independence of the Kurds.';
const m = (id: string, label: string, quote: string): Mention => {
  const start = text.indexOf(quote);
  return { id, label, start, end: start + quote.length, quote, origin: 'manual', author: 'a', createdAt: 'n' };
};
const kerry = m('m1', 'PERSON', 'Kerry');
const kurds = m('m2', 'TOPIC', 'the independence of the Kurds');
const mentions = new Map([kerry, kurds].map((x) => [x.id, x]));
const schema = defaultSchema();
const stance = (roles: Frame['roles'], attrs: Frame['attrs'] = {}): Frame => ({
  id: 'f1',
  type: 'Stance',
  evidence: { start: 12, end: 60, quote: text.slice(12, 60) },
  roles,
  attrs,
  origin: 'manual',
  author: 'a',
  createdAt: 'n',
});

describe('frame validation', () => {
  it('lists what an empty stance lacks', () => {
    expect(frameProblems(stance({}), schema, mentions).map((p) => p.message)).toEqual(['Holder is missing', 'Target is missing', 'Polarity is not set']);
  });

  it('a complete stance has no problems', () => {
    const f = stance({ Holder: [{ kind: 'mention', mentionId: 'm1' }], Target: [{ kind: 'mention', mentionId: 'm2' }] }, { Polarity: 'against' });
    expect(frameProblems(f, schema, mentions)).toEqual([]);
    expect(frameSummary(f, schema.frameTypes[0], mentions, [])).toBe('Kerry → the independence of the Kurds: against');
  });

  it('refuses fillers of the wrong label, too many fillers, unknown values and dangling mentions', () => {
    const f = stance(
      { Holder: [{ kind: 'mention', mentionId: 'm2' }, { kind: 'topic', text: 'x' }], Target: [{ kind: 'mention', mentionId: 'gone' }] },
      { Polarity: 'furious' },
    );
    expect(frameProblems(f, schema, mentions).map((p) => p.message)).toEqual([
      'Holder takes at most 1 (has 2)',
      'Holder takes PERSON/ORG/GPE mentions, not TOPIC',
      'Holder takes no free-text topic',
      'Target refers to a mention that no longer exists',
      'Polarity “furious” is not one of favor, against, neutral, unclear',
    ]);
  });

  it('an agreement needs two parties', () => {
    const a: Frame = { ...stance({ Party: [{ kind: 'mention', mentionId: 'm1' }], Topic: [{ kind: 'topic', text: 'air deliveries' }] }, { Status: 'reached' }), type: 'Agreement' };
    expect(frameProblems(a, schema, mentions).map((p) => p.message)).toEqual(['Party needs at least 2 (has 1)']);
  });

  it('a single-filler role is replaced, a many-filler role grows', () => {
    const holder = schema.frameTypes[0].roles[0];
    let f = withFiller(stance({}), holder, { kind: 'mention', mentionId: 'm1' });
    f = withFiller(f, holder, { kind: 'entity', entityId: 'e1' });
    expect(f.roles.Holder).toEqual([{ kind: 'entity', entityId: 'e1' }]);
    const party = schema.frameTypes[1].roles[0];
    let a = withFiller(stance({}), party, { kind: 'mention', mentionId: 'm1' });
    a = withFiller(a, party, { kind: 'mention', mentionId: 'm2' });
    a = withFiller(a, party, { kind: 'mention', mentionId: 'm2' });
    expect(a.roles.Party).toHaveLength(2);
  });
});

describe('deleting a mention a frame uses', () => {
  it('removes the filler in the same step, and undo restores both', () => {
    const layer = emptyLayer('d', 'a', 'h');
    layer.mentions.push(kerry, kurds);
    const f = stance({ Holder: [{ kind: 'mention', mentionId: 'm1' }], Target: [{ kind: 'mention', mentionId: 'm2' }] });
    layer.frames.push(f);
    const change = removeMentionChange(kerry, layer.frames);
    applyChange(layer, change);
    expect(layer.mentions.map((x) => x.id)).toEqual(['m2']);
    expect(layer.frames[0].roles.Holder).toEqual([]);
    applyChange(layer, invert(change));
    expect(layer.mentions.map((x) => x.id).sort()).toEqual(['m1', 'm2']);
    expect(layer.frames[0]).toEqual(f);
  });

  it('deleting a frame takes it out of the frames that hold it (an event as an argument), in one undoable step', () => {
    const inner = stance({ Holder: [{ kind: 'mention', mentionId: 'm1' }] });
    const outer: Frame = { ...stance({ Holder: [{ kind: 'mention', mentionId: 'm1' }], Target: [{ kind: 'frame', frameId: 'f1' }] }), id: 'f2' };
    const layer = { ...emptyLayer('d', 'a', 'h'), mentions: [kerry, kurds], frames: [inner, outer] };
    const change = removeFrameChange(inner, layer.frames);
    applyChange(layer, change);
    expect(layer.frames.map((x) => x.id)).toEqual(['f2']);
    expect(layer.frames[0].roles.Target).toEqual([]);
    applyChange(layer, invert(change));
    expect(layer.frames.map((x) => x.id).sort()).toEqual(['f1', 'f2']);
    expect(layer.frames.find((x) => x.id === 'f2')).toEqual(outer);
  });
});
