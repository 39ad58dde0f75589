/**
 * The import and export dialogs' state: the formats main offers, what the
 * analyst chose, the plan main made of it (counts, conflicts) and the
 * background job once started. Each dialog opens with the choices last made
 * on this workspace (remembered in the browser's storage by actions.ts).
 */
import type { ExportPlan, ExportRequest, FormatInfo, ImportKind, ImportPlan } from '../../../core/api/datasets';
import type { JobState } from '../../../core/api/jobs';
import type { DocumentStatus } from '../../../core/model';
import { defineSlice } from '../../app/store';
import type { LabelDecision } from './LabelDecisions';

export interface ExportChoices {
  format: ExportRequest['format'];
  who: string;
  statuses: DocumentStatus[];
  labels: string[];
  split: boolean;
  ratios: { train: number; dev: number; test: number; seed: number };
  scheme: 'IOB2' | 'BIOES';
  zip: boolean;
  out: string;
}

export interface ExportState {
  formats: FormatInfo[];
  annotators: string[];
  choices: ExportChoices;
  plan: ExportPlan | null;
  planError: string | null;
  jobId: string | null;
}

export interface ImportState {
  formats: FormatInfo[];
  paths: string;
  format: ImportKind | '';
  annotator: string;
  /** Import the valid records and list the skipped ones, rather than all or nothing. */
  skipInvalid: boolean;
  plan: ImportPlan | null;
  problem: string | null;
  jobId: string | null;
  decisions: Record<string, LabelDecision>;
}

export interface DatasetsState {
  /** The export dialog's state while it is open. */
  export: ExportState | null;
  /** The import dialog's state while it is open. */
  import: ImportState | null;
  /** The job the open dialog follows. */
  job: JobState | null;
}

export const freshExport = (annotator: string, workspacePath: string): ExportState => ({
  formats: [],
  annotators: [annotator],
  choices: { format: 'native', who: annotator, statuses: [], labels: [], split: false, ratios: { train: 80, dev: 10, test: 10, seed: 13 }, scheme: 'IOB2', zip: false, out: `${workspacePath}-export` },
  plan: null,
  planError: null,
  jobId: null,
});

export const freshImport = (): ImportState => ({ formats: [], paths: '', format: '', annotator: '', skipInvalid: false, plan: null, problem: null, jobId: null, decisions: {} });

export const datasetsSlice = defineSlice<DatasetsState>('datasets', () => ({ export: null, import: null, job: null }));
