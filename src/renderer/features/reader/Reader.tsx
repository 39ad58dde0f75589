import { useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import { STATUSES, STATUS_NAMES, type DocumentStatus, type LabelDef } from '../../../core/model';
import { DocumentView, type ViewStyle } from '../../reader/DocumentView';
import type { DocStore } from '../../store/docStore';
import { Palette } from './Palette';

interface Props {
  store: DocStore | null;
  labels: LabelDef[];
  viewStyle: ViewStyle;
  snapWords: boolean;
  setSnapWords: (v: boolean) => void;
  onView: (view: DocumentView | null) => void;
  onPickLabel: (label: string) => void;
  onMarkClick: (offset: number, mentionId: string) => void;
  onEvidenceClick: (frameId: string) => void;
  /** A frame role is waiting for mentions: clicks fill it. */
  armed: boolean;
  onStatus: (status: DocumentStatus) => void;
  onUndo: () => void;
  onRedo: () => void;
  loading: boolean;
}

export function Reader(props: Props) {
  const { store, viewStyle, onView } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<DocumentView | null>(null);
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
  return (
    <main className="reader" aria-label="Reader">
      <div className="reader-head">
        {doc ? (
          <>
            <div className="reader-title">
              <h1>{doc.title}</h1>
              <div className="muted">
                {[doc.source.outlet, doc.source.date, `${doc.text.length.toLocaleString()} characters`, `${store.mentions.filter((m) => !m.pending).length} mentions`]
                  .filter(Boolean)
                  .join(' · ')}
              </div>
            </div>
            <div className="reader-tools">
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
              <button onClick={props.onUndo} disabled={!store.history.undo} title={store.history.undo ? `Undo ${store.history.undo} (Ctrl+Z)` : 'Nothing to undo'}>
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
      {store && <Palette labels={props.labels} onPick={props.onPickLabel} disabled={store.stale} />}
      {store?.stale && (
        <div className="banner warn" role="alert">
          These labels were made for a different version of this text. They are shown read-only and will not be re-applied.
        </div>
      )}
      <div className={`reader-scroll ${props.armed ? 'armed' : ''}`} ref={scrollRef} onClick={onClick}>
        {!store && !props.loading && (
          <div className="empty">
            <p>Choose an article from the list: use ↑/↓ or j/k and press Enter.</p>
            <p className="muted">Then select text and press a label's key to tag it.</p>
          </div>
        )}
        <article className="doc-text" ref={hostRef} aria-label={doc ? `Text of ${doc.title}` : undefined} aria-busy={store ? !store.complete : undefined} />
      </div>
    </main>
  );
}
