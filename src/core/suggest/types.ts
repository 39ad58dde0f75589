/**
 * What the recommender proposes. A suggestion is never part of a layer: it is
 * computed on request, shown, and only an accepted one becomes a mention or a
 * frame. So suggestions are never exported, never counted in agreement and
 * never change a document's status.
 */

/**
 * The pseudo-annotator's name in agreement tables. Here, not beside the
 * recommender, so that naming it does not load the recommender and its
 * English lexicon (compromise, half a second at every start of the CLI and
 * the server).
 */
export const RECOMMENDER = '(recommender)';

/** Where a suggestion came from, in the order the analyst would trust them. */
export const SUGGESTION_SOURCES = ['registry', 'tagger', 'coldstart', 'lexicon', 'learned'] as const;
export type SuggestionSource = (typeof SUGGESTION_SOURCES)[number];

export interface MentionSuggestion {
  start: number;
  end: number;
  quote: string;
  label: string;
  /** 0..1: how sure the source is. */
  score: number;
  source: SuggestionSource;
  /** Set when the registry matched: the entity the mention would link to. */
  entityId?: string;
  /** The tagger's log-odds that the span is right (before calibration), given only by a recommender that does not calibrate (the one calibration fits on). */
  logOdds?: number;
}

/** A mention that may fill a role: an existing mention (with its id) or a suggested one. */
export interface RoleCandidate {
  start: number;
  end: number;
  quote: string;
  label: string;
  mentionId?: string;
}

export interface FrameSuggestion {
  type: string;
  evidence: { start: number; end: number; quote: string };
  /** The words that triggered it ("failed to agree"), inside the evidence. */
  cue: { start: number; end: number; quote: string };
  /** Proposed attribute values, e.g. { Polarity: 'against' } or { Status: 'failed' }. */
  attrs: Record<string, string>;
  /** Role name → candidates from the mentions of the same sentence, best first. */
  roles: Record<string, RoleCandidate[]>;
  score: number;
  source: SuggestionSource;
}

/** What the recommender learns from: one document with its accepted mentions and frames. */
export interface TrainingDocument {
  id: string;
  text: string;
  mentions: { start: number; end: number; label: string }[];
  frames: { type: string; evidence: { start: number; end: number }; attrs: Record<string, string> }[];
  /**
   * false: the layer's document is not marked done, so its words outside
   * the mentions may be names nobody has labelled yet. Such a document
   * teaches what its mentions are, never that the rest is not a name, and
   * is not held out to fit the calibration. Missing: done.
   */
  done?: boolean;
}

/** A span the analyst turned down: not proposed again with this label. */
export interface RejectedSpan {
  start: number;
  end: number;
  label: string;
}

export function spanKey(s: { start: number; end: number; label: string }): string {
  return `${s.start}:${s.end}:${s.label}`;
}

/** What `suggestions.recommend` answers for one document. */
export interface DocumentSuggestions {
  docId: string;
  mentions: MentionSuggestion[];
  frames: FrameSuggestion[];
  /** Layers the tagger learned from; 0 means only the registry and the cold-start tagger speak. */
  trainedOn: number;
  /** The workspace's display threshold: suggestions below it are listed but not drawn. */
  threshold: number;
  /** Lines an analyst marked as not article text: nothing is suggested from them. */
  boilerplate: { start: number; end: number }[];
}

export interface RetrainResult {
  documents: number;
  mentions: number;
  frames: number;
  ms: number;
}
