/** Reader and tagging: the named actions that tag text and move between mentions. */
import { newId } from '../../../core/ids';
import { invert } from '../../../core/changes';
import { removeMentionChange } from '../../../core/frames';
import type { Change, DocumentStatus, Mention } from '../../../core/model';
import { describeRefusal, overlapRefusal } from '../../../core/overlaps';
import { snapSpan } from '../../../core/text';
import { keepRecent } from '../../app/documents';
import type { RecentChange } from '../../app/state';
import type { AppStore } from '../../app/store';
import type { OpenDocument } from '../../document/openDocument';
import { addFiller } from '../frames/actions';

/** Tags the text selection with `label`; without one, relabels the focused mention. */
export function tag(app: AppStore, label: string): void {
  const { doc: s, info, focusedId, snapWords } = app.state;
  const view = app.view;
  if (!s || !view || !info) return;
  const sel = view.selection();
  if (!sel) {
    // Only a mention the analyst can see: a key must never change something scrolled out of view.
    const m = focusedId ? s.mention(focusedId) : undefined;
    if (!m || !view.isOnScreen(m.id)) app.toast('Select text or a mention first', 'info');
    else if (m.label !== label) relabel(app, m, label);
    return;
  }
  const span = snapSpan(s.text, sel.start, sel.end, { words: snapWords });
  if (!span) return;
  document.getSelection()?.removeAllRanges();
  // A mention is a name or a phrase: across a paragraph break it is more likely a slip of the mouse.
  if (s.text.slice(span.start, span.end).includes('\n')) {
    app.openDialog({ kind: 'cross-break', label, start: span.start, end: span.end });
    return;
  }
  addMention(app, label, span.start, span.end);
}

/** A new mention over [start, end), or the focus on the same one if it exists. */
export function addMention(app: AppStore, label: string, start: number, end: number): void {
  const { doc: s, info } = app.state;
  if (!s || !info) return;
  const same = s.mentionsAt(start).find((m) => m.start === start && m.end === end && m.label === label && !m.pending);
  if (same) {
    app.focusMentionId(same.id);
    return;
  }
  const mention: Mention = {
    id: newId('m'),
    label,
    start,
    end,
    quote: s.text.slice(start, end),
    origin: 'manual',
    author: info.annotator,
    createdAt: new Date().toISOString(),
  };
  const refused = info.schema.overlaps ? overlapRefusal(info.schema, mention, overlapping(s, start, end)) : null;
  if (refused) {
    // The same span under another label: what was meant is most likely a relabel, offered in one click.
    const other = refused.other;
    app.focusMentionId(other.id);
    if (refused.how === 'equal') app.toast(`${describeRefusal(mention, refused)}.`, 'info', { label: `Relabel as ${label}`, run: () => relabel(app, other, label) });
    else app.toast(`${describeRefusal(mention, refused)}.`, 'info');
    return;
  }
  app.change({ op: 'addMention', mention });
  // The highlight is already drawn; the sidebar follows once that frame is painted.
  app.setAfterPaint({ focusedId: mention.id });
}

/** The mentions sharing some text with [start, end). */
function overlapping(s: OpenDocument, start: number, end: number): Mention[] {
  return s.mentions.filter((m) => m.start < end && start < m.end);
}

/** Changes a mention's label, and says so with a way back: a label key on a selected mention is easy to press by mistake. */
export function relabel(app: AppStore, m: Mention, label: string): void {
  const { doc: s, info } = app.state;
  const refused = s && info?.schema.overlaps ? overlapRefusal(info.schema, { ...m, label }, overlapping(s, m.start, m.end)) : null;
  if (refused) {
    app.toast(`${describeRefusal({ ...m, label }, refused)}.`, 'info');
    return;
  }
  const change = { op: 'updateMention', before: m, after: { ...m, label } } as const;
  app.change(change);
  app.toast(`${m.label} → ${label}: ${shortQuote(m.quote)}`, 'info', { label: 'Undo', run: () => undoChange(app, change) });
}

/** The start of a quote, cut at a word: "Russian Foreign…". */
export function shortQuote(quote: string, max = 18): string {
  if (quote.length <= max + 2) return quote;
  const cut = quote.lastIndexOf(' ', max);
  return `${quote.slice(0, cut > 0 ? cut : max)}…`;
}

export function focusMention(app: AppStore, m: Mention | undefined, scroll = true): void {
  if (!m) return;
  app.focusMentionId(m.id);
  if (scroll) app.view?.reveal(m.start, m.id);
}

export function stepMention(app: AppStore, dir: 1 | -1): void {
  const { doc: s, focusedId } = app.state;
  if (!s || s.mentions.length === 0) return;
  const list = s.mentions;
  const cur = focusedId ? list.findIndex((m) => m.id === focusedId) : -1;
  const next = cur < 0 ? (dir > 0 ? 0 : list.length - 1) : (cur + dir + list.length) % list.length;
  focusMention(app, list[next]);
}

/** Deletes the focused mention; frames that use it lose that filler in the same undoable step. */
export function deleteFocused(app: AppStore): boolean {
  const { doc: s, focusedId } = app.state;
  const m = focusedId ? s?.mention(focusedId) : undefined;
  if (!m || !s) return false;
  app.change(removeMentionChange(m, s.frames));
  app.focusMentionId(null);
  return true;
}

