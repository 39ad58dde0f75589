/**
 * One page of the document list, sorted and filtered in main, so the
 * window never receives the whole corpus: a page of rows and the total
 * that match.
 */
import { z } from 'zod';
import { normalizeName } from './linking';
import { STATUSES, type DocumentStatus } from './model';

/** One row of the document list. */
export interface DocumentSummary {
  id: string;
  title: string;
  outlet?: string;
  date?: string;
  chars: number;
  status: DocumentStatus;
  mentionCount: number;
  frameCount: number;
  labelCounts: Record<string, number>;
  /** Set when this document or its layer could not be read. */
  problem?: string;
  /** Colleagues who have labelled this document (a shared workspace), with their status. */
  labellers?: { annotator: string; status: DocumentStatus }[];
  /** Review items (of all analysts who labelled it) nobody has decided yet, when two or more have. */
  undecided?: number;
}

export const DOCUMENT_SORTS = ['added', 'title', 'outlet', 'date', 'status', 'mentions', 'progress', 'undecided'] as const;
export type DocumentSort = (typeof DOCUMENT_SORTS)[number];

const day = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date as YYYY, YYYY-MM or YYYY-MM-DD');

/** What the list shows: the sort and the filters, as the window keeps them. */
export const DocumentListViewSchema = z
  .object({
    sort: z.enum(DOCUMENT_SORTS).optional(),
    descending: z.boolean().optional(),
    /** With `sort: 'mentions'`: the mentions of this label only. */
    sortLabel: z.string().max(100).optional(),
    /** Words that must all appear in the title or the outlet (case and accents ignored). */
    text: z.string().max(200).optional(),
    status: z.enum(STATUSES).optional(),
    /** Only documents with at least one mention of this label. */
    label: z.string().max(100).optional(),
    /** Only documents dated on or after / on or before (a year, month or day). */
    from: day.optional(),
    to: day.optional(),
    /** Only documents this colleague has labelled (started, done or reviewed). */
    labeller: z.string().max(100).optional(),
    /** Only documents with review items nobody has decided yet. */
    undecided: z.boolean().optional(),
  })
  .strict();
export type DocumentListView = z.infer<typeof DocumentListViewSchema>;

export const DocumentPageQuerySchema = DocumentListViewSchema.extend({
  offset: z.number().int().nonnegative().max(10_000_000),
  limit: z.number().int().min(0).max(1000),
  /** Also say where this document stands in the sorted, filtered list (`index`, -1 when it is filtered out). */
  locate: z.string().max(200).optional(),
}).strict();
export type DocumentPageQuery = z.infer<typeof DocumentPageQuerySchema>;

export interface DocumentPage {
  rows: DocumentSummary[];
  total: number;
  /** Where the first row of this page stands in the whole sorted, filtered list. */
  offset: number;
  /** With `locate`: that document's place in the list, or -1. */
  index?: number;
}

/** Colleagues who are done with (or reviewed) the document. */
export function progressOf(d: DocumentSummary): number {
  return (d.labellers ?? []).filter((l) => l.status === 'done' || l.status === 'reviewed').length;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const text = (a: string | undefined, b: string | undefined) => collator.compare(a ?? '', b ?? '');
const byKey: Record<DocumentSort, ((a: DocumentSummary, b: DocumentSummary) => number) | null> = {
  added: null,
  title: (a, b) => text(a.title, b.title),
  outlet: (a, b) => text(a.outlet, b.outlet),
  // Undated documents (or dates without a year) last.
  date: (a, b) => text(isoDate(a.date) ?? '\uffff', isoDate(b.date) ?? '\uffff'),
  status: (a, b) => STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status),
  mentions: (a, b) => a.mentionCount - b.mentionCount,
  progress: (a, b) => progressOf(a) - progressOf(b),
  undecided: (a, b) => (a.undecided ?? 0) - (b.undecided ?? 0),
};

