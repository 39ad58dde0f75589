/**
 * Suggestions in the reader: the keys that accept, relabel and reject the
 * focused suggestion, the faint marks' focus, and stream mode (one suggestion
 * at a time with its sentence). Its actions are declared in the registry for
 * as long as the room is mounted, so the shortcuts sheet lists them.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { sentences } from '../../../core/tokenize';
import type { MentionSuggestion } from '../../../core/suggest/types';
import { onDocument, useActions, type Action, type ActionContext } from '../../app/registry';
import { useApp, useAppStore, type AppStore } from '../../app/store';
import { suggestionKey } from '../../reader/DocumentView';
import {
  acceptAllAboveThreshold,
  acceptSuggestion,
  focusedSuggestion,
  hideSuggestions,
  rejectSuggestion,
  showSuggestions,
  startStream,
  stepSuggestion,
  stopStream,
  streamQueue,
  undoAnswer,
  visibleSuggestions,
  type StreamAnswer,
} from './actions';

/** A suggestion is focused, nothing is selected and no mention is: its keys apply. */
const onSuggestion = (c: ActionContext) =>
  onDocument(c) && !c.target?.closest('button, a, .doclist') && !c.state.stream && c.state.focusedId === null && focusedSuggestion(c.app) !== undefined && (document.getSelection()?.isCollapsed ?? true);
const streaming = (c: ActionContext) => c.state.stream && c.state.dialog === null && !c.typing;

function readerActions(app: AppStore, labels: { name: string; key: string }[]): Action[] {
  const withFocus = (run: (s: MentionSuggestion) => void) => () => {
    const s = focusedSuggestion(app);
    if (s) run(s);
  };
  return [
    { id: 'suggest-show', title: 'Show suggestions for this document', section: 'Suggestions', keys: ['Alt+s'], when: onDocument, run: () => void showSuggestions(app), menu: { label: 'Suggest', order: 45 } },
    { id: 'suggest-next', title: 'Next suggestion', section: 'Suggestions', keys: ['Alt+ArrowRight'], when: (c) => onDocument(c) && visibleSuggestions(c.app).length > 0, run: () => stepSuggestion(app, 1) },
    { id: 'suggest-previous', title: 'Previous suggestion', section: 'Suggestions', keys: ['Alt+ArrowLeft'], when: (c) => onDocument(c) && visibleSuggestions(c.app).length > 0, run: () => stepSuggestion(app, -1) },
    { id: 'suggest-accept', title: 'Accept the focused suggestion', section: 'Suggestions', keys: ['Enter'], when: onSuggestion, run: withFocus((s) => acceptSuggestion(app, s)) },
    { id: 'suggest-reject', title: 'Reject the focused suggestion (not proposed again)', section: 'Suggestions', keys: ['x'], when: onSuggestion, run: withFocus((s) => void rejectSuggestion(app, s)) },
    ...labels
      .filter((l) => l.key)
      .map((l) => ({
        id: `suggest-accept-as:${l.name}`,
        title: `Accept the focused suggestion as ${l.name}`,
        section: 'Suggestions',
        keys: [`Shift?+${l.key}`],
        keyHint: 'a label’s key',
        when: onSuggestion,
        run: withFocus((s) => acceptSuggestion(app, s, l.name)),
      })),
    { id: 'suggest-accept-all', title: 'Accept all suggestions above the threshold (one undo step)', section: 'Suggestions', keys: ['Alt+Shift+A'], when: (c) => onDocument(c) && visibleSuggestions(c.app).length > 0, run: () => acceptAllAboveThreshold(app) },
    { id: 'suggest-stream', title: 'Stream mode: one suggestion at a time', section: 'Suggestions', keys: ['Alt+Shift+S'], when: onDocument, run: () => void showSuggestions(app, { quiet: true }).then(() => startStream(app)) },
  ];
}

export function SuggestRoom() {
  const app = useAppStore();
  const doc = useApp((s) => s.doc);
  const focus = useApp((s) => s.suggestFocus);
  const stream = useApp((s) => s.stream);
  const labels = useApp((s) => s.info?.schema.labels);
  const actions = useMemo(() => readerActions(app, labels ?? []), [app, labels]);
  useActions(actions);

  // Another document: its suggestions are asked for anew.
  useEffect(() => {
    if (app.state.recommended && app.state.recommended.docId !== doc?.doc.id) hideSuggestions(app);
  }, [app, doc]);

  // The focused suggestion's mark is outlined.
  useEffect(() => {
    doc?.focusSuggestion(focus);
  }, [doc, focus]);

  // A click on a suggestion focuses it.
  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      const el = (e.target as HTMLElement).closest<HTMLElement>('mark.suggestion');
      if (el?.dataset.suggestion) app.set({ suggestFocus: el.dataset.suggestion, focusedId: null });
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
  useApp((s) => s.recommended);
  const [skipped, setSkipped] = useState<Set<string>>(() => new Set());
  const [answers, setAnswers] = useState<StreamAnswer[]>([]);
  const busy = useRef(false);
  const queue = streamQueue(app, skipped);
  const current = queue[0];

  const answer = async (accepted: boolean) => {
    if (!current || busy.current) return;
    busy.current = true;
    try {
      if (accepted) acceptSuggestion(app, current);
      else await rejectSuggestion(app, current);
      // The tagger has learned from the answer: the queue is asked for again and re-ordered.
      await app.saves.idle();
      await showSuggestions(app, { quiet: true });
      setAnswers((a) => [...a, { suggestion: current, accepted }]);
    } finally {
      busy.current = false;
    }
  };
  const skip = () => current && setSkipped((s) => new Set(s).add(suggestionKey(current)));
  const undo = async () => {
    const last = answers.at(-1);
    if (!last || busy.current) return;
    busy.current = true;
    try {
      await undoAnswer(app, last);
      setAnswers((a) => a.slice(0, -1));
    } finally {
      busy.current = false;
    }
  };
  useActions([
    { id: 'stream-accept', title: 'Stream: accept', section: 'Stream mode', keys: ['a'], when: streaming, run: () => void answer(true) },
    { id: 'stream-reject', title: 'Stream: reject', section: 'Stream mode', keys: ['x'], when: streaming, run: () => void answer(false) },
    { id: 'stream-skip', title: 'Stream: skip', section: 'Stream mode', keys: [' '], keyHint: 'Space', when: streaming, run: skip },
    { id: 'stream-undo', title: 'Stream: undo the last answer', section: 'Stream mode', keys: ['u'], when: streaming, run: () => void undo() },
    { id: 'stream-stop', title: 'Leave stream mode', section: 'Stream mode', keys: ['Escape'], when: streaming, run: () => stopStream(app) },
  ]);

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
            <button onClick={() => void answer(true)}>Accept (a)</button>
            <button onClick={() => void answer(false)}>Reject (x)</button>
            <button onClick={skip}>Skip (space)</button>
            <button onClick={() => void undo()} disabled={done === 0}>
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
