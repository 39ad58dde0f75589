/** The command palette: every action, document and entity, by typing. */
import { registerActions } from '../../app/registry';

registerActions([
  {
    id: 'palette',
    title: 'Command palette: run an action, open a document or an entity by typing',
    section: 'Workspace',
    keys: ['Mod+Shift+P', 'Mod+K'],
    // Every screen, from a text field too: the keys type nothing.
    when: (c) => c.state.dialog === null,
    run: (app) => app.openDialog({ kind: 'palette' }),
  },
]);
