/** Relations in the reader: what their commands run. */
import { registerActions } from '../../app/registry';
import { cancelRelation, toggleArcs } from './actions';
import { relationsSlice } from './slice';

registerActions({
  'relation-arcs': { run: toggleArcs },
  'relation-cancel': {
    when: (c) => relationsSlice.of(c.state).pending !== null,
    run: (app) => {
      cancelRelation(app);
      app.toast('Relation dropped', 'info');
    },
  },
});
