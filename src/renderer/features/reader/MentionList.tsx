import { memo, useDeferredValue, useMemo, useState } from 'react';
import type { LabelDef, Mention } from '../../../core/model';

interface Props {
  mentions: readonly Mention[];
  /** Changes whenever the mentions do (the array is updated in place). */
  version: number;
  labels: LabelDef[];
  onPick: (m: Mention) => void;
}

const PAGE = 50;

/** The document's mentions grouped by label, filterable; long groups show a page at a time. */
/**
 * Rendered after the reader has painted (deferred), so a long list never
 * delays opening a document or drawing a new highlight.
 */
export const MentionList = memo(function MentionList({ mentions, version, labels, onPick }: Props) {
  const deferred = useDeferredValue(version, -1);
  const [filter, setFilter] = useState('');
  const [shown, setShown] = useState<Record<string, number>>({});
  const [collapsed, setCollapsed] = useState<Record<string, boolean>>({});
  const groups = useMemo(() => {
    if (deferred < 0) return [];
    const f = filter.trim().toLowerCase();
    const by = new Map<string, Mention[]>();
    for (const m of mentions) {
      if (m.pending) continue;
      if (f && !m.quote.toLowerCase().includes(f) && !m.label.toLowerCase().includes(f)) continue;
      const list = by.get(m.label) ?? [];
      list.push(m);
      by.set(m.label, list);
    }
    const order = labels.map((l) => l.name);
    return [...by].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
  }, [mentions, deferred, labels, filter]);

  return (
    <section className="mention-list" aria-label="Mentions">
      <input className="filter" type="search" placeholder="Filter mentions" aria-label="Filter mentions" value={filter} onChange={(e) => setFilter(e.target.value)} />
      {groups.length === 0 && deferred >= 0 && <p className="muted small">{filter ? 'No mention matches.' : 'No mentions yet: select text and press a label key.'}</p>}
      {groups.map(([label, items]) => {
        const color = labels.find((l) => l.name === label)?.color ?? '#888';
        const limit = shown[label] ?? PAGE;
        return (
          <div className="group" key={label}>
            <button className="group-head" aria-expanded={!collapsed[label]} onClick={() => setCollapsed({ ...collapsed, [label]: !collapsed[label] })}>
              <span className="swatch" style={{ background: color }} aria-hidden="true" />
              {label}
              <span className="muted">{items.length}</span>
            </button>
            {!collapsed[label] && (
              <ul>
                {items.slice(0, limit).map((m) => (
                  <li key={m.id}>
                    <button className="mention-item" data-mention-item={m.id} onClick={() => onPick(m)}>
                      {m.quote}
                      {m.entityId && <span className="linked" title="Linked to an entity">⛓</span>}
                    </button>
                  </li>
                ))}
                {items.length > limit && (
                  <li>
                    <button className="mini" onClick={() => setShown({ ...shown, [label]: limit + PAGE })}>
                      Show {Math.min(PAGE, items.length - limit)} more of {items.length - limit}
                    </button>
                  </li>
                )}
              </ul>
            )}
          </div>
        );
      })}
    </section>
  );
});
