import { useEffect, useLayoutEffect, useRef, useSyncExternalStore, type RefObject } from 'react';
import { STATUSES, STATUS_NAMES, type DocumentStatus, type FrameTypeDef, type LabelDef } from '../../../core/model';
import { DocumentView, type ViewStyle } from '../../reader/DocumentView';
import type { OpenDocument } from '../../document/openDocument';
import { MentionGuide } from '../guidelines/MentionGuide';
import { LabelBar } from './LabelBar';
import { FirstStepsCard } from '../welcome/FirstSteps';

interface Props {
  store: OpenDocument | null;
  labels: LabelDef[];
  viewStyle: ViewStyle;
  snapWords: boolean;
  setSnapWords: (v: boolean) => void;
  onView: (view: DocumentView | null) => void;
  onPickLabel: (label: string) => void;
  frameTypes: FrameTypeDef[];
  onPickFrame: (type: string) => void;
  onMarkClick: (offset: number, mentionId: string) => void;
  onEvidenceClick: (frameId: string) => void;
  /** A frame role is waiting for mentions: clicks fill it. */
  armed: boolean;
  onStatus: (status: DocumentStatus) => void;
  onUndo: () => void;
  onRedo: () => void;
  /** A schema step run from this window that Ctrl+Z undoes next, over every layer; null when none. */
  schemaUndo?: string | null;
  loading: boolean;
  /** Drawn over the text, scrolling with it (the relation arcs). */
  overlay?: React.ReactNode;
  /** More tools in the head, before the status (a colleague's labels over the text). */
  tools?: React.ReactNode;
}

