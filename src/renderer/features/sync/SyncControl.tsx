/**
 * The Sync control in the top bar: the state (up to date, changes to send
 * or fetch, conflicts, offline), a click syncs now, an optional automatic
 * sync every N minutes, and the conflicts dialog with both versions.
 */
import { useEffect } from 'react';
import type { SyncConflict, SyncStatus } from '../../../core/api/sync';
import { runAction } from '../../app/registry';
import { useAppStore } from '../../app/store';
import { Dialog } from '../../components/Dialog';
import { closeConflicts, refreshStatus, resolve, setEvery } from './actions';
import { syncSlice } from './slice';

function label(s: SyncStatus, busy: boolean): string {
  if (busy || s.phase === 'syncing') return s.step ? `Syncing: ${s.step}…` : 'Syncing…';
  switch (s.phase) {
    case 'up_to_date':
      return 'Up to date';
    case 'to_send':
      return `${s.changesToSend} change${s.changesToSend === 1 ? '' : 's'} to send`;
    case 'to_fetch':
      return 'Changes to fetch';
    case 'conflicts':
      return `${s.conflicts} conflict${s.conflicts === 1 ? '' : 's'} to resolve`;
    case 'offline':
      return 'Offline';
    default:
      return '';
  }
}

export function SyncControl() {
  const app = useAppStore();
  const { status, busy, every, conflicts } = syncSlice.use((s) => s);

  useEffect(() => {
    void refreshStatus(app);
    const t = setInterval(() => void refreshStatus(app), 10_000);
    return () => clearInterval(t);
  }, [app]);

  useEffect(() => {
    if (!every) return;
    const t = setInterval(() => runAction(app, 'sync'), every * 60_000);
    return () => clearInterval(t);
  }, [app, every]);

  if (!status) return null;
  if (status.phase === 'not_shared')
    return (
      <div className="sync-control" role="group" aria-label="Team sync">
        <button className="sync-state not_shared" onClick={() => runAction(app, 'share')} title="Share this workspace with your team (Ctrl+Shift+S)">
          Share…
        </button>
      </div>
    );
  const phase = busy ? 'syncing' : status.phase;
  return (
    <div className="sync-control" role="group" aria-label="Team sync">
      {/* The state stays readable while a sync runs: the button is busy, not disabled (a second click is ignored). */}
      <button
        className={`sync-state ${phase}`}
        aria-busy={phase === 'syncing'}
        onClick={() => !busy && runAction(app, status.phase === 'conflicts' ? 'sync-conflicts' : 'sync')}
        title={status.lastError ?? `Sync with ${status.remote} (Ctrl+Shift+S)`}
      >
        <span className="sync-dot" aria-hidden="true" />
        {label(status, busy)}
      </button>
      {status.phase === 'conflicts' && !busy && (
        <button onClick={() => runAction(app, 'sync')} title="Sync now; conflicts stay recorded until you choose">
          Sync
        </button>
      )}
      <select aria-label="Sync automatically" value={every} onChange={(e) => setEvery(app, Number(e.target.value))}>
        <option value={0}>on demand</option>
        <option value={5}>every 5 min</option>
        <option value={15}>every 15 min</option>
        <option value={30}>every 30 min</option>
      </select>
      {conflicts && <ConflictsDialog conflicts={conflicts} />}
    </div>
  );
}

/** Whether the control has its first status, and so the width it keeps: the top bar places its commands after that. */
export function useSyncPlaced(): boolean {
  return syncSlice.use((s) => s.checked);
}

function show(v: unknown): string {
  return v === null || v === undefined ? '(deleted)' : JSON.stringify(v, null, 1);
}

function ConflictsDialog({ conflicts }: { conflicts: SyncConflict[] }) {
  const app = useAppStore();
  return (
    <Dialog title="Sync conflicts" onClose={() => closeConflicts(app)} wide>
      {conflicts.length === 0 && <p>No conflicts.</p>}
      <p className="muted">Both versions are kept until you choose one; the next sync shares your choice.</p>
      <ul className="conflicts">
        {conflicts.map((c) => (
          <li key={c.id} aria-label={c.id}>
            <div className="conflict-title">
              {c.path.length ? `${c.path.join(' › ')} in ${c.file}` : c.file}
            </div>
            <div className="conflict-sides">
              <div>
                <div className="muted">{c.oursBy ?? 'this copy'}</div>
                <pre>{show(c.ours)}</pre>
                <button onClick={() => void resolve(app, c.id, 'ours')}>Keep {c.oursBy ?? 'this'}’s version</button>
              </div>
              <div>
                <div className="muted">{c.theirsBy ?? 'the other copy'}</div>
                <pre>{show(c.theirs)}</pre>
                <button onClick={() => void resolve(app, c.id, 'theirs')}>Keep {c.theirsBy ?? 'the other'}’s version</button>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
