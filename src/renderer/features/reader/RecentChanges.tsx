/**
 * The changes saved from this window, newest first, each with Undo: what a
 * label key, a relabel, a delete or a bulk step did, where, and when, one key
 * (Mod+Shift+H) away, long after its toast has gone.
 */
import { describeChange } from '../../../core/changes';
import type { Change } from '../../../core/model';
import type { RecentChange } from '../../app/state';
import { useApp, useAppStore } from '../../app/store';
import { Dialog } from '../../components/Dialog';
import { undoSchemaStep } from '../settings/actions';
import { undoRecent } from './actions';

/** "ORG → GPE “Syria”" for a relabel; the history's own words otherwise. */
export function describeRecent(c: Change): string {
  if (c.op === 'updateMention' && c.before.label !== c.after.label) return `relabel ${c.before.label} → ${c.after.label} “${c.after.quote}”`;
  return describeChange(c);
}

const time = (at: number) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** A schema step over every layer: Undo puts it all back as one step. */
function SchemaStep({ r }: { r: RecentChange }) {
  const app = useAppStore();
  const what = `schema version ${r.schemaVersion}: ${r.change.op === 'batch' ? r.change.title : ''}`;
  return (
    <li className={r.undone ? 'undone' : ''}>
      <span className="muted small">{time(r.at)}</span> <span>{what}</span> <span className="muted small">in {r.title}</span>
      {r.undone ? (
        <span className="muted small"> · undone</span>
      ) : (
        <button
          className="mini"
          aria-label={`Undo ${what}`}
          onClick={() => {
            app.openDialog(null);
            void undoSchemaStep(app, r.schemaVersion!);
          }}
        >
          Undo
        </button>
      )}
    </li>
  );
}

export function RecentChangesDialog() {
  const app = useAppStore();
  const dialog = useApp((s) => s.dialog);
  const recent = useApp((s) => s.recent);
  if (dialog?.kind !== 'recent-changes') return null;
  const close = () => app.openDialog(null);
  return (
    <Dialog title="Recent changes" onClose={close} wide>
      {recent.length === 0 ? (
        <p className="muted">No change saved from this window yet.</p>
      ) : (
        <ol className="recent-changes" aria-label="Recent changes, newest first">
          {recent.map((r: RecentChange) =>
            r.kind === 'schema' ? (
              <SchemaStep key={r.id} r={r} />
            ) : (
              <li key={r.id} className={r.undone ? 'undone' : ''}>
                <span className="muted small">{time(r.at)}</span> <span>{r.kind === 'change' ? describeRecent(r.change) : `${r.kind === 'undo' ? 'Undid' : 'Redid'}: ${describeRecent(r.change)}`}</span>{' '}
                <span className="muted small">in {r.title}</span>
                {r.kind === 'change' &&
                  (r.undone ? (
                    <span className="muted small"> · undone</span>
                  ) : (
                    <button className="mini" aria-label={`Undo ${describeRecent(r.change)}`} onClick={() => void undoRecent(app, r)}>
                      Undo
                    </button>
                  ))}
              </li>
            ),
          )}
        </ol>
      )}
    </Dialog>
  );
}
