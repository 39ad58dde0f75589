/**
 * A colleague's layer over the reader's text, read-only: fetched from main
 * (which refuses it while blind annotation keeps this analyst to their own
 * layer) and handed to the open document as marks that are never part of
 * its layer, so nothing of it is ever edited or saved as the analyst's own.
 */
import { api } from '../../api';
import type { AppStore } from '../../app/store';
import type { OpenDocument } from '../../document/openDocument';
import { colleagueSlice } from './slice';

/** Draws `annotator`'s mentions over the open document, or none (null). */
export async function showColleague(app: AppStore, annotator: string | null): Promise<void> {
  colleagueSlice.set(app, { shown: annotator });
  const doc = app.state.doc;
  if (doc) await drawOn(app, doc);
}

/** Which colleagues the open document can show, and the chosen one's marks on it (called as a document opens). */
export async function loadColleagues(app: AppStore, doc: OpenDocument): Promise<void> {
  let available: string[];
  try {
    available = await api.annotations.colleagues({ docId: doc.doc.id });
  } catch (e) {
    return app.fail(e, 'Listing the colleagues who labelled this document');
  }
  if (app.state.doc !== doc) return;
  colleagueSlice.set(app, { available });
  await drawOn(app, doc);
}

async function drawOn(app: AppStore, doc: OpenDocument): Promise<void> {
  const { shown, available } = colleagueSlice.of(app.state);
  if (!shown || !available.includes(shown)) {
    doc.setColleague(null, null);
    colleagueSlice.set(app, { drawn: null });
    return;
  }
  try {
    const layer = await api.annotations.colleague({ docId: doc.doc.id, annotator: shown });
    // Another document or another colleague was chosen meanwhile.
    if (app.state.doc !== doc || colleagueSlice.of(app.state).shown !== shown) return;
    doc.setColleague(shown, layer);
    colleagueSlice.set(app, { drawn: { docId: doc.doc.id, annotator: shown, mentions: layer.mentions.length, frames: layer.frames.length, exists: layer.exists && !layer.stale } });
  } catch (e) {
    doc.setColleague(null, null);
    colleagueSlice.set(app, { shown: null, drawn: null });
    app.fail(e, `Showing ${shown}'s labels`);
  }
}

/** The key: the next colleague's layer, then none. */
export function cycleColleague(app: AppStore): void {
  const { shown, available } = colleagueSlice.of(app.state);
  if (!available.length) return app.toast('No colleague’s labels to show on this document (none labelled it, or blind annotation keeps you to your own).', 'info');
  const choices = [null, ...available];
  const next = choices[(choices.indexOf(shown) + 1) % choices.length];
  void showColleague(app, next);
  app.toast(next ? `Showing ${next}’s labels, read-only` : 'Colleague’s labels hidden', 'info');
}
