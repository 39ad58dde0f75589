import { describe, expect, it } from 'vitest';
import { applyChange, commitChange, invert, redo, undo } from '../../src/core/changes';
import { emptyLayer, type Mention } from '../../src/core/model';
import { CodePointIndex, findWholeWord, graphemeBoundary, paragraphs, snapSpan } from '../../src/core/text';
import { checkChange } from '../../src/core/validate';
import { defaultSchema } from '../../src/core/defaults';

function m(id: string, start: number, end: number, text: string, label = 'PERSON'): Mention {
  return { id, label, start, end, quote: text.slice(start, end), origin: 'manual', author: 'ana', createdAt: 'now' };
}

describe('layer changes and the undo stack', () => {
  const text = 'Sergey Lavrov met John Kerry in Geneva';

  it('keeps overlapping and nested mentions, sorted by start then longest', () => {
    const layer = emptyLayer('d', 'ana', 'h');
    commitChange(layer, { op: 'addMention', mention: m('b', 7, 13, text) });
    commitChange(layer, { op: 'addMention', mention: m('a', 0, 13, text) });
    commitChange(layer, { op: 'addMention', mention: m('c', 7, 22, text, 'ORG') });
    expect(layer.mentions.map((x) => x.id)).toEqual(['a', 'c', 'b']);
  });

  it('undo and redo walk the history; a new change clears redo', () => {
    const layer = emptyLayer('d', 'ana', 'h');
    commitChange(layer, { op: 'addMention', mention: m('a', 0, 13, text) });
    const before = layer.mentions[0];
    commitChange(layer, { op: 'updateMention', before, after: { ...before, label: 'ORG' } });
    expect(undo(layer)).toEqual({ op: 'updateMention', before: { ...before, label: 'ORG' }, after: before });
    expect(layer.mentions[0].label).toBe('PERSON');
    expect(undo(layer)).toMatchObject({ op: 'removeMention' });
    expect(layer.mentions).toEqual([]);
    expect(undo(layer)).toBeNull();
    redo(layer);
    expect(layer.mentions.map((x) => x.id)).toEqual(['a']);
    commitChange(layer, { op: 'addMention', mention: m('z', 18, 28, text) });
    expect(layer.history.redo).toEqual([]);
    expect(redo(layer)).toBeNull();
  });

  it('a batch undoes as one step, in reverse order', () => {
    const layer = emptyLayer('d', 'ana', 'h');
    const batch = { op: 'batch' as const, title: 'two', changes: [{ op: 'addMention' as const, mention: m('a', 0, 6, text) }, { op: 'addMention' as const, mention: m('b', 18, 22, text) }] };
    commitChange(layer, batch);
    expect(invert(batch)).toMatchObject({ changes: [{ op: 'removeMention', mention: { id: 'b' } }, { op: 'removeMention', mention: { id: 'a' } }] });
    undo(layer);
    expect(layer.mentions).toEqual([]);
  });

  it('a change that conflicts leaves the layer as it was', () => {
    const layer = emptyLayer('d', 'ana', 'h');
    commitChange(layer, { op: 'addMention', mention: m('a', 0, 6, text) });
    const bad = { op: 'batch' as const, title: 'x', changes: [{ op: 'addMention' as const, mention: m('b', 7, 13, text) }, { op: 'addMention' as const, mention: m('a', 0, 6, text) }] };
    expect(() => applyChange(layer, bad)).toThrow(/exists already/);
    expect(layer.mentions.map((x) => x.id)).toEqual(['a']);
    // Single changes too, each kind that can conflict.
    const before = structuredClone(layer);
    expect(() => applyChange(layer, { op: 'addMention', mention: m('a', 7, 13, text) })).toThrow(/exists already/);
    expect(() => applyChange(layer, { op: 'removeMention', mention: m('z', 0, 6, text) })).toThrow(/not in the layer/);
    expect(() => applyChange(layer, { op: 'updateMention', before: m('z', 0, 6, text), after: m('z', 7, 13, text) })).toThrow(/not in the layer/);
    expect(() => applyChange(layer, { op: 'removeFrame', frame: { id: 'f', type: 'Stance', roles: {}, attrs: {}, evidence: { start: 0, end: 6, quote: 'Lavrov' } } as never })).toThrow(/not in the layer/);
    expect(layer).toEqual(before);
  });
});

describe('offsets over emoji, flags, ZWJ sequences and combining accents', () => {
  const text = 'Talks 🇷🇺🇺🇸 with 👩‍👩‍👧 and Mu\u0308ller in Gene\u0300va.';

  it('snaps to grapheme boundaries so no character is split', () => {
    const flag = text.indexOf('🇷🇺');
    // A selection ending between the two regional indicators of a flag widens to the whole flag.
    expect(snapSpan(text, flag, flag + 1, { words: false })).toEqual({ start: flag, end: flag + 4 });
    const family = text.indexOf('👩‍👩‍👧');
    expect(snapSpan(text, family + 3, family + 4, { words: false })).toEqual({ start: family, end: family + '👩‍👩‍👧'.length });
    const u = text.indexOf('u\u0308');
    expect(graphemeBoundary(text, u + 1, 1)).toBe(u + 2);
    expect(graphemeBoundary(text, u + 1, -1)).toBe(u);
  });

  it('snaps to whole words, keeping combining accents with their letters', () => {
    const at = text.indexOf('ller');
    expect(text.slice(...Object.values(snapSpan(text, at, at + 2, { words: true })!) as [number, number])).toBe('Mu\u0308ller');
    const g = text.indexOf('Gene');
    const s = snapSpan(text, g + 2, g + 3, { words: true })!;
    expect(text.slice(s.start, s.end)).toBe('Gene\u0300va');
    expect(snapSpan(text, 5, 6, { words: true })).toBeNull();
  });

  it('converts UTF-16 indices to code points and back', () => {
    const cp = new CodePointIndex(text);
    const w = text.indexOf('with');
    expect(cp.toCodePoint(w)).toBe([...text.slice(0, w)].length);
    expect(cp.fromCodePoint(cp.toCodePoint(w))).toBe(w);
    for (let i = 0; i <= text.length; i++) if (!cp.splitsPair(i)) expect(cp.fromCodePoint(cp.toCodePoint(i))).toBe(i);
    expect(cp.splitsPair(text.indexOf('🇷🇺') + 1)).toBe(true);
  });

  it('refuses a span that splits a surrogate pair', () => {
    const flag = text.indexOf('🇷🇺');
    const bad: Mention = { id: 'x', label: 'GPE', start: flag + 1, end: flag + 4, quote: text.slice(flag + 1, flag + 4), origin: 'manual', author: 'a', createdAt: 'n' };
    expect(() => checkChange({ op: 'addMention', mention: bad }, text, defaultSchema())).toThrow(/splits a character/);
  });
});

describe('text', () => {
  it('finds paragraphs with their offsets, skipping blank lines', () => {
    const t = 'Title\n\nFirst para.\r\nSecond.\n   \n';
    expect(paragraphs(t).map((b) => t.slice(b.start, b.end))).toEqual(['Title', 'First para.', 'Second.']);
  });

  it('finds whole-word occurrences only', () => {
    expect(findWholeWord('Lavrov, Lavrovs and Lavrov.', 'Lavrov')).toEqual([0, 20]);
  });
});
