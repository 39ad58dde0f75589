/**
 * How much the suggestions help, measured in the tool and kept on this
 * machine (never sent anywhere):
 * - time per mention: the gap between a mention and the one made before it in
 *   the same layer (by `createdAt`), for accepted suggestions and for mentions
 *   made by hand; a gap longer than MAX_GAP is a pause, not work, and is left out;
 * - acceptance: of the suggestions an analyst answered, the share accepted
 *   with their label, per label and per score band (tenths);
 * - agreement between the recommender as a pseudo-annotator and each analyst
 *   (see `agreementWithRecommender` in main; its layer is never saved).
 */
import { z } from 'zod';

/** One answered suggestion. `acceptedAs` is the label it was accepted with, or null when it was rejected. */
export const OutcomeSchema = z
  .object({
    annotator: z.string().min(1).max(100),
    docId: z.string().min(1).max(200),
    label: z.string().min(1).max(100),
    acceptedAs: z.string().min(1).max(100).nullable(),
    score: z.number().min(0).max(1),
    at: z.string().max(40),
  })
  .strict();
export type Outcome = z.infer<typeof OutcomeSchema>;

/** A pause longer than this between two mentions is not counted as time spent on the second. */
export const MAX_GAP_MS = 5 * 60_000;
/** Mentions closer than this were made in one step (accept all, tag all), not one by one: not counted. */
export const MIN_GAP_MS = 250;

export interface Rate {
  answered: number;
  accepted: number;
  /** accepted / answered; null with nothing answered. */
  rate: number | null;
}

export interface TimePerMention {
  /** Mentions timed (the first of a layer and those after a pause have no time). */
  count: number;
  /** Mean seconds per mention; null when none was timed. */
  seconds: number | null;
}

export interface HelpMeasures {
  time: { suggested: TimePerMention; manual: TimePerMention };
  acceptance: { overall: Rate; byLabel: Record<string, Rate>; byBand: (Rate & { from: number; to: number })[] };
}

const rate = (answered: number, accepted: number): Rate => ({ answered, accepted, rate: answered === 0 ? null : accepted / answered });

export function acceptance(outcomes: readonly Outcome[]): HelpMeasures['acceptance'] {
  const byLabel = new Map<string, [number, number]>();
  const bands = Array.from({ length: 10 }, () => [0, 0]);
  let accepted = 0;
  for (const o of outcomes) {
    const ok = o.acceptedAs === o.label ? 1 : 0;
    accepted += ok;
    const l = byLabel.get(o.label) ?? [0, 0];
    l[0]++;
    l[1] += ok;
    byLabel.set(o.label, l);
    const b = bands[Math.min(9, Math.max(0, Math.floor(o.score * 10)))];
    b[0]++;
    b[1] += ok;
  }
  return {
    overall: rate(outcomes.length, accepted),
    byLabel: Object.fromEntries([...byLabel].sort(([a], [b]) => a.localeCompare(b)).map(([k, [n, a]]) => [k, rate(n, a)])),
    byBand: bands.map(([n, a], i) => ({ from: i / 10, to: (i + 1) / 10, ...rate(n, a) })).filter((b) => b.answered > 0),
  };
}

/** Seconds per mention, by how it was made, over layers' mentions (each layer's in the order they were made). */
export function timePerMention(layers: readonly (readonly { origin: string; createdAt: string }[])[]): HelpMeasures['time'] {
  const sums = { suggested: [0, 0], manual: [0, 0] };
  for (const mentions of layers) {
    const timed = mentions.map((m) => ({ origin: m.origin, t: Date.parse(m.createdAt) })).filter((m) => Number.isFinite(m.t));
    timed.sort((a, b) => a.t - b.t);
    for (let i = 1; i < timed.length; i++) {
      const gap = timed[i].t - timed[i - 1].t;
      const kind = timed[i].origin === 'suggested' ? 'suggested' : timed[i].origin === 'manual' ? 'manual' : null;
      if (!kind || gap < MIN_GAP_MS || gap > MAX_GAP_MS) continue;
      sums[kind][0]++;
      sums[kind][1] += gap / 1000;
    }
  }
  const per = ([n, s]: number[]): TimePerMention => ({ count: n, seconds: n === 0 ? null : s / n });
  return { suggested: per(sums.suggested), manual: per(sums.manual) };
}

/** Agreement of one analyst with the recommender as a pseudo-annotator. */
export interface RecommenderAgreement {
  annotator: string;
  documents: number;
  f1_exact: number | null;
  f1_overlap: number | null;
  cohen_kappa: number | null;
  byLabel: Record<string, number | null>;
}

export interface SuggestionMeasures extends HelpMeasures {
  agreement: RecommenderAgreement[];
}
