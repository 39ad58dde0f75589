/** One frame item, field by field: each analyst's value beside gold's, the selected row taking keys 1, 2 … */
import type { FrameDecision } from '../../../core/adjudicate';
import type { ReviewDocument } from '../../../core/api/review';
import type { Entity, LabelSchema } from '../../../core/model';
import type { FrameReviewItem } from '../../../core/review';
import { fieldText, goldFrames } from './items';

interface Props {
  item: FrameReviewItem;
  review: ReviewDocument;
  annotators: string[];
  schema: LabelSchema;
  entities: ReadonlyMap<string, Entity>;
  /** 0: the whole frame; 1…: the item's fields in order. */
  row: number;
  onRow: (row: number) => void;
  onDecide: (d: FrameDecision) => void;
}

export function FrameItemCard({ item, review, annotators, schema, entities, row, onRow, onDecide }: Props) {
  const mentionsOf = (a: string) => review.layers.find((l) => l.annotator === a)?.mentions ?? [];
  const gold = goldFrames(review, item);
  const def = schema.frameTypes.find((t) => t.name === item.type);
  return (
    <table className="frame-fields" aria-label="Fields">
      <thead>
        <tr>
          <th>{item.type}</th>
          {annotators.map((a, i) => (
            <th key={a}>
              <kbd>{i + 1}</kbd> {a}
            </th>
          ))}
          <th>gold</th>
        </tr>
      </thead>
      <tbody>
        <tr className={`field-row ${row === 0 ? 'on' : ''}`} aria-selected={row === 0} onClick={() => onRow(0)}>
          <th>Whole frame</th>
          {annotators.map((a) => (
            <td key={a}>
              {item.byAnnotator[a] ? (
                <button className="link" onClick={() => onDecide({ kind: 'accept', annotator: a })} aria-label={`Accept ${a}'s ${item.type}`}>
                  accept
                </button>
              ) : (
                <span className="muted">no {item.type.toLowerCase()} here</span>
              )}
            </td>
          ))}
          <td>{gold.length ? `${gold.length} frame${gold.length === 1 ? '' : 's'}` : <span className="muted">none</span>}</td>
        </tr>
        {item.fields.map((f, k) => {
          const values = def?.attributes.find((x) => x.name === f.name)?.values ?? [];
          return (
            <tr key={f.id} className={`field-row ${row === k + 1 ? 'on' : ''} ${f.same ? 'same' : 'differs'}`} aria-selected={row === k + 1} aria-label={f.name} onClick={() => onRow(k + 1)}>
              <th>
                {f.name}
                {!f.same && <span className="differs-mark" title="the analysts differ here"> ≠</span>}
              </th>
              {annotators.map((a) => (
                <td key={a}>
                  {item.byAnnotator[a] && (
                    <button className="link" onClick={() => onDecide({ kind: 'field', field: f.id, from: a })} title={`Take ${a}'s ${f.name}`}>
                      {short(fieldText(item.byAnnotator[a], f.id, mentionsOf(a), entities), f.kind === 'evidence' ? 30 : 60)}
                    </button>
                  )}
                </td>
              ))}
              <td className="gold-cell">
                {f.kind === 'attribute' && gold.length <= 1 ? (
                  <select
                    aria-label={`Gold ${f.name}`}
                    value={gold[0]?.attrs[f.name] ?? ''}
                    onChange={(e) => onDecide({ kind: 'field', field: f.id, value: e.target.value || null })}
                  >
                    <option value="">—</option>
                    {values.map((v) => (
                      <option key={v} value={v}>
                        {v}
                      </option>
                    ))}
                  </select>
                ) : (
                  gold.map((g) => <div key={g.id}>{short(fieldText(g, f.id, review.gold.mentions, entities), f.kind === 'evidence' ? 30 : 60)}</div>)
                )}
                {f.kind === 'attribute' && gold.map((g) => g.handEdits?.find((e) => e.field === f.name)).map((e, i) => e && <div key={i} className="muted hand-edit" title={`Set by hand by ${e.by} at ${e.at}`}>by hand: {e.by}</div>)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** A long value (an evidence sentence) shortened to fit its narrow column; the text view shows it whole. */
function short(s: string, max: number): string {
  if (s.length <= max) return s;
  return s.endsWith('”') ? `${s.slice(0, max - 2)}…”` : `${s.slice(0, max - 1)}…`;
}
