/**
 * Every user command, declared once: its id, title, keys, where its keys
 * apply, and where it shows in the top-bar menu and in the Electron menu.
 * The renderer's action registry binds each id to what it runs
 * (`features/<feature>/commands.ts`); the Electron shell builds its menu from
 * the same table and sends the page the id. Pure data: both sides import it.
 */

/**
 * Where a command's keys apply. A key is tried only where its scope holds;
 * two commands whose keys overlap in overlapping scopes must say which comes
 * first (`priority`), or the registry refuses them.
 *
 * - `always`: everywhere, dialogs too;
 * - `workbench`: every screen, no dialog open;
 * - `dialog`: a dialog is open;
 * - `reader`: the reader screen, no dialog;
 * - `doclist`: in the reader, the document list has the keyboard;
 * - `document`: in the reader with a document open, not typing into a field;
 * - `corpus`, `network`, `review`, `search`: that screen, no dialog, not typing;
 * - `review-panel`: on Review, the decisions panel has the keyboard (not the
 *   text, the document list or a field elsewhere): the keys that write gold.
 */
export type CommandScope = 'always' | 'workbench' | 'dialog' | 'reader' | 'doclist' | 'document' | 'corpus' | 'network' | 'review' | 'review-panel' | 'search';

/** Which scopes contain which: a scope overlaps itself, its parents and its children. */
const PARENT: Record<CommandScope, CommandScope | null> = {
  always: null,
  workbench: 'always',
  dialog: 'always',
  reader: 'workbench',
  doclist: 'reader',
  document: 'reader',
  corpus: 'workbench',
  network: 'workbench',
  review: 'workbench',
  'review-panel': 'review',
  search: 'workbench',
};

function ancestors(s: CommandScope): CommandScope[] {
  const out: CommandScope[] = [];
  for (let p = PARENT[s]; p; p = PARENT[p]) out.push(p);
  return out;
}

/** Whether the keys of two scopes can both apply at once. The document list and the open document can: the list may have the keyboard while a document is open. */
export function scopesOverlap(a: CommandScope, b: CommandScope): boolean {
  if (a === b || ancestors(a).includes(b) || ancestors(b).includes(a)) return true;
  return (a === 'doclist' && b === 'document') || (a === 'document' && b === 'doclist');
}

/** The order overlapping keys are tried in: higher first. */
export const PRIORITY = {
  /** Stream mode's keys, while it shows. */
  streamMode: 40,
  /** The keys that answer the focused suggestion. */
  focusedSuggestion: 30,
  /** Escape drops, Enter completes, a relation waiting for its target mention. */
  pendingRelation: 25,
  /** Enter puts the selected mention into the armed role. */
  armedRole: 20,
  /** Esc puts the first-steps card away while it shows. */
  firstSteps: 15,
  /** The document list's keys, while it has the keyboard. */
  documentList: 10,
  normal: 0,
  /** The schema's keys: a frame type's before a label's. */
  frameTypeKeys: -5,
  labelKeys: -10,
} as const;

/** The Electron menus a command can sit in. */
export type NativeMenu = 'file' | 'edit' | 'view' | 'help';

export interface CommandSpec {
  /** What the shortcuts sheet, the palette and the menus call it. */
  title: string;
  /** Group in the shortcuts sheet. */
  section: string;
  /**
   * Key specs, e.g. `Mod+Shift+Z`, `F1`, `]`, `Shift+ArrowLeft`. `Mod` is Ctrl (⌘ on a Mac); `Mod?`, `Alt?`,
   * `Shift?` allow a modifier without needing it. Unlisted modifiers must not be held, except Shift on a
   * punctuation key (it is how `?` is typed).
   */
  keys?: readonly string[];
  /** How the sheet shows the keys when the specs alone would not say it (a key per label, say). */
  keyHint?: string;
  scope: CommandScope;
  /** Tried before commands of lower priority whose keys overlap (default `PRIORITY.normal`). */
  priority?: number;
  /** In the top-bar menu: its label and place. */
  menu?: { label: string; order: number };
  /** In the Electron menu: which menu, which group of it (groups are parted by separators), its label; the accelerator is its first key. */
  native?: { menu: NativeMenu; group: number; label: string };
}

