/** Settings, workspace, schema and shortcuts dialogs, shown when the app store says so. */
import { useApp, useAppStore } from '../../app/store';
import { deleteLabel, deleteLabelWithMentions, editSchema, openWorkspaceAt, renameLabel, saveAnnotator } from './actions';
import { FirstStepsDialog } from '../welcome/FirstSteps';
import { DeleteLabelDialog, OpenWorkspaceDialog, SchemaEditor, SettingsDialog, ShortcutsDialog } from './Dialogs';

export function SettingsDialogs() {
  const app = useAppStore();
  const dialog = useApp((s) => s.dialog);
  const info = useApp((s) => s.info);
  const appearance = useApp((s) => s.appearance);
  const close = () => app.closeDialog();
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'open-workspace':
      return info && <OpenWorkspaceDialog current={info.path} onClose={close} onOpen={(path, create, scheme) => openWorkspaceAt(app, path, create, scheme)} />;
    case 'settings':
      return (
        info && (
          <SettingsDialog
            annotator={info.annotator}
            onClose={close}
            onSave={(name) => saveAnnotator(app, name)}
            appearance={appearance}
            onAppearance={(patch) => app.setAppearance(patch)}
          />
        )
      );
    case 'shortcuts':
      return <ShortcutsDialog onClose={close} />;
    case 'first-steps':
      return <FirstStepsDialog onClose={close} />;
    case 'schema':
      return (
        info && (
          <SchemaEditor
            schema={info.schema}
            onClose={close}
            onEdit={(edit) => editSchema(app, edit)}
            onRename={(from, to) => renameLabel(app, from, to)}
            onDelete={(name) => deleteLabel(app, name)}
          />
        )
      );
    case 'delete-label':
      return (
        info && (
          <DeleteLabelDialog
            use={dialog.use}
            labels={info.schema.labels}
            onClose={close}
            onRelabel={(to) => deleteLabelWithMentions(app, dialog.use.label, to)}
            onDeleteMentions={() => deleteLabelWithMentions(app, dialog.use.label, null)}
          />
        )
      );
    default:
      return null;
  }
}
