/** Settings, the workspace and the label schema: their named actions. */
import type { LabelUse } from '../../../core/api/schema';
import type { Migration, MigrationOp } from '../../../core/migrations';
import type { LabelSchema } from '../../../core/model';
import { api } from '../../api';
import type { RecentChange } from '../../app/state';
import type { OpenDocument } from '../../document/openDocument';
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

/**
 * Runs a migration on every layer and says what it did, with Undo: the step
 * kept what it changed, so Undo, Ctrl+Z while it is the newest change, and
 * the list of recent changes put every mention and frame back exactly.
 */
export async function runMigration(app: AppStore, op: MigrationOp, tell = true): Promise<void> {
  const { plan, migration, schema } = await api.schema.migrate({ op });
  const from = app.state.dialog?.kind;
  if (from === 'migration' || from === 'delete-label' || from === 'split-label') app.openDialog({ kind: 'schema' });
  await afterSchemaChange(app, schema);
  app.schemaStepDone(migration.version, plan.summary);
  if (!tell) return;
  const done = `Schema version ${migration.version}: ${plan.summary}, in ${plan.layers} layer${plan.layers === 1 ? '' : 's'} of ${plan.documents} document${plan.documents === 1 ? '' : 's'}.`;
  app.toast(done, 'info', { label: 'Undo', run: () => undoSchemaStep(app, migration.version) });
}

/** Undoes schema version `version` (the newest) as one step, in the order of the other schema changes; says what came back and what had changed since. */
export function undoSchemaStep(app: AppStore, version: number): Promise<void> {
  app.schemaSaves.push(async () => {
    try {
      await app.saves.idle();
      const r = await api.schema.undoMigration({ version });
      app.schemaStepUndone(version);
      await afterSchemaChange(app, r.schema);
      const op = r.migration.op;
      const what = op.op === 'revertMigration' ? op.summary : `schema version ${version}`;
      const kept = r.skipped ? ` ${r.skipped} item${r.skipped === 1 ? '' : 's'} changed since stay as they are now.` : '';
      app.toast(`Undone: ${what}.${kept}`, 'info');
    } catch (e) {
      app.fail(e, 'Undoing the schema change');
    }
  });
  return app.schemaSaves.idle();
}

/** The schema step Ctrl+Z undoes: the newest change listed from this window, when it is one. */
export function schemaStepToUndo(recent: readonly RecentChange[]): { version: number; summary: string } | null {
  const newest = recent.find((r) => r.kind !== 'undo' && r.kind !== 'redo' && !r.undone);
  if (newest?.kind !== 'schema' || newest.schemaVersion === undefined) return null;
  return { version: newest.schemaVersion, summary: newest.change.op === 'batch' ? newest.change.title : '' };
}

/**
 * Ctrl+Z: a schema step run from this window while it is the newest change
 * listed; after a reload, the step that last changed the open document's
 * layer when nothing has been done there since (a step starts the layer's
 * history afresh); otherwise the document's own newest change.
 */
export async function undoNewest(app: AppStore): Promise<void> {
  const listed = schemaStepToUndo(app.state.recent);
  if (listed !== null) return undoSchemaStep(app, listed.version);
  const doc = app.state.doc;
  const step = doc ? await schemaStepOfLayer(doc) : null;
  if (step) return undoSchemaStep(app, step.version);
  app.undoRedo('undo');
}

/** The schema step that last changed this layer, when nothing was done in it since and this copy can undo the step. */
export async function schemaStepOfLayer(doc: OpenDocument): Promise<Migration | null> {
  const version = doc.layer.schemaVersion;
  if (!version || doc.history.undo !== null) return null;
  const step = await api.schema.undoableMigration({}).catch(() => null);
  return step?.version === version ? step : null;
}

export function confirmMigration(app: AppStore, op: MigrationOp): void {
  app.schemaSaves.push(() => runMigration(app, op).catch((e) => app.fail(e, 'Changing the schema')));
}

/** Deletes a label at once when nothing uses it (Undo puts it back); otherwise asks what should happen to its mentions. */
export async function deleteLabel(app: AppStore, name: string): Promise<LabelUse | null> {
  try {
    await app.saves.idle();
    const use = (await api.schema.labelUse({})).find((u) => u.label === name) ?? null;
    if (use && use.mentions > 0) app.openDialog({ kind: 'delete-label', use });
    // Unused, it is still a step of the schema's history: its definition, colour and key come back with Undo.
    else await runMigration(app, { op: 'deleteLabel', name });
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
