/**
 * Corpus search, the pure part: what a query is, how it matches a text, and
 * how the structured filters (mention label, linked entity, frame type with an
 * attribute value, layer status) narrow the hits. Offsets are JavaScript
 * string indices, like every offset in the model.
 */
import { z } from 'zod';
import { ParleyError } from './errors';
import { AnnotatorNameSchema, STATUSES, type Layer } from './model';

export const SEARCH_MODES = ['text', 'phrase', 'regex'] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];

export const SearchQuerySchema = z
  .object({
    /** What to look for; empty lists the mentions or frames the filters pick. */
    text: z.string().max(2_000).default(''),
    /** text: the characters as typed; phrase: the words in order, any spacing between; regex: a JavaScript regular expression. */
    mode: z.enum(SEARCH_MODES).default('text'),
    wholeWord: z.boolean().default(true),
    caseSensitive: z.boolean().default(false),
    /** Hits inside a mention with this label. */
    label: z.string().min(1).max(100).optional(),
    /** Hits inside a mention linked to this entity. */
    entityId: z.string().min(1).max(200).optional(),
    /** Hits inside the evidence of a frame of this type. */
    frameType: z.string().min(1).max(100).optional(),
    /** ...whose attribute has this value ("polarity=against"). */
    frameAttr: z.object({ name: z.string().min(1).max(100), value: z.string().min(1).max(100) }).strict().optional(),
    /** Whose layer the filters read; the analyst's own when left out. */
    annotator: AnnotatorNameSchema.optional(),
    /** Only documents whose layer has this status. */
    status: z.enum(STATUSES).optional(),
  })
  .strict();
export type SearchQuery = z.output<typeof SearchQuerySchema>;
export type SearchQueryInput = z.input<typeof SearchQuerySchema>;

/** One place in the corpus, as a concordance line shows it. */
export interface SearchHit {
  docId: string;
  title: string;
  start: number;
  end: number;
  quote: string;
  left: string;
  right: string;
}

/** A hit's position only; the worker keeps these and adds context per page. */
export interface HitSpan {
  start: number;
  end: number;
}

/** Letters, digits, marks and underscore make up a word; the index splits on everything else. */
const WORD_CHAR = '[\\p{L}\\p{N}\\p{M}_]';
const NOT_WORD = /[^\p{L}\p{N}\p{M}_]+/u;

/** The index's tokenizer: the words a whole-word match can start and end on. */
export function words(text: string): string[] {
  return text.split(NOT_WORD).filter(Boolean);
}

/** Escapes the syntax characters; "-" is left alone, since with the u flag "\-" outside a class is an error ("al-Bab" failed). */
function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function hasFilters(q: SearchQuery): boolean {
  return Boolean(q.label || q.entityId || q.frameType || q.frameAttr);
}

/** Whether the word index can narrow the documents to scan (it holds lower-cased whole words). */
export function indexTerms(q: SearchQuery): string[] | null {
  if (!q.text.trim() || q.mode === 'regex' || !q.wholeWord) return null;
  const terms = words(q.text).map((w) => w.toLowerCase());
  return terms.length > 0 ? terms : null;
}

/** The query as one global regular expression, or null when only the filters count. Bad patterns say what is wrong. */
export function compileQuery(q: SearchQuery): RegExp | null {
  const text = q.mode === 'regex' ? q.text : q.text.trim();
  if (!text) return null;
  let source: string;
  if (q.mode === 'regex') source = text;
  else if (q.mode === 'phrase') source = text.split(/\s+/).map(escapeRegExp).join('\\s+');
  else source = escapeRegExp(text);
  if (q.wholeWord && q.mode !== 'regex') source = `(?<!${WORD_CHAR})(?:${source})(?!${WORD_CHAR})`;
  try {
    return new RegExp(source, `gu${q.caseSensitive ? '' : 'i'}`);
  } catch (e) {
    throw new ParleyError('invalid_argument', `not a valid regular expression: ${(e as Error).message}`);
  }
}

/** Every match of the global `pattern` in `text`, in order; empty matches are skipped. The pattern is reused, not copied. */
export function matchAll(text: string, pattern: RegExp): HitSpan[] {
  const out: HitSpan[] = [];
  pattern.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = pattern.exec(text)) !== null) {
    if (m[0].length === 0) {
      pattern.lastIndex = m.index + 1;
      continue;
    }
    out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** The spans in a layer the filters pick: mentions (label, entity) and frame evidence (type, attribute). */
export function filterSpans(layer: Pick<Layer, 'mentions' | 'frames'>, q: SearchQuery): HitSpan[] {
  const spans: HitSpan[] = [];
  if (q.label || q.entityId) {
    for (const m of layer.mentions) {
      if (m.pending) continue;
      if (q.label && m.label !== q.label) continue;
      if (q.entityId && m.entityId !== q.entityId) continue;
      spans.push({ start: m.start, end: m.end });
    }
    if (!(q.frameType || q.frameAttr)) return spans;
  }
  if (q.frameType || q.frameAttr) {
    const frames: HitSpan[] = [];
    for (const f of layer.frames) {
      if (q.frameType && f.type !== q.frameType) continue;
      if (q.frameAttr && f.attrs[q.frameAttr.name] !== q.frameAttr.value) continue;
      frames.push({ start: f.evidence.start, end: f.evidence.end });
    }
    // Both kinds of filter: the mentions that lie inside a matching frame's evidence.
    if (q.label || q.entityId) return spans.filter((s) => frames.some((f) => f.start <= s.start && s.end <= f.end));
    return frames;
  }
  return spans;
}

/**
 * The hits in one document: text matches, kept when they lie inside a span the
 * filters pick; with no text, the picked spans themselves.
 */
export function documentHits(text: string, pattern: RegExp | null, spans: HitSpan[] | null): HitSpan[] {
  if (!pattern) {
    const out = (spans ?? []).filter((s) => s.end <= text.length && s.start < s.end);
    return out.sort((a, b) => a.start - b.start || a.end - b.end);
  }
  const found = matchAll(text, pattern);
  if (!spans) return found;
  return found.filter((h) => spans.some((s) => s.start <= h.start && h.end <= s.end));
}

const CONTEXT = 60;

/** Keyword in context: up to 60 characters each side, with line breaks and runs of spaces shown as one space. */
export function concordance(docId: string, title: string, text: string, h: HitSpan, width = CONTEXT): SearchHit {
  const flat = (s: string) => s.replace(/\s+/g, ' ');
  return {
    docId,
    title,
    start: h.start,
    end: h.end,
    quote: text.slice(h.start, h.end),
    left: flat(text.slice(Math.max(0, h.start - width), h.start)),
    right: flat(text.slice(h.end, h.end + width)),
  };
}
