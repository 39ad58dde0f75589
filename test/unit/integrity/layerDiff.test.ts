import { describe, expect, it } from 'vitest';
import { conflictMessage, describeDiff, diffLayers } from '../../../src/core/layerDiff';
import type { Frame, Mention } from '../../../src/core/model';

const mention = (id: string, label = 'PERSON', start = 0): Mention => ({
  id,
  label,
  start,
  end: start + 5,
  quote: 'Kerry',
  origin: 'manual',
  author: 'ana',
  createdAt: '2026-01-01T00:00:00Z',
});
const frame = (id: string, type = 'agreement'): Frame => ({ id, type, roles: {}, evidence: { start: 0, end: 5, quote: 'Kerry' } }) as unknown as Frame;

describe('what a reload after a conflict changed', () => {
  it('counts mentions added, changed and removed by id, and frames the same way', () => {
    const before = { mentions: [mention('a'), mention('b'), mention('c')], frames: [frame('f1'), frame('f2')], status: 'in_progress' as const };
    const after = {
      mentions: [mention('a'), mention('b', 'ORG'), mention('d'), mention('e', 'GPE', 9)],
      frames: [frame('f1', 'dispute')],
      status: 'done' as const,
    };
    const d = diffLayers(before, after);
    expect(d).toEqual({ mentionsAdded: 2, mentionsRemoved: 1, mentionsChanged: 1, framesAdded: 0, framesRemoved: 1, framesChanged: 1, statusChanged: true });
    expect(describeDiff(d)).toBe('2 mentions added, 1 mention changed, 1 mention removed, 1 frame changed, 1 frame removed, status changed');
  });

  it('says so when nothing differs, and names the document in the toast', () => {
    const same = { mentions: [mention('a')], frames: [] };
    expect(describeDiff(diffLayers(same, same))).toBe('no labels differ');
    const msg = conflictMessage('Talks in Geneva', diffLayers(same, { mentions: [mention('a', 'ORG')], frames: [] }));
    expect(msg).toBe(
      '“Talks in Geneva” was changed elsewhere, so your last change was not saved and nothing was overwritten. Reloaded: 1 mention changed. Make your change again if it is still needed.',
    );
  });
});
