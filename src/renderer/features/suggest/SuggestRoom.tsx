/**
 * Suggestions in the reader: the faint marks' focus, and stream mode (one
 * suggestion at a time with its sentence). What the keys run is in
 * `commands.ts`; the state is the suggest slice.
 */
import { useEffect } from 'react';
import { sentences } from '../../../core/tokenize';
import { useActions } from '../../app/registry';
import { useApp, useAppStore } from '../../app/store';
import { answerStream, focusSuggestion, hideSuggestions, skipStream, stopStream, streamNow, undoStream } from './actions';
import { STREAM_KEYS } from './commands';
import { suggestSlice } from './slice';

export function SuggestRoom() {
  const app = useAppStore();
  const doc = useApp((s) => s.doc);
  const focus = suggestSlice.use((s) => s.focus);
  const stream = suggestSlice.use((s) => s.stream);

  // Another document: its suggestions are asked for anew.
  useEffect(() => {
    const r = suggestSlice.of(app.state).recommended;
    if (r && r.docId !== doc?.doc.id) hideSuggestions(app);
  }, [app, doc]);

  // The focused suggestion's mark is outlined.
  useEffect(() => {
    doc?.focusSuggestion(focus);
  }, [doc, focus]);

  // A click on a suggestion focuses it.
  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      const el = (e.target as HTMLElement).closest<HTMLElement>('mark.suggestion');
      if (el?.dataset.suggestion) focusSuggestion(app, el.dataset.suggestion);
    };
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
  }, [app]);

  return stream ? <StreamPanel /> : null;
}

/** Stream mode: the most uncertain suggestion first, with its sentence; a accepts, x rejects, space skips, u undoes. */
function StreamPanel() {
  const app = useAppStore();
  const doc = useApp((s) => s.doc);
  suggestSlice.use((s) => s.recommended);
  const skipped = suggestSlice.use((s) => s.skipped);
  const answers = suggestSlice.use((s) => s.answers);
  const queue = streamNow(app);
  const current = queue[0];
  useActions(STREAM_KEYS);

  const done = answers.length;
  const total = done + queue.length;
  const sentence = current && doc ? sentences(doc.text).find((s) => s.start <= current.start && current.end <= s.end) : undefined;
  const from = sentence?.start ?? current?.start ?? 0;
  const to = sentence?.end ?? current?.end ?? 0;
  return (
    <section className="stream" role="region" aria-label="Stream mode">
      <div className="stream-head">
        <strong>Stream mode</strong>
        <span className="muted" aria-label="Progress">
          {done} of {total} answered{skipped.size ? `, ${skipped.size} skipped` : ''}
        </span>
        <button className="mini" onClick={() => stopStream(app)}>
          Done (Esc)
        </button>
      </div>
      {current && doc ? (
        <>
          <p className="stream-sentence">
            {doc.text.slice(from, current.start)}
            <mark className="suggestion current" style={{ ['--c' as string]: app.labels.find((l) => l.name === current.label)?.color }}>
              {current.quote}
            </mark>
            {doc.text.slice(current.end, to)}
          </p>
          <p className="stream-question">
            <strong>{current.label}</strong>? <span className="muted">score {current.score.toFixed(2)} · {current.source}</span>
          </p>
          <div className="row">
            <button onClick={() => void answerStream(app, true)}>Accept (a)</button>
            <button onClick={() => void answerStream(app, false)}>Reject (x)</button>
            <button onClick={() => skipStream(app)}>Skip (space)</button>
            <button onClick={() => void undoStream(app)} disabled={done === 0}>
              Undo (u)
            </button>
          </div>
        </>
      ) : (
        <p className="muted">Nothing left to answer in this document.</p>
      )}
    </section>
  );
}
