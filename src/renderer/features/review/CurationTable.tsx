/** The side-by-side curation view: one column per analyst and one for gold, one row per item, all scrolled together. */
import type { ReviewDocument } from '../../../core/api/review';
import type { Entity } from '../../../core/model';
import { goldMentionsOfItem } from '../../../core/goldSummary';
import { fieldText, goldFrames, mentionLine, stateOf, STATE_NAMES, type AnyItem } from './items';

interface Props {
  items: AnyItem[];
  cursor: number;
  review: ReviewDocument;
  annotators: string[];
  entities: ReadonlyMap<string, Entity>;
  onPick: (i: number) => void;
}

export function CurationTable({ items, cursor, review, annotators, entities, onPick }: Props) {
  const mentionsOf = (a: string) => review.layers.find((l) => l.annotator === a)?.mentions ?? [];
  const decisions = review.gold.decisions;
  return (
    <div className="curation-scroll">
      <table className="curation" aria-label="Side by side">
        <thead>
          <tr>
            <th>state</th>
            {annotators.map((a) => (
              <th key={a}>{a}</th>
            ))}
            <th>gold</th>
          </tr>
        </thead>
        <tbody>
          {items.map((it, i) => {
            const state = stateOf(it, decisions);
            return (
              <tr
                key={it.item.key}
                className={`curation-row state-${state} ${i === cursor ? 'on' : ''}`}
                data-state={state}
                aria-selected={i === cursor}
                onClick={() => onPick(i)}
                ref={(el) => {
                  if (el && i === cursor) el.scrollIntoView({ block: 'nearest' });
                }}
              >
                <td className="state">{STATE_NAMES[state]}</td>
                {annotators.map((a) => (
                  <td key={a}>{cell(it, a)}</td>
                ))}
                <td className="gold-cell">{goldCell(it)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );

  function cell(it: AnyItem, a: string): string {
    if (it.type === 'mention') return (it.item.byAnnotator[a] ?? []).map((m) => mentionLine(m, entities)).join('; ');
    const f = it.item.byAnnotator[a];
    return f ? frameLine(f, mentionsOf(a)) : '';
  }

  function goldCell(it: AnyItem): string {
    if (it.type === 'mention') return goldMentionsOfItem(it.item, review.gold.mentions).map((m) => mentionLine(m, entities)).join('; ');
    return goldFrames(review, it.item).map((f) => frameLine(f, review.gold.mentions)).join(' | ');
  }

  function frameLine(f: Parameters<typeof fieldText>[0] & object, mentions: Parameters<typeof fieldText>[2]): string {
    const roles = Object.keys(f.roles).map((r) => `${r}: ${fieldText(f, `role:${r}`, mentions, entities)}`);
    const attrs = Object.entries(f.attrs).map(([k, v]) => `${k}: ${v}`);
    return [f.type, ...roles, ...attrs].join(' · ');
  }
}
