/**
 * The app store: the one place the workbench's state lives (workspace,
 * document list, open document, what is selected, which screen and dialog
 * are showing, toasts). State changes go through its named actions or the
 * actions of a feature module (`features/<feature>/actions.ts`), so a bug has
 * one place to live. Key handlers read `app.state`, which is always current:
 * a key pressed before React re-renders sees the latest selection.
 */
import { createContext, startTransition, useContext, useDeferredValue, useSyncExternalStore } from 'react';
import type { DocumentSummary } from '../../core/api/documents';
import type { Suggestion } from '../../core/api/entities';
import type { FrameRow } from '../../core/api/frames';
import type { LabelUse } from '../../core/api/schema';
import type { Appearance } from '../../core/api/settings';
import type { WorkspaceInfo } from '../../core/api/workspace';
import { AppearanceSchema } from '../../core/api/settings';
import { ApiError } from '../../core/api/transport';
import { countLayer } from '../../core/changes';
import { DocumentListViewSchema, type DocumentListView, type DocumentPage } from '../../core/documentPage';
import { formatError } from '../../core/errors';
import { conflictMessage, diffLayers } from '../../core/layerDiff';
import type { Change, Entity, LabelDef } from '../../core/model';
import type { DocumentSuggestions } from '../../core/suggest/types';
import { api } from '../api';
import type { DocumentView } from '../reader/DocumentView';
import { DocStore } from '../store/docStore';
import { SaveQueue } from '../store/saveQueue';

export type DialogState =
  | { kind: 'open-workspace' }
  | { kind: 'settings' }
  | { kind: 'shortcuts' }
  | { kind: 'schema' }
  | { kind: 'delete-label'; use: LabelUse }
  | { kind: 'export' }
  | { kind: 'import' }
  | { kind: 'cross-break'; label: string; start: number; end: number }
  | { kind: 'palette' }
  | null;

export type Tab = 'mentions' | 'frames' | 'entities' | 'suggestions';
export type Screen = 'reader' | 'corpus' | 'review' | 'search';

export interface Toast {
  id: number;
  text: string;
  kind: 'error' | 'info';
  /** A button on the toast, such as Undo. */
  action?: { label: string; run: () => void };
}

/**
 * The document list: the view (sort and filters) and the rows main has sent
 * of it so far, by their place in the list. Main sorts, filters and pages;
 * the list asks for the rows it is about to show.
 */
export interface DocList {
  view: DocumentListView;
  /** Documents the view lists. */
  total: number;
  rows: ReadonlyMap<number, DocumentSummary>;
  /** Until the first page of the view has arrived. */
  loading: boolean;
}

/** Rows asked of main at once. */
export const LIST_PAGE = 100;

export interface AppState {
  info: WorkspaceInfo | null;
  list: DocList;
  entities: Entity[];
  /** The document list's keyboard cursor. */
  cursor: number;
  /** The open document. */
  doc: DocStore | null;
  loading: boolean;
  focusedId: string | null;
  entityId: string | null;
  frameId: string | null;
  /** The role of the selected frame that clicks on mentions now fill. */
  armedRole: string | null;
  screen: Screen;
  corpus: FrameRow[];
  dialog: DialogState;
  tab: Tab;
  suggestions: Suggestion[];
  toasts: Toast[];
  /** A save refused for lack of disk space: shown under the top bar until a later save succeeds. */
  diskFull: string | null;
  snapWords: boolean;
  /** Theme, text size and side panels, stored with the user's settings. */
  appearance: Appearance;
  /** The recommender's suggestions for the open document (features/suggest), once asked for. */
  recommended: DocumentSuggestions | null;
  /** The suggestion the keys act on, by suggestionKey. */
  suggestFocus: string | null;
  /** Stream mode: one suggestion at a time. */
  stream: boolean;
}

/** What a person can do about each kind of failure. */
const ADVICE: Partial<Record<string, string>> = {
  conflict: 'Nothing was changed: adjust your edit and try again.',
  invalid_argument: 'Nothing was changed: correct the value and try again.',
  bad_input: 'Nothing was changed: correct the file named above and try again.',
  corrupt_file: 'The file was left as it is: repair it or restore it from a backup, then reopen the workspace.',
  io: 'Check that the workspace folder is still there and writable, then try again.',
  disk_full: 'Your last change is not saved and what you see is what is on disk: free some space, then make the change again.',
  not_found: 'It may have been removed by another program: reopen the workspace.',
  unauthorized: 'Open the address that `parley serve` printed.',
};

