/**
 * Suggestions in the reader: what the commands that ask for, step through,
 * accept and reject suggestions run, and stream mode's keys (bound while
 * stream mode shows).
 */
import { PRIORITY } from '../../../core/commands';
import type { MentionSuggestion } from '../../../core/suggest/types';
import { defineActions, registerActionSource, registerActions, type ActionContext } from '../../app/registry';
import type { AppStore } from '../../app/store';
import {
  acceptAllAboveThreshold,
  acceptSuggestion,
  answerStream,
  focusedSuggestion,
  rejectSuggestion,
  showSuggestions,
  skipStream,
  startStream,
  stepSuggestion,
  stopStream,
  undoStream,
  visibleSuggestions,
} from './actions';
import { suggestSlice } from './slice';

/** A suggestion is focused, nothing is selected and no mention is: its keys apply. */
const onSuggestion = (c: ActionContext) =>
  !c.target?.closest('button, a, .doclist') && !suggestSlice.of(c.state).stream && c.state.focusedId === null && focusedSuggestion(c.app) !== undefined && (document.getSelection()?.isCollapsed ?? true);
const haveSuggestions = (c: ActionContext) => visibleSuggestions(c.app).length > 0;
const withFocus = (run: (app: AppStore, s: MentionSuggestion) => void) => (app: AppStore) => {
  const s = focusedSuggestion(app);
  if (s) run(app, s);
};

registerActions({
  'suggest-show': { run: (app) => void showSuggestions(app) },
  'suggest-next': { when: haveSuggestions, run: (app) => stepSuggestion(app, 1) },
  'suggest-previous': { when: haveSuggestions, run: (app) => stepSuggestion(app, -1) },
  'suggest-accept': { when: onSuggestion, run: withFocus((app, s) => acceptSuggestion(app, s)) },
  'suggest-reject': { when: onSuggestion, run: withFocus((app, s) => void rejectSuggestion(app, s)) },
  'suggest-accept-all': { when: haveSuggestions, run: (app) => acceptAllAboveThreshold(app) },
  'suggest-stream': { run: (app) => void showSuggestions(app, { quiet: true }).then(() => startStream(app)) },
});

// A label's key accepts the focused suggestion as that label.
registerActionSource((state) =>
  (state.info?.schema.labels ?? [])
    .filter((l) => l.key)
    .map((l) => ({
      id: `suggest-accept-as:${l.name}` as const,
      title: `Accept the focused suggestion as ${l.name}`,
      section: 'Suggestions',
      keys: [`Shift?+${l.key}`],
      keyHint: 'a label’s key',
      scope: 'document' as const,
      priority: PRIORITY.focusedSuggestion,
      when: onSuggestion,
      run: withFocus((app, s) => acceptSuggestion(app, s, l.name)),
    })),
);

const streaming = (c: ActionContext) => suggestSlice.of(c.state).stream && !c.typing;

/** Stream mode's keys, bound while its panel shows. */
export const STREAM_KEYS = defineActions({
  'stream-accept': { when: streaming, run: (app) => void answerStream(app, true) },
  'stream-reject': { when: streaming, run: (app) => void answerStream(app, false) },
  'stream-skip': { when: streaming, run: skipStream },
  'stream-undo': { when: streaming, run: (app) => void undoStream(app) },
  'stream-stop': { when: streaming, run: stopStream },
});
