/** The command palette: every action, document and entity, by typing. */
import { registerActions } from '../../app/registry';

registerActions({
  palette: { run: (app) => app.openDialog({ kind: 'palette' }) },
});
