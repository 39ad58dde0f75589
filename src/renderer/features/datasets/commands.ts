/** Datasets: import and export. */
import { registerActions } from '../../app/registry';

registerActions({
  import: { run: (app) => app.openDialog({ kind: 'import' }) },
  export: { run: (app) => app.openDialog({ kind: 'export' }) },
});
