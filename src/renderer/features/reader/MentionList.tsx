import { memo, useDeferredValue, useMemo, useState } from 'react';
import type { LabelDef, Mention } from '../../../core/model';
import { mentionWords } from '../../../core/text';

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
                      {mentionWords(m, ' … ')}
                      {m.entityId && <LinkedGlyph />}
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

/** A chain link drawn as SVG: it shows on systems without an emoji font. */
function LinkedGlyph() {
  return (
    <svg className="linked linked-glyph" viewBox="0 0 16 16" role="img" aria-label="Linked to an entity">
      <title>Linked to an entity</title>
      <path d="M6.5 9.5l3-3M7 4.5l1.2-1.2a2.5 2.5 0 013.5 3.5L10.5 8M9 11.5l-1.2 1.2a2.5 2.5 0 01-3.5-3.5L5.5 8" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}
