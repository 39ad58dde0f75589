import { useEffect } from 'react';
import { IMPORT_KINDS, type ImportKind, type ImportSummary } from '../../../core/api/datasets';
import { formatError } from '../../../core/errors';
import { isElectron } from '../../api';
import { Dialog } from '../../components/Dialog';
import { useApp, useAppStore } from '../../app/store';
import { checkImport, decideLabel, editImport, openImport, pickImport, startImport } from './actions';
import { LabelDecisions } from './LabelDecisions';
import { datasetsSlice } from './slice';
import { useJob, useStartedAt } from './useJob';
import { useBusy } from '../../app/busy';
import { ProgressLine, Spinner } from '../../app/Waits';

interface Props {
  onClose: () => void;
  onDone: () => void;
}

const EXTRA: Record<string, string> = { html: 'HTML articles (the article body only)', workspace: "Another analyst's Parley workspace folder" };

/** Import files or a folder: the format is detected and shown, and what will happen (and what conflicts) is listed before anything is written. */
export function ImportDialog({ onClose, onDone }: Props) {
  const app = useAppStore();
  const state = datasetsSlice.use((s) => s.import);
  // Select the stored schema itself: a selector that builds a new array would re-render for ever.
  const schema = useApp((s) => s.info?.schema);
  const job = useJob(state?.jobId ?? null);
  const checking = useBusy('import-check');
  const startedAt = useStartedAt(state?.jobId ?? null);

  useEffect(() => openImport(app), [app]);

  useEffect(() => {
    if (job?.state === 'done') onDone();
  }, [job?.state, onDone]);
  if (!state) return null;

  const { formats, paths, format, annotator, skipInvalid, plan, problem, jobId, decisions } = state;
  const schemaLabels = schema?.labels.map((l) => l.name) ?? [];

  const summary = job?.state === 'done' ? (job.result as ImportSummary) : null;
  const toApply = plan && plan.labels.unknown.length === 0 ? plan.documents.filter((d) => d.action !== 'conflict').length : 0;

  return (
    <Dialog title="Import" onClose={onClose} wide>
      {!jobId ? (
        <>
          <label className="field">
            <span className="field-label">Files or folders, one per line</span>
            <textarea aria-label="Files or folders to import" rows={3} value={paths} onChange={(e) => editImport(app, { paths: e.target.value })} spellCheck={false} />
          </label>
          {isElectron && (
            <div className="row">
              <button onClick={() => pickImport(app, 'files')}>Choose files…</button>
              <button onClick={() => pickImport(app, 'folder')}>Choose a folder…</button>
            </div>
          )}
          <div className="grid2">
            <label className="field">
              <span className="field-label">Format</span>
              <select aria-label="Import format" value={format} onChange={(e) => editImport(app, { format: e.target.value as ImportKind | '' })}>
                <option value="">Detect from the files</option>
                {IMPORT_KINDS.filter((k) => EXTRA[k] || formats.some((f) => f.name === k)).map((k) => (
                  <option key={k} value={k}>
                    {EXTRA[k] ?? formats.find((f) => f.name === k)?.title}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field-label">Whose labels these are (optional)</span>
              <input aria-label="Annotator of the imported labels" placeholder="e.g. ben; else as the files say, else you" value={annotator} onChange={(e) => editImport(app, { annotator: e.target.value })} />
            </label>
          </div>
          <label className="field-inline">
            <input type="checkbox" checked={skipInvalid} onChange={(e) => editImport(app, { skipInvalid: e.target.checked })} /> Skip invalid records (import the valid ones; each skipped one is listed with its line)
          </label>
          <div className="row with-spinner">
            <button className="primary" disabled={!paths.trim() || checking} onClick={() => checkImport(app)}>
              Check
            </button>
            {checking && <Spinner label="Checking the files…" />}
            {checking && <span className="muted small">Checking the files…</span>}
          </div>
          {problem && (
            <p className="error" role="alert">
              {problem} Nothing was imported.
            </p>
          )}
          {plan && (
            <div className="plan" aria-label="What will be imported">
              <p>
                Format: <strong>{EXTRA[plan.format] ?? formats.find((f) => f.name === plan.format)?.title ?? plan.format}</strong>
                {plan.detected ? ' (detected)' : ''} · {plan.files} file{plan.files === 1 ? '' : 's'} · labels go to <strong>{plan.annotator}</strong>
                {plan.entities ? ` · ${plan.entities} entities` : ''}
              </p>
              <table className="frames-table">
                <thead>
                  <tr>
                    <th>Document</th>
                    <th>Mentions</th>
                    <th>Frames</th>
                    <th>What happens</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.documents.map((d, i) => (
                    // One document can appear once per layer being imported for it.
                    <tr key={`${d.id}:${i}`} className={d.action === 'conflict' ? 'conflict' : ''}>
                      <td>{d.title}</td>
                      <td>{d.mentions}</td>
                      <td>{d.frames}</td>
                      <td>{d.action === 'add' ? 'new document' : d.action === 'layer' ? 'labels for a document already here' : <span className="error">not imported: {d.reason}</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <LabelDecisions outcome={plan.labels} decisions={decisions} schemaLabels={schemaLabels} onDecide={(label, d) => decideLabel(app, label, d)} />
              {plan.warnings.map((w) => (
                <p key={w} className="warn-text small">
                  {w}
                </p>
              ))}
              <div className="row end">
                <button onClick={onClose}>Cancel</button>
                <button className="primary" disabled={toApply === 0} onClick={() => startImport(app)}>
                  Import {toApply} document{toApply === 1 ? '' : 's'}
                </button>
              </div>
            </div>
          )}
        </>
      ) : (
        <div>
          <ProgressLine progress={job && job.total > 0 ? { done: job.done, total: job.total, startedAt } : undefined} unit="documents" label="Import progress" />
          {job?.state === 'failed' && job.error && <p className="error">{formatError(job.error)} Nothing was imported.</p>}
          {summary && (
            <p role="status">
              {summary.labelsAdded?.length ? `Added ${summary.labelsAdded.join(', ')} to the schema; ` : ''}Added {summary.documentsAdded} documents, wrote {summary.layersWritten} layers, added {summary.entitiesAdded} entities
              {summary.skipped.length ? `; skipped ${summary.skipped.length} (${summary.skipped.map((s) => `${s.id}: ${s.reason}`).join('; ')})` : ''}.
            </p>
          )}
          <div className="row end">
            <button className="primary" disabled={job?.state === 'running'} onClick={onClose}>
              Done
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
