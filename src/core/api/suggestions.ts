/** The `suggestions.*` methods: the recommender's suggested mentions, its training, the spans an analyst turned down, and its settings. */
import { z } from 'zod';
import { AnnotatorNameSchema, DocIdSchema } from '../model';
import { RejectedSpanSchema, SuggestSettingsSchema, type SuggestSettings } from '../suggest/settings';
import type { DocumentSuggestions, RetrainResult } from '../suggest/types';
import { layerArg, method, none } from './method';

const spans = z.array(RejectedSpanSchema).min(1).max(100_000);

export const suggestionsContract = {
  'suggestions.recommend': method<DocumentSuggestions>()(z.object({ docId: DocIdSchema, from: AnnotatorNameSchema.optional(), layer: layerArg }).strict()),
  'suggestions.retrain': method<RetrainResult>()(z.object({ from: AnnotatorNameSchema.optional() }).strict()),
  'suggestions.reject': method<{ rejected: number }>()(z.object({ docId: DocIdSchema, spans, layer: layerArg }).strict()),
  'suggestions.unreject': method<null>()(z.object({ docId: DocIdSchema, spans, layer: layerArg }).strict()),
  'suggestions.answer': method<null>()(z.object({ docId: DocIdSchema, span: RejectedSpanSchema, accepted: z.boolean(), layer: layerArg }).strict()),
  'suggestions.settings': method<SuggestSettings>()(none),
  'suggestions.saveSettings': method<SuggestSettings>()(z.object({ settings: SuggestSettingsSchema }).strict()),
} as const;
