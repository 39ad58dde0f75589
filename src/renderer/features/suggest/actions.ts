/**
 * Suggestions from the recommender: asking for them, drawing the ones above
 * the threshold, accepting (as suggested or with another label), rejecting,
 * accepting all above the threshold as one undoable step, and stream mode's
 * answers. An accepted suggestion becomes an ordinary mention through
 * `app.change`; nothing else about a suggestion is ever saved in a layer.
 */
import { newId } from '../../../core/ids';
import type { Change, Frame, Mention, RoleFiller } from '../../../core/model';
import type { FrameSuggestion, MentionSuggestion } from '../../../core/suggest/types';
import { api } from '../../api';
import { whileBusy } from '../../app/busy';
import type { AppStore } from '../../app/store';
import { suggestionKey } from '../../reader/DocumentView';
import { suggestSlice, type StreamAnswer } from './slice';

export type { StreamAnswer } from './slice';

const get = (app: AppStore) => suggestSlice.of(app.state);

/** The suggestions at or above the threshold, in reading order: what is drawn and what Enter walks through. */
export function visibleSuggestions(app: AppStore): MentionSuggestion[] {
  const r = get(app).recommended;
  if (!r || r.docId !== app.state.doc?.doc.id) return [];
  return r.mentions.filter((m) => m.score >= r.threshold);
}

/** Stream mode's queue: every suggestion, the most uncertain (score nearest 0.5) first. */
export function streamQueue(app: AppStore, skipped: ReadonlySet<string>): MentionSuggestion[] {
  const r = get(app).recommended;
  if (!r) return [];
  return r.mentions.filter((m) => !skipped.has(suggestionKey(m))).sort((a, b) => Math.abs(a.score - 0.5) - Math.abs(b.score - 0.5) || a.start - b.start);
}

function draw(app: AppStore): void {
  app.state.doc?.setSuggestions(get(app).stream ? [] : visibleSuggestions(app));
}

/** Asks the recommender for the open document's suggestions and draws them. */
export async function showSuggestions(app: AppStore, opts: { quiet?: boolean } = {}): Promise<void> {
  const doc = app.state.doc;
  if (!doc) return app.toast('Open a document first.', 'info');
  try {
    const recommended = await whileBusy(app, 'Finding suggestions', async () => {
      await app.saves.idle();
      return api.suggestions.recommend({ docId: doc.doc.id });
    }, { key: 'suggest' });
    if (app.state.doc !== doc) return;
    suggestSlice.set(app, { recommended });
    const first = visibleSuggestions(app)[0];
    suggestSlice.set(app, (s) => ({ focus: s.focus && visibleSuggestions(app).some((m) => suggestionKey(m) === s.focus) ? s.focus : first ? suggestionKey(first) : null }));
    draw(app);
    if (!opts.quiet) {
      // The keys that answer suggestions act in the reader.
      document.querySelector<HTMLElement>('.reader-scroll')?.focus({ preventScroll: true });
      const n = visibleSuggestions(app).length;
      app.toast(n ? `${n} suggestion${n === 1 ? '' : 's'}: Enter or a label key accepts, x rejects` : 'No suggestions above the threshold', 'info');
    }
  } catch (e) {
    app.fail(e);
  }
}

export function hideSuggestions(app: AppStore): void {
  app.state.doc?.setSuggestions([]);
  suggestSlice.set(app, { recommended: null, focus: null, stream: false });
}

export function focusedSuggestion(app: AppStore): MentionSuggestion | undefined {
  const key = get(app).focus;
  return key ? get(app).recommended?.mentions.find((m) => suggestionKey(m) === key) : undefined;
}

export function stepSuggestion(app: AppStore, dir: 1 | -1): void {
  const list = visibleSuggestions(app);
  if (list.length === 0) return;
  const i = list.findIndex((m) => suggestionKey(m) === get(app).focus);
  const next = list[(i + dir + list.length) % list.length];
  focusSuggestion(app, suggestionKey(next));
  app.view?.reveal(next.start);
}

