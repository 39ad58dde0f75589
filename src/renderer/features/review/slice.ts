/**
 * Review's state: whose layers are compared, the document under review and
 * its items, the item and field the keys act on, and how the screen shows
 * them. `derived` computes the items from it (once per review and view).
 */
import type { AnnotatorSummary, ReviewDocument, ReviewProgress } from '../../../core/api/review';
import type { GoldDifferences } from '../../../core/goldDiff';
import type { Entity, LabelSchema } from '../../../core/model';
import { linkOnly } from '../../../core/adjudicate';
import { frameReviewItems, reviewItems, type ReviewItem } from '../../../core/review';
import { defineSlice } from '../../app/store';
import { mergeItems, type AnyItem } from './items';

export interface ReviewState {
  /** Analysts with layers (gold left out). */
  available: AnnotatorSummary[];
  /** The analysts compared. */
  chosen: string[];
  docId: string | null;
  review: ReviewDocument | null;
  /** The item the keys act on, among those shown. */
  cursor: number;
  onlyDisagreements: boolean;
  /** The agreement report is open. */
  report: boolean;
  /** Per compared document: what is left to decide. */
  progress: ReviewProgress[];
  entities: ReadonlyMap<string, Entity>;
  sideBySide: boolean;
  /** The selected row of a frame item: 0 the whole frame, then its fields. */
  row: number;
  /** Deciding, or reading where gold differs from an analyst. */
  tab: 'decide' | 'gold';
  /** Whose layer is compared with gold (null: this window's analyst). */
  diffAnnotator: string | null;
  goldDifferences: GoldDifferences | null;
}

export const initialReview = (docId: string | null = null): ReviewState => ({
  available: [],
  chosen: [],
  docId,
  review: null,
  cursor: 0,
  onlyDisagreements: true,
  report: false,
  progress: [],
  entities: new Map(),
  sideBySide: false,
  row: 0,
  tab: 'decide',
  diffAnnotator: null,
  goldDifferences: null,
});

export const reviewSlice = defineSlice<ReviewState>('review', () => initialReview());

export interface ReviewItems {
  /** Layers that exist and were made for this text. */
  compared: string[];
  mentionItems: ReviewItem[];
  items: AnyItem[];
  shown: AnyItem[];
  /** The cursor, inside the items shown. */
  at: number;
  current: AnyItem | undefined;
  decisions: Readonly<Record<string, string>>;
  decided: number;
  /** Undecided items that agree on span and label and differ only in an entity link or note. */
  linkOnly: number;
}

let last: { review: ReviewDocument | null; only: boolean; schema: LabelSchema; items: Omit<ReviewItems, 'at' | 'current'> } | null = null;

/** The items of the document under review, as the screen steps through them. */
export function derived(s: ReviewState, schema: LabelSchema): ReviewItems {
  if (!last || last.review !== s.review || last.only !== s.onlyDisagreements || last.schema !== schema) {
    const usable = s.review ? s.review.layers.filter((l) => l.exists && !l.stale) : [];
    const order = new Map(schema.frameTypes.map((t) => [t.name, { roles: t.roles.map((r) => r.name), attributes: t.attributes.map((a) => a.name) }]));
    const mentionItems = reviewItems(usable);
    const items = mergeItems(mentionItems, frameReviewItems(usable, order));
    const decisions = s.review?.gold.decisions ?? {};
    const shown = s.onlyDisagreements ? items.filter((i) => i.item.kind !== 'agree') : items;
    last = {
      review: s.review,
      only: s.onlyDisagreements,
      schema,
      items: {
        compared: usable.map((l) => l.annotator),
        mentionItems,
        items,
        shown,
        decisions,
        decided: items.filter((i) => decisions[i.item.key]).length,
        linkOnly: mentionItems.filter((i) => !decisions[i.key] && linkOnly(i)).length,
      },
    };
  }
  const at = Math.min(s.cursor, last.items.shown.length - 1);
  return { ...last.items, at, current: last.items.shown[at] };
}
