/** Messages between the recommender service and its worker thread. */
import type { Entity, LabelSchema } from '../../core/model';
import type { ColdStartLabels } from '../../core/suggest/coldstart';
import type { SuggestRequest, Suggestions } from '../../core/suggest/recommender';
import type { TrainingDocument } from '../../core/suggest/types';

export type WorkerRequest =
  | { op: 'configure'; schema: LabelSchema; entities: Entity[]; coldStart: ColdStartLabels | null }
  | { op: 'train'; docs: TrainingDocument[] }
  | { op: 'learnAnswer'; text: string; sentence: { start: number; end: number }; mentions: { start: number; end: number; label: string }[]; rejected?: { start: number; end: number } }
  | { op: 'suggest'; request: SuggestRequest }
  | { op: 'pseudo'; docs: TrainingDocument[]; threshold: number };

export interface WorkerResults {
  configure: null;
  train: { trainedOn: number; ms: number };
  learnAnswer: null;
  suggest: Suggestions & { trainedOn: number };
  pseudo: Record<string, { start: number; end: number; label: string; quote: string }[]>;
}

