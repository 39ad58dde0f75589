/**
 * Accept-agreed on many nested and overlapping mentions, as two analysts
 * leave them on a real article: every mention both gave at the same span
 * with the same label (and the same link and note) reaches gold, whatever
 * differences sit around or inside it.
 */
import { describe, expect, it } from 'vitest';
import { acceptAgreed } from '../../src/core/adjudicate';
import { applyChange } from '../../src/core/changes';
import { emptyLayer, type Mention } from '../../src/core/model';
import { reviewItems } from '../../src/core/review';

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LABELS = ['PERSON', 'ORG', 'GPE', 'EVENT', 'TOPIC'];

function layers(seed: number) {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const ana: Mention[] = [];
  const ben: Mention[] = [];
  const m = (who: string, i: number, start: number, end: number, label: string, extra: Partial<Mention> = {}): Mention => ({
    id: `${who}${i}`,
    label,
    start,
    end,
    quote: 'x'.repeat(end - start),
    origin: 'manual',
    author: who,
    createdAt: 'n',
    ...extra,
  });
  for (let i = 0, at = 0; i < 300; i++, at += 40) {
    // An outer span, a nested one, and an overlapping one, each given by both, one or the other, with the same or another label.
    for (const [k, s, e] of [
      [0, at, at + 30],
      [1, at + 5, at + 15],
      [2, at + 10, at + 35],
    ] as const) {
      const label = pick(LABELS);
      const who = r();
      const link = r() < 0.15 ? { entityId: 'e1' } : {};
      if (who < 0.6) {
        ana.push(m('a', i * 3 + k, s, e, label, link));
        ben.push(m('b', i * 3 + k, s, e, r() < 0.8 ? label : pick(LABELS), r() < 0.8 ? link : {}));
      } else if (who < 0.8) ana.push(m('a', i * 3 + k, s, e, label));
      else ben.push(m('b', i * 3 + k, s + (r() < 0.5 ? 1 : 0), e, label));
    }
  }
  return [
    { annotator: 'ana', mentions: ana },
    { annotator: 'ben', mentions: ben },
  ];
}

describe('accept-agreed with nested and overlapping mentions', () => {
  for (const seed of [1, 2, 3]) {
    it(`takes every fully agreed mention into gold (seed ${seed})`, () => {
      const ls = layers(seed);
      const agreed = ls[0].mentions.filter((a) => ls[1].mentions.some((b) => a.start === b.start && a.end === b.end && a.label === b.label && a.entityId === b.entityId));
      const items = reviewItems(ls);
      const gold = emptyLayer('d', 'gold', 'x');
      const r = acceptAgreed({ mentions: [], frames: [], decisions: {} }, items, [], ['ana', 'ben'], new Map())!;
      applyChange(gold, r.change);
      const inGold = new Set(gold.mentions.map((g) => `${g.start}-${g.end}:${g.label}`));
      // Hundreds agreed, many nested in or overlapping a mention the two differ on; none left behind.
      expect(agreed.length).toBeGreaterThan(200);
      expect(agreed.filter((a) => !inGold.has(`${a.start}-${a.end}:${a.label}`))).toEqual([]);
      expect(r.mentions).toBe(agreed.length);
    });
  }
});
