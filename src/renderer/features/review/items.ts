/** Review items of one document as the view steps through them: mentions and frames in text order, each with its state. */
import type { ReviewDocument } from '../../../core/api/review';
import type { Entity, Frame, Mention, RoleFiller } from '../../../core/model';
import { FRAME_ITEM_KIND_NAMES, ITEM_KIND_NAMES, type FrameReviewItem, type ReviewItem } from '../../../core/review';

export type AnyItem = { type: 'mention'; item: ReviewItem } | { type: 'frame'; item: FrameReviewItem };

/** What the curation view colours an item by. */
export type ItemState = 'agreed' | 'differs' | 'one-only' | 'decided';

export const STATE_NAMES: Record<ItemState, string> = { agreed: 'agreed', differs: 'differs', 'one-only': 'one only', decided: 'decided' };

export function stateOf(it: AnyItem, decisions: Readonly<Record<string, string>>): ItemState {
  if (decisions[it.item.key]) return 'decided';
  if (it.item.kind === 'agree') return 'agreed';
  return it.item.kind === 'single' ? 'one-only' : 'differs';
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

/** The gold mentions in a mention item's range. */
export function goldMentions(review: ReviewDocument, item: ReviewItem): Mention[] {
  return review.gold.mentions.filter((m) => m.start < item.end && item.start < m.end);
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
