/** Review: what the command that opens it runs, and its keys (bound while the screen shows). */
import { defineActions, registerActions, type ActionContext } from '../../app/registry';
import { acceptAgreed, acceptAll, closeReview, markReviewed, rejectCurrent, step, stepRow, takeVersion, toggleSideBySide, undoRedoDecision } from './actions';
import { derived, reviewSlice } from './slice';

registerActions({
  review: {
    pressed: (s) => s.screen === 'review',
    run: (app) => app.showScreen(app.state.screen === 'review' ? 'reader' : 'review'),
  },
});

const inReview = (c: ActionContext) => !reviewSlice.of(c.state).report && c.state.info !== null;
const currentItem = (c: ActionContext) => derived(reviewSlice.of(c.state), c.state.info!.schema).current;
const onItem = (c: ActionContext) => inReview(c) && currentItem(c) !== undefined;
const onFrame = (c: ActionContext) => inReview(c) && currentItem(c)?.type === 'frame';

/** Review's keys, bound while the screen shows. */
export const REVIEW_KEYS = defineActions({
  'review-undo': { when: inReview, run: (app) => void undoRedoDecision(app, 'undo') },
  'review-redo': { when: inReview, run: (app) => void undoRedoDecision(app, 'redo') },
  'review-next': { when: inReview, run: (app) => step(app, 1) },
  'review-previous': { when: inReview, run: (app) => step(app, -1) },
  'review-close': { when: inReview, run: closeReview },
  'review-field-down': { when: onFrame, run: (app) => stepRow(app, 1) },
  'review-field-up': { when: onFrame, run: (app) => stepRow(app, -1) },
  'review-accept-one': { when: onItem, run: (app, e) => takeVersion(app, Number(e?.key)) },
  'review-accept-all': { when: onItem, run: acceptAll },
  'review-reject': { when: onItem, run: rejectCurrent },
  'review-agreed': { when: inReview, run: (app) => void acceptAgreed(app) },
  'review-side-by-side': { when: inReview, run: toggleSideBySide },
  'review-reviewed': { when: inReview, run: (app) => void markReviewed(app) },
});
