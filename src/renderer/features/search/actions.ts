/** Search: its named actions on the app store. */
import type { SearchHit } from '../../../core/search';
import type { AppStore } from '../../app/store';

export function toggleSearch(app: AppStore): void {
  app.showScreen(app.state.screen === 'search' ? 'reader' : 'search');
}

const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

/** Opens the hit's document in the reader, scrolled to the hit, with the hit selected. */
export async function openHit(app: AppStore, hit: Pick<SearchHit, 'docId' | 'start' | 'end'>): Promise<void> {
  app.showScreen('reader');
  if (app.state.doc?.doc.id !== hit.docId) await app.openDoc(hit.docId);
  // The reader draws the document over the next frames; select once the hit's text is drawn.
  for (let i = 0; i < 30; i++) {
    await nextFrame();
    const view = app.view;
    if (!view || app.state.doc?.doc.id !== hit.docId) continue;
    if (!view.reveal(hit.start)) continue;
    view.select(hit.start, hit.end);
    if (view.selection()?.start === hit.start) return;
  }
}
