/** One mention item under review: each analyst's version, accept one or both, reject, or accept with another label. */
import type { MentionDecision } from '../../../core/adjudicate';
import type { Entity, LabelSchema } from '../../../core/model';
import type { ReviewItem } from '../../../core/review';

interface Props {
  item: ReviewItem;
  annotators: string[];
  schema: LabelSchema;
  entities: ReadonlyMap<string, Entity>;
  onDecide: (d: MentionDecision) => void;
}

export function MentionItemCard({ item, annotators, schema, entities, onDecide }: Props) {
  const labelOf = (name: string) => schema.labels.find((l) => l.name === name);
  return (
    <>
      {item.differsIn && <p className="small differs-in">Differs in: {item.differsIn.map((d) => (d === 'entity' ? 'entity link' : d)).join(', ')}</p>}
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
                    {m.entityId && <span className="version-detail"> → {entities.get(m.entityId)?.name ?? m.entityId}</span>}
                    {m.note?.trim() && <span className="version-detail"> note: {m.note.trim()}</span>}
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
