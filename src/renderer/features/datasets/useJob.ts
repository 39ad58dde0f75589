import { useEffect, useState } from 'react';
import type { JobState } from '../../../core/api/jobs';
import { api } from '../../api';

/** Follows a background job until it ends: progress for the bar, the result or the error. */
export function useJob(jobId: string | null, onError: (e: unknown) => void): JobState | null {
  const [state, setState] = useState<JobState | null>(null);
  useEffect(() => {
    if (!jobId) return setState(null);
    let stop = false;
    const poll = async () => {
      try {
        const s = await api.jobs.get({ jobId });
        if (stop) return;
        setState(s);
        if (s.state === 'running') setTimeout(() => void poll(), 150);
      } catch (e) {
        if (!stop) onError(e);
      }
    };
    void poll();
    return () => {
      stop = true;
    };
  }, [jobId, onError]);
  return state;
}
