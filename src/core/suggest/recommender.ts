/**
 * The recommender: what Parley proposes for a document, from four sources.
 * - registry: the entity registry's names and aliases, labelled with the entity's type;
 * - tagger: a sequence tagger trained on the workspace's accepted mentions;
 * - coldstart: compromise's people, places and organisations, while the tagger knows nothing yet;
 * - lexicon / learned: frame cues, shipped and learned from accepted frames' evidence.
 * It keeps no files: main feeds it documents and asks it for suggestions.
 */
import type { Entity, LabelSchema } from '../model';
import { seededRandom } from '../random';
import { tokenize } from '../tokenize';
import { furnitureRanges, LineCounts, overlapsAny, type Range } from './boilerplate';
import { calibrate, fitPlatt, type Calibrator, type ScoredOutcome } from './calibration';
import { coldStartMentions, DEFAULT_COLD_START, type ColdStartLabels } from './coldstart';
import { EvidenceCues, suggestFrames } from './frames';
import { Gazetteer } from './gazetteer';
import { propagate } from './propagate';
import { SequenceTagger } from './tagger';
import { splitsWord } from './words';
import { spanKey, type FrameSuggestion, type MentionSuggestion, type RejectedSpan, type TrainingDocument } from './types';

export interface RecommenderOptions {
  /** compromise's kinds → schema labels; null turns the cold-start tagger off. */
  coldStart?: ColdStartLabels | null;
  /** Passes over the training documents when retraining from scratch. */
  epochs?: number;
  /** Fit the score calibrator on held-out folds when training (on by default). */
  calibrate?: boolean;
}

export interface SuggestRequest {
  text: string;
  /** The layer's mentions: their spans are not proposed again, and they are role candidates. */
  mentions?: readonly { id?: string; start: number; end: number; label: string }[];
  rejected?: readonly RejectedSpan[];
  /** Suggestions below this score are left out. */
  minScore?: number;
  /** Ranges outside the article body (marked by the analyst or at import): nothing is suggested from them. */
  skip?: readonly Range[];
}

export interface Suggestions {
  mentions: MentionSuggestion[];
  frames: FrameSuggestion[];
}

const GAZETTEER_KEEP = 0.5;
/** Folds of the cross-validation that fits the calibrator, and the most documents it runs on. */
const CALIBRATION_FOLDS = 8;
const CALIBRATION_DOCS = 30;
/**
 * Pairs of pseudo-spans, one right and one wrong, spread over the raw scores
 * held out: a few dozen held-out spans (one or two documents, whose halves
 * share names) cannot make a raw score mean certainty; thousands outweigh
 * them. Chosen on CoNLL-2003: 15 when the raw score was a token's margin (ECE
 * after 1 document 0.26 → 0.13), 5 over the root of a span's margin (ECE after
 * 1 document 0.06). Over a span's log-odds (tagger.ts), 2, 5 and 10 give ECE
 * after 1 document of 0.038, 0.049 and 0.082 and after 2 of 0.094, 0.074 and
 * 0.064, with the same precision and recall: 5 stays.
 */
const CALIBRATION_PRIOR = 5;

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The highest score a tagger's span is given, calibrated or not (a layer not done yet leaves nothing to calibrate on). */
const MAX_SCORE = 0.99;

/** How much a registry name is trusted: the analyst put it there. */
const REGISTRY_SCORE = 0.9;

export class Recommender {
  private tagger = new SequenceTagger();
  private memory = new Gazetteer();
  private evidence = new EvidenceCues();
  private registry = new Gazetteer();
  private coldStart: ColdStartLabels | null;
  private readonly epochs: number;
  private readonly calibrates: boolean;
  private entities: readonly Entity[] = [];
  /** Maps the tagger's raw scores to the share of such spans that were right on held-out labels. */
  private calibrator: Calibrator | null = null;
  /** The most a calibrated score may say: (right + 1) / (right + 2) of the held-out spans it was fitted on, at most MAX_SCORE. */
  private ceiling = 1;
  /** Labels the analyst has used: once there is one, no other label is suggested. */
  private used = new Set<string>();
  /** Lines of the documents learned from, to tell an outlet's furniture from the article. */
  private lines = new LineCounts();
  private texts = new Set<number>();

  constructor(
    private schema: LabelSchema,
    entities: readonly Entity[] = [],
    options: RecommenderOptions = {},
  ) {
    this.coldStart = options.coldStart === undefined ? DEFAULT_COLD_START : options.coldStart;
    this.epochs = options.epochs ?? 5;
    this.calibrates = options.calibrate ?? true;
    this.setRegistry(entities);
  }

  setSchema(schema: LabelSchema): void {
    this.schema = schema;
  }

  setColdStart(labels: ColdStartLabels | null): void {
    this.coldStart = labels;
  }

  setRegistry(entities: readonly Entity[]): void {
    this.entities = entities;
    this.registry = new Gazetteer();
    const labels = new Set(this.schema.labels.map((l) => l.name));
    for (const e of entities) {
      if (!labels.has(e.type)) continue;
      for (const name of [e.name, ...e.aliases]) this.registry.addName(name, e.type, e.id);
    }
  }

