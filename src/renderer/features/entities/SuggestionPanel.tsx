import type { ReactNode } from 'react';
import type { Suggestion } from '../../../core/api/entities';

interface Props {
  suggestions: Suggestion[];
  currentDocId: string | null;
  onDecide: (items: Suggestion[], accept: boolean) => void;
  onShow: (s: Suggestion) => void;
  /** The recommender's learned suggestions, shown above the registry's "find other mentions" ones. */
  recommender?: ReactNode;
}

/** Suggested mentions waiting for a decision, this document first. */
export function SuggestionPanel({ suggestions, currentDocId, onDecide, onShow, recommender }: Props) {
  const here = suggestions.filter((s) => s.docId === currentDocId);
  const elsewhere = suggestions.filter((s) => s.docId !== currentDocId);
  if (suggestions.length === 0) {
    return (
      <section className="suggestions" aria-label="Suggestions">
        {recommender}
        <p className="muted small">No registry suggestions waiting. Focus an entity and choose “Find other mentions”.</p>
      </section>
    );
  }
  const group = (title: string, items: Suggestion[]) =>
    items.length > 0 && (
      <div className="group">
        <div className="group-head static">
          {title} <span className="muted">{items.length}</span>
        </div>
        <div className="row">
          <button onClick={() => onDecide(items, true)}>Accept all {items.length}</button>
          <button onClick={() => onDecide(items, false)}>Reject all</button>
        </div>
        <ul>
          {items.map((s) => (
            <li key={s.mentionId} className="suggestion" data-suggestion={s.mentionId}>
              <button className="context" onClick={() => onShow(s)} title={s.title}>
                {s.docId !== currentDocId && <span className="muted small">{s.title}: </span>}…{highlight(s)}…
              </button>
              <div className="row">
                <button className="mini" aria-label={`Accept “${s.quote}” at ${s.start}`} onClick={() => onDecide([s], true)}>
                  Accept
                </button>
                <button className="mini" aria-label={`Reject “${s.quote}” at ${s.start}`} onClick={() => onDecide([s], false)}>
                  Reject
                </button>
              </div>
            </li>
          ))}
        </ul>
      </div>
    );
  return (
    <section className="suggestions" aria-label="Suggestions">
      {recommender}
      {group('In this document', here)}
      {group('In other documents', elsewhere)}
    </section>
  );
}

function highlight(s: Suggestion) {
  const i = s.context.indexOf(s.quote);
  if (i < 0) return s.context;
  return (
    <>
      {s.context.slice(0, i)}
      <strong>{s.quote}</strong>
      {s.context.slice(i + s.quote.length)}
    </>
  );
}
