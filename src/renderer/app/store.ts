/**
 * The app store: the one place the workbench's state lives. It holds the
 * app-wide state (workspace, document list, open document, what is
 * selected, which screen and dialog are showing, toasts, appearance) and one
 * slice per feature that has state of its own (`features/<feature>/slice.ts`,
 * declared with `defineSlice`). State changes go through its named actions or
 * the actions of a feature (`features/<feature>/actions.ts`), so a bug has one
 * place to live. Key handlers read `app.state`, which is always current: a key
 * pressed before React re-renders sees the latest selection.
 */
import { createContext, startTransition, useContext, useDeferredValue, useSyncExternalStore } from 'react';
import type { DocumentSummary } from '../../core/api/documents';
import { AppearanceSchema, type Appearance } from '../../core/api/settings';
import { ApiError } from '../../core/api/transport';
import type { DocumentListView } from '../../core/documentPage';
import { formatError } from '../../core/errors';
import type { Change, LabelDef } from '../../core/model';
import { api } from '../api';
import type { OpenDocument } from '../document/openDocument';
import type { DocumentView } from '../reader/DocumentView';
import { DocListPager, emptyList } from './docList';
import * as documents from './documents';
import { SaveQueue } from './saveQueue';
import type { AppCore, AppEvent, AppState, DialogState, Screen, Tab, Toast } from './state';

export { LIST_PAGE } from './docList';
export { askForWorkspaceEarly } from './documents';
export type { AppEvent, AppState, DialogState, DocList, Screen, Tab, Toast } from './state';

/**
 * A feature's part of the app state: declared once with `defineSlice`, kept
 * in the one app store, read with `slice.of(state)` or `slice.use(pick)` and
 * changed with `slice.set(app, patch)` from the feature's actions.
 */
export interface Slice<S extends object> {
  readonly name: string;
  of(state: AppState): S;
  set(app: AppStore, patch: Partial<S> | ((s: S) => Partial<S>)): void;
  /** A piece of the slice; the component renders again when that piece changes. */
  use<T>(pick: (s: S) => T): T;
}

interface SliceDef {
  initial: () => object;
  on?: Partial<Record<AppEvent, (app: AppStore) => void>>;
}

const sliceDefs = new Map<string, SliceDef>();

export function defineSlice<S extends object>(name: string, initial: () => S, on?: SliceDef['on']): Slice<S> {
  if (sliceDefs.has(name)) throw new Error(`Slice ${name} is declared twice`);
  sliceDefs.set(name, { initial, on });
  const of = (state: AppState): S => {
    // A store made before the slice was declared starts it here (once: the same object from then on).
    const slices = ((state as { slices?: Record<string, object> }).slices ??= {}) as Record<string, object>;
    return (slices[name] ??= initial()) as S;
  };
  return {
    name,
    of,
    set: (app, patch) =>
      app.set((s) => {
        const before = of(s);
        return { slices: { ...s.slices, [name]: { ...before, ...(typeof patch === 'function' ? patch(before) : patch) } } };
      }),
    use: (pick) => useApp((s) => pick(of(s))),
  };
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
  unreachable: 'Start `parley serve` again, then try once more.',
};

export class AppStore implements AppCore {
  private current: AppState = {
    info: null,
    list: emptyList(),
    entities: [],
    cursor: 0,
    doc: null,
    loading: false,
    focusedId: null,
    entityId: null,
    frameId: null,
    armedRole: null,
    screen: 'reader',
    dialog: null,
    tab: 'mentions',
    toasts: [],
    diskFull: null,
    unsaved: null,
    recent: [],
    snapWords: localStorage.getItem('parley-snap-words') !== 'off',
    appearance: AppearanceSchema.parse({}),
    slices: Object.fromEntries([...sliceDefs].map(([name, def]) => [name, def.initial()])),
  };
  private readonly listeners = new Set<() => void>();
  /** The reader's document view, while the reader is mounted. */
  view: DocumentView | null = null;
  /** Layer saves, in the order the analyst made the changes. */
  readonly saves = new SaveQueue();
  /** Schema edits, each on the schema the previous one left. */
  readonly schemaSaves = new SaveQueue();
  /** The document list's pages. */
  readonly pager = new DocListPager(this);

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

  /** Tells the features' slices what happened. */
  emit(event: AppEvent): void {
    for (const def of sliceDefs.values()) def.on?.[event]?.(this);
  }

  // Toasts

