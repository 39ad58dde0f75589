/** Datasets: the import and export dialogs' named actions (state in the datasets slice). */
import type { ExportRequest, ImportRequest } from '../../../core/api/datasets';
import { formatError } from '../../../core/errors';
import { api } from '../../api';
import { whileBusy } from '../../app/busy';
import type { AppStore } from '../../app/store';
import { decisionsRequest, type LabelDecision } from './LabelDecisions';
import { datasetsSlice, freshExport, freshImport, type ExportChoices, type ExportState, type ImportState } from './slice';

const exportOf = (app: AppStore) => datasetsSlice.of(app.state).export!;
const importOf = (app: AppStore) => datasetsSlice.of(app.state).import!;
/** Changes the open dialog's state (none once it has closed: an answer that arrives late is dropped). */
const setExport = (app: AppStore, patch: Partial<ExportState>) => datasetsSlice.set(app, (s) => ({ export: s.export && { ...s.export, ...patch } }));
const setImport = (app: AppStore, patch: Partial<ImportState>) => datasetsSlice.set(app, (s) => ({ import: s.import && { ...s.import, ...patch } }));

/** Follows a background job until it ends: progress for the bar, the result or the error; `stopped` says the dialog has gone. */
export function followJob(app: AppStore, jobId: string | null, stopped: () => boolean): void {
  datasetsSlice.set(app, { job: null });
  if (jobId) void poll(app, jobId, stopped);
}

async function poll(app: AppStore, jobId: string, stopped: () => boolean): Promise<void> {
  try {
    const s = await api.jobs.get({ jobId });
    if (stopped()) return;
    datasetsSlice.set(app, { job: s });
    if (s.state === 'running') setTimeout(() => void poll(app, jobId, stopped), 150);
  } catch (e) {
    if (!stopped()) app.fail(e);
  }
}

// Export

/** The export dialog opens as it was last left on this workspace (`layer`, if given, chosen over it): the formats and whose layers there are; returns what closes it. */
export function openExport(app: AppStore, annotator: string, workspacePath: string, layer?: string): () => void {
  const fresh = freshExport(annotator, workspacePath);
  const choices = { ...fresh.choices, ...remembered('export', workspacePath, fresh.choices) };
  const known = new Set(app.state.info?.schema.labels.map((l) => l.name));
  choices.labels = choices.labels.filter((l) => known.has(l));
  if (layer) choices.who = layer;
  datasetsSlice.set(app, { export: { ...fresh, choices } });
  api.datasets.formats({}).then((f) => setExport(app, { formats: f.filter((x) => x.canExport) }), app.fail);
  api.review.annotators({}).then((list) => setExport(app, { annotators: [...new Set([annotator, ...list.map((a) => a.annotator)])] }), app.fail);
  return () => datasetsSlice.set(app, { export: null });
}

export function chooseExport(app: AppStore, patch: Partial<ExportChoices>): void {
  const choices = { ...exportOf(app).choices, ...patch };
  setExport(app, { choices });
  remember(app, 'export', choices);
}

/** The request the choices make. */
export function exportRequest(c: ExportChoices): ExportRequest {
  return {
    format: c.format,
    out: c.zip && !c.out.endsWith('.zip') ? `${c.out}.zip` : c.out,
    annotator: c.who,
    statuses: c.statuses.length ? c.statuses : undefined,
    labels: c.labels.length ? c.labels : undefined,
    split: c.split ? c.ratios : undefined,
    tagScheme: c.format === 'conll' ? c.scheme : undefined,
  };
}

/** Counts what the choices would write, before anything is. */
export function planExport(app: AppStore, request: ExportRequest): void {
  whileBusy(app, 'Counting what the export will write', () => api.datasets.exportPlan(request), { key: 'export-plan' }).then(
    (plan) => setExport(app, { plan, planError: null }),
    (e) => setExport(app, { planError: formatError(e) }),
  );
}

export function startExport(app: AppStore, request: ExportRequest): void {
  api.datasets.export(request).then((r) => setExport(app, { jobId: r.jobId }), app.fail);
}

export function pickExportTarget(app: AppStore): void {
  api.dialog.pick({ mode: 'save', title: 'Export to', defaultName: exportOf(app).choices.out }).then((r) => r.paths[0] && chooseExport(app, { out: r.paths[0] }), app.fail);
}

