/** Relations in the reader: what their commands run. */
import { registerActions } from '../../app/registry';
import { cancelRelation, finishRelation, toggleArcs } from './actions';
import { relationsSlice } from './slice';

registerActions({
  'relation-arcs': { run: toggleArcs },
  'relation-target': {
    when: (c) => {
      const pending = relationsSlice.of(c.state).pending;
      return pending !== null && c.state.focusedId !== null && c.state.focusedId !== pending.source;
    },
    run: (app) => finishRelation(app, -1, app.state.focusedId!),
  },
  'relation-cancel': {
    when: (c) => relationsSlice.of(c.state).pending !== null,
    run: (app) => {
      cancelRelation(app);
      app.toast('Relation dropped', 'info');
    },
  },
});
