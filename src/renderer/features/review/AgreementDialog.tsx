import { useEffect, useState } from 'react';
import type { AgreementMeasures, AgreementReport } from '../../../core/agreement';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';

interface Props {
  annotators: string[];
  docId: string | null;
  onClose: () => void;
  onError: (e: unknown) => void;
}

// Rounding can leave -0.000 for a measure that is zero: show it as 0.000.
const fmt = (x: number | null | undefined) => (x === null || x === undefined ? '—' : (Math.abs(x) < 5e-4 ? 0 : x).toFixed(3));

/** Rows of the CSV export: one per scope (corpus, each document) and label. */
function toCsv(r: AgreementReport): string {
  const head = ['scope', 'label', 'f1_exact', 'f1_overlap', 'cohen_kappa', 'fleiss_kappa', 'krippendorff_alpha'];
  const rows: (string | number | null)[][] = [];
  const add = (scope: string, m: AgreementMeasures) => {
    rows.push([scope, '(all)', m.mentions.f1_exact, m.mentions.f1_overlap, m.tokens.cohen_kappa, m.tokens.fleiss_kappa, m.tokens.krippendorff_alpha]);
    for (const [label, a] of Object.entries(m.labels)) rows.push([scope, label, a.f1_exact, a.f1_overlap, a.cohen_kappa, a.fleiss_kappa, a.krippendorff_alpha]);
  };
  add('corpus', r);
  for (const d of r.documents) add(d.docId, d);
  const cell = (v: string | number | null) => (v === null ? '' : typeof v === 'number' ? String(v) : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [head, ...rows].map((row) => row.map(cell).join(',')).join('\n') + '\n';
}

function download(name: string, type: string, body: string): void {
  const url = URL.createObjectURL(new Blob([body], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Agreement between the chosen analysts: over the corpus and on this document, per label, with the confusion matrix. */
export function AgreementDialog({ annotators, docId, onClose, onError }: Props) {
  const [corpus, setCorpus] = useState<AgreementReport | null>(null);
  const [scope, setScope] = useState<'corpus' | 'document'>('corpus');
  useEffect(() => {
    api.review.agreement({ annotators }).then(setCorpus, onError);
  }, [annotators, onError]);
  const measures: AgreementMeasures | undefined = scope === 'corpus' ? corpus ?? undefined : corpus?.documents.find((d) => d.docId === docId);

  return (
    <Dialog title="Agreement report" onClose={onClose} wide>
      {!corpus ? (
        <p className="muted">Computing…</p>
      ) : (
        <>
          <div className="row">
            <span className="muted">{annotators.join(' · ')}</span>
            <select aria-label="Scope" value={scope} onChange={(e) => setScope(e.target.value as 'corpus' | 'document')}>
              <option value="corpus">Whole corpus ({corpus.documents.length} documents)</option>
              <option value="document" disabled={!corpus.documents.some((d) => d.docId === docId)}>
                This document
              </option>
            </select>
            <button onClick={() => download('agreement.json', 'application/json', JSON.stringify(corpus, null, 2))}>Download JSON</button>
            <button onClick={() => download('agreement.csv', 'text/csv', toCsv(corpus))}>Download CSV</button>
          </div>
          {!measures ? (
            <p className="muted">Not both annotators labelled this document.</p>
          ) : (
            <>
              <table className="frames-table agreement" aria-label="Agreement by label">
                <thead>
                  <tr>
                    <th>Label</th>
                    <th>F1 exact</th>
                    <th>F1 overlap</th>
                    <th>Cohen’s κ</th>
                    <th>Fleiss’ κ</th>
                    <th>Krippendorff’s α</th>
                  </tr>
                </thead>
                <tbody>
                  <tr className="overall">
                    <th>Overall</th>
                    <td>{fmt(measures.mentions.f1_exact)}</td>
                    <td>{fmt(measures.mentions.f1_overlap)}</td>
                    <td>{fmt(measures.tokens.cohen_kappa)}</td>
                    <td>{fmt(measures.tokens.fleiss_kappa)}</td>
                    <td>{fmt(measures.tokens.krippendorff_alpha)}</td>
                  </tr>
                  {Object.entries(measures.labels).map(([label, a]) => (
                    <tr key={label}>
                      <th>{label}</th>
                      <td>{fmt(a.f1_exact)}</td>
                      <td>{fmt(a.f1_overlap)}</td>
                      <td>{fmt(a.cohen_kappa)}</td>
                      <td>{fmt(a.fleiss_kappa)}</td>
                      <td>{fmt(a.krippendorff_alpha)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="muted small">{measures.tokens.count.toLocaleString('en')} tokens compared. — means the measure is undefined here (for instance, nobody used the label).</p>
              <h3>Token confusion (rows: {annotators[0]}, columns: {annotators[1]}{annotators.length > 2 ? ' and the rest, summed over pairs' : ''})</h3>
              <Heatmap labels={measures.confusion.labels} matrix={measures.confusion.matrix} />
              {Object.keys(measures.frames.types).length > 0 && <FrameTables frames={measures.frames} annotators={annotators} />}
            </>
          )}
        </>
      )}
    </Dialog>
  );
}

function Heatmap({ labels, matrix, name = 'Confusion matrix' }: { labels: string[]; matrix: number[][]; name?: string }) {
  const max = Math.max(1, ...matrix.flatMap((row, i) => row.filter((_, j) => j !== i || labels[i] !== 'O')));
  return (
    <table className="matrix heatmap" aria-label={name}>
      <thead>
        <tr>
          <th />
          {labels.map((l) => (
            <th key={l}>{l}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {matrix.map((row, i) => (
          <tr key={labels[i]}>
            <th>{labels[i]}</th>
            {row.map((n, j) => (
              <td key={j} style={{ background: n ? `color-mix(in srgb, ${i === j ? '#3c9d5d' : '#d1495b'} ${Math.round(15 + 70 * Math.min(1, n / max))}%, white)` : undefined }}>
                {n || ''}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Frame agreement: F1 three ways per type, attributes and roles, and a confusion table per attribute. */
function FrameTables({ frames, annotators }: { frames: AgreementMeasures['frames']; annotators: string[] }) {
  const rows: Array<[string, AgreementMeasures['frames'] | AgreementMeasures['frames']['types'][string]]> = [['All frames', frames], ...Object.entries(frames.types)];
  return (
    <>
      <h3>Frames</h3>
      <table className="frames-table" aria-label="Frame agreement">
        <thead>
          <tr>
            <th>Type</th>
            <th>Matched</th>
            <th>Unmatched</th>
            <th title="type, evidence and every filler identical">F1 exact</th>
            <th title="fillers resolved through the entity registry">F1 entity</th>
            <th>Attributes (agreement · κ · α)</th>
            <th>Roles (F1)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([type, f]) => (
            <tr key={type}>
              <th>{type}</th>
              <td>{f.matched}</td>
              <td>{f.unmatched}</td>
              <td>{fmt(f.f1_exact)}</td>
              <td>{fmt(f.f1_entity)}</td>
              <td>{Object.entries(f.attributes).map(([n, a]) => `${n} ${fmt(a.agreement)} · ${fmt(a.cohen_kappa)} · ${fmt(a.alpha)}`).join(', ')}</td>
              <td>{Object.entries(f.roles).map(([n, a]) => `${n} ${fmt(a.f1)}`).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {Object.entries(frames.attributes).map(([name, a]) => (
        <div key={name}>
          <h3>
            {name} confusion (rows: {annotators[0]}, columns: {annotators[1]}
            {annotators.length > 2 ? ' and the rest, summed over pairs' : ''})
          </h3>
          <Heatmap labels={a.confusion.values} matrix={a.confusion.matrix} name={`${name} confusion`} />
        </div>
      ))}
    </>
  );
}
