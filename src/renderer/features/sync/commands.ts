/** Team sync: its actions in the registry (the Sync control in the top bar runs them too). */
import { registerActions } from '../../app/registry';
import { showConflicts, syncNow } from './syncStore';

registerActions([
  {
    id: 'sync',
    title: 'Sync with the team: send your changes, bring in your colleagues’',
    section: 'Team',
    keys: ['Mod+Shift+S'],
    run: (app) => void syncNow(app),
  },
  {
    id: 'sync-conflicts',
    title: 'Show sync conflicts and choose a version',
    section: 'Team',
    run: (app) => void showConflicts(app),
  },
]);
