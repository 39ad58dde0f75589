/** Datasets: import and export. */
import { GOLD } from '../../../core/model';
import { registerActions } from '../../app/registry';

registerActions({
  import: { run: (app) => app.openDialog({ kind: 'import' }) },
  // From Review, the adjudicated layer is what is wanted.
  export: { run: (app) => app.openDialog({ kind: 'export', layer: app.state.screen === 'review' ? GOLD : undefined }) },
});
