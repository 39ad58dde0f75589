import { useEffect, useMemo, useState } from 'react';
import type { ExportResult } from '../../../core/api/datasets';
import { formatError } from '../../../core/errors';
import { STATUSES, STATUS_NAMES, type LabelSchema } from '../../../core/model';
import { isElectron } from '../../api';
import { useAppStore } from '../../app/store';
import { Dialog } from '../../components/Dialog';
import { cancelJob, chooseExport, exportRequest, openExport, pickExportTarget, planExport, startExport } from './actions';
import { datasetsSlice } from './slice';
import { useJob, useStartedAt } from './useJob';
import { ProgressLine } from '../../app/Waits';
import { NETWORK_CHOICES, NetworkExportForm, networkChoice } from '../network/NetworkExport';
import type { NetworkFormat } from '../../../core/network';

interface Props {
  schema: LabelSchema;
  annotator: string;
  /** Whose labels to offer first, over the choice remembered from last time. */
  layer?: string;
  workspacePath: string;
  onClose: () => void;
}

/** Export a layer as a dataset: format, filters, split, where to; counts first, then a progress bar you can cancel. */
export function ExportDialog({ schema, annotator, layer, workspacePath, onClose }: Props) {
  const app = useAppStore();
  const state = datasetsSlice.use((s) => s.export);
  const job = useJob(state?.jobId ?? null);
  const startedAt = useStartedAt(state?.jobId ?? null);
  // The Network choice has a form of its own (features/network/NetworkExport.tsx).
  const [network, setNetwork] = useState<NetworkFormat | null>(null);
  useEffect(() => openExport(app, annotator, workspacePath, layer), [app, annotator, workspacePath, layer]);
  const chosen = state?.choices;
  const request = useMemo(() => chosen && exportRequest(chosen), [chosen]);
  useEffect(() => {
    if (!request) return;
    const t = setTimeout(() => planExport(app, request), 150);
    return () => clearTimeout(t);
  }, [app, request]);
  if (!state || !request) return null;

  const { formats, annotators, choices, plan, planError, jobId } = state;
  const { format, who, statuses, labels, split, ratios, scheme, zip, out } = choices;
  const choose = (patch: Partial<typeof choices>) => chooseExport(app, patch);

  const toggle = <T,>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  const info = formats.find((f) => f.name === format);
  const result = job?.state === 'done' ? (job.result as ExportResult) : null;
  const pick = (value: string) => {
    setNetwork(networkChoice(value));
    if (!networkChoice(value)) choose({ format: value as typeof format });
  };
  if (network) {
    return (
      <Dialog title="Export dataset" onClose={onClose} wide>
        <NetworkExportForm format={network} formats={formats} onFormat={pick} annotators={annotators} annotator={who} onAnnotator={(w) => choose({ who: w })} workspacePath={workspacePath} onClose={onClose} onError={app.fail} />
      </Dialog>
    );
  }

  return (
    <Dialog title="Export dataset" onClose={onClose} wide>
      {!jobId ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            startExport(app, request);
          }}
        >
          <div className="grid2">
            <label className="field">
              <span className="field-label">Format</span>
              <select aria-label="Format" value={format} onChange={(e) => pick(e.target.value)}>
                {formats.map((f) => (
                  <option key={f.name} value={f.name}>
                    {f.title}
                  </option>
                ))}
                {NETWORK_CHOICES.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.title}
                  </option>
                ))}
              </select>
              {info && (
                <span className="muted small">
                  {info.description}
                  {info.offsetUnit !== 'none' && ` Offsets: ${info.offsetUnit === 'codepoint' ? 'Unicode code points' : 'UTF-16 code units (JavaScript string indices)'}.`}
                </span>
              )}
            </label>
            <label className="field">
              <span className="field-label">Whose labels</span>
              <select aria-label="Whose labels" value={who} onChange={(e) => choose({ who: e.target.value })}>
                {annotators.map((a) => (
                  <option key={a} value={a}>
                    {a === 'gold' ? 'gold (adjudicated)' : a}
                  </option>
                ))}
                {!annotators.includes('gold') && <option value="gold">gold (adjudicated)</option>}
              </select>
            </label>
          </div>
          <div className="field">
            <span className="field-label">Documents with status (none ticked: all)</span>
            <div className="row wrap">
              {STATUSES.map((s) => (
                <label className="field-inline" key={s}>
                  <input type="checkbox" checked={statuses.includes(s)} onChange={() => choose({ statuses: toggle(statuses, s) })} /> {STATUS_NAMES[s]}
                </label>
              ))}
            </div>
          </div>
          <div className="field">
            <span className="field-label">Labels (none ticked: all)</span>
            <div className="row wrap">
              {schema.labels.map((l) => (
                <label className="field-inline" key={l.name}>
                  <input type="checkbox" checked={labels.includes(l.name)} onChange={() => choose({ labels: toggle(labels, l.name) })} /> {l.name}
                </label>
              ))}
            </div>
          </div>
          {format === 'conll' && (
            <label className="field-inline">
              Tag scheme
              <select aria-label="Tag scheme" value={scheme} onChange={(e) => choose({ scheme: e.target.value as 'IOB2' | 'BIOES' })}>
                <option>IOB2</option>
                <option>BIOES</option>
              </select>
            </label>
          )}
          <div className="row wrap">
            <label className="field-inline">
              <input type="checkbox" checked={split} onChange={(e) => choose({ split: e.target.checked })} /> Split by document into train / dev / test
            </label>
            {split &&
              (['train', 'dev', 'test', 'seed'] as const).map((k) => (
                <label className="field-inline" key={k}>
                  {k}
                  <input className="num" type="number" aria-label={`Split ${k}`} value={ratios[k]} onChange={(e) => choose({ ratios: { ...ratios, [k]: Number(e.target.value) || 0 } })} />
                </label>
              ))}
          </div>
          <label className="field">
            <span className="field-label">Write to (a new folder{zip ? ', as a zip file' : ''})</span>
            <div className="row">
              <input aria-label="Export to" className="grow" value={out} onChange={(e) => choose({ out: e.target.value })} spellCheck={false} />
              {isElectron && (
                <button
                  type="button"
                  onClick={() => pickExportTarget(app)}
                >
                  Choose…
                </button>
              )}
              <label className="field-inline">
                <input type="checkbox" checked={zip} onChange={(e) => choose({ zip: e.target.checked })} /> zip
              </label>
            </div>
          </label>
          <p className="plan" aria-live="polite">
            {planError ? (
              <span className="error">{planError}</span>
            ) : plan ? (
              <>
                Will write <strong>{plan.documents}</strong> documents, <strong>{plan.mentions}</strong> mentions and <strong>{plan.frames}</strong> frames
                {plan.splits.length > 0 && ` (${plan.splits.map((s) => `${s.name} ${s.documents}`).join(', ')})`}.
                {plan.outExists && <span className="error"> {request.out} already exists: choose a new folder or file; nothing is overwritten.</span>}
              </>
            ) : (
              'Counting…'
            )}
          </p>
          <div className="row end">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={!plan || plan.outExists || plan.documents === 0 || !!planError}>
              Export
            </button>
          </div>
        </form>
      ) : (
        <div>
          <ProgressLine progress={job && job.total > 0 ? { done: job.done, total: job.total, startedAt } : undefined} unit="documents" label="Export progress" />
          <p aria-live="polite">
            {job?.state === 'running' && `Exported ${job.done} of ${job.total} documents…`}
            {job?.state === 'cancelled' && 'Cancelled: nothing was written.'}
            {job?.state === 'failed' && job.error && <span className="error">{formatError(job.error)} Nothing was written.</span>}
          </p>
          {result && (
            <div className="summary" role="status">
              <p>
                Wrote {result.report.documents} documents, {result.report.mentions} mentions and {result.report.frames} frames in {result.files} file{result.files === 1 ? '' : 's'} to <code>{result.out}</code>.
              </p>
              {result.report.dropped.map((d) => (
                <p key={d.reason} className="warn-text">
                  Dropped {d.count}: {d.reason}
                </p>
              ))}
              {result.report.notes.map((n) => (
                <p key={n} className="muted small">
                  {n}
                </p>
              ))}
            </div>
          )}
          <div className="row end">
            {job?.state === 'running' ? (
              <button onClick={() => cancelJob(app, jobId!)}>Cancel export</button>
            ) : (
              <button className="primary" onClick={onClose}>
                Done
              </button>
            )}
          </div>
        </div>
      )}
    </Dialog>
  );
}
