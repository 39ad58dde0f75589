/**
 * The app-wide state's shape, and the part of the app store that its own
 * modules (document-list paging, the open document) work through. The store
 * itself is `store.ts`.
 */
import type { DocumentSummary } from '../../core/api/documents';
import type { LabelUse } from '../../core/api/schema';
import type { Appearance } from '../../core/api/settings';
import type { WorkspaceInfo } from '../../core/api/workspace';
import type { DocumentListView } from '../../core/documentPage';
import type { MigrationPlan } from '../../core/migrationPlan';
import type { MigrationOp } from '../../core/migrations';
import type { Change, Entity } from '../../core/model';
import type { OpenDocument } from '../document/openDocument';
import type { SaveQueue } from './saveQueue';

/**
 * The document list: the view (sort and filters) and the rows main has sent
 * of it so far, by their place in the list.
 */
export interface DocList {
  view: DocumentListView;
  /** Documents the view lists. */
  total: number;
  rows: ReadonlyMap<number, DocumentSummary>;
  /** Until the first page of the view has arrived. */
  loading: boolean;
}

export type DialogState =
  | { kind: 'open-workspace' }
  | { kind: 'settings' }
  | { kind: 'shortcuts' }
  | { kind: 'first-steps' }
  | { kind: 'schema' }
  | { kind: 'delete-label'; use: LabelUse }
  /** A schema change that touches labels already made: its counted plan, applied on confirm. */
  | { kind: 'migration'; op: MigrationOp; plan: MigrationPlan }
  /** Splitting a label into two: by review of its mentions, or by a rule. */
  | { kind: 'split-label'; label: string }
  /** `layer`: whose labels to offer first (gold when opened from Review). */
  | { kind: 'export'; layer?: string }
  | { kind: 'import' }
  | { kind: 'cross-break'; label: string; start: number; end: number }
  | { kind: 'palette' }
  | { kind: 'recent-changes' }
  /** Team sync: share this workspace, or join a shared one (the start screen offers it). */
  | { kind: 'share' }
  | { kind: 'join' }
  | null;

/** A change main acknowledged in this window, for the list of recent changes (newest first). */
export interface RecentChange {
  id: number;
  docId: string;
  title: string;
  change: Change;
  /** When main acknowledged it (ms since the epoch). */
  at: number;
  /** Undone since, from the list or by Ctrl+Z. */
  undone: boolean;
  /** An undo or redo main applied (listed, not offered to undo again); `schema`: a schema step over every layer. */
  kind: 'change' | 'undo' | 'redo' | 'schema';
  /** For a schema step: its version, undone as one step. */
  schemaVersion?: number;
}

export type Tab = 'mentions' | 'frames' | 'entities' | 'suggestions' | 'guidelines';
export type Screen = 'reader' | 'corpus' | 'network' | 'review' | 'search';

export interface Toast {
  id: number;
  text: string;
  kind: 'error' | 'info';
  /** A button on the toast, such as Undo. */
  action?: { label: string; run: () => void };
}

/** Changes applied on screen that main has not acknowledged because it did not answer. */
export interface UnsavedNotice {
  /** Saves waiting, this one included. */
  changes: number;
  /** Why the last try failed. */
  why: string;
  /** When the next try goes, in ms from when it was set. */
  retryIn: number;
}

export interface AppState {
  info: WorkspaceInfo | null;
  list: DocList;
  entities: Entity[];
  /** The document list's keyboard cursor. */
  cursor: number;
  /** The open document. */
  doc: OpenDocument | null;
  loading: boolean;
  focusedId: string | null;
  entityId: string | null;
  frameId: string | null;
  /** The role of the selected frame that clicks on mentions now fill. */
  armedRole: string | null;
  screen: Screen;
  dialog: DialogState;
  tab: Tab;
  toasts: Toast[];
  /** A save refused for lack of disk space: shown under the top bar until a later save succeeds. */
  diskFull: string | null;
  /** Saves waiting for a server that does not answer: shown in view, tried again, until one goes through. */
  unsaved: UnsavedNotice | null;
  /** The changes saved from this window, newest first (Mod+Shift+H lists them, each with Undo). */
  recent: RecentChange[];
  snapWords: boolean;
  /** Theme, text size and side panels, stored with the user's settings. */
  appearance: Appearance;
  /** Each feature's own state, by slice name (read it through the feature's slice). */
  slices: Readonly<Record<string, object>>;
}

/** What happened to the workspace that a feature's slice may follow. */
export type AppEvent = 'workspaceLoaded' | 'layerUndone';

/** The app store as its own modules see it. */
export interface AppCore {
  readonly state: AppState;
  set(patch: Partial<AppState> | ((s: AppState) => Partial<AppState>)): void;
  toast(text: string, kind?: Toast['kind'], action?: Toast['action']): void;
  fail(e: unknown, doing?: string, after?: string): void;
  /** A save went through: a full-disk or not-saved notice no longer holds. */
  saved(): void;
  /** Resolves after `ms`, or at once when the analyst asks to try saving again now. */
  retryWait(ms: number): Promise<void>;
  emit(event: AppEvent): void;
  focusMentionId(next: string | null | ((prev: string | null) => string | null)): void;
  refreshDocs(): Promise<void>;
  readonly saves: SaveQueue;
}
