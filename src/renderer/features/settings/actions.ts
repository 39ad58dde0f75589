/** Settings, the workspace and the label schema: their named actions. */
import type { LabelUse } from '../../../core/api/schema';
import { describeMigration } from '../../../core/migrationPlan';
import type { MigrationOp } from '../../../core/migrations';
import type { LabelSchema } from '../../../core/model';
import { api } from '../../api';
import type { AppStore } from '../../app/store';
import type { SchemeSummary } from '../../../core/api/guidelines';
import type { TeamPatch, TeamSettings } from '../../../core/api/team';

/** The team settings (blind annotation, the lead) as this window sees them. */
export async function loadTeam(app: AppStore): Promise<TeamSettings | null> {
  try {
    return await api.team.settings({});
  } catch (e) {
    app.fail(e, 'Reading the team settings');
    return null;
  }
}

/** Changes the team settings; the document list follows at once (colleagues' progress shows or hides). */
export async function saveTeam(app: AppStore, patch: TeamPatch): Promise<TeamSettings | null> {
  try {
    const team = await api.team.setSettings(patch);
    await app.refreshDocs();
    return team;
  } catch (e) {
    app.fail(e, 'Changing the team settings');
    return null;
  }
}

/** Opens another workspace: the native folder picker in Electron, a path dialog in the browser. */
export function pickWorkspace(app: AppStore): void {
  void api.workspace.pickFolder({}).then((r) => {
    if (r.native) {
      if (r.path) void api.workspace.open({ path: r.path, create: true }).then(() => app.loadWorkspace(null), (e) => app.fail(e, 'Opening the workspace'));
    } else app.openDialog({ kind: 'open-workspace' });
  }, (e) => app.fail(e, 'Opening the workspace'));
}

/** The schemes a new workspace can start under. */
export function shippedSchemes(): Promise<SchemeSummary[]> {
  return api.guidelines.schemes({});
}

export function openWorkspaceAt(app: AppStore, path: string, create: boolean, scheme?: string): void {
  void api.workspace.open({ path, create, ...(create && scheme ? { scheme } : {}) }).then(async () => {
    app.openDialog(null);
    history.replaceState(null, '', `${location.pathname}${location.search}`);
    await app.loadWorkspace(null);
  }, (e) => app.fail(e, 'Opening the workspace'));
}

export function saveAnnotator(app: AppStore, name: string): void {
  const info = app.state.info;
  // This copy has its own analyst (set when it was joined or shared): renaming it moves the next edits to another layer, so it is asked first.
  const ofClone = info?.annotatorFrom === 'workspace' && info.annotator !== name;
  if (ofClone && !window.confirm(`Analyse this workspace copy as ${name} instead of ${info.annotator}? Your next edits go to ${name}'s layer.`)) return;
  const saving = ofClone ? api.workspace.setAnnotator({ annotator: name, confirm: true }) : api.settings.setAnnotator({ annotator: name });
  void saving.then(async () => {
    app.openDialog(null);
    await app.loadWorkspace(app.state.doc?.doc.id ?? null);
  }, (e) => app.fail(e, 'Changing the annotator'));
}

function setSchema(app: AppStore, schema: LabelSchema): void {
  app.set((s) => ({ info: s.info ? { ...s.info, schema } : s.info }));
}

/** Schema edits run one after another, each applied to the schema the previous one left. */
export function editSchema(app: AppStore, edit: (latest: LabelSchema) => LabelSchema): Promise<void> {
  app.schemaSaves.push(async () => {
    const latest = app.state.info?.schema;
    if (!latest) return;
    try {
      setSchema(app, await api.schema.save({ schema: edit(latest) }));
      app.view?.refreshAll();
    } catch (e) {
      app.fail(e, 'Saving the schema');
    }
  });
  return app.schemaSaves.idle();
}

async function afterSchemaChange(app: AppStore, schema: LabelSchema): Promise<void> {
  setSchema(app, schema);
  await app.refreshDocs();
  await app.reopenDoc();
}

