import { describe, expect, it } from 'vitest';
import { defaultSchema } from '../../src/core/defaults';
import { furnitureRanges, LineCounts, linesCovering, looksLikeFurniture, markRanges } from '../../src/core/suggest/boilerplate';
import { calibrate, calibrationError, fitPlatt, reliability, type ScoredOutcome } from '../../src/core/suggest/calibration';
import { suggestFrames } from '../../src/core/suggest/frames';
import { acceptance, MAX_GAP_MS, timePerMention } from '../../src/core/suggest/measures';
import { propagate } from '../../src/core/suggest/propagate';
import { Recommender } from '../../src/core/suggest/recommender';
import { tokenize } from '../../src/core/tokenize';
import type { TrainingDocument } from '../../src/core/suggest/types';
import { splitsWord } from '../../src/core/suggest/words';

/** Outcomes whose chance of being right is sigmoid(x - 2), x from 0 to 6, drawn reproducibly. */
function outcomes(n: number): ScoredOutcome[] {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  return Array.from({ length: n }, (_, i) => {
    const x = (6 * i) / n;
    return { score: x, right: rand() < 1 / (1 + Math.exp(-(x - 2))) };
  });
}

describe('calibration', () => {
  it('Platt scaling recovers the chance of being right from the raw score, and keeps the order', () => {
    const data = outcomes(4000);
    const c = fitPlatt(data);
    expect(c).not.toBeNull();
    if (!c) return;
    expect(c.a).toBeGreaterThan(0.8);
    expect(c.a).toBeLessThan(1.25);
    expect(Math.abs(calibrate(c, 2) - 0.5)).toBeLessThan(0.06);
    const calibrated = data.map((o) => ({ score: calibrate(c, o.score), right: o.right }));
    expect(calibrationError(calibrated)).toBeLessThan(0.05);
    // The raw score read as a probability is far off.
    expect(calibrationError(data.map((o) => ({ score: o.score / 6, right: o.right })))).toBeGreaterThan(0.1);
    for (const x of [0, 1, 2, 3, 4, 5]) expect(calibrate(c, x + 1)).toBeGreaterThan(calibrate(c, x));
  });

  it('fits nothing on too few outcomes, and a flat curve rather than a falling one', () => {
    expect(fitPlatt(outcomes(5))).toBeNull();
    const falling = outcomes(400).map((o) => ({ score: -o.score, right: o.right }));
    const c = fitPlatt(falling);
    expect(c?.a).toBe(0);
  });

  it('the reliability table counts each band and the share right in it', () => {
    const bins = reliability([
      { score: 0.85, right: true },
      { score: 0.82, right: false },
      { score: 0.05, right: false },
    ]);
    expect(bins[8]).toMatchObject({ count: 2, accuracy: 0.5 });
    expect(bins[8].meanScore).toBeCloseTo(0.835);
    expect(bins[0]).toMatchObject({ count: 1, accuracy: 0 });
    expect(calibrationError([{ score: 0.9, right: true }])).toBeCloseTo(0.1);
  });

  it('the recommender keeps a calibrator fitted on held-out folds of its training labels, and its scores are probabilities', () => {
    const names = ['Abel', 'Borodin', 'Castellanos', 'Dufresne', 'Eriksen', 'Fontaine', 'Garibaldi', 'Holm', 'Ilves', 'Jansen', 'Kowalski', 'Lindqvist'];
    const docs: TrainingDocument[] = names.map((_, i) => {
      let text = '';
      const mentions: TrainingDocument['mentions'] = [];
      for (let k = 0; k < 4; k++) {
        const name = names[(i + k * 5) % names.length];
        text += `The talks went on. Minister `;
        mentions.push({ start: text.length, end: text.length + name.length, label: 'PERSON' });
        text += `${name} said the council of ${names[(i + k) % names.length].toLowerCase()} would meet.\n`;
      }
      return { id: `d${i}`, text, mentions, frames: [] };
    });
    const r = new Recommender(defaultSchema(), [], { coldStart: null });
    r.train(docs);
    expect(r.calibration).not.toBeNull();
    const { mentions } = r.suggest({ text: 'The talks went on. Minister Ivanova said the council would meet.', minScore: 0 });
    const tagged = mentions.filter((m) => m.source === 'tagger');
    expect(tagged.length).toBeGreaterThan(0);
    for (const m of tagged) {
      expect(m.score).toBeGreaterThan(0);
      expect(m.score).toBeLessThan(1);
      expect(m.logOdds).toBeUndefined();
    }
  });
});

