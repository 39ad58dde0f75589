/** The review part of the API: several analysts' layers side by side, agreement, and decisions into gold. */
import { GOLD } from '../../core/model';
import { historyOf, type LayerEdits } from '../annotations/layerEdits';
import type { ApiContext, HandlersOf } from '../context';
import { acceptAgreedChange, agreementFor, annotatorSummaries, frameDecision, goldDifferencesOf, mentionDecision, reviewDocument, reviewProgress, reviewState } from './service';

export function createReviewHandlers(session: ApiContext, edits: LayerEdits): HandlersOf<'review'> {
  const ws = () => session.workspace;
  const { commit, decideInGold } = edits;
  return {
    'review.annotators': async () => annotatorSummaries(ws()),
    'review.document': async ({ docId, annotators }) => reviewDocument(ws(), docId, annotators, historyOf),
    'review.agreement': async ({ annotators, docId }) => agreementFor(ws(), annotators, docId),
    'review.decideMention': async ({ docId, annotators, key, decision }) => ({
      history: await decideInGold(docId, mentionDecision(await reviewState(ws(), docId, annotators), key, decision)),
    }),
    'review.decideFrame': async ({ docId, annotators, key, decision }) => ({
      history: await decideInGold(docId, frameDecision(await reviewState(ws(), docId, annotators), key, decision)),
    }),
    'review.acceptAgreed': async ({ docId, annotators, linkDifferences }) => {
      const { result: r, linkOnly } = await acceptAgreedChange(ws(), docId, annotators, { linkDifferences, by: session.annotator });
      if (!r) return { mentions: 0, frames: 0, linkOnly, history: historyOf((await ws().layer(GOLD, docId)).data) };
      return { mentions: r.mentions, frames: r.frames, linkOnly, ...(await commit(docId, r.change, 'gold')) };
    },
    'review.progress': async ({ annotators }) => reviewProgress(ws(), annotators),
    'review.goldDifferences': async ({ annotator }) => goldDifferencesOf(ws(), annotator ?? session.annotator),
  };
}
