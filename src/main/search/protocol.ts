/**
 * What the search service and its worker thread say to each other. The
 * engine runs in the worker so a scan of 100,000 documents never holds up
 * the process that answers the UI.
 */
import type { IndexStatus } from '../../core/api/search';
import type { SearchHit, SearchQuery } from '../../core/search';
import type { NewDoc } from './segments';
import type { CorpusEntry, HitTarget, SearchProgress } from './engine';

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