function asMention(app: AppStore, s: MentionSuggestion, label: string): Mention {
  const m: Mention = {
    id: newId('m'),
    label,
    start: s.start,
    end: s.end,
    quote: s.quote,
    origin: 'suggested',
    author: app.state.info?.annotator ?? '',
    createdAt: new Date().toISOString(),
  };
  return s.entityId && label === s.label ? { ...m, entityId: s.entityId } : m;
}

/** Takes a suggestion out of the list (answered), moving the focus to the next one in reading order. */
function settle(app: AppStore, s: MentionSuggestion): void {
  const r = get(app).recommended;
  if (!r) return;
  const before = visibleSuggestions(app);
  const at = before.findIndex((m) => m === s);
  const mentions = r.mentions.filter((m) => m !== s);
  suggestSlice.set(app, { recommended: { ...r, mentions } });
  const after = visibleSuggestions(app);
  const next = after[Math.min(Math.max(at, 0), after.length - 1)];
  suggestSlice.set(app, { focus: next ? suggestionKey(next) : null });
  draw(app);
}

/** Tells the recommender the answer once the layer is saved, so it learns from the layer as it now is. */
async function teach(app: AppStore, docId: string, s: MentionSuggestion, label: string, accepted: boolean): Promise<void> {
  try {
    await app.saves.idle();
    await api.suggestions.answer({ docId, span: { start: s.start, end: s.end, label }, accepted });
  } catch (e) {
    app.fail(e);
  }
}

/** Accepts a suggestion, with its own label or another one; returns the new mention. */
export function acceptSuggestion(app: AppStore, s: MentionSuggestion, label = s.label): Mention | null {
  const doc = app.state.doc;
  if (!doc) return null;
  const mention = asMention(app, s, label);
  app.change({ op: 'addMention', mention });
  settle(app, s);
  record(app, doc.doc.id, [{ label: s.label, acceptedAs: label, score: s.score }]);
  void teach(app, doc.doc.id, s, label, true);
  return mention;
}

/** Rejects a suggestion: it is remembered for this span and label, and not proposed again. */
export async function rejectSuggestion(app: AppStore, s: MentionSuggestion): Promise<void> {
  const doc = app.state.doc;
  if (!doc) return;
  settle(app, s);
  record(app, doc.doc.id, [{ label: s.label, acceptedAs: null, score: s.score }]);
  await teach(app, doc.doc.id, s, s.label, false);
}

/** Keeps what the analyst did with suggestions, on this machine, for the measures. */
function record(app: AppStore, docId: string, outcomes: { label: string; acceptedAs: string | null; score: number }[]): void {
  if (outcomes.length > 0) api.suggestions.record({ docId, outcomes }).catch(app.fail);
}

/** Accepts every suggestion at or above the threshold as one change, undone by one Ctrl+Z. */
export function acceptAllAboveThreshold(app: AppStore): void {
  const list = visibleSuggestions(app);
  const r = get(app).recommended;
  if (!r || list.length === 0) return app.toast('No suggestions above the threshold', 'info');
  // Overlapping suggestions cannot all be right: the higher score wins.
  const chosen: MentionSuggestion[] = [];
  for (const s of [...list].sort((a, b) => b.score - a.score)) if (!chosen.some((c) => c.start < s.end && s.start < c.end)) chosen.push(s);
  chosen.sort((a, b) => a.start - b.start);
  app.change({ op: 'batch', title: `accept ${chosen.length} suggestion${chosen.length === 1 ? '' : 's'}`, changes: chosen.map((s) => ({ op: 'addMention', mention: asMention(app, s, s.label) })) });
  const docId = app.state.doc?.doc.id;
  if (docId) record(app, docId, chosen.map((s) => ({ label: s.label, acceptedAs: s.label, score: s.score })));
  suggestSlice.set(app, { recommended: { ...r, mentions: r.mentions.filter((m) => !list.includes(m)) }, focus: null });
  draw(app);
  // Saying "accepted" waits for the save, and the wait shows.
  const n = `${chosen.length} suggestion${chosen.length === 1 ? '' : 's'}`;
  void whileBusy(app, `Saving ${n}`, () => app.saves.idle(), { key: 'accept-all' }).then(() => app.toast(`Accepted ${n} (Ctrl+Z undoes them together)`, 'info'));
}

