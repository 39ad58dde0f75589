/**
 * The agreement report's shape: plain JSON (numbers, strings, arrays, null),
 * measures for every pair of annotators, pooled over the corpus and per
 * document. How each figure is computed: see report.ts.
 */
import type { Frame, Mention } from '../model';
import type { Token } from '../tokenize';
import type { AttributeAgreement, FramePairMeasures, RoleAgreement, ValueConfusion } from './frameMeasures';
import type { PRF } from './spans';

/** One annotator's labels on one document. */
export interface AnnotatorLayer {
  annotator: string;
  mentions: Mention[];
  frames: Frame[];
}

/** A document to compare; an annotator without a layer here did not annotate it. */
export interface AgreementDocument {
  docId: string;
  text: string;
  /** The tokens of `text`; when absent the text is tokenized with `tokenize`. */
  tokens?: Token[];
  layers: AnnotatorLayer[];
}

export interface AgreementOptions {
  /**
   * The labels to measure, in report order. Mentions with other labels are
   * ignored everywhere. Default: every label used by a non-pending mention, sorted.
   */
  labels?: string[];
  /** Per frame attribute, its values in the order confusion tables list them (the schema's order). */
  attributeValues?: Record<string, string[]>;
}

export interface LabelAgreement {
  f1_exact: number | null;
  f1_overlap: number | null;
  /** Binary (this label vs not) token kappa, mean over pairs. */
  cohen_kappa: number | null;
  fleiss_kappa: number | null;
  krippendorff_alpha: number | null;
}

export interface MentionPairAgreement {
  a: string;
  b: string;
  /** Documents both annotated. */
  documents: number;
  exact: PRF;
  overlap: PRF;
  labels: Record<string, { exact: PRF; overlap: PRF }>;
}

export interface MentionAgreement {
  /** Micro F1 with exact matching, mean over pairs. */
  f1_exact: number | null;
  /** Micro F1 with one-to-one overlap matching, mean over pairs. */
  f1_overlap: number | null;
  pairs: MentionPairAgreement[];
}

export interface TokenPairAgreement {
  a: string;
  b: string;
  /** Tokens both labelled. */
  count: number;
  observed_agreement: number | null;
  cohen_kappa: number | null;
  /** Rows: a's label, columns: b's, in `confusion.labels` order. */
  confusion: number[][];
}

export interface TokenAgreement {
  /** Tokens labelled by at least two annotators (the ones compared). */
  count: number;
  /** Tokens labelled by every annotator (the items of Fleiss' kappa). */
  rated_by_all: number;
  /** Cohen's kappa: the pair's with two annotators, the mean over pairs with more. */
  cohen_kappa: number | null;
  fleiss_kappa: number | null;
  krippendorff_alpha: number | null;
  pairs: TokenPairAgreement[];
}

export interface FramePairAgreement extends FramePairMeasures {
  a: string;
  b: string;
  documents: number;
}

export interface FrameAttributeAgreement extends AttributeAgreement {
  /** Krippendorff's alpha over groups of matched frames, any number of annotators; an unset attribute is a value of its own. */
  alpha: number | null;
  /** Values of matched pairs, summed over pairs: rows the earlier annotator of each pair, columns the later. */
  confusion: ValueConfusion;
}

export interface FrameMeasuresSummary {
  /** Matched frames (type and overlapping evidence), summed over pairs. */
  matched: number;
  /** Frames without a match, both sides, summed over pairs. */
  unmatched: number;
  /** Frame F1, each a mean over pairs: matched by overlapping evidence, with fillers agreeing through the registry, and identical. */
  f1_overlap: number | null;
  f1_entity: number | null;
  f1_exact: number | null;
  /** Per attribute, means over pairs, alpha over all annotators. */
  attributes: Record<string, FrameAttributeAgreement>;
  /** Per role, mean over pairs. */
  roles: Record<string, RoleAgreement>;
}

export interface FrameTypeAgreement extends FrameMeasuresSummary {
  pairs: FramePairAgreement[];
}

/** Every frame type pooled, then per type. Attributes and roles of the same name in two types are pooled. */
export interface FrameAgreement extends FrameMeasuresSummary {
  types: Record<string, FrameTypeAgreement>;
}

export interface Confusion {
  /** 'O' then the labels. */
  labels: string[];
  /** Token counts summed over pairs: rows the earlier annotator of each pair, columns the later. */
  matrix: number[][];
}

export interface AgreementMeasures {
  mentions: MentionAgreement;
  tokens: TokenAgreement;
  labels: Record<string, LabelAgreement>;
  frames: FrameAgreement;
  confusion: Confusion;
}

export interface DocumentAgreement extends AgreementMeasures {
  docId: string;
  /** The annotators with a layer for this document. */
  annotators: string[];
}

export interface AgreementReport extends AgreementMeasures {
  annotators: string[];
  documents: DocumentAgreement[];
}
