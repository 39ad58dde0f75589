/** Datasets: import and export. */
import { inReader, registerActions } from '../../app/registry';

registerActions([
  {
    id: 'import',
    title: 'Add articles, or another analyst’s labels',
    section: 'Datasets',
    keys: ['Mod+I'],
    when: inReader,
    menu: { label: 'Import…', order: 30 },
    run: (app) => app.openDialog({ kind: 'import' }),
  },
  {
    id: 'export',
    title: 'Write a dataset for NLP tools',
    section: 'Datasets',
    keys: ['Mod+E'],
    when: inReader,
    menu: { label: 'Export…', order: 40 },
    run: (app) => app.openDialog({ kind: 'export' }),
  },
]);
