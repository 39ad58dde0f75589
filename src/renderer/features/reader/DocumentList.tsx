import { memo, useCallback, useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { DocumentSummary } from '../../../core/api';
import { STATUS_NAMES } from '../../../core/model';

interface Props {
  docs: DocumentSummary[];
  openId: string | null;
  cursor: number;
  setCursor: (i: number) => void;
  onOpen: (id: string) => void;
}

/** The workspace's articles; arrows or j/k move, Enter opens (actions `list-*` in the registry). */
export const DocumentList = memo(function DocumentList({ docs, openId, cursor, setCursor, onOpen }: Props) {
  const listRef = useRef<HTMLUListElement>(null);
  // Only the rows near the viewport are in the page: a corpus of 100,000 documents paints as fast as one of ten.
  const virtual = useVirtualizer({
    count: docs.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 10,
    getItemKey: (i) => docs[i].id,
  });

  useEffect(() => {
    if (cursor < docs.length) virtual.scrollToIndex(cursor, { align: 'auto' });
  }, [cursor, docs.length, virtual]);

  // Rows are memoized: a save changes one document's counts, and only its row renders again.
  const latest = useRef({ setCursor, onOpen });
  useEffect(() => {
    latest.current = { setCursor, onOpen };
  });
  const pick = useCallback((i: number, id: string) => {
    latest.current.setCursor(i);
    latest.current.onOpen(id);
  }, []);

  const rows = virtual.getVirtualItems();

  return (
    <nav className="doclist" aria-label="Documents">
      <div className="pane-head">
        <h2>Documents</h2>
        <span className="muted">{docs.length}</span>
      </div>
      <ul
        ref={listRef}
        role="listbox"
        aria-label="Documents"
        tabIndex={0}
        aria-activedescendant={docs[cursor] ? `doc-${docs[cursor].id}` : undefined}
      >
        <li role="presentation" aria-hidden="true" style={{ height: rows[0]?.start ?? 0 }} />
        {rows.map((v) => {
          const d = docs[v.index];
          return <DocRow key={d.id} d={d} index={v.index} cursor={v.index === cursor} open={d.id === openId} onPick={pick} measure={virtual.measureElement} />;
        })}
        <li role="presentation" aria-hidden="true" style={{ height: Math.max(0, virtual.getTotalSize() - (rows.at(-1)?.end ?? 0)) }} />
      </ul>
    </nav>
  );
});

/** A row's height before it is measured (title, two lines of details). */
const ROW_ESTIMATE = 76;

const DocRow = memo(function DocRow({
  d,
  index,
  cursor,
  open,
  onPick,
  measure,
}: {
  d: DocumentSummary;
  index: number;
  cursor: boolean;
  open: boolean;
  onPick: (i: number, id: string) => void;
  measure: (el: HTMLElement | null) => void;
}) {
  return (
    <li ref={measure} id={`doc-${d.id}`} data-index={index} data-doc-id={d.id} role="option" aria-selected={open} className={`doc ${cursor ? 'cursor' : ''} ${open ? 'open' : ''}`} onClick={() => onPick(index, d.id)}>
      <div className="doc-title">{d.title}</div>
      <div className="doc-meta">
        {d.outlet && <span className="outlet">{d.outlet}</span>}
        {d.date && <span className="date">{d.date}</span>}
      </div>
      <div className="doc-meta">
        <span className={`status status-${d.status}`}>{STATUS_NAMES[d.status]}</span>
        <span className="count" title={`${d.mentionCount} mentions, ${d.frameCount} frames`}>
          {d.mentionCount} mention{d.mentionCount === 1 ? '' : 's'}
        </span>
        {d.problem && (
          <span className="problem" title={d.problem}>
            unreadable
          </span>
        )}
      </div>
      {d.labellers && (
        <div className="doc-meta labellers" aria-label="Also labelled by">
          {d.labellers.map((l) => `${l.annotator}: ${STATUS_NAMES[l.status].toLowerCase()}`).join(', ')}
        </div>
      )}
    </li>
  );
});
