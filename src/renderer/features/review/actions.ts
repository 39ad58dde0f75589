/** Review: its named actions on the app store (state in the review slice). */
import type { FrameDecision, MentionDecision } from '../../../core/adjudicate';
import type { ReviewProgress } from '../../../core/api/review';
import type { Change, Frame, Mention } from '../../../core/model';
import type { FrameReviewItem, ReviewItem } from '../../../core/review';
import { describeChange, invert } from '../../../core/changes';
import { api } from '../../api';
import { whileBusy } from '../../app/busy';
import type { AppStore } from '../../app/store';
import { derived, initialReview, reviewSlice, type ReviewState } from './slice';

const get = (app: AppStore): ReviewState => reviewSlice.of(app.state);
const set = (app: AppStore, patch: Partial<ReviewState> | ((s: ReviewState) => Partial<ReviewState>)) => reviewSlice.set(app, patch);
const info = (app: AppStore, text: string) => app.toast(text, 'info');

/** The text offset whose item the cursor goes to once the document chosen from a difference has loaded. */
let pendingStart: number | null = null;

/** Visits of the screen: an answer that arrives after the screen was left (or opened again) is dropped. */
let visit = 0;
const current = (n: number) => n === visit;

/** Opens the screen on a document (the open one, else the first compared): the analysts, the review and the counts. */
export function openReview(app: AppStore, docId: string | null): void {
  const n = ++visit;
  set(app, initialReview(docId));
  api.review.annotators({}).then((list) => {
    if (!current(n)) return;
    const others = list.filter((a) => a.annotator !== 'gold');
    set(app, (s) => ({ available: others, chosen: s.chosen.length >= 2 ? s.chosen : others.map((a) => a.annotator) }));
    void reload(app);
  }, app.fail);
  api.entities.list({}).then((list) => current(n) && set(app, { entities: new Map(list.map((e) => [e.id, e] as const)) }), app.fail);
}

/** The screen has gone: answers still on their way are dropped. */
export function leaveReview(): void {
  visit++;
}

/** Back to the reader, whose list shows what review changed. */
export function closeReview(app: AppStore): void {
  app.showScreen('reader');
  void app.refreshDocs();
}

/** The review of the document and the per-document counts, for the analysts chosen. */
async function reload(app: AppStore): Promise<void> {
  await Promise.all([load(app), refreshProgress(app)]);
}

async function load(app: AppStore): Promise<void> {
  const n = visit;
  const { docId, chosen } = get(app);
  if (!docId || chosen.length < 2) return set(app, { review: null });
  try {
    const review = await api.review.document({ docId, annotators: chosen });
    if (!current(n)) return;
    set(app, { review });
    if (pendingStart !== null) {
      const at = pendingStart;
      pendingStart = null;
      const i = derived(get(app), schemaOf(app)).shown.findIndex((it) => it.item.start === at || (it.item.start < at && at < it.item.end));
      if (i >= 0) set(app, { cursor: i });
    }
  } catch (e) {
    app.fail(e);
  }
}

async function refreshProgress(app: AppStore): Promise<void> {
  const n = visit;
  const { chosen } = get(app);
  if (chosen.length < 2) return set(app, { progress: [] });
  try {
    const progress = await api.review.progress({ annotators: chosen });
    if (!current(n)) return;
    set(app, { progress });
    // With no document open, review starts at the first one the analysts compared.
    if (!get(app).docId && progress[0]) selectDocument(app, progress[0].docId);
  } catch (e) {
    app.fail(e);
  }
}

export function chooseAnnotators(app: AppStore, chosen: string[]): void {
  set(app, { chosen });
  void reload(app);
}

export function selectDocument(app: AppStore, docId: string): void {
  set(app, { docId, cursor: 0 });
  void load(app);
}

/** After a decision: the review and the per-document counts again. */
async function after(app: AppStore): Promise<void> {
  await load(app);
  await refreshProgress(app);
}

export async function decideMention(app: AppStore, item: ReviewItem, decision: MentionDecision): Promise<void> {
  const { docId, chosen } = get(app);
  if (!docId) return;
  try {
    await api.review.decideMention({ docId, annotators: chosen, key: item.key, decision });
    await after(app);
  } catch (e) {
    app.fail(e);
  }
}

export async function decideFrame(app: AppStore, item: FrameReviewItem, decision: FrameDecision): Promise<void> {
  const { docId, chosen } = get(app);
  if (!docId) return;
  try {
    await api.review.decideFrame({ docId, annotators: chosen, key: item.key, decision });
    await after(app);
  } catch (e) {
    app.fail(e);
  }
}

