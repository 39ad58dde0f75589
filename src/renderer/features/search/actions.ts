/** Search: its named actions on the app store (state in the search slice). */
import type { IndexStatus, SearchPage } from '../../../core/api/search';
import type { SearchHit } from '../../../core/search';
import { api } from '../../api';
import type { AppStore } from '../../app/store';
import { freshVisit, searchSlice, type Found, type SearchForm, type SearchState } from './slice';

/** Hits drawn at most; the count covers all of them. */
export const SHOWN = 1_000;
const PAGE = 200;

const get = (app: AppStore): SearchState => searchSlice.of(app.state);
const set = (app: AppStore, patch: Partial<SearchState> | ((s: SearchState) => Partial<SearchState>)) => searchSlice.set(app, patch);

export function toggleSearch(app: AppStore): void {
  app.showScreen(app.state.screen === 'search' ? 'reader' : 'search');
}

/** The screen opens: the query and hits are where they were left; errors, choices and previews start afresh. */
export function enterSearch(app: AppStore): void {
  set(app, freshVisit());
}

export function editForm(app: AppStore, patch: Partial<SearchForm>): void {
  set(app, (s) => ({ form: { ...s.form, ...patch } }));
}

export async function runSearch(app: AppStore): Promise<void> {
  set(app, { error: null, preview: null, applied: null, picked: new Set(), cursor: 0 });
  const { form } = get(app);
  try {
    const query = {
      text: form.text,
      mode: form.mode,
      wholeWord: form.wholeWord,
      caseSensitive: form.caseSensitive,
      ...(form.label ? { label: form.label } : {}),
      ...(form.entityId ? { entityId: form.entityId } : {}),
    };
    const { searchId } = await api.search.start({ query });
    set(app, { found: { searchId, hits: [], total: 0, documents: 0, done: false, cancelled: false } });
  } catch (e) {
    set(app, { error: String((e as Error).message) });
  }
}

/** Whether a search still has hits or a count to bring in. */
export const following = (found: Found | null): found is Found => Boolean(found && !(found.done && found.hits.length >= Math.min(found.total, SHOWN)));

/** Brings in the running count, and hits until the first thousand are shown; `stopped` says the screen stopped following. */
export async function followSearch(app: AppStore, found: Found, stopped: () => boolean): Promise<void> {
  try {
    const want = found.hits.length < SHOWN ? Math.min(PAGE, SHOWN - found.hits.length) : 0;
    const p: SearchPage = await api.search.page({ searchId: found.searchId, offset: found.hits.length, limit: want });
    if (stopped()) return;
    if (p.error) set(app, { error: p.error.message });
    set(app, (s) => ({
      found: s.found && s.found.searchId === found.searchId ? { ...s.found, hits: [...s.found.hits, ...p.hits], total: p.total, documents: p.documents, done: p.done, cancelled: p.cancelled, scanned: p.scanned } : s.found,
    }));
  } catch (e) {
    set(app, { error: String((e as Error).message) });
  }
}

export function cancelSearch(app: AppStore): void {
  const { found } = get(app);
  if (found && !found.done) void api.search.cancel({ searchId: found.searchId }).catch(app.fail);
}

export function setCursor(app: AppStore, cursor: number): void {
  set(app, { cursor });
}

export function togglePick(app: AppStore, i: number): void {
  set(app, (s) => {
    const picked = new Set(s.picked);
    if (picked.has(i)) picked.delete(i);
    else picked.add(i);
    return { picked };
  });
}

export function setTag(app: AppStore, tag: Partial<SearchState['tag']>): void {
  set(app, (s) => ({ tag: { ...s.tag, ...tag }, preview: null }));
}

export function closePreview(app: AppStore): void {
  set(app, { preview: null });
}

const chosen = (s: SearchState) => (s.picked.size ? [...s.picked].sort((a, b) => a - b) : undefined);

export async function previewTagging(app: AppStore): Promise<void> {
  const s = get(app);
  if (!s.found || !s.tag.label) return;
  set(app, { applied: null });
  try {
    set(app, { preview: await api.search.tagPreview({ searchId: s.found.searchId, label: s.tag.label, entityId: s.tag.entityId || undefined, hits: chosen(s) }) });
  } catch (e) {
    app.fail(e);
  }
}

export async function tagHits(app: AppStore): Promise<void> {
  const s = get(app);
  if (!s.found || !s.tag.label) return;
  try {
    const r = await api.search.tagAll({ searchId: s.found.searchId, label: s.tag.label, entityId: s.tag.entityId || undefined, hits: chosen(s) });
    set(app, { preview: null });
    if (r.stepId) set(app, { applied: { stepId: r.stepId, text: `Tagged ${r.mentions} hit${r.mentions === 1 ? '' : 's'} as ${s.tag.label} in ${r.documents} document${r.documents === 1 ? '' : 's'}.` } });
    else app.toast('Nothing to tag: every hit is tagged already or overlaps a mention.', 'info');
    await afterLayersChanged(app);
  } catch (e) {
    app.fail(e);
  }
}

export async function untagHits(app: AppStore): Promise<void> {
  const { applied } = get(app);
  if (!applied) return;
  try {
    const r = await api.search.untag({ stepId: applied.stepId });
    set(app, { applied: null });
    app.toast(r.skipped.length ? `Undone in ${r.undone} documents; ${r.skipped.length} changed since and kept.` : `Undone in ${r.undone} document${r.undone === 1 ? '' : 's'}.`, 'info');
    await afterLayersChanged(app);
  } catch (e) {
    app.fail(e);
  }
}

async function afterLayersChanged(app: AppStore): Promise<void> {
  await app.refreshDocs();
  await app.reopenDoc();
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

/** How far the word index is; null when it cannot be asked (the next poll tries again). */
export async function indexStatus(): Promise<IndexStatus | null> {
  try {
    return await api.search.indexStatus({});
  } catch {
    return null;
  }
}
