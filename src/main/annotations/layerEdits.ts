/**
 * Changing layers the way every namespace does: a change is checked against
 * the text and schema before it is applied, a layer made for another text is
 * never changed, and a change made on an older revision is refused.
 */
import type { HistoryState } from '../../core/api/annotations';
import type { GoldState } from '../../core/adjudicate';
import { commitChange, describeChange, onlySuggestions } from '../../core/changes';
import { ParleyError } from '../../core/errors';
import { GOLD, type Change, type Layer, type Mention } from '../../core/model';
import { checkChange } from '../../core/validate';
import type { ApiContext } from '../context';
import { goldStateOf } from '../review/service';
import { checkRevision, type BulkChange } from '../workspace';

export function historyOf(layer: Layer): HistoryState {
  const u = layer.history.undo.at(-1);
  const r = layer.history.redo.at(-1);
  return { undo: u ? describeChange(u) : null, redo: r ? describeChange(r) : null };
}

export type LayerEdits = ReturnType<typeof createLayerEdits>;

export function createLayerEdits(session: ApiContext) {
  const ws = () => session.workspace;

  const annotatorOf = (layer?: 'own' | 'gold') => (layer === 'gold' ? GOLD : session.annotator);

  /** A layer made for another text is never changed. */
  function refuseStale(layer: Layer): void {
    if (ws().isStale(layer)) {
      throw new ParleyError(
        'conflict',
        `the annotations for ${layer.docId} were made for a different version of its text; they are shown read-only and never re-applied`,
        ws().layerPath(layer.annotator, layer.docId),
      );
    }
  }

  /** Checks a change against the text and schema and applies it to a layer (in an edit or a bulk change). */
  function applyTo(l: Layer, change: Change, text: string): void {
    refuseStale(l);
    checkChange(change, text, ws().schema, l.mentions);
    commitChange(l, change);
    // Suggestions change nothing until accepted, the status included.
    if (l.status === 'not_started' && change.op !== 'setStatus' && !onlySuggestions(change)) l.status = 'in_progress';
  }

  /** One change of one layer (the analyst's own, or gold), through the layer's owner. */
  async function commit(docId: string, change: Change, layer?: 'own' | 'gold', baseRevision?: number): Promise<{ history: HistoryState; revision: number }> {
    const { text } = await ws().document(docId);
    return ws().editLayer(annotatorOf(layer), docId, (l) => {
      checkRevision(l.revision ?? 0, baseRevision, `layer of ${l.annotator} on ${docId}`, ws().layerPath(l.annotator, docId));
      applyTo(l, change, text);
      return { history: historyOf(l), revision: (l.revision ?? 0) + 1 };
    });
  }

  /** A review decision, built against gold as it is when the change is applied, so decisions queued one after another compose. */
  async function decideInGold(docId: string, build: (gold: GoldState) => Change): Promise<HistoryState> {
    const { text } = await ws().document(docId);
    return ws().editLayer(GOLD, docId, (l) => {
      applyTo(l, build(goldStateOf(l, session.annotator)), text);
      return historyOf(l);
    });
  }

  /** Applies `edit` to the mentions of every layer of every annotator, inside one bulk change. */
  async function rewriteAllLayers(tx: BulkChange, edit: (mentions: Mention[]) => Mention[] | null): Promise<void> {
    for (const annotator of await ws().annotators()) {
      for (const docId of await ws().layerIds(annotator)) {
        if (!ws().has(docId)) continue;
        const { layer } = await tx.layer(annotator, docId);
        const next = edit(layer.mentions);
        if (!next) continue;
        layer.mentions = next;
        // Undo entries refer to the old labels; a schema change starts the history afresh.
        layer.history = { undo: [], redo: [] };
        tx.setLayer(layer);
      }
    }
  }

  return { annotatorOf, refuseStale, applyTo, commit, decideInGold, rewriteAllLayers };
}
