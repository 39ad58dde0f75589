/** The `frames.*` methods: every frame in the corpus, as a table. */
import { z } from 'zod';
import { AnnotatorNameSchema } from '../model';
import { method } from './method';

/** One frame as the corpus table shows it, with its fillers spelled out. */
export interface FrameRow {
  /** Whose layer the frame is in. */
  annotator: string;
  docId: string;
  docTitle: string;
  frameId: string;
  type: string;
  evidence: { start: number; end: number; quote: string };
  roles: Record<string, { text: string; kind: 'mention' | 'entity' | 'topic' | 'frame'; mentionId?: string; entityId?: string; start?: number; end?: number }[]>;
  attrs: Record<string, string>;
  problems: string[];
}

/**
 * Whose frames the Corpus view shows: `mine` (the default), `gold`, one
 * colleague's by name, or `all` layers; anything but `mine` only while
 * blind annotation is off, or for the lead.
 */
export const CorpusLayerSchema = z.union([z.enum(['mine', 'all']), AnnotatorNameSchema]);
export type CorpusLayer = z.infer<typeof CorpusLayerSchema>;

export const framesContract = {
  'frames.corpus': method<FrameRow[]>()(z.object({ layer: CorpusLayerSchema.optional() }).strict()),
} as const;