export function Reader(props: Props) {
  const { store, viewStyle, onView } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<DocumentView | null>(null);
  const caretRef = useRef<HTMLDivElement>(null);
  useCaret(scrollRef, hostRef, caretRef);
  useSyncExternalStore(
    (cb) => (store ? store.subscribe(cb) : () => undefined),
    () => store?.version ?? -1,
  );

  useLayoutEffect(() => {
    const view = new DocumentView(scrollRef.current!, hostRef.current!, viewStyle);
    viewRef.current = view;
    onView(view);
    return () => {
      onView(null);
      view.dispose();
    };
    // The view lives as long as the reader; style changes are applied through refreshAll.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Before the browser paints: the new title and the new text appear in the same frame.
  useLayoutEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    if (store) view.show(store);
    else view.clear();
  }, [store]);

  function onClick(e: React.MouseEvent) {
    const sel = document.getSelection();
    if (sel && !sel.isCollapsed) return;
    const mark = (e.target as HTMLElement).closest<HTMLElement>('mark.mention, mark.evidence');
    if (!mark || !viewRef.current) return;
    if (mark.classList.contains('evidence')) return props.onEvidenceClick(mark.dataset.frameId!);
    const caret = sel && sel.rangeCount ? sel.getRangeAt(0) : null;
    const offset = caret ? viewRef.current.offsetAt(caret.startContainer, caret.startOffset) : null;
    props.onMarkClick(offset ?? -1, mark.dataset.mentionId!);
  }

  const doc = store?.doc;
  const meta = store
    ? [`${store.savedMentionCount} mention${store.savedMentionCount === 1 ? '' : 's'}`, store.unsavedCount ? `${store.unsavedCount} not saved yet` : '', doc?.source.outlet, doc?.source.date, `${store.chars.toLocaleString()} characters`]
        .filter(Boolean)
        .join(' · ')
    : '';
  return (
    <main className="reader" aria-label="Reader">
      <div className="reader-head">
        {doc ? (
          <>
            <div className="reader-title">
              <h1>{doc.title}</h1>
              {/* One line, whatever it says: were "not saved yet" to wrap it, the text below would jump under the analyst's mouse mid-drag. The counts come first so a narrow window cuts the source, not them. */}
              <div className="muted reader-meta" title={meta}>
                {meta}
              </div>
            </div>
            <div className="reader-tools">
              {props.tools}
              <label className="field-inline">
                Status
                <select aria-label="Document status" value={store.layer.status} onChange={(e) => props.onStatus(e.target.value as DocumentStatus)} disabled={store.stale}>
                  {STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {STATUS_NAMES[s]}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field-inline" title="Widen selections to whole words (w)">
                <input type="checkbox" checked={props.snapWords} onChange={(e) => props.setSnapWords(e.target.checked)} />
                Snap to words
              </label>
              <button
                onClick={props.onUndo}
                disabled={!store.history.undo && !props.schemaUndo}
                title={props.schemaUndo ? `Undo ${props.schemaUndo}, in every layer (Ctrl+Z)` : store.history.undo ? `Undo ${store.history.undo} (Ctrl+Z)` : 'Nothing to undo'}
              >
                Undo
              </button>
              <button onClick={props.onRedo} disabled={!store.history.redo} title={store.history.redo ? `Redo ${store.history.redo} (Ctrl+Shift+Z)` : 'Nothing to redo'}>
                Redo
              </button>
            </div>
          </>
        ) : (
          <div className="reader-title">
            <h1 className="muted">{props.loading ? 'Opening…' : 'No document open'}</h1>
          </div>
        )}
      </div>
      {store && <LabelBar labels={props.labels} onPick={props.onPickLabel} frameTypes={props.frameTypes} onPickFrame={props.onPickFrame} disabled={store.stale} />}
      {store?.stale && (
        <div className="banner warn" role="alert">
          These labels were made for a different version of this text. They are shown read-only and will not be re-applied.
        </div>
      )}
      {/* Focusable (Tab, Ctrl+2): arrows then move a caret in the text, Shift+arrows select. */}
      <div className={`reader-scroll ${props.armed ? 'armed' : ''}`} ref={scrollRef} onClick={onClick} tabIndex={0} aria-label="Document text: arrows move the caret, Shift+arrows select">
        <div className="caret" ref={caretRef} hidden />
        {store && props.overlay}
        {!store && !props.loading && (
          <div className="empty">
            <p>Choose an article from the list: use ↑/↓ or j/k and press Enter.</p>
            <p className="muted">Then select text and press a label's key to tag it.</p>
            <FirstStepsCard />
          </div>
        )}
        <article className="doc-text" ref={hostRef} aria-label={doc ? `Text of ${doc.title}` : undefined} aria-busy={store ? !store.complete : undefined} />
      </div>
      <MentionGuide text={scrollRef} labels={props.labels} />
    </main>
  );
}

/**
 * Draws the caret: a collapsed selection in read-only text is invisible in browsers, so a thin bar
 * is placed where it is while the reader has the keyboard.
 */
function useCaret(scrollRef: RefObject<HTMLDivElement | null>, hostRef: RefObject<HTMLElement | null>, caretRef: RefObject<HTMLDivElement | null>): void {
  useEffect(() => {
    const place = () => {
      const scroller = scrollRef.current;
      const caret = caretRef.current;
      const host = hostRef.current;
      if (!scroller || !caret || !host) return;
      const sel = document.getSelection();
      const focused = scroller.contains(document.activeElement);
      if (!focused || !sel || sel.rangeCount === 0 || !host.contains(sel.focusNode)) {
        caret.hidden = true;
        return;
      }
      const r = document.createRange();
      r.setStart(sel.focusNode!, sel.focusOffset);
      r.collapse(true);
      const rect = r.getClientRects()[0] ?? r.getBoundingClientRect();
      const box = scroller.getBoundingClientRect();
      if (!rect || (rect.height === 0 && rect.top === 0)) {
        caret.hidden = true;
        return;
      }
      caret.hidden = false;
      caret.style.top = `${rect.top - box.top + scroller.scrollTop}px`;
      caret.style.left = `${rect.left - box.left + scroller.scrollLeft}px`;
      caret.style.height = `${rect.height || 20}px`;
    };
    document.addEventListener('selectionchange', place);
    document.addEventListener('focusin', place);
    document.addEventListener('focusout', place);
    return () => {
      document.removeEventListener('selectionchange', place);
      document.removeEventListener('focusin', place);
      document.removeEventListener('focusout', place);
    };
  }, [scrollRef, hostRef, caretRef]);
}