/**
 * A schema change that touches labels already made (a rename, a merge, new
 * values for an attribute): counted over every analyst's layers and gold
 * first; when it touches any, its plan is shown and it runs on confirm,
 * otherwise at once.
 */
export function proposeMigration(app: AppStore, op: MigrationOp): Promise<void> {
  app.schemaSaves.push(async () => {
    try {
      await app.saves.idle();
      const plan = await api.schema.planMigration({ op });
      if (plan.layers > 0) app.openDialog({ kind: 'migration', op, plan });
      else await runMigration(app, op, false);
    } catch (e) {
      app.fail(e, 'Changing the schema');
    }
  });
  return app.schemaSaves.idle();
}

/** The step that puts a migration back, where one does exactly that: renames, and values renamed one for one. */
export function inverseOf(op: MigrationOp, before: LabelSchema): MigrationOp | null {
  switch (op.op) {
    case 'renameLabel':
    case 'renameFrameType':
      return { ...op, from: op.to, to: op.from };
    case 'renameRole':
      return { ...op, from: op.to, to: op.from };
    case 'mapValues': {
      const values = before.frameTypes.find((t) => t.name === op.frameType)?.attributes.find((a) => a.name === op.attribute)?.values;
      const targets = Object.values(op.map);
      if (!values || targets.some((t) => t === null || values.includes(t)) || new Set(targets).size !== targets.length) return null;
      return { ...op, values, map: Object.fromEntries(Object.entries(op.map).map(([from, to]) => [to!, from])) };
    }
    default:
      return null;
  }
}

/** Runs a migration on every layer; says what it did, with Undo where a step puts it back, else where its snapshot is. */
export async function runMigration(app: AppStore, op: MigrationOp, tell = true): Promise<void> {
  const before = app.state.info?.schema;
  const { plan, migration, schema } = await api.schema.migrate({ op });
  const from = app.state.dialog?.kind;
  if (from === 'migration' || from === 'delete-label') app.openDialog({ kind: 'schema' });
  await afterSchemaChange(app, schema);
  if (!tell) return;
  const done = `Schema version ${migration.version}: ${plan.summary}, in ${plan.layers} layer${plan.layers === 1 ? '' : 's'} of ${plan.documents} document${plan.documents === 1 ? '' : 's'}.`;
  const inverse = before ? inverseOf(op, before) : null;
  if (inverse) {
    app.toast(done, 'info', {
      label: 'Undo',
      run: () =>
        app.schemaSaves.push(() =>
          runMigration(app, inverse, false).then(
            () => app.toast(`Undone: ${describeMigration(op)}.`, 'info'),
            (e) => app.fail(e, 'Undoing the schema change'),
          ),
        ),
    });
  } else app.toast(`${done} ${snapshotNote(app)}`, 'info');
}

/** Where a migration that no step undoes can be put back from. */
export function snapshotNote(app: AppStore): string {
  return `The files it changed were kept as they were in a snapshot: with the workspace closed, parley restore --workspace ${app.state.info?.path ?? 'DIR'} --list shows it and puts it back.`;
}

export function confirmMigration(app: AppStore, op: MigrationOp): void {
  app.schemaSaves.push(() => runMigration(app, op).catch((e) => app.fail(e, 'Changing the schema')));
}

/** Deletes a label at once when nothing uses it; otherwise asks what should happen to its mentions. */
export async function deleteLabel(app: AppStore, name: string): Promise<LabelUse | null> {
  try {
    await app.saves.idle();
    const use = (await api.schema.labelUse({})).find((u) => u.label === name) ?? null;
    if (use && use.mentions > 0) app.openDialog({ kind: 'delete-label', use });
    else await afterSchemaChange(app, await api.schema.deleteLabel({ name, mentions: 'delete' }));
    return use;
  } catch (e) {
    app.fail(e, 'Deleting the label');
    return null;
  }
}

/** A label with mentions is deleted by a migration: recorded in the schema's history, carried by sync, and frames lose the fillers it deletes. */
export function deleteLabelWithMentions(app: AppStore, name: string, relabelTo: string | null): void {
  confirmMigration(app, { op: 'deleteLabel', name, ...(relabelTo ? { relabelTo } : {}) });
}
