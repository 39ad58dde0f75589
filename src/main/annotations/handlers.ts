/** The annotations part of the API: one layer's mentions and frames, a change to it, and its undo and redo. */
import { redo, undo } from '../../core/changes';
import type { HandlersOf, ApiContext } from '../context';
import type { SuggestService } from '../suggest/service';
import { checkRevision } from '../workspace';
import { historyOf, type LayerEdits } from './layerEdits';
import { keepRecent, readRecent } from './recent';

export function createAnnotationHandlers(session: ApiContext, edits: LayerEdits, recommender: SuggestService): HandlersOf<'annotations'> {
  const ws = () => session.workspace;
  const { annotatorOf, refuseStale, commit } = edits;
  return {
    'annotations.get': async ({ docId }) => {
      const { mentions, frames } = (await ws().layer(session.annotator, docId)).data;
      return { mentions, frames };
    },
    'annotations.change': async ({ docId, change, layer, baseRevision }) => {
      const result = await commit(docId, change, layer, baseRevision);
      // A document marked done teaches the recommender: it retrains in its worker, off this thread.
      if (change.op === 'setStatus' && change.after === 'done') recommender.retrainSoon();
      return result;
    },
    'annotations.undo': async ({ docId, layer, baseRevision }) =>
      ws().editLayer(annotatorOf(layer), docId, (l) => {
        checkRevision(l.revision ?? 0, baseRevision, `layer of ${l.annotator} on ${docId}`, ws().layerPath(l.annotator, docId));
        refuseStale(l);
        const change = undo(l);
        return { change, history: historyOf(l), revision: (l.revision ?? 0) + 1 };
      }),
    'annotations.redo': async ({ docId, layer, baseRevision }) =>
      ws().editLayer(annotatorOf(layer), docId, (l) => {
        checkRevision(l.revision ?? 0, baseRevision, `layer of ${l.annotator} on ${docId}`, ws().layerPath(l.annotator, docId));
        refuseStale(l);
        const change = redo(l);
        return { change, history: historyOf(l), revision: (l.revision ?? 0) + 1 };
      }),
    'annotations.recent': async () => readRecent(ws().root, session.annotator),
    'annotations.keepRecent': async ({ recent }) => {
      await keepRecent(ws().root, session.annotator, recent);
      return null;
    },
  };
}
