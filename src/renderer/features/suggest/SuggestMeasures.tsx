/**
 * The Suggestions tab's two other parts: lines marked as not article text
 * (nothing is suggested from them), and how much the suggestions help,
 * measured on this machine (time per mention, acceptance per label and per
 * score band, agreement between the recommender and each analyst).
 */
import { useApp, useAppStore } from '../../app/store';
import { markBoilerplate, measure } from './actions';
import { suggestSlice } from './slice';

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);
const num = (x: number | null, digits = 2) => (x === null ? '—' : x.toFixed(digits));
const secs = (x: number | null) => (x === null ? '—' : `${x.toFixed(1)} s`);

export function BoilerplateControls() {
  const app = useAppStore();
  const doc = useApp((s) => s.doc);
  // The slice's own array (a new empty one on each read would re-render without end).
  const marked = suggestSlice.use((s) => s.recommended?.boilerplate) ?? [];
  return (
    <div className="boilerplate">
      <div className="row">
        {/* Pressed without taking the reader's selection away: the lines are the selection's. */}
        <button onMouseDown={(e) => e.preventDefault()} onClick={() => void markBoilerplate(app, true)} disabled={!doc} title="The lines of the selection (or of the focused suggestion) are page furniture, not the article: nothing is suggested from them">
          Not article text
        </button>
      </div>
      {marked.length > 0 && doc && (
        <ul aria-label="Lines marked as not article text">
          {marked.map((r) => (
            <li key={r.start} className="suggestion">
              <span className="muted small">not article text:</span> {doc.text.slice(r.start, Math.min(r.end, r.start + 60))}
              {r.end - r.start > 60 ? '…' : ''}{' '}
              <button className="mini" aria-label={`Article text again: line at ${r.start}`} onClick={() => void markBoilerplate(app, false, r)}>
                Article text
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function MeasuresView() {
  const app = useAppStore();
  const m = suggestSlice.use((s) => s.measures);
  const busy = suggestSlice.use((s) => s.measuring);
  return (
    <div className="measures" aria-label="How much suggestions help">
      <div className="row">
        <button onClick={() => void measure(app)} disabled={busy}>
          {busy ? 'Measuring…' : 'Measure how much they help'}
        </button>
      </div>
      {m && (
        <>
          <p className="muted small">Kept on this machine only.</p>
          <table className="frames-table measures-table" aria-label="Time per mention">
            <thead>
              <tr>
                <th>mention</th>
                <th>time each</th>
                <th>timed</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>accepted suggestion</td>
                <td>{secs(m.time.suggested.seconds)}</td>
                <td>{m.time.suggested.count}</td>
              </tr>
              <tr>
                <td>made by hand</td>
                <td>{secs(m.time.manual.seconds)}</td>
                <td>{m.time.manual.count}</td>
              </tr>
            </tbody>
          </table>
          <table className="frames-table measures-table" aria-label="Acceptance">
            <thead>
              <tr>
                <th>suggested</th>
                <th>accepted</th>
                <th>rate</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>all</td>
                <td>
                  {m.acceptance.overall.accepted} of {m.acceptance.overall.answered}
                </td>
                <td>{pct(m.acceptance.overall.rate)}</td>
              </tr>
              {Object.entries(m.acceptance.byLabel).map(([label, r]) => (
                <tr key={label}>
                  <td>{label}</td>
                  <td>
                    {r.accepted} of {r.answered}
                  </td>
                  <td>{pct(r.rate)}</td>
                </tr>
              ))}
              {m.acceptance.byBand.map((b) => (
                <tr key={b.from}>
                  <td>
                    score {b.from.toFixed(1)}–{b.to.toFixed(1)}
                  </td>
                  <td>
                    {b.accepted} of {b.answered}
                  </td>
                  <td>{pct(b.rate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="frames-table measures-table" aria-label="Agreement with the recommender">
            <thead>
              <tr>
                <th>analyst vs recommender</th>
                <th>docs</th>
                <th>F1 exact</th>
                <th>kappa</th>
              </tr>
            </thead>
            <tbody>
              {m.agreement.length === 0 && (
                <tr>
                  <td colSpan={4} className="muted">
                    No labelled documents yet
                  </td>
                </tr>
              )}
              {m.agreement.map((a) => (
                <tr key={a.annotator}>
                  <td>{a.annotator}</td>
                  <td>{a.documents}</td>
                  <td>{num(a.f1_exact)}</td>
                  <td>{num(a.cohen_kappa)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
