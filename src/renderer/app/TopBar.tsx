/** The top bar: the workspace, what features place there (`items`, e.g. team sync), the menu read from the action registry, and who is annotating. */
import { isElectron } from '../api';
import { useEffect, useState, type ReactNode } from 'react';
import { OverflowRow } from '../components/OverflowRow';
import { keyLabel, menuActions, runAction } from './registry';
import { useApp, useAppStore } from './store';

/** Longest the commands wait for the bar around them to be known (a status that does not answer). */
const PLACE_WAIT_MS = 1500;

/**
 * `itemsPlaced`: the features' items have their first content. The commands
 * show once the workspace's name, the annotator and those items are known: the
 * row of commands gets the width it keeps, and no button moves under More
 * a moment after it was seen.
 */
export function TopBar({ items, itemsPlaced = true }: { items?: ReactNode; itemsPlaced?: boolean }) {
  const app = useAppStore();
  const state = useApp((s) => s);
  const info = state.info;
  const [waited, setWaited] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => setWaited(true), PLACE_WAIT_MS);
    return () => clearTimeout(t);
  }, []);
  const placed = waited || (info !== null && itemsPlaced);
  return (
    <header className="topbar">
      <div className="brand" title={isElectron ? undefined : 'Parley in your browser (the browser host)'}>
        Parley
      </div>
      <div className="workspace-name" title={info?.path}>
        {info?.name ?? '…'}
      </div>
      {items}
      <nav className="menu" aria-label="Workbench" style={placed ? undefined : { visibility: 'hidden' }}>
        {/* One row at any width: what does not fit is under More. Made once the bar around it is known, so its first decision is the one that stays. */}
        {placed && (
          <OverflowRow
            moreLabel="More commands"
            items={menuActions(state).map((a) => {
              const keys = keyLabel(a);
              return {
                key: a.id,
                label: keys ? `${a.menu!.label} (${keys})` : a.menu!.label,
                run: () => runAction(app, a.id),
                node: (
                  <button aria-pressed={a.menu!.pressed ? a.menu!.pressed(state) : undefined} onClick={() => runAction(app, a.id)} title={keys ? `${a.title} (${keys})` : a.title}>
                    {a.menu!.label}
                  </button>
                ),
              };
            })}
          />
        )}
        <button className="annotator" onClick={() => runAction(app, 'settings')} title="Your annotator name (Ctrl+,)">
          <span className="muted">Annotator</span> {info?.annotator}
        </button>
      </nav>
      {!isElectron && <span className="host-note muted small">browser host</span>}
    </header>
  );
}

/** A save refused for lack of disk space, in view under the top bar until a later save succeeds. */
export function DiskFullNotice() {
  const text = useApp((s) => s.diskFull);
  if (!text) return null;
  return (
    <div className="disk-full" role="alert">
      <strong>Not saved: the disk is full.</strong> <span>{text}</span> <span className="muted">This notice goes once a save succeeds.</span>
    </div>
  );
}

export function Toasts() {
  const app = useAppStore();
  const toasts = useApp((s) => s.toasts);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.kind}`} role={t.kind === 'error' ? 'alert' : 'status'} data-toast-id={t.id}>
          <span className="toast-text">{t.text}</span>
          {t.action && (
            <button
              className="toast-action"
              onClick={() => {
                t.action!.run();
                app.dismissToast(t.id);
              }}
            >
              {t.action.label}
            </button>
          )}
          {t.kind === 'error' && (
            <button className="toast-action" onClick={() => app.dismissToast(t.id)}>
              Dismiss
            </button>
          )}
        </div>
      ))}
    </div>
  );
}
