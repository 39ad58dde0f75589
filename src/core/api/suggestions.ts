/** The `suggestions.*` methods: the recommender's suggested mentions, its training, the spans an analyst turned down, and its settings. */
import { z } from 'zod';
import { AnnotatorNameSchema, DocIdSchema } from '../model';
import { RejectedSpanSchema, SuggestSettingsSchema, type SuggestSettings } from '../suggest/settings';
import type { Range } from '../suggest/boilerplate';
import type { SuggestionMeasures } from '../suggest/measures';
import type { DocumentSuggestions, RetrainResult } from '../suggest/types';
import { layerArg, method, none } from './method';

const spans = z.array(RejectedSpanSchema).min(1).max(100_000);
const range = z
  .object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })
  .strict()
  .refine((r) => r.end >= r.start, 'a range ends where or after it starts');
const outcome = z
  .object({ label: z.string().min(1).max(100), acceptedAs: z.string().min(1).max(100).nullable(), score: z.number().min(0).max(1) })
  .strict();

export const suggestionsContract = {
  'suggestions.recommend': method<DocumentSuggestions>()(z.object({ docId: DocIdSchema, from: AnnotatorNameSchema.optional(), layer: layerArg }).strict()),
  'suggestions.retrain': method<RetrainResult>()(z.object({ from: AnnotatorNameSchema.optional() }).strict()),
  'suggestions.reject': method<{ rejected: number }>()(z.object({ docId: DocIdSchema, spans, layer: layerArg }).strict()),
  'suggestions.unreject': method<null>()(z.object({ docId: DocIdSchema, spans, layer: layerArg }).strict()),
  'suggestions.answer': method<null>()(z.object({ docId: DocIdSchema, span: RejectedSpanSchema, accepted: z.boolean(), layer: layerArg }).strict()),
  'suggestions.settings': method<SuggestSettings>()(none),
  'suggestions.saveSettings': method<SuggestSettings>()(z.object({ settings: SuggestSettingsSchema }).strict()),
  /** Marks (on) or unmarks the lines a range touches as not article text; answers the document's marked lines. */
  'suggestions.boilerplate': method<Range[]>()(z.object({ docId: DocIdSchema, range, on: z.boolean() }).strict()),
  /** Records what the analyst did with suggestions (accepted with a label, or rejected), for the measures. */
  'suggestions.record': method<null>()(z.object({ docId: DocIdSchema, outcomes: z.array(outcome).min(1).max(100_000), layer: layerArg }).strict()),
  /** How much the suggestions help: time per mention, acceptance, agreement with each analyst. */
  'suggestions.measures': method<SuggestionMeasures>()(none),
} as const;
