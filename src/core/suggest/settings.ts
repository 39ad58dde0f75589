/** The recommender's settings for a workspace, as the API carries them. */
import { z } from 'zod';

const label = z.string().min(1).max(100).nullable();

export const SuggestSettingsSchema = z
  .object({
    /** Suggestions scoring below this are not shown (0..1). */
    threshold: z.number().min(0).max(1),
    /** compromise's kinds → schema labels for the cold-start tagger; null leaves a kind out. */
    coldStart: z.object({ people: label, places: label, organizations: label }).strict(),
  })
  .strict();
export type SuggestSettings = z.infer<typeof SuggestSettingsSchema>;

export const DEFAULT_SUGGEST_SETTINGS: SuggestSettings = { threshold: 0.5, coldStart: { people: 'PERSON', places: 'GPE', organizations: 'ORG' } };

export const RejectedSpanSchema = z
  .object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative(), label: z.string().min(1).max(100) })
  .strict()
  .refine((s) => s.end > s.start, 'a span ends after it starts');