describe('suggestions come from the article body only', () => {
  it('page furniture is recognised line by line, and prose never is', () => {
    for (const line of ['Privacy', 'Privacy Policy', 'formFactor', 'Share on Facebook', 'Facebook Twitter WhatsApp', 'Accept all cookies', 'Subscribe to our newsletter', 'var x = 1;', 'x = 1', 'window.dataLayer = window.dataLayer || [];', '<div class="ad">', 'if (a) { track(b); }']) {
      expect(looksLikeFurniture(line), line).toBe(true);
    }
    // Results write ties with "=" and join matches with ";": article text, not code.
    const results = ['10= Martina Ertl ( Germany ) 1:18.48', 'Wijaya ( Indonesia ) ; Sun Jun ( China ) v Allan Budi Kusuma', 'Scores : West Indies 172 all out in 49.2 overs ( Shivnarine Chanderpaul 54 ) ; Australia 173-5 in 48.4 overs .', 'Lavrov: talks "constructive"; Kerry agreed'];
    for (const line of ['Russia to share intelligence with the United States', 'Lavrov met Kerry in Geneva.', 'Syria talks', 'Sergey Lavrov', 'iPhone sales', ...results]) {
      expect(looksLikeFurniture(line), line).toBe(false);
    }
  });

  it('a line that recurs across the workspace documents is furniture; the document’s own copy does not count', () => {
    const known = new LineCounts();
    known.add('Reuters staff\nFirst article.');
    known.add('Reuters staff\nSecond article.');
    const text = 'Reuters staff\nThird article about Geneva.';
    expect(furnitureRanges(text, known)).toEqual([{ start: 0, end: 13 }]);
    const once = new LineCounts();
    once.add('Reuters staff\nFirst article.');
    once.add(text);
    expect(furnitureRanges(text, once, true)).toEqual([]);
  });

  it('no mention or frame is suggested from furniture lines or ranges the analyst marked', () => {
    const lavrov = { id: 'e1', type: 'PERSON', name: 'Lavrov', aliases: [] };
    const r = new Recommender(defaultSchema(), [lavrov], { coldStart: null });
    const text = 'Share Lavrov on Facebook\nLavrov welcomed the ceasefire.\nAbout Lavrov';
    const { mentions } = r.suggest({ text, skip: [{ start: text.lastIndexOf('About'), end: text.length }] });
    expect(mentions.map((m) => m.start)).toEqual([text.indexOf('Lavrov welcomed')]);
  });

  it('an analyst marks a line as not article text by selecting any part of it; unmarking gives it back', () => {
    const text = 'Photo: Lavrov in Geneva\nLavrov welcomed the ceasefire.\n\nLast line';
    const photo = { start: 0, end: text.indexOf('\n') };
    expect(linesCovering(text, { start: 8, end: 12 })).toEqual([photo]);
    // A caret (an empty range) marks its own line; a selection across a break marks both lines, never the empty one.
    expect(linesCovering(text, { start: 3, end: 3 })).toEqual([photo]);
    expect(linesCovering(text, { start: 20, end: text.indexOf('Last') + 2 })).toHaveLength(3);
    const marked = markRanges([], [photo], true);
    expect(markRanges(marked, [photo], true)).toEqual([photo]);
    expect(markRanges(marked, [photo], false)).toEqual([]);
    const lavrov = { id: 'e1', type: 'PERSON', name: 'Lavrov', aliases: [] };
    const r = new Recommender(defaultSchema(), [lavrov], { coldStart: null });
    expect(r.suggest({ text }).mentions.map((m) => m.start)).toEqual([7, text.indexOf('Lavrov welcomed')]);
    expect(r.suggest({ text, skip: marked }).mentions.map((m) => m.start)).toEqual([text.indexOf('Lavrov welcomed')]);
  });
});

describe('one name, one label in a document', () => {
  it('a name found once is proposed where the document repeats it, in a headline’s capitals, and a surname alone', () => {
    const text = 'SALEM BITAR SAVES\nSalem Bitar saved twice. Later Bitar saved again.\nBitar Stadium';
    const found = [{ start: text.indexOf('Salem Bitar saved'), end: text.indexOf('Salem Bitar saved') + 11, label: 'PERSON', score: 0.8, margin: 3, logOdds: 1.4 }];
    const copies = propagate(text, tokenize(text), found).map((s) => `${text.slice(s.start, s.end)}:${s.label}:${s.score}`);
    // "Bitar Stadium" is a longer name: the copy would cut it.
    expect(copies).toEqual(['SALEM BITAR:PERSON:0.8', 'Bitar:PERSON:0.8']);
    // A surname with its particle is the analyst's to label whole: "Mistura" alone would cut "de Mistura".
    const envoy = 'Staffan de Mistura spoke. The envoy, de Mistura, left.';
    expect(propagate(envoy, tokenize(envoy), [{ start: 0, end: 18, label: 'PERSON', score: 0.9, margin: 2, logOdds: 2.2 }])).toEqual([]);
  });
});