  /** Shows a message. Failures stay until dismissed: a person must be able to read them and act. */
  toast = (text: string, kind: Toast['kind'] = 'error', action?: Toast['action']): void => {
    const id = Date.now() + Math.random();
    this.set((s) => ({ toasts: [...s.toasts, { id, text, kind, action }] }));
    if (kind !== 'error') setTimeout(() => this.expireToast(id), action ? 8000 : 3500);
  };

  /** Lets a toast go when its time is up, unless the pointer rests on it (so its Undo can still be reached): then a moment after it leaves. */
  private expireToast(id: number): void {
    if (document.querySelector(`.toast[data-toast-id="${id}"]:hover`)) setTimeout(() => this.expireToast(id), 1000);
    else this.dismissToast(id);
  }

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

  /** A save went through: a full-disk or not-saved notice no longer holds. */
  saved = (): void => {
    if (this.current.diskFull || this.current.unsaved) this.set({ diskFull: null, unsaved: null });
  };

  private retryNow: (() => void) | null = null;

  retryWait = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.retryNow === done) this.retryNow = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.retryNow = done;
    });

  /** Sends the saves waiting for the server at once, instead of at the next try. */
  retrySavesNow(): void {
    this.retryNow?.();
  }

  // Screens and dialogs

  openDialog(dialog: DialogState): void {
    this.set({ dialog });
  }

  /** Escape or Close: the label-delete question and a migration's plan go back to the schema editor they came from. */
  closeDialog(): void {
    this.set((s) => ({ dialog: s.dialog?.kind === 'delete-label' || s.dialog?.kind === 'migration' || s.dialog?.kind === 'split-label' ? { kind: 'schema' } : null }));
  }

  /** Changes how the workbench looks at once; `save` stores it with the user's settings (not on every step of a drag). */
  setAppearance(patch: Partial<Appearance>, save = true): void {
    const appearance = { ...this.current.appearance, ...patch };
    this.set({ appearance });
    if (save) void api.settings.setAppearance({ appearance }).catch((e) => this.fail(e, 'Saving your settings'));
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

  // The document list (app/docList.ts)

  /** The list shows rows [from, to): asks main for those it does not have yet. */
  loadRows = (from: number, to: number): void => this.pager.loadRows(from, to);
  /** Asks for the list again (after an import, a sync, a review): the rows in view, the total, the open document's place. */
  refreshDocs = (): Promise<void> => this.pager.refresh();
  /** Sorts or filters the list (`null`: back to every document in the order added); kept for this workspace. */
  setListView = (patch: Partial<DocumentListView> | null): Promise<void> => this.pager.setView(patch);
  /** The document at a place in the list, asked of main when it has not arrived yet. */
  rowAt = (index: number): Promise<DocumentSummary | undefined> => this.pager.rowAt(index);

  // The workspace and the open document (app/documents.ts)

  refreshEntities = (): Promise<void> => api.entities.list({}).then((entities) => this.set({ entities }), this.fail);
  loadWorkspace = (preferDoc: string | null): Promise<void> => documents.loadWorkspace(this, this.pager, preferDoc);
  openDoc = (id: string): Promise<void> => documents.openDoc(this, id);
  /** Reopens the open document from disk, after a change made outside the layer's own saves. */
  reopenDoc = async (): Promise<void> => {
    const doc = this.current.doc;
    if (doc) await this.openDoc(doc.doc.id);
  };
  /** Applies a change at once, then saves it; if saving fails the document is reloaded from disk. */
  change = (c: Change): void => documents.change(this, c);
  undoRedo = (which: 'undo' | 'redo'): void => documents.undoRedo(this, which);
  /** Lists a schema step run from this window, for Ctrl+Z and the list of recent changes. */
  schemaStepDone = (version: number, summary: string): void => documents.rememberSchemaStep(this, version, summary);
  schemaStepUndone = (version: number): void => documents.schemaStepUndone(this, version);
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
export function useDocVersion(doc: OpenDocument | null): number {
  return useSyncExternalStore(
    (cb) => (doc ? doc.subscribe(cb) : () => undefined),
    () => doc?.version ?? -1,
  );
}

/** The same, for side panels: they follow once the reader has painted the change (so a long list never delays a highlight). */
export function useDeferredDocVersion(doc: OpenDocument | null): number {
  const painted = useSyncExternalStore(
    (cb) => (doc ? doc.subscribeAfterPaint(cb) : () => undefined),
    () => doc?.paintedVersion ?? -1,
  );
  return useDeferredValue(painted);
}