/** A click on a mention: fills the armed role, or focuses it (cycling through overlapping ones). */
export function clickMention(app: AppStore, offset: number, mentionId: string): void {
  const { doc: s, armedRole, frameId, focusedId } = app.state;
  if (!s) return;
  if (armedRole && frameId) {
    // Filling a role: the clicked mention (innermost at that point) goes into it.
    const target = (offset >= 0 ? s.mentionsAt(offset)[0]?.id : undefined) ?? mentionId;
    addFiller(app, armedRole, { kind: 'mention', mentionId: target });
    return;
  }
  app.selectFrame(null);
  const covering = offset >= 0 ? s.mentionsAt(offset) : [];
  // Clicking again where mentions overlap cycles through them, innermost first.
  if (covering.length > 1 && focusedId && covering.some((m) => m.id === focusedId)) {
    const i = covering.findIndex((m) => m.id === focusedId);
    app.focusMentionId(covering[(i + 1) % covering.length].id);
  } else app.focusMentionId(covering[0]?.id ?? mentionId);
}

export function setSnapWords(app: AppStore, snapWords: boolean): void {
  app.set({ snapWords });
  localStorage.setItem('parley-snap-words', snapWords ? 'on' : 'off');
}

export function setStatus(app: AppStore, status: DocumentStatus): void {
  const s = app.state.doc;
  if (s) app.change({ op: 'setStatus', before: s.layer.status, after: status });
}

/** Escape in the reader: clears the selection, then disarms a role, then unselects. */
export function backOut(app: AppStore): void {
  const sel = document.getSelection();
  // One level at a time: the text selection first (keeping the caret where it ends).
  if (sel && !sel.isCollapsed && document.querySelector('.doc-text')?.contains(sel.focusNode)) return sel.collapseToEnd();
  if (app.state.armedRole) return app.armRole(null);
  app.set({ focusedId: null, entityId: null, frameId: null, armedRole: null });
}

/** Shift(+Ctrl)+arrows extend the text selection; with none, they start from the focused mention. */
export function extendSelection(app: AppStore, e: KeyboardEvent): boolean {
  const sel = document.getSelection();
  const { doc: s, focusedId } = app.state;
  const view = app.view;
  if (!sel || !view || !s) return false;
  if (sel.rangeCount === 0 || !document.querySelector('.doc-text')?.contains(sel.anchorNode)) {
    const m = focusedId ? s.mention(focusedId) : undefined;
    // No selection and no mention: start at the caret's place (the first text in view).
    if (!m) return moveCaret(app, new KeyboardEvent('keydown', { key: 'Home' })) && extendSelection(app, e);
    view.select(m.start, m.end);
  }
  modifyByKey(sel, 'extend', e);
  return true;
}

/** The document list's cursor: arrows or j/k move it, Enter opens the document under it. */
export function moveCursor(app: AppStore, to: (cursor: number, count: number) => number): void {
  const { cursor, list } = app.state;
  app.set({ cursor: Math.max(0, Math.min(list.total - 1, to(cursor, list.total))) });
}

export function openAtCursor(app: AppStore): void {
  void app.rowAt(app.state.cursor).then((d) => d && app.openDoc(d.id), app.fail);
}

/** Arrows in the focused reader move the caret (Ctrl: by word); with no caret yet it starts at the first text in view. */
export function moveCaret(_app: AppStore, e: KeyboardEvent): boolean {
  const sel = document.getSelection();
  const host = document.querySelector('.doc-text');
  const scroller = document.querySelector<HTMLElement>('.reader-scroll');
  if (!sel || !host || !scroller) return false;
  if (sel.rangeCount === 0 || !host.contains(sel.focusNode)) {
    const top = scroller.getBoundingClientRect().top;
    const first = [...host.querySelectorAll<HTMLElement>('span[data-start]')].find((s) => s.getBoundingClientRect().bottom > top);
    if (!first?.firstChild) return false;
    sel.collapse(first.firstChild, 0);
    return true;
  }
  modifyByKey(sel, 'move', e);
  sel.focusNode?.parentElement?.scrollIntoView({ block: 'nearest' });
  return true;
}

/** Moves or extends the selection as the key says: arrows by character (Ctrl: by word) or line, Home/End to the line's ends. */
function modifyByKey(sel: Selection, how: 'move' | 'extend', e: KeyboardEvent): void {
  const word = e.ctrlKey || e.altKey || e.metaKey;
  const [dir, unit] =
    e.key === 'ArrowLeft'
      ? ['backward', word ? 'word' : 'character']
      : e.key === 'ArrowRight'
        ? ['forward', word ? 'word' : 'character']
        : e.key === 'ArrowUp'
          ? ['backward', 'line']
          : e.key === 'ArrowDown'
            ? ['forward', 'line']
            : e.key === 'Home'
              ? ['backward', 'lineboundary']
              : ['forward', 'lineboundary'];
  (sel as Selection & { modify(a: string, d: string, u: string): void }).modify(how, dir, unit);
}

/**
 * Undoes one change from the list of recent changes: the newest change of the
 * open document by the history's own undo; any other by saving its inverse,
 * which main refuses (and the reader reloads, saying what differs) when what
 * it restores has changed since.
 */
export async function undoRecent(app: AppStore, r: RecentChange): Promise<void> {
  const newest = app.state.recent.find((x) => x.docId === r.docId && x.kind === 'change' && !x.undone);
  app.openDialog(null);
  if (app.state.doc?.doc.id !== r.docId) await app.openDoc(r.docId);
  if (app.state.doc?.doc.id !== r.docId) return;
  if (newest?.id === r.id) return app.undoRedo('undo');
  app.change(invert(r.change));
  app.set((st) => ({ recent: st.recent.map((x) => (x.id === r.id ? { ...x, undone: true } : x)) }));
  keepRecent(app);
}

/** Undoes this very change (not whatever is newest): through the list of recent changes once saved, else the next undo after its save. */
export function undoChange(app: AppStore, change: Change): void {
  const entry = app.state.recent.find((r) => r.change === change);
  if (entry) void undoRecent(app, entry);
  else app.undoRedo('undo');
}
