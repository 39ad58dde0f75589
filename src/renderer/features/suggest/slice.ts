/** The recommender's state: its suggestions for the open document, the one the keys act on, and stream mode's progress. */
import type { SuggestionMeasures } from '../../../core/suggest/measures';
import type { DocumentSuggestions, MentionSuggestion } from '../../../core/suggest/types';
import { defineSlice } from '../../app/store';

export interface StreamAnswer {
  suggestion: MentionSuggestion;
  accepted: boolean;
}

export interface SuggestState {
  /** The recommender's suggestions for the open document, once asked for. */
  recommended: DocumentSuggestions | null;
  /** The suggestion the keys act on, by suggestionKey. */
  focus: string | null;
  /** Stream mode: one suggestion at a time. */
  stream: boolean;
  /** Stream mode's skipped suggestions (by suggestionKey) and answers, for undo. */
  skipped: ReadonlySet<string>;
  answers: StreamAnswer[];
  /** How much the suggestions help, once measured (the Measure button). */
  measures: SuggestionMeasures | null;
  measuring: boolean;
}

export const suggestSlice = defineSlice<SuggestState>('suggest', () => ({ recommended: null, focus: null, stream: false, skipped: new Set(), answers: [], measures: null, measuring: false }));
