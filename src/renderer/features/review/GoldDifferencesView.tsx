/** Where gold differs from an analyst: counts per label, then each difference with what they said, what gold says, who decided and the adjudicator's note. */
import { GOLD_DIFFERENCE_NAMES, type GoldDifference, type GoldDifferenceKind } from '../../../core/goldDiff';
import { useAppStore } from '../../app/store';
import { chooseDiffAnnotator, openDifference } from './actions';
import { reviewSlice } from './slice';

const KINDS = Object.keys(GOLD_DIFFERENCE_NAMES) as GoldDifferenceKind[];

export function GoldDifferencesView() {
  const app = useAppStore();
  const { goldDifferences: g, available, diffAnnotator } = reviewSlice.use((s) => s);
  const names = [...new Set([...(diffAnnotator ? [diffAnnotator] : []), ...available.map((a) => a.annotator)])];
  const byDoc = new Map<string, GoldDifference[]>();
  for (const d of g?.differences ?? []) byDoc.set(d.docId, [...(byDoc.get(d.docId) ?? []), d]);
  return (
    <div className="gold-differences" aria-label="Where gold differs">
      <div className="row wrap">
        <label className="field-inline">
          Analyst{' '}
          <select aria-label="Analyst compared with gold" value={diffAnnotator ?? ''} onChange={(e) => chooseDiffAnnotator(app, e.target.value)}>
            {names.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        {g && (
          <span className="muted small">
            {g.differences.length} difference{g.differences.length === 1 ? '' : 's'} from gold in {g.documents} document{g.documents === 1 ? '' : 's'} with gold
          </span>
        )}
      </div>
      {!g ? (
        <p className="muted">Reading gold…</p>
      ) : !g.differences.length ? (
        <p className="muted">{g.documents ? `Gold agrees with ${g.annotator} everywhere it has been decided.` : `No document has both ${g.annotator}’s labels and gold yet.`}</p>
      ) : (
        <>
          <table className="gold-counts" aria-label="Differences per label">
            <thead>
              <tr>
                <th>label</th>
                <th>all</th>
                {KINDS.map((k) => (
                  <th key={k}>{GOLD_DIFFERENCE_NAMES[k]}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {g.byLabel.map((c) => (
                <tr key={c.label}>
                  <th>{c.label}</th>
                  <td>{c.total}</td>
                  {KINDS.map((k) => (
                    <td key={k}>{c.kinds[k] ?? ''}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {[...byDoc].map(([docId, list]) => (
            <section key={docId} className="gold-doc" aria-label={g.titles[docId] ?? docId}>
              <h2>{g.titles[docId] ?? docId}</h2>
              <ol className="gold-diff-list">
                {list.map((d, i) => (
                  <li key={i} className={`gold-diff kind-${d.kind}`}>
                    <div className="row wrap">
                      <span className="badge">{GOLD_DIFFERENCE_NAMES[d.kind]}</span>
                      <strong>{d.label}</strong>
                      {d.fields && <span className="small">fields: {d.fields.join(', ')}</span>}
                      <button className="link" onClick={() => openDifference(app, d.docId, d.start)}>
                        Show in review
                      </button>
                    </div>
                    <div className="small">
                      <span className="muted">{g.annotator}:</span> {d.mine.length ? d.mine.join('; ') : 'nothing here'}
                    </div>
                    <div className="small">
                      <span className="muted">gold:</span> {d.gold.length ? d.gold.join('; ') : 'nothing here'}
                      {d.decidedBy.length > 0 && <span className="muted"> · decided by {d.decidedBy.join(', ')}</span>}
                      {d.from.length > 0 && <span className="muted"> · from {d.from.join(', ')}</span>}
                    </div>
                    {d.notes.length > 0 && <blockquote className="small adjudicator-note">Adjudicator’s note: {d.notes.join(' ')}</blockquote>}
                  </li>
                ))}
              </ol>
            </section>
          ))}
        </>
      )}
    </div>
  );
}
