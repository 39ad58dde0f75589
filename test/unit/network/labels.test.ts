import { describe, expect, it } from 'vitest';
import { labelPlace } from '../../../src/renderer/features/network/labels';

const view = { width: 400, height: 300 };

describe('a node label beside its node', () => {
  it('goes to the right of the node where there is room', () => {
    const p = labelPlace(100, 150, 5, 60, 13, view)!;
    expect(p.textX).toBe(108);
    expect(p.right).toBeLessThanOrEqual(view.width);
  });

  it('goes to the left of a node near the right edge, ending before the node, instead of running past the edge', () => {
    // Right of the node it would end at 395 + 3 + 60 = 458, past 400.
    const p = labelPlace(380, 150, 12, 60, 13, view)!;
    expect(p.textX).toBe(380 - 12 - 3 - 60);
    expect(p.right).toBeLessThanOrEqual(380 - 12);
    expect(p.left).toBeGreaterThanOrEqual(0);
  });

  it('is not placed where neither side has room, nor where it would be cut at the top or bottom', () => {
    expect(labelPlace(200, 150, 5, 300, 13, view)).toBeNull();
    expect(labelPlace(100, 3, 5, 40, 13, view)).toBeNull();
    expect(labelPlace(100, 298, 5, 40, 13, view)).toBeNull();
  });
});