/** Threshold saves, one after another: the last one typed is the one kept. */
let thresholdSaves: Promise<void> = Promise.resolve();

/**
 * The threshold applies at once, key by key as it is typed (so "Accept all"
 * pressed right after uses it), and is then saved with the settings. Applying
 * it only once saved put back, when the save came in, the suggestions as they
 * stood before: accepted ones came back.
 */
export function setThreshold(app: AppStore, threshold: number): Promise<void> {
  const r = get(app).recommended;
  if (r) {
    suggestSlice.set(app, { recommended: { ...r, threshold } });
    draw(app);
  }
  thresholdSaves = thresholdSaves.then(async () => {
    try {
      const settings = await api.suggestions.settings({});
      await api.suggestions.saveSettings({ settings: { ...settings, threshold } });
    } catch (e) {
      app.fail(e, 'Saving the suggestion threshold');
    }
  });
  return thresholdSaves;
}

export async function retrain(app: AppStore): Promise<void> {
  try {
    const r = await whileBusy(app, 'Training the recommender on every labelled layer', () => api.suggestions.retrain({}), { key: 'train' });
    app.toast(`Learned from ${r.documents} labelled layer${r.documents === 1 ? '' : 's'} (${r.mentions} mentions, ${r.frames} frames)`, 'info');
    if (get(app).recommended) await showSuggestions(app, { quiet: true });
  } catch (e) {
    app.fail(e);
  }
}

/** Focuses a suggestion (a click on its mark, a step): the keys act on it, not on a mention. */
export function focusSuggestion(app: AppStore, key: string): void {
  suggestSlice.set(app, { focus: key });
  app.set({ focusedId: null });
}

// Stream mode

export function startStream(app: AppStore): void {
  app.state.doc?.setSuggestions([]);
  suggestSlice.set(app, { stream: true, focus: null, skipped: new Set(), answers: [] });
}

export function stopStream(app: AppStore): void {
  suggestSlice.set(app, { stream: false });
  draw(app);
}

/** Undoes stream mode's last answer: removes the accepted mention, or forgets the rejection. */
async function undoAnswer(app: AppStore, last: StreamAnswer): Promise<void> {
  const doc = app.state.doc;
  if (!doc) return;
  if (last.accepted) app.undoRedo('undo');
  else await api.suggestions.unreject({ docId: doc.doc.id, spans: [{ start: last.suggestion.start, end: last.suggestion.end, label: last.suggestion.label }] }).catch(app.fail);
  await app.saves.idle();
  await showSuggestions(app, { quiet: true });
}

/**
 * Accepts a suggested frame with its best role candidates: the first for a
 * role that takes one, the first `min` (at least two parties) for one that
 * takes several. A candidate that is itself only suggested becomes a mention
 * in the same step, so one Ctrl+Z undoes it all.
 */
