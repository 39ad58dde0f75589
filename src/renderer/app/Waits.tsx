/**
 * What a wait looks like, in one place: a spinner, a progress line (a bar,
 * the counts and the time left), and the tray that lists the waits running
 * longer than 300 ms.
 */
import { useEffect, useState } from 'react';
import { describeProgress, type Progress } from '../../core/progress';
import { busySlice, SHOW_AFTER_MS } from './busy';

/** A small turning circle, beside a control that keeps its own label. */
export function Spinner({ label }: { label?: string }) {
  return <span className="spinner" role={label ? 'status' : undefined} aria-label={label} aria-hidden={label ? undefined : true} />;
}

/** Re-renders every `ms` while `on`: the time left and the 300 ms threshold move with the clock. */
function useClock(on: boolean, ms = 250): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (!on) return;
    const timer = setInterval(() => setNow(performance.now()), ms);
    return () => clearInterval(timer);
  }, [on, ms]);
  return now;
}

/** A bar with "12,000 of 100,000 documents, about 19 s left"; a bar that moves on its own when the total is not known yet. */
export function ProgressLine({ progress, unit, label }: { progress?: Progress; unit: string; label: string }) {
  const now = useClock(true, 500);
  const known = progress && progress.total > 0;
  return (
    <span className="progress-line-busy">
      {known ? <progress max={progress.total} value={progress.done} aria-label={label} /> : <progress aria-label={label} />}
      {known && <span className="muted small">{describeProgress(progress, now, unit)}</span>}
    </span>
  );
}

/** The waits running longer than 300 ms, each with its spinner, and its progress when it counts. */
export function BusyTray() {
  const tasks = busySlice.use((s) => s.tasks);
  const now = useClock(tasks.length > 0, 100);
  const shown = tasks.filter((t) => now - t.startedAt >= SHOW_AFTER_MS);
  return (
    // A labelled live region, not a status: a page has one status line of its own (a toast, a count).
    <section className="busy-tray" aria-live="polite" aria-label="Working">
      {shown.map((t) => (
        <div key={t.id} className="busy-task">
          <Spinner />
          <span>{t.title}…</span>
          {t.progress && <ProgressLine progress={t.progress} unit={t.unit ?? 'done'} label={t.title} />}
        </div>
      ))}
    </section>
  );
}
