/**
 * The workspace and the open document: loading the workspace, opening a
 * document (a long one grows as its text arrives), and changing its layer.
 * A change is applied to the open document first (the highlight paints in
 * the same frame) and saved through the API in order; a save refused because
 * the layer changed elsewhere reloads it and says what differs.
 */
import { startTransition } from 'react';
import type { Appearance } from '../../core/api/settings';
import type { WorkspaceInfo } from '../../core/api/workspace';
import { ApiError } from '../../core/api/transport';
import { conflictMessage, diffLayers } from '../../core/layerDiff';
import type { Change } from '../../core/model';
import { api } from '../api';
import { OpenDocument } from '../document/openDocument';
import { rowAfter, type DocListPager } from './docList';
import type { AppCore, RecentChange } from './state';

/** A long document opens with the text and mentions of about this many characters: several screens' worth. */
const FIRST_SCREENS_CHARS = 50_000;
/** The rest of a long text arrives in parts of about this many characters, so no one part holds the window up for long. */
const TEXT_PART_CHARS = 1_000_000;

export async function openDoc(app: AppCore, id: string): Promise<void> {
  app.set({ loading: true });
  try {
    await app.saves.idle();
    const opened = await api.documents.open({ docId: id, mentionsBefore: FIRST_SCREENS_CHARS, textBefore: FIRST_SCREENS_CHARS });
    const doc = new OpenDocument(opened);
    app.set({ doc, focusedId: null, frameId: null, armedRole: null });
    await completeDoc(app, doc, opened.complete);
    // Another document was opened while this one was still arriving: that one is what the address names.
    if (app.state.doc !== doc) return;
    history.replaceState(null, '', `${location.pathname}${location.search}#doc=${encodeURIComponent(id)}`);
    void api.settings.setLastDocument({ docId: id }).catch(() => undefined);
  } catch (e) {
    app.fail(e, 'Opening the document');
  } finally {
    app.set({ loading: false });
  }
}

/** Fetches the rest of a document opened with its first screens: its text part by part, and its mentions beside. */
async function completeDoc(app: AppCore, doc: OpenDocument, mentionsComplete: boolean): Promise<void> {
  const docId = doc.doc.id;
  const gone = () => doc.replaced || app.state.doc !== doc;
  // The first screen is painted before the rest arrives and takes the thread to decode it.
  if (!doc.complete) await afterPaint();
  // The layer is asked for at once, beside the text's parts (so a failed part leaves no rejection unheard).
  const content = mentionsComplete ? null : api.annotations.get({ docId });
  content?.catch(() => undefined);
  while (!doc.textComplete) {
    const { text } = await api.documents.text({ docId, from: doc.text.length, chars: TEXT_PART_CHARS });
    if (gone()) return;
    // Documents never change, so an empty part means the text is not what was opened.
    if (!text) throw new Error(`${doc.doc.title} ended after ${doc.text.length} of its ${doc.chars} characters: reopen it`);
    doc.appendText(text);
  }
  if (!content) return;
  const layer = await content;
  if (!gone()) doc.completeWith(layer);
}

export async function loadWorkspace(app: AppCore, pager: DocListPager, preferDoc: string | null): Promise<void> {
  const asked = early ?? askWorkspace();
  early = null;
  const [info, askedAppearance] = await asked;
  const appearance = askedAppearance ?? app.state.appearance;
  // The list's first page, not the corpus: the rows below arrive as the list scrolls to them.
  // Asked before the workspace renders, so main counts it while the window draws.
  const want = preferDoc ?? info.lastDocId;
  const { view, page: asking, shown } = pager.firstPage(info.path, want);
  const first = Promise.all([asking, api.entities.list({})]);
  app.set({ info, appearance });
  const [page, entities] = await first;
  const list = shown(page);
  if (list) app.set({ ...list, entities });
  app.emit('workspaceLoaded');
  // Filtered out of the list is not gone: the document last open opens again.
  if (want && ((page.index ?? -1) >= 0 || Object.keys(view).length > 0)) await openDoc(app, want);
  else app.set({ doc: null });
  if (info.problems.length) app.toast(`${info.problems.length} file(s) could not be read: ${info.problems.map((p) => p.file).join(', ')}`);
}

/**
 * Applies a change at once, drawn as not saved until main acknowledges it,
 * then saves it. While the server does not answer the save is tried again
 * and a notice stays in view; a save main refuses takes the change off by
 * reloading the document, and says so.
 */
export function change(app: AppCore, c: Change): void {
  const s = app.state.doc;
  if (!s || s.stale) return;
  if (!s.complete) {
    app.toast('Still loading this document’s labels: try again in a moment.', 'info');
    return;
  }
  try {
    s.apply(c, true);
  } catch (e) {
    app.fail(e);
    return;
  }
  app.saves.push(() => save(app, s, c));
}

/** Waits before sending a save again while the server does not answer: soon at first, then every 10 s. */
const RETRY_MS = [1000, 2000, 4000, 8000, 10_000];