/** The key a view is cached under: equal keys list the same documents in the same order. */
export function viewKey(v: DocumentListView): string {
  return JSON.stringify([v.sort ?? 'added', !!v.descending, v.sortLabel ?? '', normalizeName(v.text ?? ''), v.status ?? '', v.label ?? '', v.from ?? '', v.to ?? '', v.labeller ?? '', !!v.undecided]);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const isoDates = new Map<string, string | undefined>();

/**
 * A document's date as YYYY, YYYY-MM or YYYY-MM-DD, read from what the article
 * said ("2016-09-10", "August 27th, 2016", "8 September 2016", "10.09.2016",
 * "Sept. 2016"); undefined without a year, or when it cannot be told apart
 * (09/10/2016 is September or October).
 */
export function isoDate(date: string | undefined): string | undefined {
  if (!date) return undefined;
  if (isoDates.has(date)) return isoDates.get(date);
  const two = (n: number) => String(n).padStart(2, '0');
  let out: string | undefined;
  const iso = /^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T\s]|$)/.exec(date);
  const dotted = /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/.exec(date);
  const year = /\b(1[89]\d{2}|2\d{3})\b/.exec(date)?.[1];
  if (iso) out = [iso[1], iso[2] && two(+iso[2]), iso[3] && two(+iso[3])].filter(Boolean).join('-');
  else if (dotted) out = `${dotted[3]}-${two(+dotted[2])}-${two(+dotted[1])}`;
  else if (year) {
    const lower = date.toLowerCase();
    const month = MONTHS.findIndex((m) => new RegExp(`\\b${m}[a-z]*\\.?(\\b|\\s|$)`).test(lower));
    if (month < 0) out = year;
    else {
      // The day: a number of one or two digits (with an ordinal ending) that is not the year.
      const day = /\b(\d{1,2})(?:st|nd|rd|th)?\b/.exec(lower.replace(year, ' '))?.[1];
      out = `${year}-${two(month + 1)}${day && +day >= 1 && +day <= 31 ? `-${two(+day)}` : ''}`;
    }
  }
  if (isoDates.size > 100_000) isoDates.clear();
  isoDates.set(date, out);
  return out;
}

/** Whether a document's date (any precision) falls in [from, to], each bound by its own precision. */
function inDates(raw: string | undefined, from: string | undefined, to: string | undefined): boolean {
  if (!from && !to) return true;
  const date = isoDate(raw);
  if (!date) return false;
  return (!from || date.slice(0, from.length) >= from) && (!to || date.slice(0, to.length) <= to);
}

/** The rows of `all` (in the order documents were added) that `view` shows, in its order. */
export function listOf(all: readonly DocumentSummary[], view: DocumentListView): DocumentSummary[] {
  const words = normalizeName(view.text ?? '').split(' ').filter(Boolean);
  let rows = all.filter(
    (d) =>
      (!view.status || d.status === view.status) &&
      (!view.label || (d.labelCounts[view.label] ?? 0) > 0) &&
      (!view.undecided || (d.undecided ?? 0) > 0) &&
      (!view.labeller || (d.labellers ?? []).some((l) => l.annotator === view.labeller)) &&
      inDates(d.date, view.from, view.to) &&
      (words.length === 0 || matchesWords(d, words)),
  );
  const sortLabel = view.sortLabel;
  const compare = view.sort === 'mentions' && sortLabel ? (a: DocumentSummary, b: DocumentSummary) => (a.labelCounts[sortLabel] ?? 0) - (b.labelCounts[sortLabel] ?? 0) : byKey[view.sort ?? 'added'];
  // A stable sort: equal keys keep the order documents were added in, whichever way the list runs.
  if (compare) rows = rows.sort(view.descending ? (a, b) => compare(b, a) : compare);
  else if (view.descending) rows = rows.reverse();
  return rows;
}

/** Titles and outlets as the text filter compares them, normalized once per summary. */
const hays = new WeakMap<DocumentSummary, string>();
function matchesWords(d: DocumentSummary, words: readonly string[]): boolean {
  let h = hays.get(d);
  if (h === undefined) hays.set(d, (h = normalizeName(`${d.title} ${d.outlet ?? ''}`)));
  return words.every((w) => h.includes(w));
}

/** One page of a list made by `listOf`. */
export function pageFrom(rows: readonly DocumentSummary[], query: DocumentPageQuery): DocumentPage {
  const page: DocumentPage = { rows: rows.slice(query.offset, query.offset + query.limit), total: rows.length, offset: query.offset };
  if (query.locate !== undefined) page.index = rows.findIndex((d) => d.id === query.locate);
  return page;
}

/** The page of `all` that `query` asks for. */
export function pageOf(all: readonly DocumentSummary[], query: DocumentPageQuery): DocumentPage {
  return pageFrom(listOf(all, query), query);
}
