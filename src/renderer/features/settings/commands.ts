/** Settings, workspace, schema and the shortcuts sheet: what their commands run. */
import { isTyping, registerActions } from '../../app/registry';
import { pickWorkspace } from './actions';

registerActions({
  'open-workspace': { run: pickWorkspace },
  schema: { run: (app) => app.openDialog({ kind: 'schema' }) },
  shortcuts: {
    run: (app, e) => {
      // ? is a character in a text field; F1 never is.
      if (e?.key === '?' && isTyping(e.target)) return false;
      app.openDialog({ kind: 'shortcuts' });
    },
  },
  settings: { run: (app) => app.openDialog({ kind: 'settings' }) },
  'close-dialog': { run: (app) => app.closeDialog() },
});
