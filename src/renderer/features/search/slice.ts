/**
 * Search's state: the query, the hits as far as they have arrived, the
 * cursor and the hits chosen, and tag-all's preview and last step. The query,
 * hits, cursor and last step are kept while the reader is shown, so the
 * search is where it was left; the rest starts afresh each time the screen opens.
 */
import type { TagPreview } from '../../../core/api/search';
import type { SearchHit, SearchMode } from '../../../core/search';
import { defineSlice } from '../../app/store';

export interface Found {
  searchId: string;
  hits: SearchHit[];
  total: number;
  documents: number;
  done: boolean;
  cancelled: boolean;
  /** Documents read so far, of how many, while the index is still being built. */
  scanned?: { done: number; total: number };
}

export interface SearchForm {
  text: string;
  mode: SearchMode;
  wholeWord: boolean;
  caseSensitive: boolean;
  label: string;
  entityId: string;
}

export interface Applied {
  stepId: string;
  text: string;
}

export interface SearchState {
  form: SearchForm;
  found: Found | null;
  cursor: number;
  applied: Applied | null;
  error: string | null;
  /** Hits chosen (Space), by their place; none chosen means all. */
  picked: ReadonlySet<number>;
  tag: { label: string; entityId: string };
  preview: TagPreview | null;
}

/** What starts afresh each time the screen opens. */
export const freshVisit = (): Pick<SearchState, 'error' | 'picked' | 'tag' | 'preview'> => ({ error: null, picked: new Set(), tag: { label: '', entityId: '' }, preview: null });

export const searchSlice = defineSlice<SearchState>('search', () => ({
  form: { text: '', mode: 'text', wholeWord: true, caseSensitive: false, label: '', entityId: '' },
  found: null,
  cursor: 0,
  applied: null,
  ...freshVisit(),
}));