/** A long document opens with the text and mentions of about this many characters: several screens' worth. */
const FIRST_SCREENS_CHARS = 50_000;
/** The rest of a long text arrives in parts of about this many characters, so no one part holds the window up for long. */
const TEXT_PART_CHARS = 1_000_000;

export class AppStore {
  private current: AppState = {
    info: null,
    list: { view: {}, total: 0, rows: new Map(), loading: true },
    entities: [],
    cursor: 0,
    doc: null,
    loading: false,
    focusedId: null,
    entityId: null,
    frameId: null,
    armedRole: null,
    screen: 'reader',
    corpus: [],
    dialog: null,
    tab: 'mentions',
    suggestions: [],
    toasts: [],
    diskFull: null,
    snapWords: localStorage.getItem('parley-snap-words') !== 'off',
    appearance: AppearanceSchema.parse({}),
    recommended: null,
    suggestFocus: null,
    stream: false,
  };
  private readonly listeners = new Set<() => void>();
  /** The reader's document view, while the reader is mounted. */
  view: DocumentView | null = null;
  /** Layer saves, in the order the analyst made the changes. */
  readonly saves = new SaveQueue();
  /** Schema edits, each on the schema the previous one left. */
  readonly schemaSaves = new SaveQueue();

  get state(): AppState {
    return this.current;
  }

  get labels(): LabelDef[] {
    return this.current.info?.schema.labels ?? [];
  }

  set(patch: Partial<AppState> | ((s: AppState) => Partial<AppState>)): void {
    this.current = { ...this.current, ...(typeof patch === 'function' ? patch(this.current) : patch) };
    for (const l of this.listeners) l();
  }

