/** A task's predictions, read as suggestions, and what a file holds that is not imported as labels. */
import type { z } from 'zod';
import type { Mention } from '../model';
import { TextOffsets, type ImportSession } from './assemble';
import { resultOf, type PredictionSchema, type UnitOf } from './labelstudioTask';

/**
 * Predictions become suggestions (pending mentions, origin "suggested") on
 * the task's first layer: an analyst accepts or rejects each, and none is
 * ever taken for a label. A prediction a layer already holds (same span and
 * label) is left out; frames, relations and choices in predictions are
 * counted and skipped.
 */
export function predictedMentions(text: string, predictions: z.infer<typeof PredictionSchema>[], taken: Mention[], path: (string | number)[], session: ImportSession, unit: UnitOf, count: Counts, warn: (message: string) => void): Mention[] {
  const offsets = new TextOffsets(text, unit.unit, unit.hint);
  const seen = new Set(taken.map((m) => `${m.start},${m.end},${m.label}`));
  const out: Mention[] = [];
  predictions.forEach((p, j) => {
    p.result.forEach((raw, k) => {
      const at = [...path, j, 'result', k];
      const item = resultOf(raw, at);
      if (item.type !== 'labels') {
        count.otherPredicted++;
        return;
      }
      const { span, quote } = offsets.quotedAcrossLines(item.value.start, item.value.end, item.value.text, [...at, 'value'], [...at, 'value', 'text'], warn);
      for (const label of item.value.labels) {
        if (session.schema.frameTypes.has(label)) {
          count.otherPredicted++;
          continue;
        }
        const key = `${span.start},${span.end},${label}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(session.mention({ label, start: span.start, end: span.end, quote }, { pending: true, origin: 'suggested', author: p.model_version ?? 'prediction' }, 'prediction', [...at, 'value', 'labels']));
      }
    });
  });
  count.suggestions += out.length;
  return out;
}

/** What a file holds that is not imported as labels, reported once per file. */
export interface Counts {
  cancelled: number;
  drafts: number;
  suggestions: number;
  otherPredicted: number;
  predictionIds: number;
}

export function newCounts(): Counts {
  return { cancelled: 0, drafts: 0, suggestions: 0, otherPredicted: 0, predictionIds: 0 };
}

export function reportCounts(c: Counts, warn: (message: string) => void): void {
  if (c.cancelled) warn(`${c.cancelled} cancelled (skipped) annotation(s) were left out`);
  if (c.drafts) warn(`${c.drafts} draft(s) were left out: Label Studio had not submitted them`);
  if (c.suggestions) warn(`${c.suggestions} predicted region(s) were imported as suggestions, to accept or reject, never as labels`);
  if (c.otherPredicted) warn(`${c.otherPredicted} predicted frame, relation or choice result(s) were left out: only predicted mentions become suggestions`);
  if (c.predictionIds) warn(`${c.predictionIds} prediction(s) are listed by id only, without their results; export the project with predictions to import them`);
}
