import { describe, expect, it } from 'vitest';
import { frameMeasures, frameShapes, matchFrames, normalizeTopic, tallyFrames } from '../../../src/core/agreement/frames';
import { frame, mention } from './build';

describe('frame matching by evidence', () => {
  it('pairs frames of the same type, largest evidence overlap first', () => {
    const a = [frame('a1', 'Stance', [0, 40])];
    const b = [frame('b1', 'Stance', [0, 12]), frame('b2', 'Stance', [10, 50])];
    expect(matchFrames(a, b)).toEqual([[0, 1]]);
  });

  it('matches one to one, the more alike pair first when overlaps tie', () => {
    // b1 overlaps both a1 and a2 by 15 characters; a2 is closer in extent.
    const a = [frame('a1', 'Stance', [0, 40]), frame('a2', 'Stance', [30, 50])];
    const b = [frame('b1', 'Stance', [25, 45])];
    expect(matchFrames(a, b)).toEqual([[1, 0]]);
  });

  it('never pairs frames of different types or evidence that does not overlap', () => {
    const a = [frame('a1', 'Stance', [0, 40]), frame('a2', 'Stance', [60, 70])];
    const b = [frame('b1', 'Agreement', [0, 40]), frame('b2', 'Stance', [70, 80])];
    expect(matchFrames(a, b)).toEqual([]);
  });
});

