/** The annotations part of the API: one layer's mentions and frames, a change to it, and its undo and redo. */
import { existsSync } from 'node:fs';
import { redo, undo } from '../../core/changes';
import { ParleyError } from '../../core/errors';
import { GOLD } from '../../core/model';
import type { HandlersOf, ApiContext } from '../context';
import type { SuggestService } from '../suggest/service';
import { checkRevision } from '../workspace';
import { historyOf, type LayerEdits } from './layerEdits';

export function createAnnotationHandlers(session: ApiContext, edits: LayerEdits, recommender: SuggestService): HandlersOf<'annotations'> {
  const ws = () => session.workspace;
  const { annotatorOf, refuseStale, commit } = edits;
  return {
    'annotations.get': async ({ docId }) => {
      const { mentions, frames } = (await ws().layer(session.annotator, docId)).data;
      return { mentions, frames };
    },
    'annotations.colleagues': async ({ docId }) => {
      ws().entry(docId);
      return (await ws().annotators()).filter((a) => a !== GOLD && a !== session.annotator && existsSync(ws().layerPath(a, docId))).sort();
    },
    'annotations.colleague': async ({ docId, annotator }) => {
      if (annotator === session.annotator) throw new ParleyError('invalid_argument', `${annotator} is the analyst at this window: their layer is the one being edited, not a colleague's`);
      if (annotator === GOLD) throw new ParleyError('invalid_argument', 'gold is not a colleague: Review shows gold beside the analysts’ layers');
      ws().entry(docId);
      const exists = existsSync(ws().layerPath(annotator, docId));
      if (!exists) return { annotator, exists, stale: false, mentions: [], frames: [] };
      const layer = (await ws().layer(annotator, docId)).data;
      // A layer made for another text is reported and shows nothing: its offsets mean nothing here.
      if (ws().isStale(layer)) return { annotator, exists, stale: true, mentions: [], frames: [] };
      return { annotator, exists, stale: false, mentions: layer.mentions.filter((m) => !m.pending), frames: layer.frames };
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
  };
}
