/**
 * Changes on screen that main has not acknowledged because its server does
 * not answer: a notice in view (not a toast) until a save goes through, with
 * the count, the reason and a way to try at once. Leaving the page meanwhile
 * asks first, since what is hatched exists only in this page.
 */
import { useEffect } from 'react';
import { useApp, useAppStore } from './store';

export function UnsavedNotice() {
  const app = useAppStore();
  const unsaved = useApp((s) => s.unsaved);
  useEffect(() => {
    if (!unsaved) return;
    const ask = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [unsaved]);
  if (!unsaved) return null;
  const n = unsaved.changes;
  return (
    <div className="disk-full unsaved-notice" role="alert">
      <strong>Not saved yet: {n === 1 ? '1 change' : `${n} changes`}.</strong> <span>{unsaved.why}</span>{' '}
      <span className="muted">Hatched marks are not on disk. Trying again every few seconds; keep this page open.</span>{' '}
      <button className="link" onClick={() => app.retrySavesNow()}>
        Try now
      </button>
    </div>
  );
}
