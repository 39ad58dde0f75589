import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { FrameDecision, MentionDecision } from '../../../core/adjudicate';
import type { AnnotatorSummary, ReviewDocument, ReviewProgress } from '../../../core/api/review';
import { frameMentionIds } from '../../../core/changes';
import { FORMAT_VERSION, type Entity, type LabelSchema, type Mention } from '../../../core/model';
import { frameReviewItems, ITEM_KIND_NAMES, reviewItems, type FrameReviewItem, type ReviewItem } from '../../../core/review';
import { api } from '../../api';
import { DocumentView } from '../../reader/DocumentView';
import { DocStore } from '../../store/docStore';
import { useActions, type ActionContext } from '../../app/registry';
import { AgreementDialog } from './AgreementDialog';
import { CurationTable } from './CurationTable';
import { FrameItemCard } from './FrameItemCard';
import { kindName, mergeItems, STATE_NAMES, stateOf, type AnyItem } from './items';

interface Props {
  schema: LabelSchema;
  initialDocId: string | null;
  onClose: () => void;
  onError: (e: unknown) => void;
  onInfo: (text: string) => void;
}

const SEP = '|';

/** Compare analysts' labels, see where they differ, and build the gold layer one decision at a time. */
export function ReviewView({ schema, initialDocId, onClose, onError, onInfo }: Props) {
  const [available, setAvailable] = useState<AnnotatorSummary[]>([]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [docId, setDocId] = useState<string | null>(initialDocId);
  const [review, setReview] = useState<ReviewDocument | null>(null);
  const [cursor, setCursor] = useState(0);
  const [onlyDisagreements, setOnlyDisagreements] = useState(true);
  const [report, setReport] = useState(false);
  const [progress, setProgress] = useState<ReviewProgress[]>([]);
  const [entities, setEntities] = useState<ReadonlyMap<string, Entity>>(new Map());
  const [sideBySide, setSideBySide] = useState(false);
  /** The selected row of a frame item: 0 the whole frame, then its fields. */
  const [row, setRow] = useState(0);
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

  const usable = useMemo(() => (review ? review.layers.filter((l) => l.exists && !l.stale) : []), [review]);
  const order = useMemo(() => new Map(schema.frameTypes.map((t) => [t.name, { roles: t.roles.map((r) => r.name), attributes: t.attributes.map((a) => a.name) }])), [schema]);
  const mentionItems = useMemo(() => reviewItems(usable), [usable]);
  const items = useMemo(() => mergeItems(mentionItems, frameReviewItems(usable, order)), [mentionItems, usable, order]);
  const decisions = useMemo(() => review?.gold.decisions ?? {}, [review]);
  const shown = useMemo(() => (onlyDisagreements ? items.filter((i) => i.item.kind !== 'agree') : items), [items, onlyDisagreements]);
  const at = Math.min(cursor, shown.length - 1);
  const current: AnyItem | undefined = shown[at];
  const decided = items.filter((i) => decisions[i.item.key]).length;
  const compared = usable.map((l) => l.annotator);

  const refreshProgress = useCallback(async () => {
    if (chosen.length < 2) return setProgress([]);
    try {
      setProgress(await api.review.progress({ annotators: chosen }));
    } catch (e) {
      onError(e);
    }
  }, [chosen, onError]);
  useEffect(() => {
    void refreshProgress();
  }, [refreshProgress]);
  // With no document open, review starts at the first one the analysts compared.
  useEffect(() => {
    if (!docId && progress[0]) setDocId(progress[0].docId);
  }, [docId, progress]);
  useEffect(() => {
    api.entities.list({}).then((list) => setEntities(new Map(list.map((e) => [e.id, e] as const))), onError);
  }, [onError]);
  useEffect(() => setRow(0), [current?.item.key]);

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
      new DocStore({
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

  /** After a decision: the review and the per-document counts again. */
  const after = useCallback(async () => {
    await load();
    await refreshProgress();
  }, [load, refreshProgress]);

  const decideMention = useCallback(
    async (item: ReviewItem, decision: MentionDecision) => {
      if (!docId) return;
      try {
        await api.review.decideMention({ docId, annotators: chosen, key: item.key, decision });
        await after();
      } catch (e) {
        onError(e);
      }
    },
    [docId, chosen, after, onError],
  );

  const decideFrame = useCallback(
    async (item: FrameReviewItem, decision: FrameDecision) => {
      if (!docId) return;
      try {
        await api.review.decideFrame({ docId, annotators: chosen, key: item.key, decision });
        await after();
      } catch (e) {
        onError(e);
      }
    },
    [docId, chosen, after, onError],
  );

  const acceptAgreed = useCallback(async () => {
    if (!docId) return;
    try {
      const r = await api.review.acceptAgreed({ docId, annotators: chosen });
      if (r.mentions + r.frames === 0) return onInfo('Nothing left that everyone agrees on.');
      await after();
      const parts = [r.mentions ? `${r.mentions} mention${r.mentions === 1 ? '' : 's'}` : '', r.frames ? `${r.frames} frame${r.frames === 1 ? '' : 's'}` : ''].filter(Boolean);
      onInfo(`Accepted ${parts.join(' and ')} all annotators agree on (Ctrl+Z undoes them together).`);
    } catch (e) {
      onError(e);
    }
  }, [docId, chosen, after, onError, onInfo]);

  const markReviewed = useCallback(async () => {
    if (!docId || !review) return;
    const before = review.gold.status;
    const next = before === 'reviewed' ? 'in_progress' : 'reviewed';
    try {
      await api.annotations.change({ docId, layer: 'gold', change: { op: 'setStatus', before, after: next } });
      await after();
      onInfo(next === 'reviewed' ? 'Document marked reviewed.' : 'Document no longer marked reviewed.');
    } catch (e) {
      onError(e);
    }
  }, [docId, review, after, onError, onInfo]);

  const undecidedIn = useCallback((p: ReviewProgress) => p.undecided.mentions + p.undecided.frames + p.agreed.mentions + p.agreed.frames, []);
  const progressOf = useMemo(() => new Map(progress.map((p) => [p.docId, p] as const)), [progress]);

  /** n past the last item: on to the next document with undecided items. */
  const nextDocument = useCallback(() => {
    const ids = progress.map((p) => p.docId);
    const from = docId ? ids.indexOf(docId) : -1;
    const next = [...ids.slice(from + 1), ...ids.slice(0, Math.max(from, 0))].find((id) => {
      const p = progressOf.get(id);
      return p && undecidedIn(p) > 0;
    });
    if (!next) return onInfo('Every compared document is decided.');
    setDocId(next);
    setCursor(0);
  }, [progress, docId, progressOf, undecidedIn, onInfo]);

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
  const onItem = (c: ActionContext) => inReview(c) && current !== undefined;
  const onFrame = (c: ActionContext) => onItem(c) && current?.type === 'frame';
  const step = (d: 1 | -1) => {
    if (d === 1 && at >= shown.length - 1) return nextDocument();
    setCursor(Math.max(0, Math.min(shown.length - 1, at + d)));
  };
  const fieldCount = current?.type === 'frame' ? current.item.fields.length : 0;
  const takeVersion = (i: number): boolean => {
    const a = chosen[i - 1];
    if (!a || !current) return false;
    if (current.type === 'mention') {
      void decideMention(current.item, { kind: 'accept', annotators: [a] });
      return true;
    }
    if (!current.item.byAnnotator[a]) return true;
    if (row === 0) void decideFrame(current.item, { kind: 'accept', annotator: a });
    else void decideFrame(current.item, { kind: 'field', field: current.item.fields[row - 1].id, from: a });
    return true;
  };
  useActions([
    { id: 'review-undo', title: 'Undo a decision', section: 'Review', keys: ['Mod+Z'], when: inReview, run: () => void undoRedo('undo') },
    { id: 'review-redo', title: 'Redo a decision', section: 'Review', keys: ['Mod+Shift+Z'], when: inReview, run: () => void undoRedo('redo') },
    { id: 'review-next', title: 'Next item; past the last, the next document with undecided items', section: 'Review', keys: ['n'], when: inReview, run: () => step(1) },
    { id: 'review-previous', title: 'Previous item', section: 'Review', keys: ['p'], when: inReview, run: () => step(-1) },
    { id: 'review-close', title: 'Back to the reader', section: 'Review', keys: ['Escape'], when: inReview, run: () => onClose() },
    {
      id: 'review-field-down',
      title: 'Next field of a frame (the whole frame first)',
      section: 'Review',
      keys: ['ArrowDown', 'j'],
      when: onFrame,
      run: () => setRow((r) => Math.min(fieldCount, r + 1)),
    },
    { id: 'review-field-up', title: 'Previous field of a frame', section: 'Review', keys: ['ArrowUp', 'k'], when: onFrame, run: () => setRow((r) => Math.max(0, r - 1)) },
    {
      id: 'review-accept-one',
      title: "Accept one analyst's version (of a frame's selected field, or the whole frame)",
      section: 'Review',
      keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
      keyHint: '1, 2 …',
      when: onItem,
      run: (_app, e) => takeVersion(Number(e?.key)),
    },
    {
      id: 'review-accept-all',
      title: 'Accept every version',
      section: 'Review',
      keys: ['b'],
      when: onItem,
      run: () => void (current!.type === 'mention' ? decideMention(current!.item, { kind: 'accept', annotators: chosen }) : decideFrame(current!.item, { kind: 'all' })),
    },
    {
      id: 'review-reject',
      title: 'Reject',
      section: 'Review',
      keys: ['x'],
      when: onItem,
      run: () => void (current!.type === 'mention' ? decideMention(current!.item, { kind: 'reject' }) : decideFrame(current!.item, { kind: 'reject' })),
    },
    { id: 'review-agreed', title: 'Accept everything all agree on', section: 'Review', keys: ['Shift+A'], when: inReview, run: () => void acceptAgreed() },
    { id: 'review-side-by-side', title: 'Side by side, or the text', section: 'Review', keys: ['v'], when: inReview, run: () => setSideBySide((x) => !x) },
    { id: 'review-reviewed', title: 'Mark the document reviewed', section: 'Review', keys: ['r'], when: inReview, run: () => void markReviewed() },
  ]);

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
              {progress.map((p) => {
                const left = undecidedIn(p);
                return (
                  <li key={p.docId} role="option" aria-selected={p.docId === docId} className={`doc ${p.docId === docId ? 'open' : ''}`} onClick={() => (setDocId(p.docId), setCursor(0))}>
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
              <button className="link" onClick={() => setSideBySide((x) => !x)} aria-pressed={sideBySide} title="v">
                {sideBySide ? 'Show the text' : 'Side by side'}
              </button>
              {review && (
                <button className="link" onClick={() => void markReviewed()} aria-pressed={review.gold.status === 'reviewed'} title="r">
                  {review.gold.status === 'reviewed' ? 'Reviewed ✓' : 'Mark reviewed'}
                </button>
              )}
            </div>
            {sideBySide && review && <CurationTable items={shown} cursor={at} review={review} annotators={compared} entities={entities} onPick={setCursor} />}
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
                if (i >= 0) setCursor(i);
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
              <section className={`card item-card state-${stateOf(current, decisions)}`} aria-label="Current item">
                <div className="row">
                  <span className={`badge status-${current.item.kind}`}>{kindName(current)}</span>
                  <span className="muted small">
                    {at + 1} of {shown.length} · n / p
                  </span>
                </div>
                {decisions[current.item.key] && <div className="decided small">Decided: {decisions[current.item.key].replace(/accept:/g, 'accepted ')}</div>}
                {current.type === 'frame' ? (
                  <>
                    <FrameItemCard
                      item={current.item}
                      review={review!}
                      annotators={compared}
                      schema={schema}
                      entities={entities}
                      row={row}
                      onRow={setRow}
                      onDecide={(d) => void decideFrame(current.item, d)}
                    />
                    <p className="muted small">↑ ↓ choose the whole frame or a field; 1, 2 … take it from that analyst.</p>
                    <div className="row wrap">
                      <button onClick={() => void decideFrame(current.item, { kind: 'all' })}>
                        <kbd>b</kbd> Accept all versions
                      </button>
                      <button className="danger" onClick={() => void decideFrame(current.item, { kind: 'reject' })}>
                        <kbd>x</kbd> Reject
                      </button>
                    </div>
                  </>
                ) : (
                  <MentionItemCard item={current.item} annotators={chosen} schema={schema} onDecide={(d) => void decideMention(current.item, d)} />
                )}
              </section>
            ) : (
              <p className="muted small">{items.length ? 'No disagreements in this document.' : 'Neither annotator has labelled this document.'}</p>
            )}
            <ul className="items" aria-label="Items">
              {shown.map((it, i) => (
                <li key={it.item.key}>
                  <button className={`item-row ${i === at ? 'on' : ''} state-${stateOf(it, decisions)}`} onClick={() => setCursor(i)} title={STATE_NAMES[stateOf(it, decisions)]}>
                    <span className={`dot status-${it.item.kind}`} aria-hidden="true" />
                    {it.type === 'frame' && <strong>{it.item.type}: </strong>}
                    {clip(review?.document.text.slice(it.item.start, it.item.end) ?? '')}
                    {decisions[it.item.key] && <span className="muted small"> ✓</span>}
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

function clip(s: string): string {
  return s.length > 80 ? s.slice(0, 79) + '…' : s;
}

/** One mention item: each analyst's version, accept one or both, reject, or accept with another label. */
function MentionItemCard({ item, annotators, schema, onDecide }: { item: ReviewItem; annotators: string[]; schema: LabelSchema; onDecide: (d: MentionDecision) => void }) {
  const labelOf = (name: string) => schema.labels.find((l) => l.name === name);
  return (
    <>
      <ol className="versions">
        {annotators.map((a, i) => (
          <li key={a}>
            <button className="version" onClick={() => onDecide({ kind: 'accept', annotators: [a] })} title={`Accept ${a}'s version`}>
              <span className="sr-only">Accept </span>
              <kbd>{i + 1}</kbd> <strong>{a}</strong>{' '}
              {(item.byAnnotator[a] ?? []).length === 0 ? (
                <span className="muted">nothing here</span>
              ) : (
                item.byAnnotator[a].map((m) => (
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
        <button onClick={() => onDecide({ kind: 'accept', annotators })}>
          <kbd>b</kbd> Accept both
        </button>
        <button className="danger" onClick={() => onDecide({ kind: 'reject' })}>
          <kbd>x</kbd> Reject
        </button>
        <select
          aria-label="Accept with another label"
          value=""
          onChange={(e) => {
            if (e.target.value) onDecide({ kind: 'relabel', label: e.target.value });
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
    </>
  );
}
