/** Review: what the command that opens it runs, and its keys (bound while the screen shows). */
import { defineActions, registerActions, type ActionContext } from '../../app/registry';
import { acceptAgreed, acceptAll, closeReview, markReviewed, rejectCurrent, showTab, step, stepRow, takeVersion, toggleSideBySide, undoRedoDecision } from './actions';
import { derived, reviewSlice } from './slice';

registerActions({
  review: {
    pressed: (s) => s.screen === 'review',
    run: (app) => app.showScreen(app.state.screen === 'review' ? 'reader' : 'review'),
  },
});

const inReview = (c: ActionContext) => !reviewSlice.of(c.state).report && c.state.info !== null;
/** Deciding (not reading where gold differs). */
const deciding = (c: ActionContext) => inReview(c) && reviewSlice.of(c.state).tab === 'decide';
const currentItem = (c: ActionContext) => derived(reviewSlice.of(c.state), c.state.info!.schema).current;
const onItem = (c: ActionContext) => deciding(c) && currentItem(c) !== undefined;
const onFrame = (c: ActionContext) => deciding(c) && currentItem(c)?.type === 'frame';

/**
 * Review's keys, bound while the screen shows. Those that write gold (a decision, accept-agreed, reviewed) are in the
 * `review-panel` scope: they act only while the decisions panel has the keyboard, never from the text, the document
 * list or a field elsewhere.
 */
export const REVIEW_KEYS = defineActions({
  'review-undo': { when: inReview, run: (app) => void undoRedoDecision(app, 'undo') },
  'review-redo': { when: inReview, run: (app) => void undoRedoDecision(app, 'redo') },
  'review-next': { when: deciding, run: (app) => step(app, 1) },
  'review-previous': { when: deciding, run: (app) => step(app, -1) },
  'review-close': { when: inReview, run: closeReview },
  'review-field-down': { when: onFrame, run: (app) => stepRow(app, 1) },
  'review-field-up': { when: onFrame, run: (app) => stepRow(app, -1) },
  'review-accept-one': { when: onItem, run: (app, e) => takeVersion(app, Number(e?.key)) },
  'review-accept-all': { when: onItem, run: acceptAll },
  'review-reject': { when: onItem, run: rejectCurrent },
  'review-agreed': { when: deciding, run: (app) => void acceptAgreed(app) },
  'review-agreed-links': { when: deciding, run: (app) => void acceptAgreed(app, true) },
  'review-side-by-side': { when: deciding, run: toggleSideBySide },
  'review-reviewed': { when: deciding, run: (app) => void markReviewed(app) },
  'review-gold-differences': { when: inReview, run: (app) => showTab(app, reviewSlice.of(app.state).tab === 'gold' ? 'decide' : 'gold') },
});
