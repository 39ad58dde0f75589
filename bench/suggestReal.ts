/**
 * Suggestion quality on human labels: a public news NER corpus in CoNLL form
 * (CoNLL-2003 English, or any file with one token per line, the tag in the
 * last column, blank lines between sentences and -DOCSTART- between
 * documents). See bench/README-suggest-real.md for where to get one.
 *
 *   npm run bench:suggest-real -- --data DIR [--draws 3] [--test 100] [--sizes 1,2,4,8,16,32] [--seeds 1] [--json]
 *
 * Training documents come from DIR's training file (eng.train, *train*), the
 * held-out set from its test file (eng.testb, *test*; the first --test
 * documents). Each size is trained --draws times on different consecutive runs
 * of training documents and the counts are summed. Mentions are compared by
 * exact span and label at the workspace's default threshold, with the
 * app's recommender (src/core/suggest) and tokenizer. --seeds N repeats it
 * all with N namings of the training documents (a document's id decides which
 * known names training hides) and gives the spread of P and R over them: the
 * noise a change must clear.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { defaultSchema } from '../src/core/defaults';
import { calibrationError, reliability, type ScoredOutcome } from '../src/core/suggest/calibration';
import { compareKeys, mentionKey, score } from '../src/core/suggest/evaluate';
import { Recommender } from '../src/core/suggest/recommender';
import { DEFAULT_SUGGEST_SETTINGS } from '../src/core/suggest/settings';
import type { TrainingDocument } from '../src/core/suggest/types';

/** CoNLL-2003's labels → Parley's default schema. MISC (nationalities, events, works) has no counterpart and is dropped. */
export const LABEL_MAP: Record<string, string | null> = { PER: 'PERSON', ORG: 'ORG', LOC: 'GPE', MISC: null };

/**
 * Reads CoNLL text into documents: a sentence per line, tokens joined by one
 * space, so every gold span starts and ends on a token of Parley's tokenizer.
 * IOB1 (I- may open a span) and IOB2 (B- opens) are both read.
 */
export function readConll(text: string, file: string, map = LABEL_MAP): TrainingDocument[] {
  const docs: TrainingDocument[] = [];
  let lines: string[] = [];
  let mentions: TrainingDocument['mentions'] = [];
  let sentence: string[] = [];
  let tags: string[] = [];
  let offset = 0;
  const flushSentence = () => {
    if (sentence.length === 0) return;
    let pos = offset;
    let open: { start: number; end: number; type: string } | null = null;
    const close = () => {
      if (open) {
        const label = map[open.type] === undefined ? open.type : map[open.type];
        if (label) mentions.push({ start: open.start, end: open.end, label });
      }
      open = null;
    };
    sentence.forEach((word, i) => {
      const tag = tags[i];
      const type = tag === 'O' ? null : tag.slice(2);
      if (!type || tag.startsWith('B-') || (open && open.type !== type)) close();
      if (type) {
        if (open) open.end = pos + word.length;
        else open = { start: pos, end: pos + word.length, type };
      }
      pos += word.length + 1;
    });
    close();
    const line = sentence.join(' ');
    lines.push(line);
    offset += line.length + 1;
    sentence = [];
    tags = [];
  };
  const flushDoc = () => {
    flushSentence();
    // Ids name the file, not the folder it sits in: they seed which known names training hides (Recommender.example), so a folder's name must not change the figures.
    if (lines.length > 0) docs.push({ id: `${basename(file)}#${docs.length + 1}`, text: lines.join('\n'), mentions, frames: [] });
    lines = [];
    mentions = [];
    offset = 0;
  };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return flushSentence();
    const cols = line.split(/\s+/);
    if (cols[0] === '-DOCSTART-') return flushDoc();
    const tag = cols[cols.length - 1];
    if (cols.length < 2 || !/^(O|[BI]-\S+)$/.test(tag)) throw new Error(`${file}, line ${i + 1}: expected a token and a tag (O, B-X or I-X), found "${line}"`);
    sentence.push(cols[0]);
    tags.push(tag);
  });
  flushDoc();
  return docs;
}

