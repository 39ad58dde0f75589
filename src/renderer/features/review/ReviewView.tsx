/** Compare analysts' labels, see where they differ, and build the gold layer one decision at a time. State and API calls: the review slice and actions. */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { frameMentionIds } from '../../../core/changes';
import { FORMAT_VERSION, type LabelSchema, type Mention } from '../../../core/model';
import { useActions } from '../../app/registry';
import { useAppStore } from '../../app/store';
import { OpenDocument } from '../../document/openDocument';
import { DocumentView } from '../../reader/DocumentView';
import { chooseAnnotators, closeReview, leaveReview, markReviewed, openReview, pickItems, selectDocument, setCursor, setRow, showReport, showTab, toggleSideBySide, undecidedIn } from './actions';
import { AgreementDialog } from './AgreementDialog';
import { REVIEW_KEYS } from './commands';
import { CurationTable } from './CurationTable';
import { GoldDifferencesView } from './GoldDifferencesView';
import { curationSpans, spanId, STATE_NAMES, STATES } from './items';
import { ReviewSide } from './ReviewSide';
import { SpanCard } from './SpanCard';
import { derived, reviewSlice } from './slice';

/** The decisions panel takes the keyboard: the keys that write gold act only there. */
function focusPanel(): void {
  document.querySelector<HTMLElement>('.review-side')?.focus({ preventScroll: true });
}

