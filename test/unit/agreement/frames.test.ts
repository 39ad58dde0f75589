import { describe, expect, it } from 'vitest';
import { agreementReport } from '../../../src/core/agreement';
import { krippendorffAlphaNominal } from '../../../src/core/agreement/alpha';
import { normalizeTopic } from '../../../src/core/agreement/fillers';
import { frameMeasures, valueConfusion } from '../../../src/core/agreement/frameMeasures';
import { frameShapes, tallyFrames } from '../../../src/core/agreement/frameTally';
import { groupFrames, matchFrames } from '../../../src/core/agreement/frames';
import type { Frame } from '../../../src/core/model';
import { frame, mention } from './build';

const only = (frames: Frame[]) => ({ frames, mentions: [] });

describe('frame matching by evidence', () => {
  it('pairs frames of the same type, largest evidence overlap first', () => {
    const a = [frame('a1', 'Stance', [0, 40])];
    const b = [frame('b1', 'Stance', [0, 12]), frame('b2', 'Stance', [10, 50])];
    expect(matchFrames(only(a), only(b))).toEqual([[0, 1]]);
  });

  it('matches one to one, the more alike pair first when overlaps tie', () => {
    // b1 overlaps both a1 and a2 by 15 characters; a2 is closer in extent.
    const a = [frame('a1', 'Stance', [0, 40]), frame('a2', 'Stance', [30, 50])];
    const b = [frame('b1', 'Stance', [25, 45])];
    expect(matchFrames(only(a), only(b))).toEqual([[1, 0]]);
  });

  it('never pairs frames of different types or evidence that does not overlap', () => {
    const a = [frame('a1', 'Stance', [0, 40]), frame('a2', 'Stance', [60, 70])];
    const b = [frame('b1', 'Agreement', [0, 40]), frame('b2', 'Stance', [70, 80])];
    expect(matchFrames(only(a), only(b))).toEqual([]);
  });

  it('prefers the frame whose fillers resolve to the same things over a larger overlap', () => {
    // Two stances in one sentence: a2 has the same holder as b1, though a1 overlaps b1 more.
    const a = [frame('a1', 'Stance', [0, 40], { Holder: [{ kind: 'entity', entityId: 'kerry' }] }), frame('a2', 'Stance', [10, 30], { Holder: [{ kind: 'entity', entityId: 'lavrov' }] })];
    const b = [frame('b1', 'Stance', [0, 40], { Holder: [{ kind: 'entity', entityId: 'lavrov' }] })];
    expect(matchFrames(only(a), only(b))).toEqual([[1, 0]]);
  });

  it('groups the frames of three annotators, one frame per annotator in each group', () => {
    const a = [frame('a1', 'Stance', [0, 10]), frame('a2', 'Stance', [20, 30])];
    const b = [frame('b1', 'Stance', [22, 28]), frame('b2', 'Agreement', [0, 10])];
    const c = [frame('c1', 'Stance', [1, 9]), frame('c2', 'Stance', [40, 50])];
    expect(groupFrames([only(a), only(b), only(c)])).toEqual([
      [0, null, 0],
      [1, 0, null],
      [null, 1, null],
      [null, null, 1],
    ]);
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

  it('counts F1 with fillers resolved through the registry, and exact F1', () => {
    // Entity level: only s1–t1 agree on every role (same holder span, same topic once normalised);
    // s2–t2 differ on Target's span. Stance: 1 of 3 + 4 → 2/7. Agreement: parties in any order, topic by case → 1.
    const stance = frameMeasures(tallies.get('Stance')!);
    expect(stance.f1_entity).toBeCloseTo(2 / 7, 12);
    expect(frameMeasures(tallies.get('Agreement')!).f1_entity).toBe(1);
    // Exact: every evidence span differs, so nothing matches exactly.
    expect(stance.f1_exact).toBe(0);
    expect(frameMeasures(tallies.get('Agreement')!).f1_exact).toBe(0);
  });

  it('matches exactly only identical evidence and fillers, a mention by span and label', () => {
    const ma = [mention('x', 'PERSON', 0, 6)];
    const mb = [mention('y', 'PERSON', 0, 6), mention('z', 'ORG', 0, 6)];
    const a = [frame('a1', 'Stance', [0, 20], { Holder: [{ kind: 'mention', mentionId: 'x' }] }), frame('a2', 'Stance', [30, 40], { Target: [{ kind: 'topic', text: 'Sanctions' }] })];
    const b = [frame('b1', 'Stance', [0, 20], { Holder: [{ kind: 'mention', mentionId: 'y' }] }), frame('b2', 'Stance', [30, 40], { Target: [{ kind: 'topic', text: 'sanctions' }] }), frame('b3', 'Stance', [0, 20], { Holder: [{ kind: 'mention', mentionId: 'z' }] })];
    const t = tallyFrames({ frames: a, mentions: ma }, { frames: b, mentions: mb }, frameShapes([a, b])).get('Stance')!;
    // a1 = b1 exactly (same span and label); a2 vs b2 differ in the topic's case. 1 of 2 + 3 → 2/5.
    expect(frameMeasures(t).f1_exact).toBeCloseTo(2 / 5, 12);
    // Through the registry rules both pairs agree (b3's holder has the same span too, but b1 is taken): 2 of 2 + 3 → 4/5.
    expect(frameMeasures(t).f1_entity).toBeCloseTo(4 / 5, 12);
  });

  it('resolves a mention linked to an entity and the entity itself to the same thing', () => {
    const ma = [mention('x', 'PERSON', 0, 6, { entityId: 'lavrov' })];
    const mb = [mention('y', 'PERSON', 40, 46, { entityId: 'lavrov' })];
    const a = [frame('a1', 'Stance', [0, 50], { Holder: [{ kind: 'mention', mentionId: 'x' }] })];
    const b = [frame('b1', 'Stance', [0, 50], { Holder: [{ kind: 'mention', mentionId: 'y' }] })];
    const c = [frame('c1', 'Stance', [0, 50], { Holder: [{ kind: 'entity', entityId: 'lavrov' }] })];
    const shapes = frameShapes([a, b, c]);
    expect(frameMeasures(tallyFrames({ frames: a, mentions: ma }, { frames: b, mentions: mb }, shapes).get('Stance')!).roles.Holder).toEqual({ agreement: 1, f1: 1 });
    expect(frameMeasures(tallyFrames({ frames: a, mentions: ma }, { frames: c, mentions: [] }, shapes).get('Stance')!).f1_entity).toBe(1);
  });

  it('measures role F1 over the fillers of matched frames', () => {
    // Parties {Russia, US, EU} vs {Russia, US}: 2 in common, 3 and 2 fillers → F1 = 4/5; the role does not agree entirely.
    const e = (id: string) => ({ kind: 'entity' as const, entityId: id });
    const a = [frame('a', 'Agreement', [0, 10], { Party: [e('ru'), e('us'), e('eu')] })];
    const b = [frame('b', 'Agreement', [0, 10], { Party: [e('us'), e('ru')] })];
    const m = frameMeasures(tallyFrames(only(a), only(b), frameShapes([a, b])).get('Agreement')!);
    expect(m.roles.Party.f1).toBeCloseTo(4 / 5, 12);
    expect(m.roles.Party.agreement).toBe(0);
  });

  it('measures attribute agreement among matched frames', () => {
    // Polarity pairs (favor, favor), (against, favor): agreement 1/2.
    // κ: N = 2, agreeing 1, rows (favor 1, against 1), columns (favor 2, against 0):
    // (2·1 − (1·2 + 1·0)) / (4 − 2) = 0.
    expect(frameMeasures(tallies.get('Stance')!).attributes).toEqual({ Polarity: { agreement: 0.5, cohen_kappa: 0 } });
    expect(frameMeasures(tallies.get('Agreement')!).attributes.Status.agreement).toBe(0);
  });

  it('compares role fillers by span, entity id and normalised topic', () => {
    // Holder: same span+label (s1–t1), same entity (s2–t2) → 1. Target: same topic, different span → 1/2.
    // Target F1: 1 common filler of 2 + 2 → 1/2.
    expect(frameMeasures(tallies.get('Stance')!).roles).toEqual({ Holder: { agreement: 1, f1: 1 }, Target: { agreement: 0.5, f1: 0.5 } });
    // Parties agree whatever their order.
    expect(frameMeasures(tallies.get('Agreement')!).roles).toEqual({ Party: { agreement: 1, f1: 1 }, Topic: { agreement: 1, f1: 1 } });
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

describe('frame attribute agreement across annotators', () => {
  // Three stances; ana, ben and cem agree on the first and last; ben says against on the second, which cem left out.
  const text = 'x '.repeat(30);
  const tokens = [...text.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + 1 }));
  const layer = (annotator: string, polarities: Array<string | null>) => ({
    annotator,
    mentions: [],
    frames: polarities.flatMap((p, i) => (p === null ? [] : [frame(`${annotator}${i}`, 'Stance', [i * 20, i * 20 + 10], {}, { Polarity: p })])),
  });
  const report = agreementReport(
    [{ docId: 'd', text, tokens, layers: [layer('ana', ['favor', 'favor', 'against']), layer('ben', ['favor', 'against', 'against']), layer('cem', ['favor', null, 'against'])] }],
    ['ana', 'ben', 'cem'],
    { attributeValues: { Polarity: ['favor', 'against', 'neutral', 'unclear'] } },
  );
  const polarity = report.frames.attributes.Polarity;

  it("computes Krippendorff's alpha over groups of matched frames, by hand", () => {
    // Units (f,f,f), (f,a,–), (a,a,a): n = 8 pairable values; o_ff = 3, o_aa = 3, o_fa = o_af = 1;
    // n_f = n_a = 4. α = (7·6 − (4·3 + 4·3)) / (8·7 − 24) = 18/32.
    expect(polarity.alpha).toBeCloseTo(18 / 32, 12);
    expect(krippendorffAlphaNominal([['favor', 'favor', 'against'], ['favor', 'against', 'against'], ['favor', null, 'against']])).toBeCloseTo(18 / 32, 12);
    expect(report.frames.types.Stance.attributes.Polarity.alpha).toBeCloseTo(18 / 32, 12);
  });

  it("averages Cohen's kappa over pairs of annotators", () => {
    // ana–ben: (f,f), (f,a), (a,a): p_o = 2/3, p_e = (2·1 + 1·2)/9 → κ = (6 − 4)/(9 − 4) = 2/5.
    // ana–cem and ben–cem: (f,f), (a,a) → 1. Mean (2/5 + 1 + 1)/3 = 4/5.
    expect(polarity.cohen_kappa).toBeCloseTo(4 / 5, 12);
    expect(report.frames.types.Stance.pairs.map((p) => p.attributes.Polarity.cohen_kappa)).toEqual([0.4, 1, 1]);
  });

  it('tabulates polarity, in the schema order, summed over pairs', () => {
    expect(polarity.confusion).toEqual({ values: ['favor', 'against'], matrix: [[3, 1], [0, 3]] });
  });

  it('puts an unset attribute last in its confusion table', () => {
    expect(valueConfusion([['reached', null], ['failed', 'reached']], ['reached', 'failed'])).toEqual({
      values: ['reached', 'failed', '(unset)'],
      matrix: [[0, 0, 1], [1, 0, 0], [0, 0, 0]],
    });
  });
});
