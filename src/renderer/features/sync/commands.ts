/** Team sync: what its commands run (the Sync control in the top bar runs them too). */
import { registerActions } from '../../app/registry';
import { openShare, showConflicts, syncNow } from './actions';

registerActions({
  sync: { run: (app) => void syncNow(app) },
  'sync-conflicts': { run: (app) => void showConflicts(app) },
  share: { run: (app) => void openShare(app) },
  'join-workspace': { run: (app) => app.openDialog({ kind: 'join' }) },
});