export const COMMANDS = {
  // Workspace and settings
  'open-workspace': { title: 'Open another workspace', section: 'Workspace', keys: ['Mod+O'], scope: 'reader', menu: { label: 'Open workspace…', order: 10 }, native: { menu: 'file', group: 0, label: 'Open Workspace…' } },
  schema: { title: 'Edit the label schema, frame types and document fields', section: 'Workspace', scope: 'always', menu: { label: 'Schema…', order: 60 }, native: { menu: 'edit', group: 1, label: 'Edit Schema…' } },
  // Every screen: the sheet lists the keys of the screen it is opened on.
  guidelines: { title: 'The guidelines beside the text: what each label, frame, role and value means', section: 'Workspace', keys: ['Mod+Shift+G'], scope: 'always', menu: { label: 'Guidelines', order: 65 }, native: { menu: 'help', group: 0, label: 'Annotation Guidelines' } },
  shortcuts: { title: 'This list of shortcuts', section: 'Workspace', keys: ['F1', '?'], scope: 'workbench', menu: { label: 'Shortcuts', order: 70 }, native: { menu: 'help', group: 0, label: 'Keyboard Shortcuts' } },
  settings: { title: 'Your annotator name', section: 'Workspace', keys: ['Mod+,'], scope: 'reader', native: { menu: 'file', group: 1, label: 'Settings…' } },
  'close-dialog': { title: 'Close a dialog', section: 'Workspace', keys: ['Escape'], scope: 'dialog' },
  'first-steps': { title: 'First steps: who you are labelling as, and the five keys that matter', section: 'Workspace', scope: 'workbench', native: { menu: 'help', group: 0, label: 'First Steps' } },
  'first-steps-done': { title: 'Put the first-steps card away', section: 'Workspace', keys: ['Escape'], scope: 'reader', priority: PRIORITY.firstSteps },
  // Every screen, from a text field too: the keys type nothing.
  palette: { title: 'Command palette: run an action, open a document or an entity by typing', section: 'Workspace', keys: ['Mod+Shift+P', 'Mod+K'], scope: 'workbench' },

  // Datasets
  import: { title: 'Add articles, or another analyst’s labels', section: 'Datasets', keys: ['Mod+I'], scope: 'reader', menu: { label: 'Import…', order: 30 }, native: { menu: 'file', group: 0, label: 'Import…' } },
  export: { title: 'Write a dataset for NLP tools', section: 'Datasets', keys: ['Mod+E'], scope: 'workbench', menu: { label: 'Export…', order: 40 }, native: { menu: 'file', group: 0, label: 'Export Dataset…' } },

  // Search
  search: { title: 'Search the corpus: words, phrases or a pattern, with filters; tag every hit', section: 'Search', keys: ['Mod+Shift+F'], scope: 'always', menu: { label: 'Search', order: 15 } },

  // Frames and the corpus view
  corpus: { title: 'Every stance and agreement in the workspace', section: 'Frames', scope: 'always', menu: { label: 'Corpus', order: 20 } },
  'corpus-close': { title: 'Back to the reader', section: 'Frames', keys: ['Escape'], scope: 'corpus' },
  network: { title: 'The stance and agreement network of the corpus', section: 'Frames', scope: 'always', menu: { label: 'Network', order: 21 } },
  'network-close': { title: 'Back to the reader', section: 'Frames', keys: ['Escape'], scope: 'network' },
  'frame-attribute': { title: 'Set the selected frame’s first attribute (polarity, status)', section: 'Frames', keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'], keyHint: '1–9 on a selected frame', scope: 'document' },
  'fill-role': { title: 'Put the selected mention into the armed role', section: 'Frames', keys: ['Enter'], scope: 'document', priority: PRIORITY.armedRole },
  'relation-arcs': { title: 'Show or hide the arcs of relations and frame roles over the text', section: 'Frames', keys: ['Alt+r'], scope: 'document' },
  'relation-target': { title: 'Make the selected mention the target of the waiting relation (step to it with ] and [)', section: 'Frames', keys: ['Enter'], scope: 'document', priority: PRIORITY.pendingRelation },
  'relation-cancel': { title: 'Drop the relation waiting for its other mention', section: 'Frames', keys: ['Escape'], scope: 'document', priority: PRIORITY.pendingRelation },

  // The document list
  'list-down': { title: 'Next document in the list', section: 'Documents', keys: ['ArrowDown', 'j'], scope: 'doclist', priority: PRIORITY.documentList },
  'list-up': { title: 'Previous document in the list', section: 'Documents', keys: ['ArrowUp', 'k'], scope: 'doclist', priority: PRIORITY.documentList },
  'list-first': { title: 'First document', section: 'Documents', keys: ['Home'], scope: 'doclist', priority: PRIORITY.documentList },
  'list-last': { title: 'Last document', section: 'Documents', keys: ['End'], scope: 'doclist', priority: PRIORITY.documentList },
  'list-open': { title: 'Open the document under the cursor', section: 'Documents', keys: ['Enter', ' '], keyHint: 'Enter', scope: 'doclist', priority: PRIORITY.documentList },
  'focus-list': { title: 'Focus the document list', section: 'Documents', keys: ['Mod+1'], scope: 'reader', native: { menu: 'view', group: 0, label: 'Documents' } },
  'filter-list': { title: 'Filter the document list by title or outlet', section: 'Documents', keys: ['Mod+Shift+L'], scope: 'reader' },
  'filter-list-here': { title: 'Filter the document list', section: 'Documents', keys: ['/'], scope: 'doclist', priority: PRIORITY.documentList },
  'focus-reader': { title: 'Focus the reader', section: 'Documents', keys: ['Mod+2'], scope: 'reader', native: { menu: 'view', group: 0, label: 'Reader' } },

  // Editing and tagging in the reader
  undo: { title: 'Undo (kept across reloads)', section: 'Editing', keys: ['Mod+Z'], scope: 'reader', native: { menu: 'edit', group: 0, label: 'Undo' } },
  redo: { title: 'Redo', section: 'Editing', keys: ['Mod+Shift+Z', 'Mod+Y'], scope: 'reader', native: { menu: 'edit', group: 0, label: 'Redo' } },
  'recent-changes': { title: 'Recent changes: every change saved from this window, each with Undo', section: 'Editing', keys: ['Mod+Shift+H'], scope: 'workbench', native: { menu: 'edit', group: 0, label: 'Recent Changes…' } },
  'extend-selection': {
    title: 'Extend the selection by character or line (Ctrl: by word; Home/End: to the line start/end)',
    section: 'Tagging',
    keys: ['Mod?+Alt?+Shift+ArrowLeft', 'Mod?+Alt?+Shift+ArrowRight', 'Mod?+Alt?+Shift+ArrowUp', 'Mod?+Alt?+Shift+ArrowDown', 'Mod?+Alt?+Shift+Home', 'Mod?+Alt?+Shift+End'],
    keyHint: 'Shift+← → ↑ ↓, Ctrl+Shift+← →, Shift+Home / End',
    scope: 'document',
  },
  'move-caret': {
    title: 'Move the caret in the text (Ctrl: by word); Tab or Ctrl+2 puts the keyboard in the reader',
    section: 'Tagging',
    keys: ['Mod?+ArrowLeft', 'Mod?+ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'],
    keyHint: '← → ↑ ↓ in the reader',
    scope: 'document',
  },
  'back-out': { title: 'Clear the selection; disarm a role; unselect', section: 'Tagging', keys: ['Escape'], scope: 'document' },
  'next-mention': { title: 'Select the next mention', section: 'Tagging', keys: [']'], scope: 'document' },
  'previous-mention': { title: 'Select the previous mention', section: 'Tagging', keys: ['['], scope: 'document' },
  'delete-mention': { title: 'Delete the selected mention', section: 'Tagging', keys: ['Delete', 'Backspace'], scope: 'document' },
  'snap-words': { title: 'Toggle snapping selections to whole words', section: 'Tagging', keys: ['w'], scope: 'document' },
  'colleague-layer': {
    title: 'Show a colleague’s labels over the text, outlined and read-only; again for the next colleague, then none (not while blind annotation is on)',
    section: 'Tagging',
    keys: ['Alt+c'],
    scope: 'document',
  },

  // Suggestions from the recommender
  'suggest-show': { title: 'Show suggestions for this document', section: 'Suggestions', keys: ['Alt+s'], scope: 'document', menu: { label: 'Suggest', order: 45 } },
  'suggest-next': { title: 'Next suggestion', section: 'Suggestions', keys: ['Alt+ArrowRight'], scope: 'document' },
  'suggest-previous': { title: 'Previous suggestion', section: 'Suggestions', keys: ['Alt+ArrowLeft'], scope: 'document' },
  'suggest-accept': { title: 'Accept the focused suggestion', section: 'Suggestions', keys: ['Enter'], scope: 'document', priority: PRIORITY.focusedSuggestion },
  'suggest-reject': { title: 'Reject the focused suggestion (not proposed again)', section: 'Suggestions', keys: ['x'], scope: 'document', priority: PRIORITY.focusedSuggestion },
  'suggest-accept-all': { title: 'Accept all suggestions above the threshold (one undo step)', section: 'Suggestions', keys: ['Alt+Shift+A'], scope: 'document' },
  'suggest-stream': { title: 'Stream mode: one suggestion at a time', section: 'Suggestions', keys: ['Alt+Shift+S'], scope: 'document' },
  'stream-accept': { title: 'Stream: accept', section: 'Stream mode', keys: ['a'], scope: 'workbench', priority: PRIORITY.streamMode },
  'stream-reject': { title: 'Stream: reject', section: 'Stream mode', keys: ['x'], scope: 'workbench', priority: PRIORITY.streamMode },
  'stream-skip': { title: 'Stream: skip', section: 'Stream mode', keys: [' '], keyHint: 'Space', scope: 'workbench', priority: PRIORITY.streamMode },
  'stream-undo': { title: 'Stream: undo the last answer', section: 'Stream mode', keys: ['u'], scope: 'workbench', priority: PRIORITY.streamMode },
  'stream-stop': { title: 'Leave stream mode', section: 'Stream mode', keys: ['Escape'], scope: 'workbench', priority: PRIORITY.streamMode },

  // Review
  review: { title: 'Compare analysts’ labels and adjudicate a gold layer', section: 'Review', scope: 'always', menu: { label: 'Review', order: 50 }, native: { menu: 'view', group: 0, label: 'Review and Adjudicate' } },
  'review-undo': { title: 'Undo a decision', section: 'Review', keys: ['Mod+Z'], scope: 'review' },
  'review-redo': { title: 'Redo a decision', section: 'Review', keys: ['Mod+Shift+Z'], scope: 'review' },
  'review-next': { title: 'Next item; past the last, the next document with undecided items', section: 'Review', keys: ['n'], scope: 'review' },
  'review-previous': { title: 'Previous item', section: 'Review', keys: ['p'], scope: 'review' },
  'review-close': { title: 'Back to the reader', section: 'Review', keys: ['Escape'], scope: 'review' },
  'review-field-down': { title: 'Next field of a frame (the whole frame first)', section: 'Review', keys: ['ArrowDown', 'j'], scope: 'review-panel' },
  'review-field-up': { title: 'Previous field of a frame', section: 'Review', keys: ['ArrowUp', 'k'], scope: 'review-panel' },
  'review-accept-one': {
    title: "Accept one analyst's version (of a frame's selected field, or the whole frame)",
    section: 'Review',
    keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
    keyHint: '1, 2 …',
    scope: 'review-panel',
  },
  'review-accept-all': { title: 'Accept every version', section: 'Review', keys: ['b'], scope: 'review-panel' },
  'review-reject': { title: 'Reject', section: 'Review', keys: ['x'], scope: 'review-panel' },
  'review-agreed': { title: 'Accept everything all agree on', section: 'Review', keys: ['Shift+A'], scope: 'review-panel' },
  'review-agreed-links': {
    title: 'Accept too what agrees on span and label and differs only in an entity link or note',
    section: 'Review',
    keys: ['Shift+L'],
    scope: 'review-panel',
  },
  'review-gold-differences': { title: 'Where gold differs from me', section: 'Review', keys: ['g'], scope: 'review' },
  'review-side-by-side': { title: 'Side by side, or the text', section: 'Review', keys: ['v'], scope: 'review' },
  'review-reviewed': { title: 'Mark the document reviewed, or no longer', section: 'Review', keys: ['r'], scope: 'review-panel' },

  // Team sync
  sync: { title: 'Sync with the team: send your changes, bring in your colleagues’ (on a workspace not shared yet: Share)', section: 'Team', keys: ['Mod+Shift+S'], scope: 'always' },
  share: { title: 'Share this workspace with the team: a shared folder or a git host’s http(s) URL', section: 'Team', scope: 'always', native: { menu: 'file', group: 2, label: 'Share Workspace…' } },
  'join-workspace': { title: 'Join a shared workspace: copy it into a new folder as your own analyst', section: 'Team', scope: 'always', native: { menu: 'file', group: 2, label: 'Join Shared Workspace…' } },
  'sync-conflicts': { title: 'Show sync conflicts and choose a version', section: 'Team', scope: 'always' },
} as const satisfies Record<string, CommandSpec>;

/** The commands declared in the table. */
export type CommandId = keyof typeof COMMANDS;

/** Every action id: the table's, and those computed from the schema (a key per label, per frame type). */
export type ActionId = CommandId | `tag:${string}` | `frame:${string}` | `suggest-accept-as:${string}`;

export function isCommandId(id: unknown): id is CommandId {
  return typeof id === 'string' && Object.hasOwn(COMMANDS, id);
}

/** The channel main sends a menu command on; the preload hands it to the page's `window.api.onCommand`. */
export const COMMAND_CHANNEL = 'parley:command';

/** What the preload adds beside the API: menu commands from the Electron shell. */
export interface ShellEvents {
  /** Calls `listener` with each command the Electron menu sends; returns a function that stops listening. */
  onCommand(listener: (id: CommandId) => void): () => void;
}

/** The commands of one Electron menu, group by group, in the table's order. */
export function nativeMenu(menu: NativeMenu): { id: CommandId; label: string; accelerator?: string }[][] {
  const groups: { id: CommandId; label: string; accelerator?: string }[][] = [];
  for (const [id, spec] of Object.entries(COMMANDS) as [CommandId, CommandSpec][]) {
    if (spec.native?.menu !== menu) continue;
    const key = spec.keys?.[0];
    (groups[spec.native.group] ??= []).push({ id, label: spec.native.label, ...(key && { accelerator: accelerator(key) }) });
  }
  return groups.filter(Boolean);
}

/** A key spec as an Electron accelerator: `Mod+Shift+Z` → `CmdOrCtrl+Shift+Z`. */
export function accelerator(spec: string): string {
  return spec
    .split('+')
    .map((p) => (p === 'Mod' ? 'CmdOrCtrl' : p.length === 1 ? p.toUpperCase() : p))
    .join('+');
}
