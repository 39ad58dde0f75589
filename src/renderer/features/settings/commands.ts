/** Settings, workspace, schema and the shortcuts sheet. */
import { inReader, isTyping, registerActions } from '../../app/registry';
import { pickWorkspace } from './actions';

registerActions([
  {
    id: 'open-workspace',
    title: 'Open another workspace',
    section: 'Workspace',
    keys: ['Mod+O'],
    when: inReader,
    menu: { label: 'Open workspace…', order: 10 },
    run: pickWorkspace,
  },
  { id: 'schema', title: 'Edit the label schema, frame types and document fields', section: 'Workspace', menu: { label: 'Schema…', order: 60 }, run: (app) => app.openDialog({ kind: 'schema' }) },
  {
    id: 'shortcuts',
    title: 'This list of shortcuts',
    section: 'Workspace',
    keys: ['F1', '?'],
    when: inReader,
    menu: { label: 'Shortcuts', order: 70 },
    run: (app, e) => {
      // ? is a character in a text field; F1 never is.
      if (e?.key === '?' && isTyping(e.target)) return false;
      app.openDialog({ kind: 'shortcuts' });
    },
  },
  { id: 'settings', title: 'Your annotator name', section: 'Workspace', keys: ['Mod+,'], when: inReader, run: (app) => app.openDialog({ kind: 'settings' }) },
  { id: 'close-dialog', title: 'Close a dialog', section: 'Workspace', keys: ['Escape'], when: (c) => c.state.dialog !== null, run: (app) => app.closeDialog() },
]);
