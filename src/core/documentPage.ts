/**
 * One page of the document list, sorted and filtered in main, so the
 * window never receives the whole corpus: a page of rows and the total
 * that match.
 */
import { z } from 'zod';
import type { DocumentSummary } from './api';
import { STATUSES } from './model';

export const DOCUMENT_SORTS = ['added', 'title', 'outlet', 'date', 'status', 'mentions', 'progress'] as const;
export type DocumentSort = (typeof DOCUMENT_SORTS)[number];

export const DocumentPageQuerySchema = z
  .object({
    offset: z.number().int().nonnegative().max(10_000_000),
    limit: z.number().int().min(0).max(1000),
    sort: z.enum(DOCUMENT_SORTS).optional(),
    descending: z.boolean().optional(),
    /** Words that must all appear in the title or the outlet (case ignored). */
    text: z.string().max(200).optional(),
    status: z.enum(STATUSES).optional(),
    /** Only documents with at least one mention of this label. */
    label: z.string().max(100).optional(),
  })
  .strict();
export type DocumentPageQuery = z.infer<typeof DocumentPageQuerySchema>;

export interface DocumentPage {
  rows: DocumentSummary[];
  total: number;
  /** Where the first row of this page stands in the whole sorted, filtered list. */
  offset: number;
}

/** Colleagues who are done with (or reviewed) the document. */
export function progressOf(d: DocumentSummary): number {
  return (d.labellers ?? []).filter((l) => l.status === 'done' || l.status === 'reviewed').length;
}

const text = (a: string | undefined, b: string | undefined) => (a ?? '').localeCompare(b ?? '');
const byKey: Record<DocumentSort, ((a: DocumentSummary, b: DocumentSummary) => number) | null> = {
  added: null,
  title: (a, b) => text(a.title, b.title),
  outlet: (a, b) => text(a.outlet, b.outlet),
  date: (a, b) => text(a.date, b.date),
  status: (a, b) => STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status),
  mentions: (a, b) => a.mentionCount - b.mentionCount,
  progress: (a, b) => progressOf(a) - progressOf(b),
};

/** The rows of `all` (in the order documents were added) that `query` asks for. */
export function pageOf(all: readonly DocumentSummary[], query: DocumentPageQuery): DocumentPage {
  const words = (query.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  let rows = all.filter(
    (d) =>
      (!query.status || d.status === query.status) &&
      (!query.label || (d.labelCounts[query.label] ?? 0) > 0) &&
      (words.length === 0 || words.every((w) => d.title.toLowerCase().includes(w) || (d.outlet ?? '').toLowerCase().includes(w))),
  );
  const compare = byKey[query.sort ?? 'added'];
  // A stable sort: equal keys keep the order documents were added in.
  if (compare) rows = rows.sort(compare);
  if (query.descending) rows = rows.reverse();
  return { rows: rows.slice(query.offset, query.offset + query.limit), total: rows.length, offset: query.offset };
}
