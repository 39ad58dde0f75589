/** Datasets: the import and export dialogs, shown when the app store says so. */
import { api } from '../../api';
import { useApp, useAppStore } from '../../app/store';
import { ExportDialog } from './ExportDialog';
import { ImportDialog } from './ImportDialog';

export function DatasetDialogs() {
  const app = useAppStore();
  const dialog = useApp((s) => s.dialog);
  const info = useApp((s) => s.info);
  const close = () => app.openDialog(null);
  if (dialog?.kind === 'export' && info) return <ExportDialog schema={info.schema} annotator={info.annotator} workspacePath={info.path} onClose={close} onError={app.fail} />;
  if (dialog?.kind === 'import')
    return (
      <ImportDialog
        onClose={close}
        onError={app.fail}
        onDone={() => {
          void app.refreshDocs();
          void app.refreshEntities();
          // An import may have added labels to the schema.
          api.workspace.info({}).then((info) => app.set({ info }), app.fail);
        }}
      />
    );
  return null;
}
