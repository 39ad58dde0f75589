/** Datasets: the import and export dialogs, shown when the app store says so. */
import { useCallback } from 'react';
import { useApp, useAppStore } from '../../app/store';
import { afterImport } from './actions';
import { ExportDialog } from './ExportDialog';
import { ImportDialog } from './ImportDialog';

export function DatasetDialogs() {
  const app = useAppStore();
  const dialog = useApp((s) => s.dialog);
  const info = useApp((s) => s.info);
  const close = () => app.openDialog(null);
  const done = useCallback(() => afterImport(app), [app]);
  if (dialog?.kind === 'export' && info) return <ExportDialog schema={info.schema} annotator={info.annotator} layer={dialog.layer} workspacePath={info.path} onClose={close} />;
  if (dialog?.kind === 'import') return <ImportDialog onClose={close} onDone={done} />;
  return null;
}
