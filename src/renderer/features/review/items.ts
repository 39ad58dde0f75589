/** Review items of one document as the view steps through them: mentions and frames in text order, each with its state. */
import type { ReviewDocument } from '../../../core/api/review';
import type { Entity, Frame, Mention, RoleFiller } from '../../../core/model';
import { FRAME_ITEM_KIND_NAMES, ITEM_KIND_NAMES, type FrameReviewItem, type ReviewItem } from '../../../core/review';

export type AnyItem = { type: 'mention'; item: ReviewItem } | { type: 'frame'; item: FrameReviewItem };

/** What the curation view colours an item by; `link`: agreed on span and label, the entity link or note differs. */
export type ItemState = 'agreed' | 'link' | 'differs' | 'one-only' | 'decided';

export const STATE_NAMES: Record<ItemState, string> = { agreed: 'agreed', link: 'link or note differs', differs: 'differs', 'one-only': 'one only', decided: 'decided' };

/** The legend's order, and which state a span with several undecided items shows (the last that applies). */
export const STATES: readonly ItemState[] = ['decided', 'agreed', 'link', 'one-only', 'differs'];

export function stateOf(it: AnyItem, decisions: Readonly<Record<string, string>>): ItemState {
  if (decisions[it.item.key]) return 'decided';
  if (it.item.kind === 'agree') return 'agreed';
  if (it.item.kind === 'link') return 'link';
  return it.item.kind === 'single' ? 'one-only' : 'differs';
}

/** One mark of the curation text: a span any analyst marked, with the items it belongs to. */
export interface CurationSpan {
  id: string;
  start: number;
  end: number;
  quote: string;
  /** The labels the analysts gave this span, each once. */
  labels: string[];
  state: ItemState;
  items: ReviewItem[];
}

export const spanId = (start: number, end: number) => `span:${start}-${end}`;

/** One mark per span, however many analysts marked it: coloured by the state of its items (an undecided one first). */
export function curationSpans(items: readonly ReviewItem[], decisions: Readonly<Record<string, string>>): Map<string, CurationSpan> {
  const out = new Map<string, CurationSpan>();
  for (const item of items) {
    const state = stateOf({ type: 'mention', item }, decisions);
    for (const m of Object.values(item.byAnnotator).flat()) {
      const id = spanId(m.start, m.end);
      const s = out.get(id) ?? { id, start: m.start, end: m.end, quote: m.quote, labels: [], state, items: [] };
      if (!s.labels.includes(m.label)) s.labels.push(m.label);
      if (!s.items.includes(item)) s.items.push(item);
      if (STATES.indexOf(state) > STATES.indexOf(s.state)) s.state = state;
      out.set(id, s);
    }
  }
  return out;
}

/** Each analyst's mentions at one span, and those of the same items at other spans (an overlapping version). */
export function versionsAt(span: CurationSpan, annotator: string): { here: Mention[]; nearby: Mention[] } {
  const all = span.items.flatMap((i) => i.byAnnotator[annotator] ?? []);
  const here = all.filter((m) => m.start === span.start && m.end === span.end);
  return { here, nearby: all.filter((m) => !here.includes(m)) };
}

/** A mention as a reviewer compares it: label, quote, entity and note. */
export function mentionLine(m: Mention, entities: ReadonlyMap<string, Entity>): string {
  const entity = m.entityId ? ` → ${entities.get(m.entityId)?.name ?? m.entityId}` : '';
  const note = m.note?.trim() ? ` (note: ${m.note.trim()})` : '';
  return `${m.label} “${m.quote}”${entity}${note}`;
}

export function kindName(it: AnyItem): string {
  return it.type === 'mention' ? ITEM_KIND_NAMES[it.item.kind] : FRAME_ITEM_KIND_NAMES[it.item.kind];
}

export function mergeItems(mentions: readonly ReviewItem[], frames: readonly FrameReviewItem[]): AnyItem[] {
  const all: AnyItem[] = [...mentions.map((item) => ({ type: 'mention' as const, item })), ...frames.map((item) => ({ type: 'frame' as const, item }))];
  return all.sort((a, b) => a.item.start - b.item.start || (a.type === b.type ? a.item.end - b.item.end : a.type === 'mention' ? -1 : 1));
}

/** The gold frames a frame item's decision wrote. */
export function goldFrames(review: ReviewDocument, item: FrameReviewItem): Frame[] {
  return review.gold.frames.filter((f) => f.id === item.goldId || f.id.startsWith(`${item.goldId}~`));
}

/** A role filler as a reviewer reads it: the mention's quote (and its entity), the entity's name, or the topic. */
export function fillerText(f: RoleFiller, mentions: readonly Mention[], entities: ReadonlyMap<string, Entity>): string {
  if (f.kind === 'topic') return `“${f.text}”`;
  if (f.kind === 'entity') return entities.get(f.entityId)?.name ?? f.entityId;
  if (f.kind === 'frame') return '(a frame)';
  const m = mentions.find((x) => x.id === f.mentionId);
  if (!m) return '(missing mention)';
  const e = m.entityId ? entities.get(m.entityId)?.name ?? m.entityId : null;
  return e && e !== m.quote ? `${m.quote} → ${e}` : m.quote;
}

/** One field of a frame as text. */
export function fieldText(frame: Frame | undefined, field: string, mentions: readonly Mention[], entities: ReadonlyMap<string, Entity>): string {
  if (!frame) return '';
  if (field === 'evidence') return `“${frame.evidence.quote}”`;
  if (field.startsWith('role:')) {
    const fillers = frame.roles[field.slice(5)] ?? [];
    return fillers.length ? fillers.map((f) => fillerText(f, mentions, entities)).join(', ') : '—';
  }
  return frame.attrs[field.slice(5)] ?? '—';
}
