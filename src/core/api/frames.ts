/** The `frames.*` methods: every frame in the corpus, as a table. */
import { method, none } from './method';

/** One frame as the corpus table shows it, with its fillers spelled out. */
export interface FrameRow {
  docId: string;
  docTitle: string;
  frameId: string;
  type: string;
  evidence: { start: number; end: number; quote: string };
  roles: Record<string, { text: string; kind: 'mention' | 'entity' | 'topic' | 'frame'; mentionId?: string; entityId?: string; start?: number; end?: number }[]>;
  attrs: Record<string, string>;
  problems: string[];
}

export const framesContract = {
  'frames.corpus': method<FrameRow[]>()(none),
} as const;
