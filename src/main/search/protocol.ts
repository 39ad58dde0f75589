/**
 * What the search service and its worker thread say to each other. The
 * engine runs in the worker so a scan of 100,000 documents never holds up
 * the process that answers the UI.
 */
import type { IndexStatus } from '../../core/api/search';
import type { SearchHit, SearchQuery } from '../../core/search';
import type { NewDoc } from './segments';

/** A document as the workspace lists it: what the engine needs to know about it (titles stay with the service, which adds them to hits). */
export interface CorpusEntry {
  id: string;
  sha256: string;
}

export interface SearchProgress {
  hits: number;
  documents: number;
  done: boolean;
  /** Documents looked at so far, of how many, while a search reads the documents themselves (the index still being built). */
  scanned?: { done: number; total: number };
  error?: { code: string; message: string };
}

/** A hit with what tagging needs: where, and the text it covers. */
export interface HitTarget {
  index: number;
  docId: string;
  start: number;
  end: number;
  quote: string;
}

export type WorkerRequest =
  | { type: 'open'; root: string; writable: boolean; entries: CorpusEntry[]; keepChars?: number; scanFrom?: number }
  | { type: 'status' }
  | { type: 'add'; entries: CorpusEntry[]; docs: NewDoc[] }
  | { type: 'run'; id: string; query: SearchQuery; annotator: string; cancel: SharedArrayBuffer }
  | { type: 'page'; id: string; offset: number; limit: number }
  | { type: 'targets'; id: string; indices?: number[] }
  | { type: 'drop'; id: string };

export type WorkerAnswer = null | SearchProgress | SearchHit[] | HitTarget[] | IndexStatus;

/** What the worker tells the service while a search runs. */
export interface SearchEvent {
  id: string;
  progress: SearchProgress;
}
