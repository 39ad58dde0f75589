/** Builders for mentions, frames and layers in agreement tests. */
import type { Frame, Mention, RoleFiller } from '../../../src/core/model';

export function mention(id: string, label: string, start: number, end: number, extra: Partial<Mention> = {}): Mention {
  return { id, label, start, end, quote: '', origin: 'manual', author: 'test', createdAt: '2024-01-01T00:00:00.000Z', ...extra };
}

export function frame(
  id: string,
  type: string,
  evidence: [number, number],
  roles: Record<string, RoleFiller[]> = {},
  attrs: Record<string, string> = {},
): Frame {
  return {
    id,
    type,
    evidence: { start: evidence[0], end: evidence[1], quote: '' },
    roles,
    attrs,
    origin: 'manual',
    author: 'test',
    createdAt: '2024-01-01T00:00:00.000Z',
  };
}

/** One-character tokens at 0, 2, 4, … (a letter and a space each): token i covers [2i, 2i + 1). */
export function letterTokens(n: number): Array<{ start: number; end: number }> {
  return Array.from({ length: n }, (_, i) => ({ start: 2 * i, end: 2 * i + 1 }));
}
