/** Reader and tagging: the actions a person runs by key or menu. */
import { inReader, onDocument, registerActionSource, registerActions, type ActionContext } from '../../app/registry';
import { backOut, deleteFocused, extendSelection, moveCaret, moveCursor, openAtCursor, setSnapWords, stepMention, tag } from './actions';

const inDocList = (c: ActionContext) => inReader(c) && Boolean(c.target?.closest('.doclist [role="listbox"]'));
const focusListFilter = () => {
  const field = document.querySelector<HTMLInputElement>('.doclist .list-filter');
  field?.focus();
  field?.select();
};
const notTyping = (c: ActionContext) => inReader(c) && !c.typing;

registerActions([
  { id: 'list-down', title: 'Next document in the list', section: 'Documents', keys: ['ArrowDown', 'j'], when: inDocList, run: (app) => moveCursor(app, (c) => c + 1) },
  { id: 'list-up', title: 'Previous document in the list', section: 'Documents', keys: ['ArrowUp', 'k'], when: inDocList, run: (app) => moveCursor(app, (c) => c - 1) },
  { id: 'list-first', title: 'First document', section: 'Documents', keys: ['Home'], when: inDocList, run: (app) => moveCursor(app, () => 0) },
  { id: 'list-last', title: 'Last document', section: 'Documents', keys: ['End'], when: inDocList, run: (app) => moveCursor(app, (_, n) => n - 1) },
  { id: 'list-open', title: 'Open the document under the cursor', section: 'Documents', keys: ['Enter', ' '], keyHint: 'Enter', when: inDocList, run: openAtCursor },
  {
    id: 'focus-list',
    title: 'Focus the document list',
    section: 'Documents',
    keys: ['Mod+1'],
    when: inReader,
    run: () => document.querySelector<HTMLElement>('.doclist [role="listbox"]')?.focus(),
  },
  {
    id: 'filter-list',
    title: 'Filter the document list by title or outlet',
    section: 'Documents',
    keys: ['Mod+Shift+L'],
    when: inReader,
    run: () => focusListFilter(),
  },
  { id: 'filter-list-here', title: 'Filter the document list', section: 'Documents', keys: ['/'], when: inDocList, run: () => focusListFilter() },
  {
    id: 'focus-reader',
    title: 'Focus the reader',
    section: 'Documents',
    keys: ['Mod+2'],
    when: inReader,
    run: () => document.querySelector<HTMLElement>('.reader-scroll')?.focus(),
  },
  { id: 'undo', title: 'Undo (kept across reloads)', section: 'Editing', keys: ['Mod+Z'], when: notTyping, run: (app) => app.undoRedo('undo') },
  { id: 'redo', title: 'Redo', section: 'Editing', keys: ['Mod+Shift+Z', 'Mod+Y'], when: notTyping, run: (app) => app.undoRedo('redo') },
  {
    id: 'extend-selection',
    title: 'Extend the selection by character or line (Ctrl: by word; Home/End: to the line start/end)',
    section: 'Tagging',
    keys: ['Mod?+Alt?+Shift+ArrowLeft', 'Mod?+Alt?+Shift+ArrowRight', 'Mod?+Alt?+Shift+ArrowUp', 'Mod?+Alt?+Shift+ArrowDown', 'Mod?+Alt?+Shift+Home', 'Mod?+Alt?+Shift+End'],
    keyHint: 'Shift+← → ↑ ↓, Ctrl+Shift+← →, Shift+Home / End',
    when: onDocument,
    run: (app, e) => (e ? extendSelection(app, e) : false),
  },
  {
    id: 'move-caret',
    title: 'Move the caret in the text (Ctrl: by word); Tab or Ctrl+2 puts the keyboard in the reader',
    section: 'Tagging',
    keys: ['Mod?+ArrowLeft', 'Mod?+ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'],
    keyHint: '← → ↑ ↓ in the reader',
    when: (c) => onDocument(c) && Boolean(c.target?.closest('.reader-scroll')),
    run: (app, e) => (e ? moveCaret(app, e) : false),
  },
  { id: 'back-out', title: 'Clear the selection; disarm a role; unselect', section: 'Tagging', keys: ['Escape'], when: onDocument, run: backOut },
  { id: 'next-mention', title: 'Select the next mention', section: 'Tagging', keys: [']'], when: onDocument, run: (app) => stepMention(app, 1) },
  { id: 'previous-mention', title: 'Select the previous mention', section: 'Tagging', keys: ['['], when: onDocument, run: (app) => stepMention(app, -1) },
  { id: 'delete-mention', title: 'Delete the selected mention', section: 'Tagging', keys: ['Delete', 'Backspace'], when: onDocument, run: deleteFocused },
  {
    id: 'snap-words',
    title: 'Toggle snapping selections to whole words',
    section: 'Tagging',
    keys: ['w'],
    when: (c) => onDocument(c) && ![...(c.state.info?.schema.labels ?? []), ...(c.state.info?.schema.frameTypes ?? [])].some((l) => l.key === 'w'),
    run: (app) => {
      const on = !app.state.snapWords;
      setSnapWords(app, on);
      app.toast(`Snap to words ${on ? 'on' : 'off'}`, 'info');
    },
  },
]);

// A key per label, from the schema: tags the selection, or relabels the focused mention.
registerActionSource((state) =>
  (state.info?.schema.labels ?? [])
    .filter((l) => l.key)
    .map((l) => ({
      id: `tag:${l.name}`,
      title: `Tag the selection ${l.name} (or relabel the selected mention)`,
      section: 'Labels',
      keys: [`Shift?+${l.key}`],
      when: onDocument,
      run: (app) => tag(app, l.name),
    })),
);
