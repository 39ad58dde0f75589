/** The `review.*` methods: comparing analysts' layers, agreement, and deciding each item into the gold layer. */
import { z } from 'zod';
import type { AgreementReport } from '../agreement';
import { AnnotatorNameSchema, DocIdSchema, type DocumentRecord, type DocumentStatus, type Frame, type Mention } from '../model';
import type { ChangeResult, HistoryState } from './annotations';
import type { GoldDifferences } from '../goldDiff';
import { method, none } from './method';

export interface AnnotatorSummary {
  annotator: string;
  documents: number;
  mentions: number;
}

export interface ReviewLayer {
  annotator: string;
  /** False when this annotator has not labelled the document. */
  exists: boolean;
  /** Made for another version of the text: reported, never compared or applied. */
  stale: boolean;
  mentions: Mention[];
  frames: Frame[];
}

export interface ReviewDocument {
  document: DocumentRecord;
  layers: ReviewLayer[];
  gold: ReviewLayer & { decisions: Record<string, string>; history: HistoryState; status: DocumentStatus };
}

/** How far review has come on one document. */
export interface ReviewProgress {
  docId: string;
  title: string;
  /** Items where the analysts differ or only some have labels, still undecided. */
  undecided: { mentions: number; frames: number };
  /** Items every analyst agrees on, still undecided ("accept everything all agree on" takes them). */
  agreed: { mentions: number; frames: number };
  decided: number;
  reviewed: boolean;
}

const annotatorList = z.array(AnnotatorNameSchema).min(2).max(20);
const itemKey = z.string().min(1).max(10_000);
export const MentionDecisionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('accept'), annotators: z.array(AnnotatorNameSchema).min(1).max(20) }).strict(),
  z.object({ kind: z.literal('reject') }).strict(),
  z.object({ kind: z.literal('relabel'), label: z.string().min(1).max(100) }).strict(),
]);
export const FrameDecisionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('accept'), annotator: AnnotatorNameSchema }).strict(),
  z.object({ kind: z.literal('all') }).strict(),
  z.object({ kind: z.literal('reject') }).strict(),
  z
    .object({ kind: z.literal('field'), field: z.string().min(1).max(200), from: AnnotatorNameSchema.optional(), value: z.string().min(1).max(100).nullable().optional() })
    .strict(),
]);
const reviewArgs = { docId: DocIdSchema, annotators: annotatorList };

export const reviewContract = {
  'review.annotators': method<AnnotatorSummary[]>()(none),
  'review.document': method<ReviewDocument>()(z.object({ docId: DocIdSchema, annotators: annotatorList }).strict()),
  'review.agreement': method<AgreementReport>()(z.object({ annotators: annotatorList, docId: DocIdSchema.optional() }).strict()),
  'review.decideMention': method<ChangeResult>()(z.object({ ...reviewArgs, key: itemKey, decision: MentionDecisionSchema }).strict()),
  'review.decideFrame': method<ChangeResult>()(z.object({ ...reviewArgs, key: itemKey, decision: FrameDecisionSchema }).strict()),
  /**
   * Everything all analysts agree on in every field, into gold as one step. `linkOnly` counts the items left that agree on
   * span and label and differ only in an entity link or note; `linkDifferences: true` accepts those too (when one entity was given).
   */
  'review.acceptAgreed': method<ChangeResult & { mentions: number; frames: number; linkOnly: number }>()(z.object({ ...reviewArgs, linkDifferences: z.boolean().optional() }).strict()),
  'review.progress': method<ReviewProgress[]>()(z.object({ annotators: annotatorList }).strict()),
  /** Where gold differs from one analyst (the one at this window when none is named): item by item with the adjudicator's note, and counts per label. */
  'review.goldDifferences': method<GoldDifferences>()(z.object({ annotator: AnnotatorNameSchema.optional() }).strict()),
} as const;
