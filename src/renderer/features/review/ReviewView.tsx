/** Compare analysts' labels, see where they differ, and build the gold layer one decision at a time. State and API calls: the review slice and actions. */
import { useEffect, useLayoutEffect, useRef } from 'react';
import { frameMentionIds } from '../../../core/changes';
import { FORMAT_VERSION, type LabelSchema, type Mention } from '../../../core/model';
import { ITEM_KIND_NAMES } from '../../../core/review';
import { useActions } from '../../app/registry';
import { useAppStore } from '../../app/store';
import { OpenDocument } from '../../document/openDocument';
import { DocumentView } from '../../reader/DocumentView';
import { chooseAnnotators, closeReview, leaveReview, markReviewed, openReview, selectDocument, setCursor, setRow, showReport, toggleSideBySide, undecidedIn } from './actions';
import { AgreementDialog } from './AgreementDialog';
import { REVIEW_KEYS } from './commands';
import { CurationTable } from './CurationTable';
import { ReviewSide } from './ReviewSide';
import { derived, reviewSlice } from './slice';

const SEP = '|';

export function ReviewView({ schema, initialDocId }: { schema: LabelSchema; initialDocId: string | null }) {
  const app = useAppStore();
  const s = reviewSlice.use((x) => x);
  const { available, chosen, docId, review, progress, sideBySide, report, entities } = s;
  const { mentionItems, shown, at, current, compared } = derived(s, schema);
  const scrollRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<DocumentView | null>(null);
  const statusRef = useRef(new Map<string, string>());

  useEffect(() => {
    openReview(app, initialDocId);
    return leaveReview;
    // Only when the screen opens: the document open then is where review starts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [app]);
  useEffect(() => setRow(app, 0), [app, current?.item.key]);
  useActions(REVIEW_KEYS);

  // The text with every analyst's mentions, each marked with how it compares.
  const comparing = chosen.length >= 2;
  useLayoutEffect(() => {
    if (!comparing || !scrollRef.current || !hostRef.current) return;
    const view = new DocumentView(scrollRef.current, hostRef.current, {
      color: (label) => schema.labels.find((l) => l.name === label)?.color ?? '#888888',
      frameColor: () => '#888888',
      entityName: () => undefined,
      markName: (m) => `${m.id.split(SEP)[0]}: ${m.label}: ${m.quote}`,
      markStatus: (m) => statusRef.current.get(m.id),
    });
    viewRef.current = view;
    return () => {
      viewRef.current = null;
      view.dispose();
    };
  }, [schema, comparing]);

  useLayoutEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    if (!review) return view.clear();
    const status = new Map<string, string>();
    for (const item of mentionItems) for (const [a, ms] of Object.entries(item.byAnnotator)) for (const m of ms) status.set(`${a}${SEP}${m.id}`, item.kind);
    statusRef.current = status;
    const union: Mention[] = review.layers.flatMap((l) => l.mentions.map((m) => ({ ...m, id: `${l.annotator}${SEP}${m.id}` })));
    view.show(
      new OpenDocument({
        document: review.document,
        layer: { version: FORMAT_VERSION, docId: review.document.id, annotator: 'review', textHash: review.document.sha256, status: 'in_progress', mentions: union, frames: [], fields: {}, updatedAt: '' },
        history: { undo: null, redo: null },
        stale: false,
        complete: true,
      }),
    );
  }, [review, mentionItems, comparing]);

  useEffect(() => {
    if (!current) return viewRef.current?.setFocus([], null);
    const ids =
      current.type === 'mention'
        ? Object.entries(current.item.byAnnotator).flatMap(([a, ms]) => ms.map((m) => `${a}${SEP}${m.id}`))
        : Object.entries(current.item.byAnnotator).flatMap(([a, f]) => frameMentionIds(f).map((id) => `${a}${SEP}${id}`));
    viewRef.current?.setFocus(ids, null);
    viewRef.current?.reveal(current.item.start, ids[0]);
  }, [current]);

  return (
    <section className="review" aria-label="Review">
      <div className="corpus-head">
        <h1>Review and adjudicate</h1>
        <fieldset className="annotators" aria-label="Annotators to compare">
          {available.map((a) => (
            <label key={a.annotator} className="field-inline">
              <input
                type="checkbox"
                checked={chosen.includes(a.annotator)}
                onChange={(e) => chooseAnnotators(app, e.target.checked ? [...chosen, a.annotator] : chosen.filter((x) => x !== a.annotator))}
              />
              {a.annotator} <span className="muted small">({a.mentions})</span>
            </label>
          ))}
        </fieldset>
        <button disabled={chosen.length < 2} onClick={() => showReport(app, true)}>
          Agreement report
        </button>
        <button onClick={() => closeReview(app)}>Back to the reader</button>
      </div>
      {chosen.length < 2 ? (
        <p className="muted">Choose at least two annotators to compare. Import another analyst’s labels with “Import…” first if there is only you.</p>
      ) : (
        <div className="review-panes">
          <nav className="doclist" aria-label="Documents to review">
            <ul role="listbox" aria-label="Documents to review">
              {progress.map((p) => {
                const left = undecidedIn(p);
                return (
                  <li key={p.docId} role="option" aria-selected={p.docId === docId} className={`doc ${p.docId === docId ? 'open' : ''}`} onClick={() => selectDocument(app, p.docId)}>
                    <div className="doc-title">{p.title}</div>
                    <div className="doc-meta small">
                      {left > 0 ? <span className="badge undecided">{left} undecided</span> : <span className="muted">all decided</span>}
                      {p.reviewed && <span className="badge reviewed"> reviewed</span>}
                    </div>
                  </li>
                );
              })}
            </ul>
          </nav>
          <main className="reader">
            <div className="review-legend">
              {(['agree', 'label', 'overlap', 'single'] as const).map((k) => (
                <span key={k} className={`legend-item status-${k}`}>
                  {ITEM_KIND_NAMES[k]}
                </span>
              ))}
              <button className="link" onClick={() => toggleSideBySide(app)} aria-pressed={sideBySide} title="v">
                {sideBySide ? 'Show the text' : 'Side by side'}
              </button>
              {review && (
                <button className="link" onClick={() => void markReviewed(app)} aria-pressed={review.gold.status === 'reviewed'} title="r">
                  {review.gold.status === 'reviewed' ? 'Reviewed ✓' : 'Mark reviewed'}
                </button>
              )}
            </div>
            {sideBySide && review && <CurationTable items={shown} cursor={at} review={review} annotators={compared} entities={entities} onPick={(i) => setCursor(app, i)} />}
            {review?.layers.some((l) => l.stale) && (
              <div className="banner warn" role="alert">
                {review.layers.filter((l) => l.stale).map((l) => l.annotator).join(', ')}: labels made for a different version of this text are not compared.
              </div>
            )}
            <div
              hidden={sideBySide}
              className="reader-scroll review-text"
              tabIndex={0}
              aria-label="The text with every analyst's mentions"
              ref={scrollRef}
              onClick={(e) => {
                const mark = (e.target as HTMLElement).closest<HTMLElement>('mark.mention');
                if (!mark) return;
                const [a, id] = mark.dataset.mentionId!.split(SEP);
                const i = shown.findIndex((it) => it.type === 'mention' && it.item.byAnnotator[a]?.some((m) => m.id === id));
                if (i >= 0) setCursor(app, i);
              }}
            >
              <article className="doc-text" ref={hostRef} />
            </div>
          </main>
          <ReviewSide schema={schema} />
        </div>
      )}
      {report && <AgreementDialog annotators={chosen} docId={docId} onClose={() => showReport(app, false)} onError={app.fail} />}
    </section>
  );
}
