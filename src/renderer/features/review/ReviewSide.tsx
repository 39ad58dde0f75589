/** Review's side: how much is decided, the item the keys act on with each analyst's version, and every item of the document. */
import type { ReviewDocument } from '../../../core/api/review';
import { frameGoldSummary, goldMentionsOfItem, mentionGoldSummary } from '../../../core/goldSummary';
import type { LabelSchema } from '../../../core/model';
import { useAppStore } from '../../app/store';
import { acceptAgreed, decideFrame, decideMention, setCursor, setRow, showOnlyDisagreements } from './actions';
import { FrameItemCard } from './FrameItemCard';
import { GoldNote } from './GoldNote';
import { goldFrames, kindName, STATE_NAMES, stateOf, type AnyItem } from './items';
import { MentionItemCard } from './MentionItemCard';
import { derived, reviewSlice } from './slice';

export function ReviewSide({ schema }: { schema: LabelSchema }) {
  const app = useAppStore();
  const s = reviewSlice.use((x) => x);
  const { review, chosen, onlyDisagreements, entities, row } = s;
  const { items, shown, at, current, decisions, decided, compared, linkOnly } = derived(s, schema);
  const summary = current && review ? goldSummary(current, review, compared, Boolean(decisions[current.item.key])) : [];
  return (
    // Focusable: the keys that write gold act only while this panel has the keyboard.
    <aside className="sidebar review-side" aria-label="Decisions" tabIndex={0}>
      <div className="card">
        <div className="progress-line">
          <strong>{items.length - decided} undecided</strong>
          <span className="muted small">
            {decided} of {items.length} decided
          </span>
          <progress max={items.length || 1} value={decided} aria-label="Decided" />
        </div>
        <div className="row wrap">
          <button className="primary" onClick={() => void acceptAgreed(app)} title="Shift+A · one undoable step">
            Accept everything all agree on
          </button>
          <label className="field-inline">
            <input type="checkbox" checked={onlyDisagreements} onChange={(e) => showOnlyDisagreements(app, e.target.checked)} /> Only disagreements
          </label>
        </div>
        {linkOnly > 0 && (
          <div className="row wrap link-only">
            <span>
              Agreed on span and label, differ in link or note: <strong>{linkOnly}</strong>
            </span>
            <button onClick={() => void acceptAgreed(app, true)} title="Shift+L · one undoable step; where the analysts linked different entities, decide each">
              <kbd>Shift+L</kbd> Accept these too
            </button>
          </div>
        )}
        <p className="muted small focus-hint">Keys 1, 2, b, x, r and Shift+A decide while this panel has the focus (click it or press Tab); Ctrl+Z undoes.</p>
      </div>
      {current ? (
        <section className={`card item-card state-${stateOf(current, decisions)}`} aria-label="Current item">
          <div className="row">
            <span className={`badge status-${current.item.kind}`}>{kindName(current)}</span>
            <span className="muted small">
              {at + 1} of {shown.length} · n / p
            </span>
          </div>
          {summary.length > 0 && (
            <div className="decided small" aria-label="In gold">
              <strong>In gold:</strong> {summary.join(' ')}
            </div>
          )}
          {review && (
            <GoldNote
              key={current.item.key}
              mentions={current.type === 'mention' ? goldMentionsOfItem(current.item, review.gold.mentions) : []}
              frames={current.type === 'frame' ? goldFrames(review, current.item) : []}
            />
          )}
          {current.type === 'frame' ? (
            <>
              <FrameItemCard
                item={current.item}
                review={review!}
                annotators={compared}
                schema={schema}
                entities={entities}
                row={row}
                onRow={(r) => setRow(app, r)}
                onDecide={(d) => void decideFrame(app, current.item, d)}
              />
              <p className="muted small">↑ ↓ choose the whole frame or a field; 1, 2 … take it from that analyst.</p>
              <div className="row wrap">
                <button onClick={() => void decideFrame(app, current.item, { kind: 'all' })}>
                  <kbd>b</kbd> Accept all versions
                </button>
                <button className="danger" onClick={() => void decideFrame(app, current.item, { kind: 'reject' })}>
                  <kbd>x</kbd> Reject
                </button>
              </div>
            </>
          ) : (
            <MentionItemCard item={current.item} annotators={chosen} schema={schema} entities={entities} onDecide={(d) => void decideMention(app, current.item, d)} />
          )}
        </section>
      ) : (
        <p className="muted small">{items.length ? 'No disagreements in this document.' : 'Neither annotator has labelled this document.'}</p>
      )}
      <ul className="items" aria-label="Items">
        {shown.map((it, i) => (
          <li key={it.item.key}>
            <button className={`item-row ${i === at ? 'on' : ''} state-${stateOf(it, decisions)}`} onClick={() => setCursor(app, i)} title={STATE_NAMES[stateOf(it, decisions)]}>
              <span className={`dot status-${it.item.kind}`} aria-hidden="true" />
              {it.type === 'frame' && <strong>{it.item.type}: </strong>}
              {clip(review?.document.text.slice(it.item.start, it.item.end) ?? '')}
              {decisions[it.item.key] && <span className="muted small"> ✓</span>}
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}

/** What gold holds for the item, read from gold itself. */
function goldSummary(it: AnyItem, review: ReviewDocument, compared: string[], decided: boolean): string[] {
  if (it.type === 'mention') return mentionGoldSummary(it.item, review.gold.mentions, decided);
  const sources = new Map(review.layers.filter((l) => compared.includes(l.annotator)).map((l) => [l.annotator, l.mentions] as const));
  return frameGoldSummary(it.item, goldFrames(review, it.item), review.gold.mentions, sources, decided);
}

function clip(s: string): string {
  return s.length > 80 ? s.slice(0, 79) + '…' : s;
}
