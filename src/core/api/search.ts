/**
 * The `search.*` methods, corpus search: start a search, page its
 * concordance with the running count, cancel it, and tag its hits.
 */
import { z } from 'zod';
import { SearchQuerySchema, type SearchHit } from '../search';
import { method } from './method';

export const SearchIdSchema = z.string().regex(/^search_[0-9a-f]{16}$/, 'a search id from search.start');

export const SearchPageArgsSchema = z
  .object({ searchId: SearchIdSchema, offset: z.number().int().nonnegative(), limit: z.number().int().min(0).max(1_000) })
  .strict();

export const TagHitsArgsSchema = z
  .object({
    searchId: SearchIdSchema,
    label: z.string().min(1).max(100),
    entityId: z.string().min(1).max(200).optional(),
    /** Positions in the result list to tag; all hits when left out. */
    hits: z.array(z.number().int().nonnegative()).max(1_000_000).optional(),
    /** Also tag hits that overlap a mention already there (they are left out by default). */
    includeOverlapping: z.boolean().optional(),
  })
  .strict();
export type TagHitsArgs = z.output<typeof TagHitsArgsSchema>;

export interface SearchPage {
  hits: SearchHit[];
  /** Hits found so far; all of them once `done`. */
  total: number;
  documents: number;
  done: boolean;
  /** Documents read so far, of how many, while the search reads the documents themselves (the index is still being built). */
  scanned?: { done: number; total: number };
  cancelled: boolean;
  error?: { code: string; message: string };
}

/** How far the word index of the workspace's documents is: all of it (`ready`), or `indexed` of `total`, with the time left at the pace so far. */
export interface IndexStatus {
  ready: boolean;
  indexed: number;
  total: number;
  etaMs: number | null;
}

/** A hit that overlaps mentions already in the layer, with those mentions. */
export interface OverlapItem {
  index: number;
  docId: string;
  start: number;
  end: number;
  quote: string;
  existing: { label: string; start: number; end: number; quote: string }[];
}

export interface TagPreview {
  /** Hits that become new mentions. */
  mentions: number;
  documents: number;
  /** Hits already tagged with this exact span and label: nothing to do. */
  alreadyTagged: number;
  /** Hits overlapping other mentions: left out unless asked for. */
  overlapping: number;
  /** The first overlaps, to show. */
  overlaps: OverlapItem[];
  /** Documents whose layer was made for another text: never changed. */
  staleDocuments: number;
}

export interface TagResult {
  mentions: number;
  documents: number;
  /** The bulk step, for search.untag (one undo for every document it touched). */
  stepId: string | null;
}

export const searchContract = {
  'search.start': method<{ searchId: string }>()(z.object({ query: SearchQuerySchema }).strict()),
  'search.page': method<SearchPage>()(SearchPageArgsSchema),
  /** How far the index is being built (searches meanwhile read the documents directly). */
  'search.indexStatus': method<IndexStatus>()(z.object({}).strict()),
  'search.cancel': method<SearchPage>()(z.object({ searchId: SearchIdSchema }).strict()),
  'search.tagPreview': method<TagPreview>()(TagHitsArgsSchema),
  'search.tagAll': method<TagResult>()(TagHitsArgsSchema),
  /** Undoes a tagAll step in every document it touched. */
  'search.untag': method<{ undone: number; skipped: string[] }>()(z.object({ stepId: z.string().min(1).max(100) }).strict()),
} as const;
