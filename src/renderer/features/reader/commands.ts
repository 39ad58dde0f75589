/** Reader and tagging: what the commands of the document list, the reader and tagging run. */
import { PRIORITY } from '../../../core/commands';
import { onDocument, registerActionSource, registerActions, type ActionContext } from '../../app/registry';
import { undoNewest } from '../settings/actions';
import { backOut, deleteFocused, extendSelection, moveCaret, moveCursor, openAtCursor, setSnapWords, stepMention, tag } from './actions';

const focusListFilter = () => {
  const field = document.querySelector<HTMLInputElement>('.doclist .list-filter');
  field?.focus();
  field?.select();
};
const notTyping = (c: ActionContext) => !c.typing;

registerActions({
  'list-down': { run: (app) => moveCursor(app, (c) => c + 1) },
  'list-up': { run: (app) => moveCursor(app, (c) => c - 1) },
  'list-first': { run: (app) => moveCursor(app, () => 0) },
  'list-last': { run: (app) => moveCursor(app, (_, n) => n - 1) },
  'list-open': { run: openAtCursor },
  'focus-list': { run: () => document.querySelector<HTMLElement>('.doclist [role="listbox"]')?.focus() },
  'filter-list': { run: () => focusListFilter() },
  'filter-list-here': { run: () => focusListFilter() },
  'focus-reader': { run: () => document.querySelector<HTMLElement>('.reader-scroll')?.focus() },
  undo: {
    when: notTyping,
    // A schema step is undone as one step, over every layer (settings/actions.ts says when).
    run: (app) => void undoNewest(app),
  },
  redo: { when: notTyping, run: (app) => app.undoRedo('redo') },
  'recent-changes': { run: (app) => app.openDialog({ kind: 'recent-changes' }) },
  'extend-selection': { run: (app, e) => (e ? extendSelection(app, e) : false) },
  'move-caret': { when: (c) => Boolean(c.target?.closest('.reader-scroll')), run: (app, e) => (e ? moveCaret(app, e) : false) },
  'back-out': { run: backOut },
  'next-mention': { run: (app) => stepMention(app, 1) },
  'previous-mention': { run: (app) => stepMention(app, -1) },
  'delete-mention': { run: deleteFocused },
  'snap-words': {
    when: (c) => ![...(c.state.info?.schema.labels ?? []), ...(c.state.info?.schema.frameTypes ?? [])].some((l) => l.key === 'w'),
    run: (app) => {
      const on = !app.state.snapWords;
      setSnapWords(app, on);
      app.toast(`Snap to words ${on ? 'on' : 'off'}`, 'info');
    },
  },
});

// A key per label, from the schema: tags the selection, or relabels the focused mention.
registerActionSource((state) =>
  (state.info?.schema.labels ?? [])
    .filter((l) => l.key)
    .map((l) => ({
      id: `tag:${l.name}` as const,
      title: `${l.name}: tag the selection, or relabel the selected mention on screen`,
      section: 'Labels',
      keys: [`Shift?+${l.key}`],
      scope: 'document' as const,
      priority: PRIORITY.labelKeys,
      when: onDocument,
      run: (app) => tag(app, l.name),
    })),
);
