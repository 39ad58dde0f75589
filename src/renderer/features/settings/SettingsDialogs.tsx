/** Settings, workspace, schema and shortcuts dialogs, shown when the app store says so. */
import { useApp, useAppStore } from '../../app/store';
import { confirmMigration, deleteLabel, deleteLabelWithMentions, editSchema, openWorkspaceAt, proposeMigration, saveAnnotator } from './actions';
import { FirstStepsDialog } from '../welcome/FirstSteps';
import { DeleteLabelDialog, OpenWorkspaceDialog, SchemaEditor, SettingsDialog, ShortcutsDialog } from './Dialogs';
import { MigrationDialog } from './MigrationDialog';
import { SplitLabelDialog } from './SplitLabelDialog';

export function SettingsDialogs() {
  const app = useAppStore();
  const dialog = useApp((s) => s.dialog);
  const info = useApp((s) => s.info);
  const appearance = useApp((s) => s.appearance);
  const close = () => app.closeDialog();
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'open-workspace':
      return info && <OpenWorkspaceDialog current={info.path} onClose={close} onOpen={(path, create, scheme) => openWorkspaceAt(app, path, create, scheme)} onJoin={() => app.openDialog({ kind: 'join' })} />;
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
            onMigrate={(op) => proposeMigration(app, op)}
            onDelete={(name) => deleteLabel(app, name)}
            onSplit={(label) => app.openDialog({ kind: 'split-label', label })}
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
    case 'split-label':
      return info && <SplitLabelDialog label={dialog.label} labels={info.schema.labels} onClose={() => app.openDialog({ kind: 'schema' })} onPropose={(op) => void proposeMigration(app, op)} />;
    case 'migration':
      return (
        info && (
          <MigrationDialog
            plan={dialog.plan}
            onClose={close}
            onApply={() => confirmMigration(app, dialog.op)}
          />
        )
      );
    default:
      return null;
  }
}