export function ReviewView({ schema, initialDocId }: { schema: LabelSchema; initialDocId: string | null }) {
  const app = useAppStore();
  const s = reviewSlice.use((x) => x);
  const { available, chosen, docId, review, progress, sideBySide, report, entities, tab } = s;
  const { mentionItems, items, shown, at, current, compared, decisions, decided } = derived(s, schema);
  const scrollRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<DocumentView | null>(null);

  useEffect(() => {
    openReview(app, initialDocId);
    return leaveReview;
    // Only when the screen opens: the document open then is where review starts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [app]);
  useEffect(() => setRow(app, 0), [app, current?.item.key]);
  useActions(REVIEW_KEYS);

  // The text with one mark per span any analyst marked, coloured by how the analysts compare there.
  const spans = useMemo(() => curationSpans(mentionItems, decisions), [mentionItems, decisions]);
  const spansRef = useRef(spans);
  spansRef.current = spans;
  /** The mark under the pointer, where it was drawn, and how far the text was scrolled then. */
  const [hover, setHover] = useState<{ id: string; rect: DOMRect; top: number } | null>(null);
  /** The item the text was last moved to. */
  const revealed = useRef<string | null>(null);
  const [filter, setFilter] = useState('');
  const comparing = chosen.length >= 2;
  useLayoutEffect(() => {
    if (!comparing || tab !== 'decide' || !scrollRef.current || !hostRef.current) return;
    const view = new DocumentView(scrollRef.current, hostRef.current, {
      // Each mark takes its state's colour from the stylesheet (data-status), in both themes.
      color: () => 'var(--state-c)',
      frameColor: () => '#888888',
      entityName: () => undefined,
      markName: (m) => {
        const span = spansRef.current.get(m.id);
        return `${m.label}: ${m.quote}, ${span ? STATE_NAMES[span.state] : ''}`;
      },
      markStatus: (m) => spansRef.current.get(m.id)?.state,
    });
    viewRef.current = view;
    revealed.current = null;
    return () => {
      viewRef.current = null;
      view.dispose();
    };
  }, [schema, comparing, tab]);

  useLayoutEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    if (!review) return view.clear();
    const marks: Mention[] = [...spans.values()].map((sp) => {
      const first = sp.items[0] && Object.values(sp.items[0].byAnnotator).flat().find((m) => m.start === sp.start && m.end === sp.end);
      return { ...(first ?? { origin: 'manual', author: '', createdAt: '' }), id: sp.id, label: sp.labels.join('/'), start: sp.start, end: sp.end, quote: sp.quote, entityId: undefined };
    });
    view.show(
      new OpenDocument({
        document: review.document,
        layer: { version: FORMAT_VERSION, docId: review.document.id, annotator: 'review', textHash: review.document.sha256, status: 'in_progress', mentions: marks, frames: [], fields: {}, updatedAt: '' },
        history: { undo: null, redo: null },
        stale: false,
        complete: true,
      }),
      // The same document drawn again (its review refreshed after a decision or a sync) stays where the person has it.
      { keepPlace: true },
    );
  }, [review, spans, comparing, tab]);

  useEffect(() => {
    if (!current) return viewRef.current?.setFocus([], null);
    const byAnnotator: Mention[][] =
      current.type === 'mention'
        ? Object.values(current.item.byAnnotator)
        : Object.entries(current.item.byAnnotator).map(([a, f]) => {
            const ids = new Set(frameMentionIds(f));
            return (review?.layers.find((l) => l.annotator === a)?.mentions ?? []).filter((m) => ids.has(m.id));
          });
    const ids = [...new Set(byAnnotator.flat().map((m) => spanId(m.start, m.end)))];
    const view = viewRef.current;
    view?.setFocus(ids, null);
    // The text moves only for another item, and only when that item is out of sight: a refresh of the
    // review's data (or any other change to the store) leaves the text where the person has it.
    const key = `${review?.document.id}|${current.item.key}`;
    if (!view || !review || revealed.current === key) return;
    revealed.current = key;
    if (!ids[0] || !view.isOnScreen(ids[0], true)) view.reveal(current.item.start, ids[0]);
  }, [current, review]);

  // Keys decide only while the decisions panel has the keyboard: choosing a document gives it the keyboard.
  useEffect(() => {
    if (comparing && tab === 'decide' && docId) focusPanel();
  }, [comparing, tab, docId]);

  const hovered = hover ? spans.get(hover.id) : undefined;

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
        <button aria-pressed={tab === 'gold'} onClick={() => showTab(app, tab === 'gold' ? 'decide' : 'gold')} title="g">
          {tab === 'gold' ? 'Back to deciding' : 'Where gold differs from me'}
        </button>
        <button onClick={() => closeReview(app)}>Back to the reader</button>
      </div>
      {tab === 'gold' ? (
        <GoldDifferencesView />
      ) : chosen.length < 2 ? (
        <p className="muted review-empty">Choose at least two annotators to compare. Import another analyst’s labels with “Import…” first if there is only you.</p>
      ) : (
        <div className="review-panes">
          <nav className="doclist" aria-label="Documents to review">
            <input
              className="filter"
              type="search"
              aria-label="Filter documents to review"
              placeholder="Filter documents"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
            <ul role="listbox" aria-label="Documents to review">
              {progress.filter((p) => !filter.trim() || p.title.toLowerCase().includes(filter.trim().toLowerCase())).map((p) => {
                // The document under review counts what its panel counts, so the two never disagree.
                const left = p.docId === docId && review?.document.id === docId ? items.length - decided : undecidedIn(p);
                return (
                  <li key={p.docId} role="option" aria-selected={p.docId === docId} className={`doc ${p.docId === docId ? 'open' : ''}`} onClick={() => {
                      selectDocument(app, p.docId);
                      focusPanel();
                    }}
                  >
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
            <div className="review-legend" aria-label="Legend">
              {STATES.map((k) => (
                <span key={k} className={`legend-item state-${k}`}>
                  {STATE_NAMES[k]}
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
            {sideBySide && review && <CurationTable items={shown} cursor={at} review={review} annotators={compared} entities={entities} onPick={(i) => {
                  setCursor(app, i);
                  focusPanel();
                }} />}
            {review?.layers.some((l) => l.stale) && (
              <div className="banner warn" role="alert">
                {review.layers.filter((l) => l.stale).map((l) => l.annotator).join(', ')}: labels made for a different version of this text are not compared.
              </div>
            )}
            <div
              hidden={sideBySide}
              className="reader-scroll review-text"
              tabIndex={0}
              // A named region: a label on a plain div is one axe forbids.
              role="region"
              aria-label="The text with every analyst's mentions"
              ref={scrollRef}
              onClick={(e) => {
                const mark = (e.target as HTMLElement).closest<HTMLElement>('mark.mention');
                const span = mark && spans.get(mark.dataset.mentionId!);
                if (!span) return;
                pickItems(app, span.items.map((i) => i.key));
                // A mark clicked is an item to decide: the panel takes the keyboard.
                focusPanel();
              }}
              onMouseOver={(e) => {
                const mark = (e.target as HTMLElement).closest<HTMLElement>('mark.mention');
                const id = mark?.dataset.mentionId;
                if (!mark || !id) return setHover(null);
                if (hover?.id !== id) setHover({ id, rect: mark.getBoundingClientRect(), top: e.currentTarget.scrollTop });
              }}
              onMouseLeave={() => setHover(null)}
              // The card goes when the text moves under it, not when the same text is drawn again in place.
              onScroll={(e) => hover && e.currentTarget.scrollTop !== hover.top && setHover(null)}
            >
              <article className="doc-text" ref={hostRef} />
            </div>
            {hovered && hover && review && <SpanCard span={hovered} rect={hover.rect} annotators={compared} review={review} entities={entities} decisions={decisions} />}
          </main>
          <ReviewSide schema={schema} />
        </div>
      )}
      {report && <AgreementDialog annotators={chosen} docId={docId} onClose={() => showReport(app, false)} onError={app.fail} />}
    </section>
  );
}
