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

/**
 * The workspace's documents as the engine is sent them when it opens: the
 * ids one a line, the hashes one a line. Read by the search thread, 100,000
 * objects took about 360 ms (the first search of a session waits for it);
 * two strings take about 12.
 */
export interface PackedEntries {
  ids: string;
  sha256: string;
}

export function packEntries(entries: readonly CorpusEntry[]): PackedEntries {
  return { ids: entries.map((e) => e.id).join('\n'), sha256: entries.map((e) => e.sha256).join('\n') };
}

export function unpackEntries(packed: PackedEntries): CorpusEntry[] {
  if (!packed.ids) return [];
  const ids = packed.ids.split('\n');
  const sha256 = packed.sha256.split('\n');
  return ids.map((id, i) => ({ id, sha256: sha256[i] }));
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
  | { type: 'open'; root: string; writable: boolean; entries: PackedEntries; keepChars?: number; scanFrom?: number }
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