function findFile(dir: string, patterns: RegExp[]): string {
  const names = readdirSync(dir).filter((n) => statSync(join(dir, n)).isFile());
  for (const p of patterns) {
    const hit = names.find((n) => p.test(n));
    if (hit) return join(dir, hit);
  }
  throw new Error(`${dir}: no file matching ${patterns.map(String).join(' or ')}`);
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface RealFigures {
  n: number;
  p: number;
  r: number;
  f1: number;
  byLabel: Record<string, { p: number; r: number; f1: number; gold: number }>;
  ece: number;
  reliability: ReturnType<typeof reliability>;
  /** With --seeds above 1: the lowest and highest precision and recall of one seed's runs. */
  spread?: { p: [number, number]; r: [number, number] };
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** Trains on `train`, suggests on every held-out document, and scores at the threshold. */
export function evaluateOn(train: readonly TrainingDocument[], test: readonly TrainingDocument[], threshold: number, into: { all: Counts; byLabel: Map<string, Counts>; outcomes: ScoredOutcome[] }): void {
  const r = new Recommender(defaultSchema(), [], { coldStart: null });
  r.train(train);
  for (const doc of test) {
    const all = r.suggest({ text: doc.text, minScore: 0.01 }).mentions;
    const gold = new Set(doc.mentions.map(mentionKey));
    for (const s of all) into.outcomes.push({ score: s.score, right: gold.has(mentionKey(s)) });
    const shown = all.filter((s) => s.score >= threshold);
    compareKeys(doc.mentions.map(mentionKey), shown.map(mentionKey), into.all);
    const labels = new Set([...doc.mentions, ...shown].map((m) => m.label));
    for (const label of labels) {
      const c = into.byLabel.get(label) ?? { tp: 0, fp: 0, fn: 0 };
      compareKeys(doc.mentions.filter((m) => m.label === label).map(mentionKey), shown.filter((m) => m.label === label).map(mentionKey), c);
      into.byLabel.set(label, c);
    }
  }
}

export function benchSuggestReal(dir: string, opts: { sizes?: number[]; draws?: number; test?: number; seeds?: number } = {}): RealFigures[] {
  const trainFile = findFile(dir, [/^eng\.train$/, /train/i]);
  const testFile = findFile(dir, [/^eng\.testb$/, /test/i]);
  const train = readConll(readFileSync(trainFile, 'utf8'), trainFile);
  const test = readConll(readFileSync(testFile, 'utf8'), testFile).slice(0, opts.test ?? 100);
  const threshold = DEFAULT_SUGGEST_SETTINGS.threshold;
  const draws = opts.draws ?? 3;
  const out: RealFigures[] = [];
  const seeds = opts.seeds ?? 1;
  for (const n of opts.sizes ?? [1, 2, 4, 8, 16, 32]) {
    const acc = { all: { tp: 0, fp: 0, fn: 0 }, byLabel: new Map<string, Counts>(), outcomes: [] as ScoredOutcome[] };
    const perSeed: { p: number; r: number }[] = [];
    for (let seed = 0; seed < seeds; seed++) {
      const before = { ...acc.all };
      // Another seed renames the training documents: an id decides which known names training hides (Recommender.example).
      const docs = seed === 0 ? train : train.map((d) => ({ ...d, id: d.id.replace('#', `~${seed}#`) }));
      for (let d = 0; d < draws; d++) {
        // Consecutive documents, each draw from a different part of the training file.
        const from = Math.floor((d * docs.length) / draws);
        evaluateOn(docs.slice(from, from + n), test, threshold, acc);
      }
      const s = score(acc.all.tp - before.tp, acc.all.fp - before.fp, acc.all.fn - before.fn);
      perSeed.push({ p: s.p, r: s.r });
    }
    const all = score(acc.all.tp, acc.all.fp, acc.all.fn);
    const byLabel: RealFigures['byLabel'] = {};
    for (const [label, c] of [...acc.byLabel].sort()) {
      const s = score(c.tp, c.fp, c.fn);
      byLabel[label] = { p: r3(s.p), r: r3(s.r), f1: r3(s.f1), gold: (c.tp + c.fn) / (draws * seeds) };
    }
    const range = (xs: number[]): [number, number] => [r3(Math.min(...xs)), r3(Math.max(...xs))];
    const spread = seeds > 1 ? { spread: { p: range(perSeed.map((x) => x.p)), r: range(perSeed.map((x) => x.r)) } } : {};
    out.push({ n, p: r3(all.p), r: r3(all.r), f1: r3(all.f1), byLabel, ece: r3(calibrationError(acc.outcomes)), reliability: reliability(acc.outcomes), ...spread });
  }
  return out;
}

function printTable(figures: RealFigures[]): string {
  const spread = figures[0].spread !== undefined;
  const lines = ['| training documents | P | R | F1 | ECE | ' + (spread ? 'P over seeds | R over seeds | ' : '') + Object.keys(figures[0].byLabel).map((l) => `${l} P / R`).join(' | ') + ' |'];
  lines.push('|' + ' --- |'.repeat(5 + (spread ? 2 : 0) + Object.keys(figures[0].byLabel).length));
  const range = (x: [number, number]) => `${x[0].toFixed(3)}–${x[1].toFixed(3)}`;
  for (const f of figures) {
    const seeds = f.spread ? `${range(f.spread.p)} | ${range(f.spread.r)} | ` : '';
    lines.push(`| ${f.n} | ${f.p.toFixed(2)} | ${f.r.toFixed(2)} | ${f.f1.toFixed(2)} | ${f.ece.toFixed(3)} | ${seeds}` + Object.values(f.byLabel).map((b) => `${b.p.toFixed(2)} / ${b.r.toFixed(2)}`).join(' | ') + ' |');
  }
  for (const f of figures) {
    lines.push('', `Reliability after ${f.n} documents (every suggestion scored ≥ 0.01):`, '| score | suggestions | mean score | right |', '| --- | --- | --- | --- |');
    for (const b of f.reliability) if (b.count > 0) lines.push(`| ${b.from.toFixed(1)}–${b.to.toFixed(1)} | ${b.count} | ${b.meanScore.toFixed(2)} | ${b.accuracy.toFixed(2)} |`);
  }
  return lines.join('\n');
}

if (process.argv[1]?.endsWith('suggestReal.ts')) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const dir = arg('--data');
  if (!dir) {
    process.stderr.write('usage: npm run bench:suggest-real -- --data DIR [--draws 3] [--test 100] [--sizes 1,2,4,8,16,32] [--seeds 1] [--json]\n');
    process.exit(2);
  }
  const figures = benchSuggestReal(dir, {
    sizes: arg('--sizes')?.split(',').map(Number),
    draws: arg('--draws') ? Number(arg('--draws')) : undefined,
    test: arg('--test') ? Number(arg('--test')) : undefined,
    seeds: arg('--seeds') ? Number(arg('--seeds')) : undefined,
  });
  process.stdout.write(process.argv.includes('--json') ? `${JSON.stringify(figures)}\n` : `${printTable(figures)}\n`);
}
