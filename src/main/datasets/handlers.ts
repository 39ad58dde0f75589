/**
 * The datasets part of the API: formats, export and import plans, export
 * and import as background jobs, and the native file pickers.
 */
import type { Handlers } from '../../core/api/contract';
import { Sequencer } from '../../core/async';
import type { FormatInfo } from '../../core/api/datasets';
import { FORMATS } from '../../core/formats';
import type { ApiContext } from '../context';
import { checkExport, planExport, runExport } from './export';
import { applyImport } from './apply';
import { prepareImport } from './import';
import { JobRegistry } from './jobs';

type DatasetMethods = 'datasets.formats' | 'datasets.exportPlan' | 'datasets.export' | 'datasets.importPlan' | 'datasets.import' | 'jobs.get' | 'jobs.cancel' | 'dialog.pick';

/** One registry per process: jobs outlive a switch of workspace, and every window sees them. */
const sharedJobs = new JobRegistry();

/** Imports run one after another: two at once could both plan to write the same layer. */
const importTurns = new Sequencer();

export function formatInfos(): FormatInfo[] {
  return Object.values(FORMATS).map(({ name, title, description, canImport, canExport, offsetUnit }) => ({ name, title, description, canImport, canExport, offsetUnit }));
}

export function createDatasetHandlers(session: ApiContext, jobs: JobRegistry = sharedJobs): Pick<Handlers, DatasetMethods> {
  return {
    'datasets.formats': async () => formatInfos(),
    'datasets.exportPlan': async (request) => planExport(session.workspace, request, session.annotator),
    'datasets.export': async (request) => {
      // The workspace and analyst are fixed when the export starts, whatever happens in the UI meanwhile.
      const ws = session.workspace;
      const annotator = session.annotator;
      checkExport(ws, request, annotator);
      return { jobId: jobs.start('export', (control) => runExport(ws, request, annotator, control)) };
    },
    'datasets.importPlan': async (request) => (await prepareImport(session.workspace, request, session.annotator)).plan,
    'datasets.import': async (request) => {
      const annotator = session.annotator;
      const ws = session.workspace;
      return {
        jobId: jobs.start('import', (control) =>
          importTurns.run(async () => {
            const prepared = await prepareImport(ws, request, annotator, { signal: control.signal });
            const holder = { workspace: ws };
            try {
              return await applyImport(holder, prepared, control);
            } finally {
              // After a rollback the holder has a freshly read workspace; the session takes it unless it moved on.
              if (holder.workspace !== ws && session.workspace === ws) session.workspace = holder.workspace;
            }
          }),
        ),
      };
    },
    'jobs.get': async ({ jobId }) => jobs.get(jobId),
    'jobs.cancel': async ({ jobId }) => jobs.cancel(jobId),
    'dialog.pick': async ({ mode, title, defaultName }) =>
      session.host.pick ? { native: true, paths: await session.host.pick(mode, title, defaultName) } : { native: false, paths: [] },
  };
}
