/** The recommender's part of the Suggestions tab: ask, set the threshold, accept all, stream mode, and the list. */
import { useBusy } from '../../app/busy';
import { useApp, useAppStore } from '../../app/store';
import { Spinner } from '../../app/Waits';
import { suggestionKey } from '../../reader/DocumentView';
import { acceptAllAboveThreshold, acceptFrame, acceptSuggestion, focusSuggestion, rejectSuggestion, retrain, setThreshold, showSuggestions, startStream, visibleSuggestions } from './actions';
import { suggestSlice } from './slice';
import { BoilerplateControls, MeasuresView } from './SuggestMeasures';

export function RecommenderPanel() {
  const app = useAppStore();
  const doc = useApp((s) => s.doc);
  const r = suggestSlice.use((s) => s.recommended);
  const focus = suggestSlice.use((s) => s.focus);
  const shown = r ? visibleSuggestions(app) : [];
  const frames = r ? r.frames.filter((f) => f.score >= r.threshold) : [];
  const suggesting = useBusy('suggest');
  const training = useBusy('train');
  return (
    <div className="group recommender" aria-label="Recommender">
      <div className="group-head static">
        Learned suggestions {r && <span className="muted">{shown.length} mentions, {frames.length} frames · learned from {r.trainedOn} layers</span>}
      </div>
      <div className="row">
        <button onClick={() => void showSuggestions(app)} disabled={!doc}>
          Suggest (Alt+S)
        </button>
        <button onClick={() => void showSuggestions(app, { quiet: true }).then(() => startStream(app))} disabled={!doc}>
          Stream mode
        </button>
        <button onClick={() => void retrain(app)} disabled={training}>
          Retrain
        </button>
        {(suggesting || training) && <Spinner />}
      </div>
      {r && (
        <>
          <div className="row">
            <label className="threshold">
              Threshold{' '}
              <input
                type="number"
                min={0}
                max={1}
                step={0.05}
                value={r.threshold}
                aria-label="Suggestion threshold"
                onChange={(e) => {
                  const v = Number(e.target.value);
                  if (Number.isFinite(v) && v >= 0 && v <= 1) void setThreshold(app, v);
                }}
              />
            </label>
            <button onClick={() => acceptAllAboveThreshold(app)} disabled={shown.length === 0}>
              Accept all above threshold
            </button>
          </div>
          <ul>
            {shown.map((s) => (
              <li key={suggestionKey(s)} className={`suggestion${focus === suggestionKey(s) ? ' on' : ''}`}>
                <button className="context" onClick={() => focusSuggestion(app, suggestionKey(s))} title={`${s.source}, score ${s.score.toFixed(2)}`}>
                  <strong>{s.quote}</strong> <span className="muted small">{s.label} · {s.score.toFixed(2)} · {s.source}</span>
                </button>
                <div className="row">
                  <button className="mini" aria-label={`Accept suggestion “${s.quote}” at ${s.start}`} onClick={() => acceptSuggestion(app, s)}>
                    Accept
                  </button>
                  <button className="mini" aria-label={`Reject suggestion “${s.quote}” at ${s.start}`} onClick={() => void rejectSuggestion(app, s)}>
                    Reject
                  </button>
                </div>
              </li>
            ))}
          </ul>
          {frames.length > 0 && (
            <ul aria-label="Suggested frames">
              {frames.map((f) => (
                <li key={`${f.type}:${f.evidence.start}`} className="suggestion">
                  <div>
                    <strong>{f.type}</strong> {Object.values(f.attrs).join(' ')} <span className="muted small">“{f.cue.quote}” · {f.score.toFixed(2)}</span>
                  </div>
                  <div className="muted small">
                    {Object.entries(f.roles)
                      .map(([role, cs]) => `${role}: ${cs.slice(0, 3).map((c) => c.quote).join(', ') || '—'}`)
                      .join('; ')}
                  </div>
                  <button className="mini" onClick={() => acceptFrame(app, f)}>
                    Accept frame
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <BoilerplateControls />
      <MeasuresView />
    </div>
  );
}
