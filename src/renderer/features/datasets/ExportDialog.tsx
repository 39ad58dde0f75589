import { useEffect, useMemo, useState } from 'react';
import type { ExportPlan, ExportRequest, ExportResult, FormatInfo } from '../../../core/api/datasets';
import { formatError } from '../../../core/errors';
import { STATUSES, STATUS_NAMES, type DocumentStatus, type LabelSchema } from '../../../core/model';
import { api, isElectron } from '../../api';
import { Dialog } from '../../components/Dialog';
import { useJob } from './useJob';

interface Props {
  schema: LabelSchema;
  annotator: string;
  workspacePath: string;
  onClose: () => void;
  onError: (e: unknown) => void;
}

/** Export a layer as a dataset: format, filters, split, where to; counts first, then a progress bar you can cancel. */
export function ExportDialog({ schema, annotator, workspacePath, onClose, onError }: Props) {
  const [formats, setFormats] = useState<FormatInfo[]>([]);
  const [annotators, setAnnotators] = useState<string[]>([annotator]);
  const [format, setFormat] = useState<ExportRequest['format']>('native');
  const [who, setWho] = useState(annotator);
  const [statuses, setStatuses] = useState<DocumentStatus[]>([]);
  const [labels, setLabels] = useState<string[]>([]);
  const [split, setSplit] = useState(false);
  const [ratios, setRatios] = useState({ train: 80, dev: 10, test: 10, seed: 13 });
  const [scheme, setScheme] = useState<'IOB2' | 'BIOES'>('IOB2');
  const [zip, setZip] = useState(false);
  const [out, setOut] = useState(`${workspacePath}-export`);
  const [plan, setPlan] = useState<ExportPlan | null>(null);
  const [planError, setPlanError] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJob(jobId, onError);

  useEffect(() => {
    api.datasets.formats({}).then((f) => setFormats(f.filter((x) => x.canExport)), onError);
    api.review.annotators({}).then((list) => setAnnotators([...new Set([annotator, ...list.map((a) => a.annotator)])]), onError);
  }, [annotator, onError]);

  const request = useMemo<ExportRequest>(
    () => ({
      format,
      out: zip && !out.endsWith('.zip') ? `${out}.zip` : out,
      annotator: who,
      statuses: statuses.length ? statuses : undefined,
      labels: labels.length ? labels : undefined,
      split: split ? ratios : undefined,
      tagScheme: format === 'conll' ? scheme : undefined,
    }),
    [format, out, zip, who, statuses, labels, split, ratios, scheme],
  );

  useEffect(() => {
    const t = setTimeout(() => {
      api.datasets.exportPlan(request).then(
        (p) => {
          setPlan(p);
          setPlanError(null);
        },
        (e) => setPlanError(formatError(e)),
      );
    }, 150);
    return () => clearTimeout(t);
  }, [request]);

  const toggle = <T,>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  const info = formats.find((f) => f.name === format);
  const result = job?.state === 'done' ? (job.result as ExportResult) : null;

  return (
    <Dialog title="Export dataset" onClose={onClose} wide>
      {!jobId ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            api.datasets.export(request).then((r) => setJobId(r.jobId), onError);
          }}
        >
          <div className="grid2">
            <label className="field">
              <span className="field-label">Format</span>
              <select aria-label="Format" value={format} onChange={(e) => setFormat(e.target.value as ExportRequest['format'])}>
                {formats.map((f) => (
                  <option key={f.name} value={f.name}>
                    {f.title}
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
              <select aria-label="Whose labels" value={who} onChange={(e) => setWho(e.target.value)}>
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
                  <input type="checkbox" checked={statuses.includes(s)} onChange={() => setStatuses(toggle(statuses, s))} /> {STATUS_NAMES[s]}
                </label>
              ))}
            </div>
          </div>
          <div className="field">
            <span className="field-label">Labels (none ticked: all)</span>
            <div className="row wrap">
              {schema.labels.map((l) => (
                <label className="field-inline" key={l.name}>
                  <input type="checkbox" checked={labels.includes(l.name)} onChange={() => setLabels(toggle(labels, l.name))} /> {l.name}
                </label>
              ))}
            </div>
          </div>
          {format === 'conll' && (
            <label className="field-inline">
              Tag scheme
              <select aria-label="Tag scheme" value={scheme} onChange={(e) => setScheme(e.target.value as 'IOB2' | 'BIOES')}>
                <option>IOB2</option>
                <option>BIOES</option>
              </select>
            </label>
          )}
          <div className="row wrap">
            <label className="field-inline">
              <input type="checkbox" checked={split} onChange={(e) => setSplit(e.target.checked)} /> Split by document into train / dev / test
            </label>
            {split &&
              (['train', 'dev', 'test', 'seed'] as const).map((k) => (
                <label className="field-inline" key={k}>
                  {k}
                  <input className="num" type="number" aria-label={`Split ${k}`} value={ratios[k]} onChange={(e) => setRatios({ ...ratios, [k]: Number(e.target.value) || 0 })} />
                </label>
              ))}
          </div>
          <label className="field">
            <span className="field-label">Write to (a new folder{zip ? ', as a zip file' : ''})</span>
            <div className="row">
              <input aria-label="Export to" className="grow" value={out} onChange={(e) => setOut(e.target.value)} spellCheck={false} />
              {isElectron && (
                <button
                  type="button"
                  onClick={() =>
                    api.dialog.pick({ mode: 'save', title: 'Export to', defaultName: out }).then((r) => r.paths[0] && setOut(r.paths[0]), onError)
                  }
                >
                  Choose…
                </button>
              )}
              <label className="field-inline">
                <input type="checkbox" checked={zip} onChange={(e) => setZip(e.target.checked)} /> zip
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
          <progress className="wide" max={job?.total || 1} value={job?.done ?? 0} aria-label="Export progress" />
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
              <button onClick={() => api.jobs.cancel({ jobId: jobId! }).catch(onError)}>Cancel export</button>
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