describe('how much suggestions help', () => {
  it('acceptance per label and per score band counts a suggestion accepted with its own label only', () => {
    const o = (label: string, acceptedAs: string | null, score: number) => ({ annotator: 'ana', docId: 'd1', label, acceptedAs, score, at: '' });
    const a = acceptance([o('PERSON', 'PERSON', 0.95), o('PERSON', null, 0.55), o('ORG', 'GPE', 0.91), o('ORG', 'ORG', 0.52)]);
    expect(a.overall).toEqual({ answered: 4, accepted: 2, rate: 0.5 });
    expect(a.byLabel.PERSON.rate).toBe(0.5);
    expect(a.byBand.map((b) => [b.from, b.answered, b.accepted])).toEqual([
      [0.5, 2, 1],
      [0.9, 2, 1],
    ]);
  });

  it('time per mention is the gap since the mention before it, by how it was made; pauses and one-step batches do not count', () => {
    const at = (s: number) => new Date(Date.UTC(2026, 0, 1) + s * 1000).toISOString();
    const m = (origin: string, s: number) => ({ origin, createdAt: at(s) });
    const t = timePerMention([[m('manual', 0), m('manual', 20), m('suggested', 24), m('suggested', 28), m('suggested', 28), m('suggested', 28.001), m('manual', 28 + MAX_GAP_MS / 1000 + 1)]]);
    expect(t.manual).toEqual({ count: 1, seconds: 20 });
    expect(t.suggested).toEqual({ count: 2, seconds: 4 });
  });
});

describe('suggestions never split a word', () => {
  it('spans start and end at word boundaries; capitalised parts of a compound stay possible', () => {
    const t = 'fighters of al-Nusra and the G20 met in UN-brokered talks on Russia-U.S. ties, pro-Kremlin media said.';
    const span = (q: string, from = 0) => {
      const start = t.indexOf(q, from);
      return [start, start + q.length] as const;
    };
    expect(splitsWord(t, ...span('al'))).toBe(true);
    expect(splitsWord(t, ...span('Nusra'))).toBe(true);
    expect(splitsWord(t, ...span('0'))).toBe(true);
    expect(splitsWord(t, ...span('al-Nusra'))).toBe(false);
    expect(splitsWord(t, ...span('G20'))).toBe(false);
    expect(splitsWord(t, ...span('UN'))).toBe(false);
    expect(splitsWord(t, ...span('Russia'))).toBe(false);
    expect(splitsWord(t, ...span('U.S.'))).toBe(false);
    expect(splitsWord(t, ...span('Kremlin'))).toBe(false);
  });

  it('the recommender drops a known name found inside a longer word', () => {
    const al = { id: 'e2', type: 'LOC', name: 'al', aliases: [] };
    const r = new Recommender(defaultSchema(), [al], { coldStart: null });
    expect(r.suggest({ text: 'Fighters of al-Nusra crossed.' }).mentions).toEqual([]);
  });
});

describe('a label the analyst has never used is not suggested', () => {
  const event = { id: 'e3', type: 'EVENT', name: 'Geneva II', aliases: [] };
  const text = 'Delegates came to Geneva II on Monday.';
  const person = (id: string): TrainingDocument => ({ id, text: 'Minister Abel spoke.', mentions: [{ start: 9, end: 13, label: 'PERSON' }], frames: [] });

  it('until the analyst uses it, then it is', () => {
    const r = new Recommender(defaultSchema(), [event], { coldStart: null });
    r.train([person('a'), person('b')]);
    expect(r.usedLabels).toEqual(['PERSON']);
    expect(r.suggest({ text }).mentions.filter((m) => m.label === 'EVENT')).toEqual([]);
    r.learnDocument({ id: 'c', text: 'The Astana talks ended.', mentions: [{ start: 4, end: 16, label: 'EVENT' }], frames: [] });
    expect(r.suggest({ text }).mentions.map((m) => `${m.label}:${m.quote}`)).toContain('EVENT:Geneva II');
  });
});

describe('frame suggestions need a cue and someone to fill a role', () => {
  it('a cue sentence without any candidate mention proposes nothing', () => {
    const text = 'The government does not support the plan.';
    expect(suggestFrames(text, defaultSchema(), [])).toEqual([]);
    const with1 = suggestFrames(text, defaultSchema(), [{ start: 36, end: 40, quote: 'plan', label: 'TOPIC' }]);
    expect(with1.map((f) => f.type)).toEqual(['Stance']);
  });
});