  /** Documents the tagger has learned from. */
  get trainedOn(): number {
    return this.tagger.trainedOn;
  }

  /** Starts again from these documents: what a retrain after "done" or on demand does. */
  train(docs: readonly TrainingDocument[]): void {
    this.tagger = new SequenceTagger();
    this.memory = new Gazetteer();
    this.evidence = new EvidenceCues();
    this.used = new Set();
    this.lines = new LineCounts();
    this.texts = new Set();
    for (const d of docs) this.remember(d);
    this.tagger.train(docs.map((d) => this.example(d)), this.epochs);
    for (const d of docs) this.evidence.learn(d);
    this.calibrator = this.calibrates ? this.fitCalibrator(docs) : null;
  }

  /** The calibrator in use, kept with the model; null until training had held-out spans to fit on. */
  get calibration(): Calibrator | null {
    return this.calibrator;
  }

  /**
   * Cross-validation inside the training set: a tagger trained on all but one
   * fold suggests for that fold, and each of its spans is right or wrong by
   * the fold's own labels. One or two documents are cut in halves at a line
   * break so there is still something held out.
   */
  private fitCalibrator(docs: readonly TrainingDocument[]): Calibrator | null {
    // Only a document marked done says which of its spans are wrong; the others always train.
    const done = docs.filter((d) => d.done !== false);
    const partial = docs.filter((d) => d.done === false);
    const step = Math.max(1, Math.ceil(done.length / CALIBRATION_DOCS));
    let pieces = done.filter((_, i) => i % step === 0);
    if (pieces.length < CALIBRATION_FOLDS) pieces = pieces.flatMap(halves);
    if (pieces.length < 2) return null;
    const folds = Math.min(CALIBRATION_FOLDS, pieces.length);
    const outcomes: ScoredOutcome[] = [];
    for (let f = 0; f < folds; f++) {
      const inFold = (i: number) => Math.floor((i * folds) / pieces.length) === f;
      const held = pieces.filter((_, i) => inFold(i));
      const inner = new Recommender(this.schema, this.entities, { coldStart: null, epochs: this.epochs, calibrate: false });
      inner.train([...pieces.filter((_, i) => !inFold(i)), ...partial]);
      for (const d of held) {
        const gold = new Set(d.mentions.map(spanKey));
        for (const s of inner.suggest({ text: d.text, minScore: 0 }).mentions) {
          if (s.source === 'tagger' && s.logOdds !== undefined) outcomes.push({ score: s.logOdds, right: gold.has(spanKey(s)) });
        }
      }
    }
    // No more certain than the held-out spans can show (30 right say 0.97, not 1), and never certain:
    // a few documents' folds cannot show one wrong span in hundreds.
    const right = outcomes.filter((o) => o.right).length;
    this.ceiling = Math.min(MAX_SCORE, (right + 1) / (right + 2));
    // With the prior, even a few held-out spans give a curve, and a better one than the raw score.
    return fitPlatt(outcomes, 1, CALIBRATION_PRIOR);
  }

  /** Learns one more document on top of what is known (one pass), without retraining. */
  learnDocument(doc: TrainingDocument): void {
    this.remember(doc);
    this.tagger.learn(this.example(doc));
    this.evidence.learn(doc);
  }

  /**
   * Learns from one answer in stream mode: the sentence around the span,
   * with the layer's mentions in it (an accepted span is one of them) and
   * `rejected`, the span turned down, as not a name. The layer is still being
   * labelled, so nothing is learned of the sentence's other words.
   */
  learnAnswer(text: string, sentence: { start: number; end: number }, mentions: readonly { start: number; end: number; label: string }[], rejected?: { start: number; end: number }): void {
    const inside = mentions.filter((m) => m.start >= sentence.start && m.end <= sentence.end);
    const slice = text.slice(sentence.start, sentence.end);
    const shifted = inside.map((m) => ({ start: m.start - sentence.start, end: m.end - sentence.start, label: m.label }));
    for (const m of shifted) {
      this.memory.addLabelled(slice.slice(m.start, m.end), m.label, '\u0000answers');
      this.used.add(m.label);
    }
    const outside = rejected && rejected.start >= sentence.start && rejected.end <= sentence.end ? [{ start: rejected.start - sentence.start, end: rejected.end - sentence.start }] : [];
    this.tagger.learn({ text: slice, mentions: shifted, gazetteer: this.gazetteerHits(slice), partial: { outside } });
  }

  private remember(d: TrainingDocument): void {
    for (const m of d.mentions) {
      this.memory.addLabelled(d.text.slice(m.start, m.end), m.label, d.id);
      this.used.add(m.label);
    }
    if (!this.texts.has(hash(d.text))) {
      this.texts.add(hash(d.text));
      this.lines.add(d.text);
    }
  }