export function cancelJob(app: AppStore, jobId: string): void {
  api.jobs.cancel({ jobId }).catch(app.fail);
}

// Import

/** The import dialog opens: the formats main can read; returns what closes it. */
export function openImport(app: AppStore): () => void {
  const fresh = freshImport();
  const path = app.state.info?.path;
  datasetsSlice.set(app, { import: path ? { ...fresh, ...remembered('import', path, { paths: fresh.paths, format: fresh.format, annotator: fresh.annotator }) } : fresh });
  api.datasets.formats({}).then((f) => setImport(app, { formats: f.filter((x) => x.canImport) }), app.fail);
  return () => datasetsSlice.set(app, { import: null });
}

/** Changes what is to be imported; the plan no longer holds. */
export function editImport(app: AppStore, patch: Partial<Pick<ImportState, 'paths' | 'format' | 'annotator' | 'skipInvalid'>>): void {
  setImport(app, { ...patch, plan: null });
  const { paths, format, annotator } = importOf(app);
  remember(app, 'import', { paths, format, annotator });
}

// What each dialog was last left with, per workspace, in the browser's storage: it opens the same way next time.

const rememberKey = (dialog: 'export' | 'import', path: string) => `parley-${dialog}-dialog:${path}`;

function remember(app: AppStore, dialog: 'export' | 'import', choices: object): void {
  const path = app.state.info?.path;
  try {
    if (path) localStorage.setItem(rememberKey(dialog, path), JSON.stringify(choices));
  } catch {
    // Storage full or off: the dialog just opens with its defaults next time.
  }
}

/** The remembered choices that still fit `defaults` (same keys, same kinds of value); anything else is left at its default. */
function remembered<T extends object>(dialog: 'export' | 'import', path: string, defaults: T): Partial<T> {
  let saved: unknown;
  try {
    saved = JSON.parse(localStorage.getItem(rememberKey(dialog, path)) ?? '{}');
  } catch {
    return {};
  }
  if (!saved || typeof saved !== 'object') return {};
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(defaults) as [keyof T & string, unknown][]) {
    const s = (saved as Record<string, unknown>)[k];
    if (s !== undefined && typeof s === typeof v && Array.isArray(s) === Array.isArray(v)) out[k] = s as T[typeof k];
  }
  return out;
}

function importRequest(s: ImportState, choices = s.decisions): ImportRequest {
  return {
    paths: s.paths.split('\n').map((p) => p.trim()).filter(Boolean),
    format: s.format || undefined,
    annotator: s.annotator.trim() || undefined,
    ...(s.skipInvalid ? { skipInvalid: true } : {}),
    ...decisionsRequest(choices),
  };
}

/** Asks main what the import would do (documents, layers, conflicts, unknown labels); nothing is written. */
export function checkImport(app: AppStore, choices = importOf(app).decisions): void {
  setImport(app, { plan: null, problem: null });
  whileBusy(app, 'Checking the files to import', () => api.datasets.importPlan(importRequest(importOf(app), choices)), { key: 'import-check' }).then(
    (plan) => setImport(app, { plan }),
    (e) => setImport(app, { problem: formatError(e) }),
  );
}

export function decideLabel(app: AppStore, label: string, decision: LabelDecision | undefined): void {
  const next = { ...importOf(app).decisions };
  if (decision) next[label] = decision;
  else delete next[label];
  setImport(app, { decisions: next });
  checkImport(app, next);
}

export function pickImport(app: AppStore, mode: 'files' | 'folder'): void {
  api.dialog.pick({ mode, title: mode === 'folder' ? 'Import a folder' : 'Import files' }).then((r) => {
    if (r.paths.length) editImport(app, { paths: r.paths.join('\n') });
  }, app.fail);
}

export function startImport(app: AppStore): void {
  api.datasets.import(importRequest(importOf(app))).then((r) => setImport(app, { jobId: r.jobId }), app.fail);
}

/** After an import: the list, the entities and the schema (an import may have added labels) again. */
export function afterImport(app: AppStore): void {
  void app.refreshDocs();
  void app.refreshEntities();
  api.workspace.info({}).then((info) => app.set({ info }), app.fail);
}