  /** Changes the state at once (keys see it) but renders it only after the next frame is painted. */
  setAfterPaint(patch: Partial<AppState>): void {
    this.current = { ...this.current, ...patch };
    requestAnimationFrame(() => setTimeout(() => startTransition(() => this.set({})), 0));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  // Toasts

  /** Shows a message. Failures stay until dismissed: a person must be able to read them and act. */
  toast = (text: string, kind: Toast['kind'] = 'error', action?: Toast['action']): void => {
    const id = Date.now() + Math.random();
    this.set((s) => ({ toasts: [...s.toasts, { id, text, kind, action }] }));
    if (kind !== 'error') setTimeout(() => this.dismissToast(id), action ? 8000 : 3500);
  };

  dismissToast(id: number): void {
    this.set((s) => ({ toasts: s.toasts.filter((x) => x.id !== id) }));
  }

  /** Reports a failure: what failed (`doing`), why, and what to do about it. */
  fail = (e: unknown, doing?: string, after?: string): void => {
    const why = e instanceof ApiError ? formatError(e) : String((e as Error)?.message ?? e);
    const advice = after ?? (e instanceof ApiError ? ADVICE[e.code] : undefined) ?? '';
    const text = [doing ? `${doing} failed: ${why}` : why, advice].filter(Boolean).join(' ');
    // A full disk stays in view, not in a toast: it concerns every save until space is freed.
    if (e instanceof ApiError && e.code === 'disk_full') this.set({ diskFull: text });
    else this.toast(text);
  };

  /** A save went through: a full-disk notice no longer holds. */
  saved = (): void => {
    if (this.current.diskFull) this.set({ diskFull: null });
  };

  // Screens and dialogs

  openDialog(dialog: DialogState): void {
    this.set({ dialog });
  }

  /** Escape or Close: the label-delete question goes back to the schema editor it came from. */
  closeDialog(): void {
    this.set((s) => ({ dialog: s.dialog?.kind === 'delete-label' ? { kind: 'schema' } : null }));
  }

  showScreen(screen: Screen): void {
    this.set({ screen });
  }

  setTab(tab: Tab): void {
    this.set({ tab });
  }

  // Selection in the reader

  focusMentionId(next: string | null | ((prev: string | null) => string | null)): void {
    this.set((s) => ({ focusedId: typeof next === 'function' ? next(s.focusedId) : next }));
  }

  /** Selecting another frame (or none) disarms the role being filled. */
  selectFrame(frameId: string | null): void {
    this.set({ frameId, armedRole: null });
  }

  armRole(armedRole: string | null): void {
    this.set({ armedRole });
  }

  focusEntity(entityId: string | null): void {
    this.set({ entityId });
  }

  // Workspace and documents

  /** Views of the list asked for so far: a page that arrives for an older one is dropped. */
  private listGeneration = 0;
  /** Pages asked for and not yet here (by their first row), for the current view. */
  private readonly pagesPending = new Set<number>();
  /** The rows the list last showed, so a refresh asks for those again. */
  private rowsShown: [number, number] = [0, LIST_PAGE];

  /** The list shows rows [from, to): asks main for those it does not have yet. */
  loadRows = (from: number, to: number): void => {
    this.rowsShown = [from, to];
    const { rows, view } = this.current.list;
    const generation = this.listGeneration;
    for (let first = Math.floor(from / LIST_PAGE) * LIST_PAGE; first < to; first += LIST_PAGE) {
      if (this.pagesPending.has(first) || rows.has(first)) continue;
      this.pagesPending.add(first);
      api.documents
        .page({ ...view, offset: first, limit: LIST_PAGE })
        .then((page) => generation === this.listGeneration && this.set((s) => ({ list: withPage(s.list, page) })))
        .catch((e) => generation === this.listGeneration && this.fail(e, 'Loading the document list'))
        .finally(() => generation === this.listGeneration && this.pagesPending.delete(first));
    }
  };

  /** Asks for the list again (after an import, a sync, a review): the rows in view, the total, the open document's place. */
  refreshDocs = async (): Promise<void> => {
    const [from, to] = this.rowsShown;
    const first = Math.floor(from / LIST_PAGE) * LIST_PAGE;
    await this.showView(this.current.list.view, first, Math.min(1000, Math.max(LIST_PAGE, to - first)), false);
  };

  /** Sorts or filters the list (`null`: back to every document in the order added); kept for this workspace. */
  setListView = async (patch: Partial<DocumentListView> | null): Promise<void> => {
    const merged = patch === null ? {} : { ...this.current.list.view, ...patch };
    const view = Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined && v !== '' && v !== false)) as DocumentListView;
    const path = this.current.info?.path;
    if (path) localStorage.setItem(listViewKey(path), JSON.stringify(view));
    this.set((s) => ({ list: { ...s.list, view, rows: new Map(), loading: true } }));
    await this.showView(view, 0, LIST_PAGE, true);
  };

  /** Asks for a view's first rows and where the open document stands in it. */
  private async showView(view: DocumentListView, offset: number, limit: number, cursorToOpen: boolean): Promise<DocumentPage | null> {
    const generation = ++this.listGeneration;
    this.pagesPending.clear();
    const openId = this.current.doc?.doc.id;
    try {
      const page = await api.documents.page({ ...view, offset, limit, ...(openId && { locate: openId }) });
      if (generation !== this.listGeneration) return null;
      this.set((s) => ({
        list: withPage({ view, total: page.total, rows: new Map(), loading: false }, page),
        cursor: cursorToOpen && (page.index ?? -1) >= 0 ? page.index! : Math.min(s.cursor, Math.max(0, page.total - 1)),
      }));
      return page;
    } catch (e) {
      if (generation === this.listGeneration) this.fail(e, 'Loading the document list');
      return null;
    }
  }

  /** The document at a place in the list, asked of main when it has not arrived yet. */
  rowAt = async (index: number): Promise<DocumentSummary | undefined> => {
    const have = this.current.list.rows.get(index);
    if (have) return have;
    const page = await api.documents.page({ ...this.current.list.view, offset: index, limit: 1 });
    return page.rows[0];
  };

  refreshSuggestions = (): Promise<void> => api.entities.pendingMentions({}).then((suggestions) => this.set({ suggestions }), this.fail);
  refreshEntities = (): Promise<void> => api.entities.list({}).then((entities) => this.set({ entities }), this.fail);

  openDoc = async (id: string): Promise<void> => {
    this.set({ loading: true });
    try {
      await this.saves.idle();
      const opened = await api.documents.open({ docId: id, mentionsBefore: FIRST_SCREENS_CHARS, textBefore: FIRST_SCREENS_CHARS });
      const doc = new DocStore(opened);
      this.set({ doc, focusedId: null, frameId: null, armedRole: null });
      await this.completeDoc(doc, opened.complete);
      // Another document was opened while this one was still arriving: that one is what the address names.
      if (this.current.doc !== doc) return;
      history.replaceState(null, '', `${location.pathname}${location.search}#doc=${encodeURIComponent(id)}`);
      void api.settings.setLastDocument({ docId: id }).catch(() => undefined);
    } catch (e) {
      this.fail(e, 'Opening the document');
    } finally {
      this.set({ loading: false });
    }
  };

  /** Fetches the rest of a document opened with its first screens: its text part by part, and its mentions beside. */
  private async completeDoc(doc: DocStore, mentionsComplete: boolean): Promise<void> {
    const docId = doc.doc.id;
    const gone = () => doc.replaced || this.current.doc !== doc;
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

  /** Reopens the open document from disk, after a change made outside the layer's own saves. */
  reopenDoc = async (): Promise<void> => {
    const doc = this.current.doc;
    if (doc) await this.openDoc(doc.doc.id);
  };

  loadWorkspace = async (preferDoc: string | null): Promise<void> => {
    const asked = early ?? Promise.all([api.workspace.info({}), api.settings.appearance({}).catch(() => null)]);
    early = null;
    const [info, askedAppearance] = await asked;
    const appearance = askedAppearance ?? this.current.appearance;
    // The list's first page, not the corpus: the rows below arrive as the list scrolls to them.
    // Asked before the workspace renders, so main counts it while the window draws.
    const view = storedListView(info.path);
    const want = preferDoc ?? info.lastDocId;
    const generation = ++this.listGeneration;
    this.pagesPending.clear();
    const first = Promise.all([api.documents.page({ ...view, offset: 0, limit: LIST_PAGE, ...(want && { locate: want }) }), api.entities.list({})]);
    this.set({ info, appearance });
    const [page, entities] = await first;
    if (generation === this.listGeneration) this.set({ list: withPage({ view, total: page.total, rows: new Map(), loading: false }, page), entities, cursor: Math.max(0, page.index ?? -1) });
    void this.refreshSuggestions();
    // Filtered out of the list is not gone: the document last open opens again.
    if (want && ((page.index ?? -1) >= 0 || Object.keys(view).length > 0)) await this.openDoc(want);
    else this.set({ doc: null });
    if (info.problems.length) this.toast(`${info.problems.length} file(s) could not be read: ${info.problems.map((p) => p.file).join(', ')}`);
  };

  // Changes to the open layer

  /** Applies a change at once, then saves it; if saving fails the document is reloaded from disk. */
  change = (c: Change): void => {
    const s = this.current.doc;
    if (!s || s.stale) return;
    if (!s.complete) {
      this.toast('Still loading this document’s labels: try again in a moment.', 'info');
      return;
    }
    try {
      s.apply(c);
    } catch (e) {
      this.fail(e);
      return;
    }
    this.saves.push(async () => {
      if (s.replaced) return;
      try {
        const r = await api.annotations.change({ docId: s.doc.id, change: c, baseRevision: s.revision });
        s.revision = r.revision ?? s.revision + 1;
        s.setHistory(r.history);
        this.saved();
        startTransition(() => this.set((st) => ({ list: rowAfter(st.list, s) })));
      } catch (e) {
        s.replaced = true;
        if (e instanceof ApiError && e.code === 'conflict' && !s.stale) return this.reloadAfterConflict(s);
        this.fail(e, 'Saving your change', 'The document was reloaded from disk, so what you see is what is saved: make the change again.');
        // Not awaited: the reload waits for the save queue, which this save is still part of.
        void this.openDoc(s.doc.id);
      }
    });
  };

  /**
   * A save was refused because the layer was changed elsewhere (another tab,
   * window or client) since this view loaded it: shows the layer as saved and
   * says what differs from what the analyst saw. Nothing is overwritten.
   */
  private reloadAfterConflict = async (s: DocStore): Promise<void> => {
    try {
      const opened = await api.documents.open({ docId: s.doc.id });
      this.toast(conflictMessage(s.doc.title, diffLayers(s.layer, opened.layer)));
      if (this.current.doc !== s) return;
      const doc = new DocStore(opened);
      this.set((st) => ({ doc, focusedId: st.focusedId && doc.mention(st.focusedId) ? st.focusedId : null, frameId: null, armedRole: null }));
      void this.refreshDocs();
    } catch (e) {
      this.fail(e, 'Reloading the document');
    }
  };

  undoRedo = (which: 'undo' | 'redo'): void => {
    const s = this.current.doc;
    if (!s || s.stale) return;
    this.saves.push(async () => {
      if (s.replaced) return;
      try {
        const args = { docId: s.doc.id, baseRevision: s.revision };
        const r = await (which === 'undo' ? api.annotations.undo(args) : api.annotations.redo(args));
        if (r.change) s.apply(r.change);
        if (r.revision !== undefined) s.revision = r.revision;
        s.setHistory(r.history);
        this.saved();
        this.set((st) => ({ list: rowAfter(st.list, s) }));
        if (r.change) this.toast(`${which === 'undo' ? 'Undid' : 'Redid'} ${describe(r.change)}`, 'info');
        this.focusMentionId((f) => (f && s.mention(f) ? f : null));
        void this.refreshSuggestions();
      } catch (e) {
        if (e instanceof ApiError && e.code === 'conflict' && !s.stale) {
          s.replaced = true;
          return this.reloadAfterConflict(s);
        }
        this.fail(e, which === 'undo' ? 'Undo' : 'Redo');
      }
    });
  };
}