  /** Labels the analyst has used, in the documents and answers learned from. */
  get usedLabels(): string[] {
    return [...this.used];
  }

  /** The text's lines outside the article body: the request's, and the furniture found. */
  furniture(text: string, skip: readonly Range[] = []): Range[] {
    return [...skip, ...furnitureRanges(text, this.lines, this.texts.has(hash(text)))];
  }

  /**
   * A training example with known names as a feature. Half of the known-name
   * hits are left out, at random but reproducibly, so the tagger also learns
   * the context of a name and still finds names nobody has labelled yet.
   */
  private example(d: TrainingDocument) {
    const keep = seededRandom(hash(d.id));
    const gazetteer = this.gazetteerHits(d.text, d.id).filter(() => keep() < GAZETTEER_KEEP);
    return { text: d.text, mentions: d.mentions, gazetteer, ...(d.done === false ? { partial: { outside: [] } } : {}) };
  }

  private gazetteerHits(text: string, exceptDoc?: string, tokens = tokenize(text)) {
    // Registry names first; labelled names fill the gaps.
    const reg = this.registry.match(text, tokens);
    const mem = this.memory.match(text, tokens, { exceptDoc });
    return [...reg, ...mem.filter((h) => !reg.some((r) => r.from < h.to && h.from < r.to))];
  }

  suggest(req: SuggestRequest): Suggestions {
    const { text } = req;
    const minScore = req.minScore ?? 0.1;
    const tokens = tokenize(text);
    const labels = new Set(this.schema.labels.map((l) => l.name));
    const taken = new Set((req.mentions ?? []).map((m) => `${m.start}:${m.end}`));
    const rejected = new Set((req.rejected ?? []).map(spanKey));
    const bySpan = new Map<string, MentionSuggestion>();
    const furniture = this.furniture(text, req.skip);
    const unused = (label: string) => this.used.size > 0 && !this.used.has(label);
    const offer = (s: MentionSuggestion) => {
      if (!labels.has(s.label) || s.score < minScore || taken.has(`${s.start}:${s.end}`) || rejected.has(spanKey(s))) return;
      if (unused(s.label) || overlapsAny(furniture, s) || splitsWord(text, s.start, s.end)) return;
      const k = `${s.start}:${s.end}`;
      const had = bySpan.get(k);
      if (!had || s.score > had.score) bySpan.set(k, had?.entityId && !s.entityId && had.label === s.label ? { ...s, entityId: had.entityId } : s);
    };
    for (const h of this.registry.match(text, tokens)) {
      offer({ start: h.start, end: h.end, quote: text.slice(h.start, h.end), label: h.label, score: REGISTRY_SCORE, source: 'registry', entityId: h.entityId });
    }
    if (this.tagger.trainedOn > 0) {
      const tagged = this.tagger.tag(text, this.gazetteerHits(text, undefined, tokens), tokens);
      tagged.push(...propagate(text, tokens, tagged));
      for (const s of tagged) {
        const quote = text.slice(s.start, s.end);
        const score = this.calibrator ? Math.min(this.ceiling, calibrate(this.calibrator, s.logOdds)) : Math.min(MAX_SCORE, s.score);
        offer({ start: s.start, end: s.end, label: s.label, quote, score: round(score), source: 'tagger', ...(this.calibrates ? {} : { logOdds: s.logOdds }) });
      }
    } else if (this.coldStart) {
      for (const s of coldStartMentions(text, this.coldStart)) offer({ ...s, quote: text.slice(s.start, s.end), source: 'coldstart' });
    }
    const mentions = [...bySpan.values()].sort((a, b) => a.start - b.start || a.end - b.end);
    const candidates = [
      ...(req.mentions ?? []).map((m) => ({ start: m.start, end: m.end, label: m.label, quote: text.slice(m.start, m.end), mentionId: m.id })),
      ...mentions,
    ];
    const frames = suggestFrames(text, this.schema, candidates, this.evidence.cues(), tokens).filter((f) => f.score >= minScore && !overlapsAny(furniture, f.evidence));
    return { mentions, frames };
  }
}

/** A document cut in two at the line break nearest its middle (itself alone when it has one line). */
function halves(d: TrainingDocument): TrainingDocument[] {
  const mid = d.text.indexOf('\n', Math.floor(d.text.length / 2));
  const cut = mid >= 0 ? mid : d.text.lastIndexOf('\n', Math.floor(d.text.length / 2));
  if (cut <= 0) return [d];
  const part = (id: string, from: number, to: number): TrainingDocument => ({
    id: `${d.id}#${id}`,
    text: d.text.slice(from, to),
    mentions: d.mentions.filter((m) => m.start >= from && m.end <= to).map((m) => ({ ...m, start: m.start - from, end: m.end - from })),
    frames: d.frames
      .filter((f) => f.evidence.start >= from && f.evidence.end <= to)
      .map((f) => ({ ...f, evidence: { start: f.evidence.start - from, end: f.evidence.end - from } })),
  });
  return [part('a', 0, cut), part('b', cut + 1, d.text.length)];
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
