/** The `jobs.*` methods: progress of a long export or import, and cancelling it. */
import { z } from 'zod';
import type { ApiErrorShape } from '../errors';
import type { ExportResult, ImportSummary } from './datasets';
import { method } from './method';

export interface JobState {
  id: string;
  kind: 'export' | 'import';
  state: 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number;
  result?: ExportResult | ImportSummary;
  error?: ApiErrorShape;
}

export const JobArgsSchema = z.object({ jobId: z.string().min(1).max(100) }).strict();

export const jobsContract = {
  'jobs.get': method<JobState>()(JobArgsSchema),
  'jobs.cancel': method<JobState>()(JobArgsSchema),
} as const;
