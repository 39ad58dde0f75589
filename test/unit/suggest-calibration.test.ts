import { describe, expect, it } from 'vitest';
import { defaultSchema } from '../../src/core/defaults';
import { calibrate, calibrationError, fitPlatt } from '../../src/core/suggest/calibration';
import { Recommender } from '../../src/core/suggest/recommender';
import { knownTags } from '../../src/core/suggest/tagger';
import type { TrainingDocument } from '../../src/core/suggest/types';
import { tokenize } from '../../src/core/tokenize';

const NAMES = ['Abel', 'Borodin', 'Castellanos', 'Dufresne', 'Eriksen', 'Fontaine', 'Garibaldi', 'Holm', 'Ilves', 'Jansen', 'Kowalski', 'Lindqvist'];

/** Documents where "Minister X said" names a person, every one labelled. */
function labelled(count: number, from = 0): TrainingDocument[] {
  return Array.from({ length: count }, (_, d) => {
    let text = '';
    const mentions: TrainingDocument['mentions'] = [];
    for (let k = 0; k < 4; k++) {
      const name = NAMES[(from + d + k * 5) % NAMES.length];
      text += 'The talks went on. Minister ';
      mentions.push({ start: text.length, end: text.length + name.length, label: 'PERSON' });
      text += `${name} said the council of ${NAMES[(d + k) % NAMES.length].toLowerCase()} would meet.\n`;
    }
    return { id: `d${from + d}`, text, mentions, frames: [] };
  });
}

describe('calibration on held-out folds of the analyst’s own labels', () => {
  it('a Platt curve fitted on held-out outcomes turns overconfident scores into shares that come true', () => {
    // Raw margins 0..6 whose real chance of being right is sigmoid(x − 3): read as probabilities they are far off.
    let seed = 11;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const held = Array.from({ length: 3000 }, (_, i) => {
      const x = (6 * (i % 300)) / 300;
      return { score: x, right: rand() < 1 / (1 + Math.exp(-(x - 3))) };
    });
    const c = fitPlatt(held);
    expect(c).not.toBeNull();
    const naive = held.map((o) => ({ score: Math.min(1, o.score / 3), right: o.right }));
    const fitted = held.map((o) => ({ score: calibrate(c!, o.score), right: o.right }));
    expect(calibrationError(naive)).toBeGreaterThan(0.15);
    expect(calibrationError(fitted)).toBeLessThan(0.05);
    // Of spans scored between 0.8 and 0.9, 80–90 % are right.
    const band = fitted.filter((o) => o.score >= 0.8 && o.score < 0.9);
    const share = band.filter((o) => o.right).length / band.length;
    expect(share).toBeGreaterThan(0.75);
    expect(share).toBeLessThan(0.95);
  });

  it('a prior of right and wrong pseudo-spans keeps a few held-out spans from making a margin mean certainty, and thousands outweigh it', () => {
    // Twenty held-out spans, all the high-margin ones right: alone they say a margin of 5 is certain.
    const few = Array.from({ length: 20 }, (_, i) => ({ score: i / 4, right: i >= 10 }));
    const bare = fitPlatt(few)!;
    const held = fitPlatt(few, 10, 15)!;
    expect(calibrate(bare, 4.75)).toBeGreaterThan(0.95);
    expect(calibrate(held, 4.75)).toBeLessThan(calibrate(bare, 4.75));
    expect(calibrate(held, 4.75)).toBeGreaterThan(calibrate(held, 0));
    // Many outcomes: the prior changes the curve by little.
    let seed = 5;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const many = Array.from({ length: 4000 }, (_, i) => {
      const x = (6 * (i % 400)) / 400;
      return { score: x, right: rand() < 1 / (1 + Math.exp(-(x - 3))) };
    });
    for (const x of [1, 3, 5]) expect(Math.abs(calibrate(fitPlatt(many, 10, 15)!, x) - calibrate(fitPlatt(many)!, x))).toBeLessThan(0.03);
  });

  it('is fitted only where some documents are done: a half-labelled layer is never held out as if its unlabelled names were wrong', () => {
    const partial = labelled(6).map((d) => ({ ...d, done: false }));
    const r = new Recommender(defaultSchema(), [], { coldStart: null });
    r.train(partial);
    expect(r.trainedOn).toBe(6);
    expect(r.calibration).toBeNull();
    r.train([...partial, ...labelled(6, 6)]);
    expect(r.calibration).not.toBeNull();
  });
});

describe('a layer whose document is not done', () => {
  it('its words outside any mention are unknown, not "no name"; a span turned down is', () => {
    const text = 'Minister Abel met Minister Borodin today.';
    const tokens = tokenize(text);
    const tags = knownTags(tokens, [{ start: 9, end: 13, label: 'PERSON' }], [{ start: 27, end: 34 }]);
    expect(tokens.map((t, i) => `${text.slice(t.start, t.end)}:${tags[i] ?? '?'}`)).toEqual(['Minister:?', 'Abel:B-PERSON', 'met:?', 'Minister:?', 'Borodin:O', 'today:?', '.:?']);
  });

  it('teaches what its mentions are, never that its unlabelled names are not names', () => {
    // Six articles done, and a seventh half labelled: its first name labelled, the same "Minister X said" names after it not yet.
    const done = labelled(6);
    let text = 'The talks went on. Minister Abel said the council would meet.\n';
    for (let k = 0; k < 12; k++) text += `The talks went on. Minister ${['Zubrowski', 'Yilmaz', 'Xavier'][k % 3]} said the council would meet.\n`;
    const half: TrainingDocument = { id: 'half', text, mentions: [{ start: 28, end: 32, label: 'PERSON' }], frames: [] };
    const probe = 'The talks went on. Minister Zubrowski said the council would meet.';
    const scoreOf = (docs: TrainingDocument[]) => {
      const r = new Recommender(defaultSchema(), [], { coldStart: null, calibrate: false });
      r.train(docs);
      return r.suggest({ text: probe, minScore: 0 }).mentions.find((m) => m.quote === 'Zubrowski')?.score ?? 0;
    };
    // Read as done, the half-labelled article says "Zubrowski" is no name; read as it is, it says nothing of it.
    const asDone = scoreOf([...done, { ...half, done: true }]);
    const asHalf = scoreOf([...done, { ...half, done: false }]);
    expect(asHalf).toBeGreaterThan(0.5);
    expect(asHalf).toBeGreaterThan(asDone);
  });
});
