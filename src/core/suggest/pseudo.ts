/**
 * The recommender as a pseudo-annotator: for each labelled document, what it
 * would suggest at the threshold having learned from the other documents
 * only (folds of documents, every analyst's layers of a document in the same
 * fold), overlapping suggestions resolved as "accept all" does (the higher
 * score wins). Its layer is computed for agreement and never saved.
 */
import type { Entity, LabelSchema } from '../model';
import { Recommender } from './recommender';
import { RECOMMENDER } from './types';
import type { TrainingDocument } from './types';

export { RECOMMENDER };
const FOLDS = 5;

/** `docs` ids are "annotator/docId" (see trainingDocuments); the answer is keyed by docId. */
export function pseudoAnnotations(
  schema: LabelSchema,
  entities: readonly Entity[],
  docs: readonly TrainingDocument[],
  threshold: number,
): Record<string, { start: number; end: number; label: string; quote: string }[]> {
  const docIdOf = (d: TrainingDocument) => d.id.slice(d.id.indexOf('/') + 1);
  const ids = [...new Set(docs.map(docIdOf))];
  const folds = Math.min(FOLDS, ids.length);
  const out: Record<string, { start: number; end: number; label: string; quote: string }[]> = {};
  for (let f = 0; f < folds; f++) {
    const held = new Set(ids.filter((_, i) => i % folds === f));
    const train = docs.filter((d) => !held.has(docIdOf(d)));
    if (train.length === 0) continue;
    const r = new Recommender(schema, entities, { coldStart: null });
    r.train(train);
    for (const id of held) {
      const text = docs.find((d) => docIdOf(d) === id)?.text ?? '';
      const chosen: { start: number; end: number; label: string; quote: string; score: number }[] = [];
      for (const s of [...r.suggest({ text, minScore: threshold }).mentions].sort((a, b) => b.score - a.score)) {
        if (!chosen.some((c) => c.start < s.end && s.start < c.end)) chosen.push(s);
      }
      out[id] = chosen.sort((a, b) => a.start - b.start).map(({ start, end, label, quote }) => ({ start, end, label, quote }));
    }
  }
  return out;
}
