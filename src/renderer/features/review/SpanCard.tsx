/** The hover card of a mark in the curation text: each analyst's label there, how they compare, and what gold holds. */
import type { ReviewDocument } from '../../../core/api/review';
import { mentionGoldSummary } from '../../../core/goldSummary';
import type { Entity } from '../../../core/model';
import { ITEM_KIND_NAMES } from '../../../core/review';
import { mentionLine, STATE_NAMES, versionsAt, type CurationSpan } from './items';

interface Props {
  span: CurationSpan;
  rect: DOMRect;
  annotators: string[];
  review: ReviewDocument;
  entities: ReadonlyMap<string, Entity>;
  decisions: Readonly<Record<string, string>>;
}

const WIDTH = 340;

export function SpanCard({ span, rect, annotators, review, entities, decisions }: Props) {
  // Below the mark, or above it near the window's foot; never past the window's right edge.
  const below = rect.bottom + 200 < window.innerHeight;
  const style = {
    left: Math.max(8, Math.min(rect.left, window.innerWidth - WIDTH - 8)),
    ...(below ? { top: rect.bottom + 6 } : { bottom: window.innerHeight - rect.top + 6 }),
    width: WIDTH,
  };
  const gold = span.items.flatMap((i) => mentionGoldSummary(i, review.gold.mentions, Boolean(decisions[i.key])));
  return (
    <div className={`span-card state-${span.state}`} role="tooltip" style={style}>
      <div className="span-card-head">
        <strong>“{span.quote}”</strong> <span className={`state-name state-${span.state}`}>{STATE_NAMES[span.state]}</span>
      </div>
      <div className="muted small">{[...new Set(span.items.map((i) => ITEM_KIND_NAMES[i.kind]))].join('; ')}</div>
      <dl className="span-versions">
        {annotators.map((a) => {
          const { here, nearby } = versionsAt(span, a);
          return (
            <div key={a}>
              <dt>{a}</dt>
              <dd>
                {here.map((m) => (
                  <div key={m.id}>{mentionLine(m, entities)}</div>
                ))}
                {!here.length && <span className="muted">{nearby.length ? `other span: ${nearby.map((m) => mentionLine(m, entities)).join('; ')}` : 'nothing here'}</span>}
              </dd>
            </div>
          );
        })}
        <div>
          <dt>gold</dt>
          <dd>{gold.length ? gold.map((line, i) => <div key={i}>{line}</div>) : <span className="muted">not decided yet</span>}</dd>
        </div>
      </dl>
    </div>
  );
}