/** The list with a page of rows added. */
function withPage(list: DocList, page: DocumentPage): DocList {
  const rows = new Map(list.rows);
  page.rows.forEach((r, i) => rows.set(page.offset + i, r));
  return { ...list, rows, total: page.total, loading: false };
}

/** The list with the open document's row counted again after a save (it keeps its place until the list is asked again). */
function rowAfter(list: DocList, s: DocStore): DocList {
  for (const [i, d] of list.rows) {
    if (d.id === s.doc.id) return { ...list, rows: new Map(list.rows).set(i, summaryAfter(d, s)) };
  }
  return list;
}

const listViewKey = (path: string) => `parley-list-view:${path}`;

/** The sort and filters last used on this workspace, or none. */
function storedListView(path: string): DocumentListView {
  try {
    const parsed = DocumentListViewSchema.safeParse(JSON.parse(localStorage.getItem(listViewKey(path)) ?? '{}'));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** Resolves once the next frame is painted (or soon, in a window that paints no frames: hidden). */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 200);
  });
}

function summaryAfter(d: DocumentSummary, s: DocStore): DocumentSummary {
  const counts = countLayer(s.layer);
  // Main marks a layer in progress with its first mention; mirror it without a round trip.
  if (counts.status === 'not_started' && counts.mentionCount > 0) s.layer.status = counts.status = 'in_progress';
  return { ...d, ...counts };
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

/** The workspace and the appearance, asked for as the page loads (before React's first render); the first load uses them. */
let early: Promise<[WorkspaceInfo, Appearance | null]> | null = null;
export function askForWorkspaceEarly(): void {
  early = Promise.all([api.workspace.info({}), api.settings.appearance({}).catch(() => null)]);
  // Whoever loads the workspace reports a failure; until then it is not unhandled.
  early.catch(() => undefined);
}

export const AppContext = createContext<AppStore | null>(null);

export function useAppStore(): AppStore {
  const app = useContext(AppContext);
  if (!app) throw new Error('useAppStore outside <AppContext.Provider>');
  return app;
}

/** A piece of the app state; the component renders again when that piece changes. */
export function useApp<T>(pick: (s: AppState) => T): T {
  const app = useAppStore();
  return useSyncExternalStore(app.subscribe, () => pick(app.state));
}

/** The open document's version: components that show its mentions or frames render again on each change. */
export function useDocVersion(doc: DocStore | null): number {
  return useSyncExternalStore(
    (cb) => (doc ? doc.subscribe(cb) : () => undefined),
    () => doc?.version ?? -1,
  );
}

/** The same, for side panels: they follow once the reader has painted the change. */
export function useDeferredDocVersion(doc: DocStore | null): number {
  return useDeferredValue(useDocVersion(doc));
}
