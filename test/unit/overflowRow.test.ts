import { describe, expect, it } from 'vitest';
import { itemsThatFit } from '../../src/renderer/components/OverflowRow';

describe('itemsThatFit', () => {
  const widths = [100, 60, 80, 40];
  // 100 + 4 + 60 + 4 + 80 + 4 + 40 = 292 with gaps of 4; More is 50 wide.
  it('shows every item when all of them fit, without room for More', () => {
    expect(itemsThatFit(widths, 4, 50, 292)).toBe(4);
  });
  it('keeps room for More when not all fit', () => {
    // 100 + 4 + 60 + 4 + 50 = 218: two items and More.
    expect(itemsThatFit(widths, 4, 50, 291)).toBe(2);
    expect(itemsThatFit(widths, 4, 50, 218)).toBe(2);
    expect(itemsThatFit(widths, 4, 50, 217)).toBe(1);
  });
  it('puts everything under More when not even one item fits beside it', () => {
    expect(itemsThatFit(widths, 4, 50, 100)).toBe(0);
    expect(itemsThatFit([], 4, 50, 0)).toBe(0);
  });
  it('gives the same answer for the same room whatever was shown before: it reads only widths', () => {
    const rooms = Array.from({ length: 400 }, (_, i) => i);
    const up = rooms.map((r) => itemsThatFit(widths, 4, 50, r));
    const down = [...rooms].reverse().map((r) => itemsThatFit(widths, 4, 50, r)).reverse();
    expect(up).toEqual(down);
    // More room never shows fewer items.
    for (let i = 1; i < up.length; i++) expect(up[i]).toBeGreaterThanOrEqual(up[i - 1]);
  });
});
