/**
 * What one report measures against (its annotators, labels, frame shapes and
 * pairs), and what is pooled for one pair of annotators over some documents.
 */
import { addFrameTally, emptyFrameTally, type FrameTally, type FrameTypeShape } from './frameTally';
import { addMentionTally, emptyMentionTally, type MentionTally } from './spans';

/** What is pooled for one pair of annotators over some documents. */
export interface PairTally {
  documents: number;
  mentions: MentionTally;
  frames: Map<string, FrameTally>;
}

/** The labels and frame shapes every document of one report is measured against. */
export interface Scope {
  annotators: string[];
  labels: string[];
  codes: number;
  shapes: Map<string, FrameTypeShape>;
  pairs: Array<[number, number]>;
  attributeValues: Record<string, string[]>;
}

export function emptyPairTally(scope: Scope): PairTally {
  return {
    documents: 0,
    mentions: emptyMentionTally(scope.codes),
    frames: new Map([...scope.shapes].map(([type, shape]) => [type, emptyFrameTally(shape)])),
  };
}

export function addPairTally(into: PairTally, from: PairTally): void {
  into.documents += from.documents;
  addMentionTally(into.mentions, from.mentions);
  for (const [type, t] of from.frames) addFrameTally(into.frames.get(type)!, t);
}
