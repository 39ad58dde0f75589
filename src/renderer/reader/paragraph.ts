/**
 * One paragraph of the reader as Lexical nodes: its text, and the marks of
 * mentions, frame evidence and suggestions nested as the layout lanes them.
 * Called inside an editor update.
 */
import type { LexicalNode } from 'lexical';
import { layoutParagraph, type Run } from '../../core/layout';
import { mentionWords } from '../../core/text';
import type { Frame, Mention } from '../../core/model';
import type { MentionSuggestion } from '../../core/suggest/types';
import type { ColleagueMark, OpenDocument } from '../document/openDocument';
import { MentionMarkNode, ParagraphBlockNode, SourceTextNode, type MarkData } from './nodes';

/** How a suggested span is named in the page: start, end and label, which identify it. */
export function suggestionKey(s: { start: number; end: number; label: string }): string {
  return `${s.start}:${s.end}:${s.label}`;
}

/** Said of a mark whose save main has not acknowledged. */
const NOT_SAVED = ', not saved yet';

/** What the layout nests: mentions, the evidence spans of frames, suggestions, and a colleague's mentions. */
type Span =
  | Mention
  | { id: string; start: number; end: number; frame: Frame }
  | { id: string; start: number; end: number; suggestion: MentionSuggestion }
  | (ColleagueMark & { annotator: string });

/** How marks are coloured and named. */
export interface ViewStyle {
  color(label: string): string;
  frameColor(type: string): string;
  entityName(entityId: string): string | undefined;
  /** Review: the accessible name and comparison status of a mention, when they differ from the plain ones. */
  markName?(m: Mention): string;
  markStatus?(m: Mention): string | undefined;
}

/** Block `i` of the open document, with its marks. */
export function buildParagraph(store: OpenDocument, i: number, style: ViewStyle): ParagraphBlockNode {
  const block = store.blocks[i];
  const p = new ParagraphBlockNode(block.start);
  const spans: Span[] = [];
  // A discontinuous mention is drawn as its pieces, each a mark of the one mention, the gaps between them plain text.
  for (const m of store.mentionsInBlock(i)) {
    if (m.fragments) for (const [start, end] of m.fragments) spans.push({ ...m, start, end });
    else spans.push(m);
  }
  for (const f of store.framesInBlock(i)) spans.push({ id: f.id, start: f.evidence.start, end: f.evidence.end, frame: f });
  for (const g of store.suggestionsInBlock(i)) spans.push({ id: suggestionKey(g), start: g.start, end: g.end, suggestion: g });
  const who = store.colleague;
  if (who) for (const c of store.colleagueInBlock(i)) spans.push({ ...c, id: `${who}:${c.id}`, annotator: who });
  appendRuns(store, style, p, layoutParagraph(block.start, block.end, spans));
  return p;
}

function appendRuns(store: OpenDocument, style: ViewStyle, parent: ParagraphBlockNode | MentionMarkNode, runs: Run<Span>[]): void {
  const text = store.text;
  for (const run of runs) {
    if (run.kind === 'text') {
      parent.append(new SourceTextNode(text.slice(run.start, run.end), run.start));
      continue;
    }
    const data = markData(store, style, run.mention, run.start);
    // The label chip goes on a discontinuous mention's first piece only.
    const mark = new MentionMarkNode({ ...data, lane: run.lane, first: run.first && (data.piece === undefined || data.piece.startsWith('1/')) });
    appendRuns(store, style, mark, run.children);
    parent.append(mark as LexicalNode as MentionMarkNode);
  }
}

/** How one span is drawn: a frame's evidence, a suggestion, a colleague's mention, or one of the layer's own. */
function markData(store: OpenDocument, style: ViewStyle, span: Span, at: number): Omit<MarkData, 'lane' | 'first'> {
  if ('annotator' in span) return colleagueMarkData(span, style);
  if ('frame' in span) {
    return {
      kind: 'evidence',
      mentionId: span.id,
      label: span.frame.type,
      name: `${span.frame.type} evidence: ${span.frame.evidence.quote}${store.isUnsaved(span.id) ? NOT_SAVED : ''}`,
      unsaved: store.isUnsaved(span.id),
      color: style.frameColor(span.frame.type),
      pending: false,
    };
  }
  if ('suggestion' in span) {
    const g = span.suggestion;
    return {
      kind: 'suggestion',
      mentionId: span.id,
      label: g.label,
      name: `${g.label} suggestion, score ${g.score.toFixed(2)} (${g.source}): ${g.quote}`,
      title: `${g.label} · score ${g.score.toFixed(2)} · ${g.source}`,
      current: store.suggestionFocus === span.id,
      color: style.color(g.label),
      pending: true,
    };
  }
  // A piece of a discontinuous mention carries the piece's offsets; the mention itself is the store's.
  const m = span.fragments ? (store.mention(span.id) ?? span) : span;
  const entity = m.entityId ? style.entityName(m.entityId) : undefined;
  const unsaved = store.isUnsaved(m.id);
  // A piece is named by the pieces' words and which piece it is.
  const pieces = m.fragments;
  const piece = pieces ? pieces.findIndex(([s, e]) => s <= at && at < e) : -1;
  return {
    kind: 'mention',
    mentionId: m.id,
    label: m.label,
    name: (style.markName?.(m) ?? `${m.label}${m.pending ? ' suggestion' : ''}: ${mentionWords(m, ' … ')}${entity ? ` (${entity})` : ''}`) + (pieces ? `, piece ${piece + 1} of ${pieces.length}` : '') + (unsaved ? NOT_SAVED : ''),
    unsaved,
    status: style.markStatus?.(m),
    color: style.color(m.label),
    entityId: m.entityId,
    pending: m.pending === true,
    ...(pieces ? { piece: `${piece + 1}/${pieces.length}` } : {}),
  };
}

/** A colleague's mark: read-only, carrying no id of the analyst's layer, so no click, key or change ever reaches it as their own. */
function colleagueMarkData(span: ColleagueMark & { annotator: string }, style: ViewStyle): Omit<MarkData, 'lane' | 'first'> {
  const who = span.annotator;
  if ('frame' in span) {
    const f = span.frame;
    const attrs = Object.entries(f.attrs).map(([k, v]) => `${k} ${v}`);
    return {
      kind: 'colleague',
      evidence: true,
      mentionId: span.id,
      label: f.type,
      name: `${who}'s ${f.type} evidence: ${f.evidence.quote}${attrs.length ? ` (${attrs.join(', ')})` : ''}, read-only`,
      title: [`${who}: ${f.type}`, ...attrs, f.note ? `“${f.note}”` : ''].filter(Boolean).join(' · ') + ' (read-only)',
      owner: who,
      color: style.frameColor(f.type),
      pending: false,
    };
  }
  const c = span.mention;
  const entity = c.entityId ? style.entityName(c.entityId) : undefined;
  return {
    kind: 'colleague',
    mentionId: span.id,
    label: c.label,
    name: `${who}'s ${c.label}: ${c.quote}${entity ? ` (${entity})` : ''}, read-only`,
    title: `${who}: ${c.label}${entity ? ` · ${entity}` : ''}${c.note ? ` · “${c.note}”` : ''} (read-only)`,
    owner: who,
    color: style.color(c.label),
    pending: false,
  };
}