async function save(app: AppCore, s: OpenDocument, c: Change): Promise<void> {
  // Sent once the highlight is painted: building and sending the request costs the frame a few milliseconds.
  await afterPaint();
  for (let attempt = 0; !s.replaced; attempt++) {
    try {
      const r = await api.annotations.change({ docId: s.doc.id, change: c, baseRevision: s.revision });
      s.revision = r.revision ?? s.revision + 1;
      s.setHistory(r.history);
      s.acknowledge(c);
      remember(app, s, c, 'change');
      app.saved();
      if (attempt > 0) app.toast(`Saved ${describe(c)}: Parley's server answers again.`, 'info');
      startTransition(() => app.set((st) => ({ list: rowAfter(st.list, s) })));
      return;
    } catch (e) {
      if (e instanceof ApiError && e.code === 'unreachable') {
        app.set({ unsaved: { changes: app.saves.size, why: e.message, retryIn: RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)] } });
        await app.retryWait(RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]);
        continue;
      }
      s.replaced = true;
      app.set({ unsaved: null });
      if (e instanceof ApiError && e.code === 'conflict' && !s.stale) return reloadAfterConflict(app, s);
      app.fail(e, `Saving ${describe(c)}`, 'It is not saved: the document is reloaded from disk and shows only what is saved. Make the change again.');
      // Not awaited: the reload waits for the save queue, which this save is still part of.
      void openDoc(app, s.doc.id);
      return;
    }
  }
}

/**
 * A save was refused because the layer was changed elsewhere (another tab,
 * window or client) since this view loaded it: shows the layer as saved and
 * says what differs from what the analyst saw. Nothing is overwritten.
 */
async function reloadAfterConflict(app: AppCore, s: OpenDocument): Promise<void> {
  try {
    const opened = await api.documents.open({ docId: s.doc.id });
    app.toast(conflictMessage(s.doc.title, diffLayers(s.layer, opened.layer)));
    if (app.state.doc !== s) return;
    const doc = new OpenDocument(opened);
    app.set((st) => ({ doc, focusedId: st.focusedId && doc.mention(st.focusedId) ? st.focusedId : null, frameId: null, armedRole: null }));
    void app.refreshDocs();
  } catch (e) {
    app.fail(e, 'Reloading the document');
  }
}

export function undoRedo(app: AppCore, which: 'undo' | 'redo'): void {
  const s = app.state.doc;
  if (!s || s.stale) return;
  app.saves.push(async () => {
    if (s.replaced) return;
    try {
      const args = { docId: s.doc.id, baseRevision: s.revision };
      const r = await (which === 'undo' ? api.annotations.undo(args) : api.annotations.redo(args));
      if (r.change) s.apply(r.change);
      if (r.change) remember(app, s, r.change, which);
      if (r.revision !== undefined) s.revision = r.revision;
      s.setHistory(r.history);
      app.saved();
      app.set((st) => ({ list: rowAfter(st.list, s) }));
      if (r.change) app.toast(`${which === 'undo' ? 'Undid' : 'Redid'} ${describe(r.change)}`, 'info');
      app.focusMentionId((f) => (f && s.mention(f) ? f : null));
      app.emit('layerUndone');
    } catch (e) {
      if (e instanceof ApiError && e.code === 'conflict' && !s.stale) {
        s.replaced = true;
        return reloadAfterConflict(app, s);
      }
      app.fail(e, which === 'undo' ? 'Undo' : 'Redo');
    }
  });
}

/** How many saved changes the list of recent changes keeps. */
const RECENT_KEPT = 100;
let recentIds = 0;

/**
 * Lists a change main acknowledged. An undo marks the newest change of the
 * document not yet undone as undone; a redo brings the latest undone one back.
 */
function remember(app: AppCore, s: OpenDocument, change: Change, kind: RecentChange['kind']): void {
  app.set((st) => {
    let recent = st.recent;
    if (kind !== 'change') {
      const undone = kind === 'undo';
      const i = recent.findIndex((r) => r.docId === s.doc.id && r.kind === 'change' && r.undone !== undone);
      const target = undone ? i : recent.findLastIndex((r, j) => j <= (i < 0 ? recent.length : i) && r.docId === s.doc.id && r.kind === 'change' && r.undone);
      if (target >= 0) recent = recent.map((r, j) => (j === target ? { ...r, undone } : r));
    }
    const entry: RecentChange = { id: ++recentIds, docId: s.doc.id, title: s.doc.title, change, at: Date.now(), undone: false, kind };
    return { recent: [entry, ...recent].slice(0, RECENT_KEPT) };
  });
}

/** Lists a schema step run from this window (it changed every layer, so it names no document); Ctrl+Z undoes it while it is the newest entry. */
export function rememberSchemaStep(app: AppCore, version: number, summary: string): void {
  const change: Change = { op: 'batch', title: summary, changes: [] };
  const entry: RecentChange = { id: ++recentIds, docId: '', title: 'every layer', change, at: Date.now(), undone: false, kind: 'schema', schemaVersion: version };
  app.set((st) => ({ recent: [entry, ...st.recent].slice(0, RECENT_KEPT) }));
}

/** A schema step undone: its entry says so. */
export function schemaStepUndone(app: AppCore, version: number): void {
  app.set((st) => ({ recent: st.recent.map((r) => (r.kind === 'schema' && r.schemaVersion === version ? { ...r, undone: true } : r)) }));
}

/** Resolves once the next frame is painted (or soon, in a window that paints no frames: hidden). */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 200);
  });
}

function describe(c: Change): string {
  switch (c.op) {
    case 'addMention':
    case 'removeMention':
      return `“${c.mention.quote}”`;
    case 'updateMention':
      return `“${c.after.quote}”`;
    case 'batch':
      return c.title;
    default:
      return c.op.replace(/([A-Z])/g, ' $1').toLowerCase();
  }
}

const askWorkspace = (): Promise<[WorkspaceInfo, Appearance | null]> => Promise.all([api.workspace.info({}), api.settings.appearance({}).catch(() => null)]);

/** The workspace and the appearance, asked for as the page loads (before React's first render); the first load uses them. */
let early: Promise<[WorkspaceInfo, Appearance | null]> | null = null;
export function askForWorkspaceEarly(): void {
  early = askWorkspace();
  // Whoever loads the workspace reports a failure; until then it is not unhandled.
  early.catch(() => undefined);
}
