import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { AnnotatorSummary, DocumentSummary, ReviewDocument } from '../../../core/api';
import { newId } from '../../../core/ids';
import { FORMAT_VERSION, type Change, type LabelSchema, type Mention } from '../../../core/model';
import { acceptedMentions, ITEM_KIND_NAMES, reviewItems, type ReviewItem } from '../../../core/review';
import { api } from '../../api';
import { DocumentView } from '../../reader/DocumentView';
import { DocStore } from '../../store/docStore';
import { useActions, type ActionContext } from '../../app/registry';
import { AgreementDialog } from './AgreementDialog';

interface Props {
  docs: DocumentSummary[];
  schema: LabelSchema;
  initialDocId: string | null;
  onClose: () => void;
  onError: (e: unknown) => void;
  onInfo: (text: string) => void;
}

const SEP = '|';

/** Compare analysts' labels, see where they differ, and build the gold layer one decision at a time. */
export function ReviewView({ docs, schema, initialDocId, onClose, onError, onInfo }: Props) {
  const [available, setAvailable] = useState<AnnotatorSummary[]>([]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [docId, setDocId] = useState<string | null>(initialDocId ?? docs[0]?.id ?? null);
  const [review, setReview] = useState<ReviewDocument | null>(null);
  const [cursor, setCursor] = useState(0);
  const [onlyDisagreements, setOnlyDisagreements] = useState(true);
  const [report, setReport] = useState(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<DocumentView | null>(null);
  const statusRef = useRef(new Map<string, string>());

  useEffect(() => {
    api.review.annotators({}).then((list) => {
      const others = list.filter((a) => a.annotator !== 'gold');
      setAvailable(others);
      setChosen((c) => (c.length >= 2 ? c : others.map((a) => a.annotator)));
    }, onError);
  }, [onError]);

  const load = useCallback(async () => {
    if (!docId || chosen.length < 2) return setReview(null);
    try {
      setReview(await api.review.document({ docId, annotators: chosen }));
    } catch (e) {
      onError(e);
    }
  }, [docId, chosen, onError]);

  useEffect(() => {
    void load();
  }, [load]);

  const items = useMemo(() => (review ? reviewItems(review.layers.filter((l) => l.exists && !l.stale)) : []), [review]);
  const decisions = useMemo(() => review?.gold.decisions ?? {}, [review]);
  const shown = useMemo(() => (onlyDisagreements ? items.filter((i) => i.kind !== 'agree') : items), [items, onlyDisagreements]);
  const current: ReviewItem | undefined = shown[Math.min(cursor, shown.length - 1)];
  const decided = items.filter((i) => decisions[i.key]).length;

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
    for (const item of items) for (const [a, ms] of Object.entries(item.byAnnotator)) for (const m of ms) status.set(`${a}${SEP}${m.id}`, item.kind);
    statusRef.current = status;
    const union: Mention[] = review.layers.flatMap((l) => l.mentions.map((m) => ({ ...m, id: `${l.annotator}${SEP}${m.id}` })));
    view.show(
      new DocStore({
        document: review.document,
        layer: { version: FORMAT_VERSION, docId: review.document.id, annotator: 'review', textHash: review.document.sha256, status: 'in_progress', mentions: union, frames: [], fields: {}, updatedAt: '' },
        history: { undo: null, redo: null },
        stale: false,
        complete: true,
      }),
    );
  }, [review, items, comparing]);

  useEffect(() => {
    if (!current) return viewRef.current?.setFocus([], null);
    const ids = Object.entries(current.byAnnotator).flatMap(([a, ms]) => ms.map((m) => `${a}${SEP}${m.id}`));
    viewRef.current?.setFocus(ids, null);
    viewRef.current?.reveal(current.start, ids[0]);
  }, [current]);

  /** Records a decision in the gold layer: replaces gold's mentions in the item's range, in one undoable step. */
  const decide = useCallback(
    async (item: ReviewItem, decision: string, accept: Mention[]) => {
      if (!review || !docId) return;
      const replaced = review.gold.mentions.filter((m) => m.start < item.end && item.start < m.end);
      const changes: Change[] = [
        ...replaced.map((mention): Change => ({ op: 'removeMention', mention })),
        ...accept.map((m): Change => ({ op: 'addMention', mention: { ...m, id: newId('m'), origin: 'imported', attrs: { ...(m.attrs ?? {}), adjudicated: decision } } })),
        { op: 'setDecision', key: item.key, before: decisions[item.key] ?? null, after: decision },
      ];
      try {
        await api.annotations.change({ docId, layer: 'gold', change: { op: 'batch', title: `${decision} “${item.byAnnotator[Object.keys(item.byAnnotator)[0]][0].quote}”`, changes } });
        await load();
      } catch (e) {
        onError(e);
      }
    },
    [review, docId, decisions, load, onError],
  );

  const acceptAgreed = useCallback(async () => {
    if (!review || !docId) return;
    const todo = items.filter((i) => i.kind === 'agree' && !decisions[i.key]);
    if (todo.length === 0) return onInfo('Nothing left that everyone agrees on.');
    const changes: Change[] = [];
    for (const item of todo) {
      for (const m of acceptedMentions(item, chosen.slice(0, 1))) changes.push({ op: 'addMention', mention: { ...m, id: newId('m'), origin: 'imported', attrs: { ...(m.attrs ?? {}), adjudicated: 'agreed' } } });
      changes.push({ op: 'setDecision', key: item.key, before: null, after: 'agreed' });
    }
    try {
      await api.annotations.change({ docId, layer: 'gold', change: { op: 'batch', title: `accept ${todo.length} agreed mentions`, changes } });
      await load();
      onInfo(`Accepted ${todo.length} mention${todo.length === 1 ? '' : 's'} all annotators agree on (Ctrl+Z undoes them together).`);
    } catch (e) {
      onError(e);
    }
  }, [review, docId, items, decisions, chosen, load, onError, onInfo]);

  const undoRedo = useCallback(
    async (which: 'undo' | 'redo') => {
      if (!docId) return;
      try {
        const r = which === 'undo' ? await api.annotations.undo({ docId, layer: 'gold' }) : await api.annotations.redo({ docId, layer: 'gold' });
        if (r.change) await load();
      } catch (e) {
        onError(e);
      }
    },
    [docId, load, onError],
  );

  // Review's keys, in the one registry while this screen shows.
  const inReview = (c: ActionContext) => c.state.screen === 'review' && c.state.dialog === null && !report && !c.typing;
  const step = (d: 1 | -1) => setCursor((c) => Math.max(0, Math.min(shown.length - 1, c + d)));
  useActions([
    { id: 'review-undo', title: 'Undo a decision', section: 'Review', keys: ['Mod+Z'], when: inReview, run: () => void undoRedo('undo') },
    { id: 'review-redo', title: 'Redo a decision', section: 'Review', keys: ['Mod+Shift+Z'], when: inReview, run: () => void undoRedo('redo') },
    { id: 'review-next', title: 'Next disagreement', section: 'Review', keys: ['n'], when: inReview, run: () => step(1) },
    { id: 'review-previous', title: 'Previous disagreement', section: 'Review', keys: ['p'], when: inReview, run: () => step(-1) },
    { id: 'review-close', title: 'Back to the reader', section: 'Review', keys: ['Escape'], when: inReview, run: () => onClose() },
    {
      id: 'review-accept-one',
      title: "Accept one analyst's version",
      section: 'Review',
      keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
      keyHint: '1, 2 …',
      when: (c) => inReview(c) && current !== undefined,
      run: (_app, e) => {
        const a = chosen[Number(e?.key) - 1];
        if (!a || !current) return false;
        void decide(current, `accept:${a}`, acceptedMentions(current, [a]));
      },
    },
    { id: 'review-accept-all', title: 'Accept every version', section: 'Review', keys: ['b'], when: (c) => inReview(c) && current !== undefined, run: () => void decide(current!, 'accept:all', acceptedMentions(current!, chosen)) },
    { id: 'review-reject', title: 'Reject', section: 'Review', keys: ['x'], when: (c) => inReview(c) && current !== undefined, run: () => void decide(current!, 'reject', []) },
  ]);

  const labelOf = (name: string) => schema.labels.find((l) => l.name === name);

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
                onChange={(e) => setChosen(e.target.checked ? [...chosen, a.annotator] : chosen.filter((x) => x !== a.annotator))}
              />
              {a.annotator} <span className="muted small">({a.mentions})</span>
            </label>
          ))}
        </fieldset>
        <button disabled={chosen.length < 2} onClick={() => setReport(true)}>
          Agreement report
        </button>
        <button onClick={onClose}>Back to the reader</button>
      </div>
      {chosen.length < 2 ? (
        <p className="muted">Choose at least two annotators to compare. Import another analyst’s labels with “Import…” first if there is only you.</p>
      ) : (
        <div className="review-panes">
          <nav className="doclist" aria-label="Documents to review">
            <ul role="listbox" aria-label="Documents to review">
              {docs.map((d) => (
                <li key={d.id} role="option" aria-selected={d.id === docId} className={`doc ${d.id === docId ? 'open' : ''}`} onClick={() => (setDocId(d.id), setCursor(0))}>
                  <div className="doc-title">{d.title}</div>
                </li>
              ))}
            </ul>
          </nav>
          <main className="reader">
            <div className="review-legend">
              {(['agree', 'label', 'overlap', 'single'] as const).map((k) => (
                <span key={k} className={`legend-item status-${k}`}>
                  {ITEM_KIND_NAMES[k]}
                </span>
              ))}
            </div>
            {review?.layers.some((l) => l.stale) && (
              <div className="banner warn" role="alert">
                {review.layers.filter((l) => l.stale).map((l) => l.annotator).join(', ')}: labels made for a different version of this text are not compared.
              </div>
            )}
            <div
              className="reader-scroll review-text"
              ref={scrollRef}
              onClick={(e) => {
                const mark = (e.target as HTMLElement).closest<HTMLElement>('mark.mention');
                if (!mark) return;
                const [a, id] = mark.dataset.mentionId!.split(SEP);
                const at = shown.findIndex((it) => it.byAnnotator[a]?.some((m) => m.id === id));
                if (at >= 0) setCursor(at);
              }}
            >
              <article className="doc-text" ref={hostRef} />
            </div>
          </main>
          <aside className="sidebar review-side" aria-label="Decisions">
            <div className="card">
              <div className="progress-line">
                <strong>
                  {decided} of {items.length} decided
                </strong>
                <progress max={items.length || 1} value={decided} aria-label="Decided" />
              </div>
              <div className="row wrap">
                <button className="primary" onClick={() => void acceptAgreed()} title="One undoable step">
                  Accept everything all agree on
                </button>
                <label className="field-inline">
                  <input type="checkbox" checked={onlyDisagreements} onChange={(e) => (setOnlyDisagreements(e.target.checked), setCursor(0))} /> Only disagreements
                </label>
              </div>
            </div>
            {current ? (
              <section className="card item-card" aria-label="Current item">
                <div className="row">
                  <span className={`badge status-${current.kind}`}>{ITEM_KIND_NAMES[current.kind]}</span>
                  <span className="muted small">
                    {Math.min(cursor, shown.length - 1) + 1} of {shown.length} · n / p
                  </span>
                </div>
                {decisions[current.key] && <div className="decided small">Decided: {decisions[current.key].replace('accept:', 'accepted ')}</div>}
                <ol className="versions">
                  {chosen.map((a, i) => (
                    <li key={a}>
                      <button className="version" onClick={() => void decide(current, `accept:${a}`, acceptedMentions(current, [a]))} aria-label={`Accept ${a}'s version`}>
                        <kbd>{i + 1}</kbd> <strong>{a}</strong>{' '}
                        {(current.byAnnotator[a] ?? []).length === 0 ? (
                          <span className="muted">nothing here</span>
                        ) : (
                          current.byAnnotator[a].map((m) => (
                            <span key={m.id} className="version-mention">
                              <span className="chip" style={{ '--c': labelOf(m.label)?.color } as React.CSSProperties}>
                                {m.label}
                              </span>{' '}
                              “{m.quote}”
                            </span>
                          ))
                        )}
                      </button>
                    </li>
                  ))}
                </ol>
                <div className="row wrap">
                  <button onClick={() => void decide(current, 'accept:all', acceptedMentions(current, chosen))}>
                    <kbd>b</kbd> Accept both
                  </button>
                  <button className="danger" onClick={() => void decide(current, 'reject', [])}>
                    <kbd>x</kbd> Reject
                  </button>
                  <select
                    aria-label="Accept with another label"
                    value=""
                    onChange={(e) => {
                      const label = e.target.value;
                      if (!label) return;
                      const base = acceptedMentions(current, chosen)[0];
                      void decide(current, `edit:${label}`, [{ ...base, label }]);
                    }}
                  >
                    <option value="">Edit: accept as…</option>
                    {schema.labels.map((l) => (
                      <option key={l.name} value={l.name}>
                        {l.name}
                      </option>
                    ))}
                  </select>
                </div>
              </section>
            ) : (
              <p className="muted small">{items.length ? 'No disagreements in this document.' : 'Neither annotator has labelled this document.'}</p>
            )}
            <ul className="items" aria-label="Items">
              {shown.map((it, i) => (
                <li key={it.key}>
                  <button className={`item-row ${i === cursor ? 'on' : ''}`} onClick={() => setCursor(i)}>
                    <span className={`dot status-${it.kind}`} aria-hidden="true" />
                    {review?.document.text.slice(it.start, it.end)}
                    {decisions[it.key] && <span className="muted small"> ✓</span>}
                  </button>
                </li>
              ))}
            </ul>
          </aside>
        </div>
      )}
      {report && <AgreementDialog annotators={chosen} docId={docId} onClose={() => setReport(false)} onError={onError} />}
    </section>
  );
}
