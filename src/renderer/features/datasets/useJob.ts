import { useEffect, useState } from 'react';
import type { JobState } from '../../../core/api/jobs';
import { useAppStore } from '../../app/store';
import { followJob } from './actions';
import { datasetsSlice } from './slice';

/** Follows a background job while the dialog shows: progress for the bar, the result or the error. */
export function useJob(jobId: string | null): JobState | null {
  const app = useAppStore();
  useEffect(() => {
    let stop = false;
    followJob(app, jobId, () => stop);
    return () => {
      stop = true;
    };
  }, [app, jobId]);
  return datasetsSlice.use((s) => s.job);
}

/** When the job began (as this window saw it start), for the estimate of the time left. */
export function useStartedAt(jobId: string | null): number {
  const [at, setAt] = useState(() => performance.now());
  useEffect(() => setAt(performance.now()), [jobId]);
  return at;
}