/**
 * Accepts everything all analysts agree on, as one undoable step; with `linkDifferences`, also what agrees on span and
 * label and differs only in an entity link or note (one entity given, notes kept).
 */
export async function acceptAgreed(app: AppStore, linkDifferences = false): Promise<void> {
  const { docId, chosen } = get(app);
  if (!docId) return;
  try {
    const r = await whileBusy(app, 'Accepting everything all agree on', async () => {
      const r = await api.review.acceptAgreed({ docId, annotators: chosen, ...(linkDifferences ? { linkDifferences } : {}) });
      if (r.mentions + r.frames > 0) await after(app);
      return r;
    }, { key: 'review-agreed' });
    const left = r.linkOnly ? ` Agreed on span and label, differ in link or note: ${r.linkOnly}${linkDifferences ? ' (different entities: decide each)' : ' (Shift+L accepts them too)'}.` : '';
    if (r.mentions + r.frames === 0) return info(app, `Nothing left that everyone agrees on.${left}`);
    const parts = [r.mentions ? `${r.mentions} mention${r.mentions === 1 ? '' : 's'}` : '', r.frames ? `${r.frames} frame${r.frames === 1 ? '' : 's'}` : ''].filter(Boolean);
    info(app, `Accepted ${parts.join(' and ')} ${linkDifferences ? 'that agree on span and label' : 'all annotators agree on'} (Ctrl+Z undoes them together).${left}`);
  } catch (e) {
    app.fail(e);
  }
}

/** The adjudicator's note on the gold records of an item: what analysts read under "Where gold differs from me". */
export async function saveGoldNote(app: AppStore, records: { mentions: Mention[]; frames: Frame[] }, note: string): Promise<void> {
  const { docId } = get(app);
  if (!docId) return;
  const text = note.trim();
  const withNote = <T extends Mention | Frame>(r: T): T => {
    const { note: _old, ...rest } = r;
    return (text ? { ...rest, note: text } : rest) as T;
  };
  const changes: Change[] = [
    ...records.mentions.filter((m) => (m.note ?? '') !== text).map((m): Change => ({ op: 'updateMention', before: m, after: withNote(m) })),
    ...records.frames.filter((f) => (f.note ?? '') !== text).map((f): Change => ({ op: 'updateFrame', before: f, after: withNote(f) })),
  ];
  if (!changes.length) return;
  try {
    await api.annotations.change({ docId, layer: 'gold', change: { op: 'batch', title: 'adjudicator’s note', changes } });
    await after(app);
    info(app, text ? 'Note saved on gold; analysts see it where gold differs from them.' : 'Note removed from gold.');
  } catch (e) {
    app.fail(e);
  }
}

export async function markReviewed(app: AppStore): Promise<void> {
  const { docId, review } = get(app);
  if (!docId || !review) return;
  const before = review.gold.status;
  const next = before === 'reviewed' ? 'in_progress' : 'reviewed';
  try {
    await api.annotations.change({ docId, layer: 'gold', change: { op: 'setStatus', before, after: next } });
    await after(app);
    info(app, next === 'reviewed' ? 'Document marked reviewed.' : 'Document no longer marked reviewed.');
  } catch (e) {
    app.fail(e);
  }
}

export async function undoRedoDecision(app: AppStore, which: 'undo' | 'redo'): Promise<void> {
  const { docId } = get(app);
  if (!docId) return;
  try {
    const r = which === 'undo' ? await api.annotations.undo({ docId, layer: 'gold' }) : await api.annotations.redo({ docId, layer: 'gold' });
    if (!r.change) return info(app, which === 'undo' ? 'Nothing to undo in gold.' : 'Nothing to redo in gold.');
    // The list's counts and "reviewed" follow too: an undone status or decision shows everywhere at once.
    await after(app);
    const done = which === 'undo' ? invert(r.change) : r.change;
    const what = done.op === 'setStatus' ? (done.after === 'reviewed' ? 'marked reviewed' : 'no longer marked reviewed') : describeChange(done);
    info(app, `${which === 'undo' ? 'Undone' : 'Redone'}: ${what}.`);
  } catch (e) {
    app.fail(e);
  }
}

/** What is left to decide in a document: undecided items and agreed ones not yet accepted. */
export const undecidedIn = (p: ReviewProgress): number => p.undecided.mentions + p.undecided.frames + p.agreed.mentions + p.agreed.frames;