export function acceptFrame(app: AppStore, f: FrameSuggestion): void {
  const schema = app.state.info?.schema;
  const doc = app.state.doc;
  const type = schema?.frameTypes.find((t) => t.name === f.type);
  if (!doc || !type) return;
  const changes: Change[] = [];
  const roles: Record<string, RoleFiller[]> = {};
  for (const role of type.roles) {
    const want = role.max === 1 ? 1 : Math.max(role.min, 1);
    roles[role.name] = f.roles[role.name]?.slice(0, want).map((c) => {
      const existing = c.mentionId ?? doc.mentions.find((m) => m.start === c.start && m.end === c.end && !m.pending)?.id;
      if (existing) return { kind: 'mention' as const, mentionId: existing };
      const mention = asMention(app, { ...c, score: 1, source: 'tagger' }, c.label);
      changes.push({ op: 'addMention', mention });
      return { kind: 'mention' as const, mentionId: mention.id };
    }) ?? [];
  }
  const frame: Frame = {
    id: newId('f'),
    type: f.type,
    evidence: f.evidence,
    roles,
    attrs: f.attrs,
    origin: 'suggested',
    author: app.state.info?.annotator ?? '',
    createdAt: new Date().toISOString(),
  };
  changes.push({ op: 'addFrame', frame });
  app.change({ op: 'batch', title: `accept a suggested ${f.type}`, changes });
  const r = get(app).recommended;
  if (r) suggestSlice.set(app, { recommended: { ...r, frames: r.frames.filter((x) => x !== f) } });
}

/** Stream mode's queue now: what it has not skipped, the most uncertain first. */
export const streamNow = (app: AppStore): MentionSuggestion[] => streamQueue(app, get(app).skipped);

/** An answer or an undo still on its way: keys pressed meanwhile are ignored. */
let answering = false;

/** Answers stream mode's current suggestion; the tagger learns from it and the queue is asked for again and re-ordered. */
export async function answerStream(app: AppStore, accepted: boolean): Promise<void> {
  const current = streamNow(app)[0];
  if (!current || answering) return;
  answering = true;
  try {
    if (accepted) acceptSuggestion(app, current);
    else await rejectSuggestion(app, current);
    await app.saves.idle();
    await showSuggestions(app, { quiet: true });
    suggestSlice.set(app, (s) => ({ answers: [...s.answers, { suggestion: current, accepted }] }));
  } finally {
    answering = false;
  }
}

export function skipStream(app: AppStore): void {
  const current = streamNow(app)[0];
  if (current) suggestSlice.set(app, (s) => ({ skipped: new Set(s.skipped).add(suggestionKey(current)) }));
}

/** Undoes stream mode's last answer. */
export async function undoStream(app: AppStore): Promise<void> {
  const last = get(app).answers.at(-1);
  if (!last || answering) return;
  answering = true;
  try {
    await undoAnswer(app, last);
    suggestSlice.set(app, (s) => ({ answers: s.answers.slice(0, -1) }));
  } finally {
    answering = false;
  }
}

// Lines that are not article text

/**
 * Marks the lines of the reader's selection (or of the focused suggestion)
 * as not article text, or gives them back; the suggestions are asked for
 * again without them.
 */
export async function markBoilerplate(app: AppStore, on: boolean, range?: { start: number; end: number }): Promise<void> {
  const doc = app.state.doc;
  if (!doc) return app.toast('Open a document first.', 'info');
  const at = range ?? app.view?.selection() ?? focusedSuggestion(app);
  if (!at) return app.toast('Select some text of the line first (or focus a suggestion on it).', 'info');
  try {
    const marked = await api.suggestions.boilerplate({ docId: doc.doc.id, range: { start: at.start, end: at.end }, on });
    if (app.state.doc !== doc) return;
    document.getSelection()?.removeAllRanges();
    const r = get(app).recommended;
    if (r) await showSuggestions(app, { quiet: true });
    else suggestSlice.set(app, { recommended: null });
    app.toast(on ? `Marked as not article text: no suggestions from ${marked.length} line${marked.length === 1 ? '' : 's'}` : 'The line is article text again', 'info');
  } catch (e) {
    app.fail(e);
  }
}

// Measures

export async function measure(app: AppStore): Promise<void> {
  suggestSlice.set(app, { measuring: true });
  try {
    await app.saves.idle();
    suggestSlice.set(app, { measures: await api.suggestions.measures({}) });
  } catch (e) {
    app.fail(e);
  } finally {
    suggestSlice.set(app, { measuring: false });
  }
}
