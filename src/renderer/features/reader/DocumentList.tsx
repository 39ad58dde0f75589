import { memo, useCallback, useEffect, useRef } from 'react';
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

  useEffect(() => {
    listRef.current?.querySelector<HTMLElement>(`[data-index="${cursor}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);

  // Rows are memoized: a save changes one document's counts, and only its row renders again.
  const latest = useRef({ setCursor, onOpen });
  useEffect(() => {
    latest.current = { setCursor, onOpen };
  });
  const pick = useCallback((i: number, id: string) => {
    latest.current.setCursor(i);
    latest.current.onOpen(id);
  }, []);

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
        {docs.map((d, i) => (
          <DocRow key={d.id} d={d} index={i} cursor={i === cursor} open={d.id === openId} onPick={pick} />
        ))}
      </ul>
    </nav>
  );
});

const DocRow = memo(function DocRow({ d, index, cursor, open, onPick }: { d: DocumentSummary; index: number; cursor: boolean; open: boolean; onPick: (i: number, id: string) => void }) {
  return (
    <li id={`doc-${d.id}`} data-index={index} data-doc-id={d.id} role="option" aria-selected={open} className={`doc ${cursor ? 'cursor' : ''} ${open ? 'open' : ''}`} onClick={() => onPick(index, d.id)}>
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
    </li>
  );
});
