import { describe, expect, it } from 'vitest';
import { paletteFilter, paletteScore } from '../../src/renderer/features/palette/match';

describe('command palette matching', () => {
  it('every typed word must start a word of the item', () => {
    expect(paletteScore('exp da', 'Export dataset')).toBe(0);
    expect(paletteScore('lav', 'Sergei Lavrov')).not.toBeNull();
    expect(paletteScore('avrov', 'Sergei Lavrov')).toBeNull();
    expect(paletteScore('', 'anything')).toBe(0);
  });

  it('puts items whose first words match first, keeping order among equals', () => {
    const items = ['Open another workspace', 'Export dataset', 'Import dataset', 'Dataset export notes'];
    expect(paletteFilter(items, 'dataset', (s) => s, 10)).toEqual(['Dataset export notes', 'Export dataset', 'Import dataset']);
    expect(paletteFilter(items, 'EXP', (s) => s, 1)).toEqual(['Export dataset']);
  });
});
