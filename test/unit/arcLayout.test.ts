import { describe, expect, it } from 'vitest';
import type { Frame, FrameTypeDef } from '../../src/core/model';
import { relationTypeDef } from '../../src/core/formats/relationTypes';
import { arcsOf, frameAnchor, layoutArcs, type Box } from '../../src/renderer/features/relations/arcLayout';

const REL = relationTypeDef('Criticizes', 'directed', ['Critic', 'Criticized'], '#c0392b');
const EQ = relationTypeDef('Same', 'equivalence', [], '#333333');
const STANCE: FrameTypeDef = { ...relationTypeDef('Stance', 'undirected', ['Holder', 'Target'], '#6a4c93'), relation: undefined };

const frame = (id: string, type: string, roles: Frame['roles']): Frame => ({
  id,
  type,
  evidence: { start: 0, end: 1, quote: 'x' },
  roles,
  attrs: {},
  origin: 'manual',
  author: 'a',
  createdAt: '2026-01-01T00:00:00.000Z',
});
const m = (mentionId: string) => ({ kind: 'mention' as const, mentionId });
const opts = { step: 10, left: 0, right: 1000, labelWidth: (n: number) => n * 6 };

describe('relation arcs', () => {
  it('draws a relation from source to target, an equivalence as a chain, and a frame from its evidence to each mention filler', () => {
    const arcs = arcsOf(
      [
        frame('r', 'Criticizes', { Critic: [m('a')], Criticized: [m('b')] }),
        frame('e', 'Same', { Member: [m('a'), m('b'), m('c')] }),
        frame('s', 'Stance', { Holder: [m('a')], Target: [{ kind: 'topic', text: 'peace' }] }),
      ],
      [REL, EQ, STANCE],
    );
    expect(arcs.map((a) => [a.from, a.to, a.label, a.directed])).toEqual([
      ['a', 'b', 'Criticizes', true],
      ['a', 'b', 'Same', false],
      ['b', 'c', 'Same', false],
      [frameAnchor('s'), 'a', 'Holder', true],
    ]);
  });

  it('stacks twenty overlapping arcs on one line so that no two at one height overlap, and splits an arc between lines in two', () => {
    const boxes = new Map<string, Box>();
    for (let i = 0; i < 21; i++) boxes.set(`m${i}`, { left: i * 40, right: i * 40 + 30, top: 100 });
    boxes.set('below', { left: 10, right: 40, top: 140 });
    const frames = Array.from({ length: 20 }, (_, i) => frame(`f${i}`, 'Criticizes', { Critic: [m('m0')], Criticized: [m(`m${i + 1}`)] }));
    const segs = layoutArcs(arcsOf(frames, [REL]), boxes, opts);
    expect(segs).toHaveLength(20);
    // All nest over m0: each one a level higher than the one inside it.
    expect(new Set(segs.map((s) => s.level)).size).toBe(20);
    const split = layoutArcs(arcsOf([frame('x', 'Criticizes', { Critic: [m('m3')], Criticized: [m('below')] })], [REL]), boxes, opts);
    expect(split.map((s) => [s.y, Boolean(s.label), Boolean(s.head)])).toEqual([
      [100, true, false],
      [140, false, true],
    ]);
  });

  it('leaves out an arc whose mention is not drawn', () => {
    expect(layoutArcs(arcsOf([frame('r', 'Criticizes', { Critic: [m('a')], Criticized: [m('gone')] })], [REL]), new Map([['a', { left: 0, right: 10, top: 0 }]]), opts)).toEqual([]);
  });
});
