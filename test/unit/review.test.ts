import { describe, expect, it } from 'vitest';
import type { Mention } from '../../src/core/model';
import { acceptedMentions, reviewItems } from '../../src/core/review';

const text = 'Russian Foreign Minister Sergei Lavrov met US Secretary of State John Kerry on Friday in Geneva.';
function m(id: string, quote: string, label: string, occurrence = 0): Mention {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = text.indexOf(quote, start + 1);
  return { id, label, start, end: start + quote.length, quote, origin: 'manual', author: 'x', createdAt: 'n' };
}

describe('review items', () => {
  const ana = [m('a1', 'Sergei Lavrov', 'PERSON'), m('a2', 'Russian Foreign Minister', 'ORG'), m('a3', 'John Kerry', 'PERSON'), m('a4', 'Friday', 'DATE'), m('a5', 'Geneva', 'GPE')];
  const ben = [m('b1', 'Sergei Lavrov', 'PERSON'), m('b2', 'Russian Foreign Minister', 'PERSON'), m('b3', 'US Secretary of State John Kerry', 'PERSON'), m('b5', 'Geneva', 'GPE')];
  const items = reviewItems([
    { annotator: 'ana', mentions: ana },
    { annotator: 'ben', mentions: ben },
  ]);

  it('marks each item: agreement, other label, overlapping span, only one annotator', () => {
    expect(items.map((i) => [text.slice(i.start, i.end), i.kind])).toEqual([
      ['Russian Foreign Minister', 'label'],
      ['Sergei Lavrov', 'agree'],
      ['US Secretary of State John Kerry', 'overlap'],
      ['Friday', 'single'],
      ['Geneva', 'agree'],
    ]);
  });

  it('keys are stable for the same layers and change when a layer does', () => {
    const again = reviewItems([
      { annotator: 'ana', mentions: [...ana].reverse() },
      { annotator: 'ben', mentions: ben },
    ]);
    expect(again.map((i) => i.key)).toEqual(items.map((i) => i.key));
    const changed = reviewItems([
      { annotator: 'ana', mentions: ana.map((x) => (x.id === 'a4' ? { ...x, label: 'EVENT' } : x)) },
      { annotator: 'ben', mentions: ben },
    ]);
    expect(changed[3].key).not.toBe(items[3].key);
  });

  it('accepting both keeps distinct versions once', () => {
    const label = items[0];
    expect(acceptedMentions(label, ['ana', 'ben']).map((x) => x.label)).toEqual(['ORG', 'PERSON']);
    const agree = items[1];
    expect(acceptedMentions(agree, ['ana', 'ben'])).toHaveLength(1);
  });

  it('one annotator overlapping their own mentions does not merge unrelated items', () => {
    const solo = reviewItems([
      { annotator: 'ana', mentions: [m('x1', 'Russian Foreign Minister Sergei Lavrov', 'PERSON'), m('x2', 'Sergei Lavrov', 'PERSON')] },
      { annotator: 'ben', mentions: [] },
    ]);
    expect(solo).toHaveLength(2);
    expect(solo.every((i) => i.kind === 'single')).toBe(true);
  });
});
