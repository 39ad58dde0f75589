/** The first-steps card: reopened from the shortcuts sheet, the palette or the Help menu; Esc puts it away. */
import { registerActions } from '../../app/registry';
import { markSeen, welcomeSlice } from './slice';

registerActions({
  'first-steps': { run: (app) => app.openDialog({ kind: 'first-steps' }) },
  'first-steps-done': {
    when: (c) => welcomeSlice.of(c.state).seen === false && !c.state.doc && c.state.screen === 'reader',
    run: (app) => markSeen(app),
  },
});