/** n past the last item: on to the next document with undecided items. */
function nextDocument(app: AppStore): void {
  const { progress, docId } = get(app);
  const ids = progress.map((p) => p.docId);
  const from = docId ? ids.indexOf(docId) : -1;
  const next = [...ids.slice(from + 1), ...ids.slice(0, Math.max(from, 0))].find((id) => {
    const p = progress.find((x) => x.docId === id);
    return p && undecidedIn(p) > 0;
  });
  if (!next) return info(app, 'Every compared document is decided.');
  selectDocument(app, next);
}

const schemaOf = (app: AppStore) => app.state.info!.schema;

/** The next or previous item; past the last, the next document with undecided items. */
export function step(app: AppStore, d: 1 | -1): void {
  const { at, shown } = derived(get(app), schemaOf(app));
  if (d === 1 && at >= shown.length - 1) return nextDocument(app);
  set(app, { cursor: Math.max(0, Math.min(shown.length - 1, at + d)) });
}

/** To the first of these items (a mark clicked in the text), showing every item when the one clicked was hidden. */
export function pickItems(app: AppStore, keys: readonly string[]): void {
  const find = () => derived(get(app), schemaOf(app)).shown.findIndex((it) => keys.includes(it.item.key));
  if (find() < 0 && get(app).onlyDisagreements) set(app, { onlyDisagreements: false });
  const i = find();
  if (i >= 0) set(app, { cursor: i });
}

export function setCursor(app: AppStore, cursor: number): void {
  set(app, { cursor });
}

/** Moves between the whole frame (0) and its fields. */
export function stepRow(app: AppStore, d: 1 | -1): void {
  const { current: item } = derived(get(app), schemaOf(app));
  const fields = item?.type === 'frame' ? item.item.fields.length : 0;
  set(app, (s) => ({ row: Math.max(0, Math.min(fields, s.row + d)) }));
}

export function setRow(app: AppStore, row: number): void {
  if (get(app).row !== row) set(app, { row });
}

/** Takes the current item (or its selected field) from the i-th analyst compared; false when there is none. */
export function takeVersion(app: AppStore, i: number): boolean {
  const { chosen, row } = get(app);
  const { current: item } = derived(get(app), schemaOf(app));
  const a = chosen[i - 1];
  if (!a || !item) return false;
  if (item.type === 'mention') {
    void decideMention(app, item.item, { kind: 'accept', annotators: [a] });
    return true;
  }
  if (!item.item.byAnnotator[a]) return true;
  if (row === 0) void decideFrame(app, item.item, { kind: 'accept', annotator: a });
  else void decideFrame(app, item.item, { kind: 'field', field: item.item.fields[row - 1].id, from: a });
  return true;
}

/** Accepts every analyst's version of the current item. */
export function acceptAll(app: AppStore): void {
  const { current: item } = derived(get(app), schemaOf(app));
  if (!item) return;
  if (item.type === 'mention') void decideMention(app, item.item, { kind: 'accept', annotators: get(app).chosen });
  else void decideFrame(app, item.item, { kind: 'all' });
}

export function rejectCurrent(app: AppStore): void {
  const { current: item } = derived(get(app), schemaOf(app));
  if (!item) return;
  if (item.type === 'mention') void decideMention(app, item.item, { kind: 'reject' });
  else void decideFrame(app, item.item, { kind: 'reject' });
}

export function toggleSideBySide(app: AppStore): void {
  set(app, (s) => ({ sideBySide: !s.sideBySide }));
}

export function showOnlyDisagreements(app: AppStore, only: boolean): void {
  set(app, { onlyDisagreements: only, cursor: 0 });
}

export function showReport(app: AppStore, report: boolean): void {
  set(app, { report });
}

/** Deciding, or where gold differs from an analyst (this window's, unless another is chosen). */
export function showTab(app: AppStore, tab: 'decide' | 'gold'): void {
  set(app, { tab });
  if (tab === 'gold') void loadGoldDifferences(app);
}

export function chooseDiffAnnotator(app: AppStore, annotator: string): void {
  set(app, { diffAnnotator: annotator });
  void loadGoldDifferences(app);
}

async function loadGoldDifferences(app: AppStore): Promise<void> {
  const n = visit;
  const { diffAnnotator } = get(app);
  try {
    const goldDifferences = await api.review.goldDifferences(diffAnnotator ? { annotator: diffAnnotator } : {});
    if (current(n)) set(app, { goldDifferences, diffAnnotator: goldDifferences.annotator });
  } catch (e) {
    app.fail(e);
  }
}

/** From a difference to its document in the deciding view. */
export function openDifference(app: AppStore, docId: string, start: number): void {
  set(app, { tab: 'decide', onlyDisagreements: false });
  pendingStart = start;
  selectDocument(app, docId);
}
