/**
 * Suggestion quality and speed.
 * - Quality on the five sample articles labelled by hand (test/fixtures):
 *   leave one document out, train on the other four, score the suggestions
 *   at the default threshold (0.5) against the left-out document's labels:
 *   mentions by exact span and label, frames by evidence sentence and type.
 * - Quality on generated text (bench/suggestCorpus.ts), trained on one pool
 *   of names and tested on documents written with the other.
 * - The learning curve: F1 after 1, 2, 4 and 8 labelled documents.
 * - Speed: training on 1,000 generated documents; suggesting for a
 *   10,000-character document (median of 15 runs, after one warm-up).
 */
import { defaultSchema } from '../src/core/defaults';
import { compareKeys, compareOverlapping, frameKey, mentionKey, score } from '../src/core/suggest/evaluate';
import { Recommender } from '../src/core/suggest/recommender';
import { DEFAULT_SUGGEST_SETTINGS } from '../src/core/suggest/settings';
import type { TrainingDocument } from '../src/core/suggest/types';
import { labelledSeeds } from '../test/fixtures/seeds';
import { generatedCorpus, generatedDocument } from './suggestCorpus';

const THRESHOLD = DEFAULT_SUGGEST_SETTINGS.threshold;
const RUNS = 15;

export interface SuggestFigures {
  suggest_mentions_p: number;
  suggest_mentions_r: number;
  suggest_mentions_f1: number;
  suggest_frames_f1: number;
  /** Frames by overlapping evidence of the same type. */
  suggest_frames_overlap_p: number;
  suggest_frames_overlap_r: number;
  suggest_generated_mentions_f1: number;
  suggest_generated_frames_f1: number;
  suggest_train_1k_ms: number;
  suggest_doc_ms: number;
  /** Mention F1 after n labelled documents, on the sample articles (n ≤ 4) and on generated text. */
  curve_seeds: Record<number, number>;
  curve_generated: Record<number, number>;
}

function fixtureDocuments(): TrainingDocument[] {
  return labelledSeeds().map((d) => ({ id: d.document.id, text: d.document.text, mentions: d.mentions, frames: d.frames }));
}

function evaluate(train: readonly TrainingDocument[], test: readonly TrainingDocument[], m = { tp: 0, fp: 0, fn: 0 }, f = { tp: 0, fp: 0, fn: 0 }, fo = { tp: 0, fp: 0, fn: 0 }) {
  const r = new Recommender(defaultSchema(), [], { coldStart: null });
  r.train(train);
  for (const doc of test) {
    const s = r.suggest({ text: doc.text, minScore: THRESHOLD });
    compareKeys(doc.mentions.map(mentionKey), s.mentions.map(mentionKey), m);
    compareKeys(doc.frames.map(frameKey), s.frames.map(frameKey), f);
    compareOverlapping(doc.frames, s.frames, fo);
  }
  return { mentions: m, frames: f };
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

export function benchSuggest(): SuggestFigures {
  const seeds = fixtureDocuments();
  const m = { tp: 0, fp: 0, fn: 0 };
  const f = { tp: 0, fp: 0, fn: 0 };
  const fo = { tp: 0, fp: 0, fn: 0 };
  for (const test of seeds) evaluate(seeds.filter((d) => d !== test), [test], m, f, fo);
  const overlap = score(fo.tp, fo.fp, fo.fn);
  const mentions = score(m.tp, m.fp, m.fn);
  const frames = score(f.tp, f.fp, f.fn);

  const generatedTrain = generatedCorpus(8, 1_500, 11, 0);
  const generatedTest = generatedCorpus(20, 1_500, 5_000, 1);
  const gen = evaluate(generatedTrain, generatedTest);

  // Learning curve on the samples: each document in turn is the test, the first n of the others the training set.
  const curve_seeds: Record<number, number> = {};
  for (const n of [1, 2, 4]) {
    const cm = { tp: 0, fp: 0, fn: 0 };
    for (const test of seeds) evaluate(seeds.filter((d) => d !== test).slice(0, n), [test], cm);
    curve_seeds[n] = r3(score(cm.tp, cm.fp, cm.fn).f1);
  }
  const curve_generated: Record<number, number> = {};
  for (const n of [1, 2, 4, 8]) {
    const g = evaluate(generatedTrain.slice(0, n), generatedTest).mentions;
    curve_generated[n] = r3(score(g.tp, g.fp, g.fn).f1);
  }

  const thousand = generatedCorpus(1_000, 1_500, 77, 0);
  const recommender = new Recommender(defaultSchema(), [], { coldStart: null });
  const t0 = performance.now();
  recommender.train(thousand);
  const train_ms = performance.now() - t0;

  const long = generatedDocument('long', 10_000, 99, 1);
  recommender.suggest({ text: long.text, minScore: THRESHOLD });
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    recommender.suggest({ text: long.text, minScore: THRESHOLD });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);

  return {
    suggest_mentions_p: r3(mentions.p),
    suggest_mentions_r: r3(mentions.r),
    suggest_mentions_f1: r3(mentions.f1),
    suggest_frames_f1: r3(frames.f1),
    suggest_frames_overlap_p: r3(overlap.p),
    suggest_frames_overlap_r: r3(overlap.r),
    suggest_generated_mentions_f1: r3(score(gen.mentions.tp, gen.mentions.fp, gen.mentions.fn).f1),
    suggest_generated_frames_f1: r3(score(gen.frames.tp, gen.frames.fp, gen.frames.fn).f1),
    suggest_train_1k_ms: Math.round(train_ms),
    suggest_doc_ms: Math.round(times[Math.floor(times.length / 2)] * 10) / 10,
    curve_seeds,
    curve_generated,
  };
}

if (process.argv[1]?.endsWith('suggest.ts')) {
  const figures = benchSuggest();
  process.stdout.write(process.argv.includes('--json') ? `${JSON.stringify(figures)}\n` : `${JSON.stringify(figures, null, 2)}\n`);
}