describe('frame agreement', () => {
  const mentionsA = [mention('a-holder', 'PERSON', 0, 6), mention('a-target', 'ORG', 60, 70), mention('a-p1', 'GPE', 100, 106), mention('a-p2', 'GPE', 110, 116)];
  const mentionsB = [mention('b-holder', 'PERSON', 0, 6), mention('b-target', 'ORG', 60, 72), mention('b-p1', 'GPE', 100, 106), mention('b-p2', 'GPE', 110, 116)];
  const framesA = [
    frame('s1', 'Stance', [0, 40], { Holder: [{ kind: 'mention', mentionId: 'a-holder' }], Target: [{ kind: 'topic', text: 'the ceasefire.' }] }, { Polarity: 'favor' }),
    frame('s2', 'Stance', [50, 90], { Holder: [{ kind: 'entity', entityId: 'e1' }], Target: [{ kind: 'mention', mentionId: 'a-target' }] }, { Polarity: 'against' }),
    frame('s3', 'Stance', [200, 220], {}, { Polarity: 'neutral' }),
    frame(
      'g1',
      'Agreement',
      [100, 150],
      { Party: [{ kind: 'mention', mentionId: 'a-p1' }, { kind: 'mention', mentionId: 'a-p2' }], Topic: [{ kind: 'topic', text: 'grain deal' }] },
      { Status: 'reached' },
    ),
  ];
  const framesB = [
    // Same holder under another mention id; the topic differs only in case, spacing and punctuation.
    frame('t1', 'Stance', [5, 45], { Holder: [{ kind: 'mention', mentionId: 'b-holder' }], Target: [{ kind: 'topic', text: '  The  CEASEFIRE ' }] }, { Polarity: 'favor' }),
    // Same holder entity; target mention with a different span; other polarity.
    frame('t2', 'Stance', [55, 95], { Holder: [{ kind: 'entity', entityId: 'e1' }], Target: [{ kind: 'mention', mentionId: 'b-target' }] }, { Polarity: 'favor' }),
    frame('t3', 'Stance', [300, 310], {}, { Polarity: 'favor' }),
    // A Stance inside A's Agreement evidence: other type, so no match.
    frame('t4', 'Stance', [120, 130], {}, { Polarity: 'favor' }),
    // Parties in the other order; other status.
    frame(
      'h1',
      'Agreement',
      [100, 140],
      { Party: [{ kind: 'mention', mentionId: 'b-p2' }, { kind: 'mention', mentionId: 'b-p1' }], Topic: [{ kind: 'topic', text: 'Grain deal' }] },
      { Status: 'proposed' },
    ),
  ];
  const shapes = frameShapes([framesA, framesB]);
  const tallies = tallyFrames({ frames: framesA, mentions: mentionsA }, { frames: framesB, mentions: mentionsB }, shapes);

  it('collects the types, attributes and roles in use', () => {
    expect([...shapes]).toEqual([
      ['Agreement', { attributes: ['Status'], roles: ['Party', 'Topic'] }],
      ['Stance', { attributes: ['Polarity'], roles: ['Holder', 'Target'] }],
    ]);
  });

  it('counts matched and unmatched frames and frame F1 per type', () => {
    // Stance: A 3, B 4, matched 2 (s1–t1, s2–t2): P = 2/4, R = 2/3, F1 = 4/7.
    const stance = frameMeasures(tallies.get('Stance')!);
    expect(stance).toMatchObject({ matched: 2, count_a: 3, count_b: 4, unmatched_a: 1, unmatched_b: 2, precision: 0.5 });
    expect(stance.recall).toBeCloseTo(2 / 3, 12);
    expect(stance.f1).toBeCloseTo(4 / 7, 12);
    expect(frameMeasures(tallies.get('Agreement')!)).toMatchObject({ matched: 1, f1: 1 });
  });

  it('measures attribute agreement among matched frames', () => {
    // Polarity pairs (favor, favor), (against, favor): agreement 1/2.
    // κ: N = 2, agreeing 1, rows (favor 1, against 1), columns (favor 2, against 0):
    // (2·1 − (1·2 + 1·0)) / (4 − 2) = 0.
    expect(frameMeasures(tallies.get('Stance')!).attributes).toEqual({ Polarity: { agreement: 0.5, cohen_kappa: 0 } });
    expect(frameMeasures(tallies.get('Agreement')!).attributes.Status.agreement).toBe(0);
  });

  it('compares role fillers by span and label, entity id and normalised topic', () => {
    // Holder: same span+label (s1–t1), same entity (s2–t2) → 1. Target: same topic, different span → 1/2.
    expect(frameMeasures(tallies.get('Stance')!).roles).toEqual({ Holder: { agreement: 1 }, Target: { agreement: 0.5 } });
    // Parties agree whatever their order.
    expect(frameMeasures(tallies.get('Agreement')!).roles).toEqual({ Party: { agreement: 1 }, Topic: { agreement: 1 } });
  });

  it('treats an unfilled role and a missing attribute as values of their own', () => {
    const a = [frame('a', 'Stance', [0, 10], { Holder: [{ kind: 'entity', entityId: 'e1' }] }, {})];
    const b = [frame('b', 'Stance', [0, 10], {}, { Polarity: 'favor' })];
    const t = tallyFrames({ frames: a, mentions: [] }, { frames: b, mentions: [] }, frameShapes([a, b])).get('Stance')!;
    const m = frameMeasures(t);
    expect(m.roles.Holder.agreement).toBe(0);
    expect(m.attributes.Polarity.agreement).toBe(0);
  });

  it('never agrees on a filler that points at a missing mention', () => {
    const a = [frame('a', 'Stance', [0, 10], { Holder: [{ kind: 'mention', mentionId: 'gone' }] })];
    const b = [frame('b', 'Stance', [0, 10], { Holder: [{ kind: 'mention', mentionId: 'm' }] })];
    const t = tallyFrames({ frames: a, mentions: [] }, { frames: b, mentions: [mention('m', 'PERSON', 0, 3)] }, frameShapes([a, b])).get('Stance')!;
    expect(frameMeasures(t).roles.Holder.agreement).toBe(0);
  });

  it('normalises topics for comparison', () => {
    expect(normalizeTopic('  The\u00a0Ceasefire!! ')).toBe('the ceasefire');
    expect(normalizeTopic('ﬁscal pact')).toBe('fiscal pact');
  });
});
