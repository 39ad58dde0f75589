import { memo, useCallback, useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { DocumentSummary } from '../../../core/api/documents';
import type { DocumentListView, DocumentSort } from '../../../core/documentPage';
import { STATUS_NAMES, STATUSES, type DocumentStatus } from '../../../core/model';
import type { DocList } from '../../app/store';

interface Props {
  list: DocList;
  /** Documents in the workspace, filtered or not. */
  documentCount: number;
  labels: readonly string[];
  /** Colleagues whose layers the "labelled by" filter offers. */
  colleagues: readonly string[];
  openId: string | null;
  cursor: number;
  setCursor: (i: number) => void;
  onOpen: (id: string) => void;
  onView: (patch: Partial<DocumentListView> | null) => void;
  /** The list shows rows [from, to): the ones not here yet are asked for. */
  onRows: (from: number, to: number) => void;
  /** The filter panel opened: colleagues are looked up then. */
  onFilters: () => void;
}

const SORTS: { value: DocumentSort; title: string }[] = [
  { value: 'added', title: 'Order added' },
  { value: 'title', title: 'Title' },
  { value: 'outlet', title: 'Outlet' },
  { value: 'date', title: 'Date' },
  { value: 'status', title: 'Status' },
  { value: 'mentions', title: 'Mentions' },
  { value: 'progress', title: 'Colleagues done' },
  { value: 'undecided', title: 'Undecided review items' },
];

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** How many filters narrow the list (the text filter aside). */
function filtersOn(v: DocumentListView): number {
  return [v.status, v.label, v.from, v.to, v.labeller, v.undecided].filter(Boolean).length;
}

/**
 * The workspace's articles, sorted and filtered in main and drawn only near
 * the viewport; arrows or j/k move, Enter opens (actions `list-*` in the
 * registry), `/` or Ctrl+Shift+L goes to the filter field.
 */
export const DocumentList = memo(function DocumentList({ list, documentCount, labels, colleagues, openId, cursor, setCursor, onOpen, onView, onRows, onFilters }: Props) {
  const { view, total, rows: loaded } = list;
  const listRef = useRef<HTMLUListElement>(null);
  // Only the rows near the viewport are in the page: a corpus of 100,000 documents paints as fast as one of ten.
  // Rows are all one height (CSS), so no row is measured: the virtualizer's
  // positions are computed once per count, not again on every row drawn.
  const virtual = useVirtualizer({
    count: total,
    getScrollElement: () => listRef.current,
    estimateSize: rowHeight,
    overscan: 10,
  });

  // The first keys after load go to the list (↑/↓, j/k, Enter), as its hint says, unless something else already has the focus.
  useEffect(() => {
    const active = document.activeElement;
    if (!active || active === document.body) listRef.current?.focus({ preventScroll: true });
  }, []);

  useEffect(() => {
    if (cursor < total) virtual.scrollToIndex(cursor, { align: 'auto' });
  }, [cursor, total, virtual]);

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
  const from = rows[0]?.index ?? 0;
  const to = (rows.at(-1)?.index ?? -1) + 1;
  useEffect(() => {
    if (to > from) onRows(from, to);
  }, [from, to, loaded, onRows]);

  const [showFilters, setShowFilters] = useState(() => filtersOn(view) > 0);
  const narrowed = filtersOn(view) > 0 || Boolean(view.text);
  const sortValue = view.sort === 'mentions' && view.sortLabel ? `mentions:${view.sortLabel}` : (view.sort ?? 'added');

  return (
    <nav className="doclist" aria-label="Documents">
      <div className="pane-head">
        <h2>Documents</h2>
        <span className="muted" aria-live="polite">
          {list.loading ? '…' : narrowed ? `${total.toLocaleString()} of ${documentCount.toLocaleString()}` : total.toLocaleString()}
        </span>
      </div>
      <div className="list-tools">
        <TextFilter value={view.text ?? ''} onChange={(text) => onView({ text })} />
        <div className="list-sort">
          <select
            aria-label="Sort documents by"
            value={sortValue}
            onChange={(e) => {
              const [sort, label] = e.target.value.split(':') as [DocumentSort, string | undefined];
              onView({ sort, sortLabel: label });
            }}
          >
            {SORTS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.title}
              </option>
            ))}
            {labels.map((l) => (
              <option key={l} value={`mentions:${l}`}>
                Mentions of {l}
              </option>
            ))}
          </select>
          <button
            className="icon"
            aria-pressed={Boolean(view.descending)}
            aria-label="Descending order"
            title={view.descending ? 'Descending: click for ascending' : 'Ascending: click for descending'}
            onClick={() => onView({ descending: !view.descending })}
          >
            {view.descending ? '↓' : '↑'}
          </button>
          <button
            className={`mini ${filtersOn(view) ? 'on' : ''}`}
            aria-expanded={showFilters}
            aria-controls="list-filters"
            onClick={() => {
              if (!showFilters) onFilters();
              setShowFilters(!showFilters);
            }}
          >
            Filters{filtersOn(view) ? ` (${filtersOn(view)})` : ''}
          </button>
        </div>
        {showFilters && <Filters view={view} labels={labels} colleagues={colleagues} onView={onView} />}
      </div>
      {!list.loading && total === 0 && (
        <div className="list-empty muted">
          {narrowed ? (
            <>
              <p>No document matches.</p>
              <button onClick={() => onView(null)}>Show every document</button>
            </>
          ) : (
            <p>No documents yet: Import… (Ctrl+I) adds articles.</p>
          )}
        </div>
      )}
      <ul
        ref={listRef}
        role="listbox"
        aria-label="Documents"
        tabIndex={0}
        aria-activedescendant={loaded.get(cursor) ? `doc-${loaded.get(cursor)!.id}` : undefined}
      >
        <li role="presentation" aria-hidden="true" style={{ height: rows[0]?.start ?? 0 }} />
        {rows.map((v) => {
          const d = loaded.get(v.index);
          if (!d) return <li key={`row-${v.index}`} data-index={v.index} role="presentation" className="doc placeholder" />;
          return <DocRow key={d.id} d={d} index={v.index} cursor={v.index === cursor} open={d.id === openId} onPick={pick} />;
        })}
        <li role="presentation" aria-hidden="true" style={{ height: Math.max(0, virtual.getTotalSize() - (rows.at(-1)?.end ?? 0)) }} />
      </ul>
    </nav>
  );
});

/** The title and outlet filter: applied a moment after typing stops; Enter or ↓ goes to the list, Esc clears. */
function TextFilter({ value, onChange }: { value: string; onChange: (text: string) => void }) {
  const [text, setText] = useState(value);
  const applied = useRef(value);
  useEffect(() => {
    // Cleared or set elsewhere (Show every document).
    if (value !== applied.current) setText((applied.current = value));
  }, [value]);
  useEffect(() => {
    if (text === applied.current) return;
    const t = setTimeout(() => onChange((applied.current = text)), 150);
    return () => clearTimeout(t);
  }, [text, onChange]);
  const toList = () => document.querySelector<HTMLElement>('.doclist [role="listbox"]')?.focus();
  return (
    <input
      type="search"
      className="list-filter"
      aria-label="Filter documents by title or outlet"
      placeholder="Filter by title or outlet"
      value={text}
      spellCheck={false}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === 'ArrowDown') {
          e.preventDefault();
          if (text !== applied.current) onChange((applied.current = text));
          toList();
        } else if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          if (text) {
            setText('');
            onChange((applied.current = ''));
          } else toList();
        }
      }}
    />
  );
}

function Filters({ view, labels, colleagues, onView }: { view: DocumentListView; labels: readonly string[]; colleagues: readonly string[]; onView: (patch: Partial<DocumentListView> | null) => void }) {
  return (
    <div id="list-filters" className="list-filters" role="group" aria-label="Filters">
      <Choice text="Status" name="Filter by status" any="Any" value={view.status} options={STATUSES.map((s) => [s, STATUS_NAMES[s]])} onChange={(v) => onView({ status: v as DocumentStatus | undefined })} />
      <Choice text="With label" name="Filter by label" any="Any" value={view.label} options={labels.map((l) => [l, l])} onChange={(label) => onView({ label })} />
      <DateField label="Dated from" name="Dated from" value={view.from} onChange={(from) => onView({ from })} />
      <DateField label="to" name="Dated to" value={view.to} onChange={(to) => onView({ to })} />
      <Choice text="Labelled by" name="Filter by colleague" any="Anyone" value={view.labeller} options={colleagues.map((c) => [c, c])} onChange={(labeller) => onView({ labeller })} />
      <label className="check">
        <input type="checkbox" checked={Boolean(view.undecided)} onChange={(e) => onView({ undecided: e.target.checked || undefined })} />
        With undecided review items
      </label>
      <button className="link" onClick={() => onView({ status: undefined, label: undefined, from: undefined, to: undefined, labeller: undefined, undecided: undefined })}>
        Clear filters
      </button>
    </div>
  );
}

/** One filter chosen from a menu; the first entry (`any`) leaves it off. */
function Choice(props: { text: string; name: string; any: string; value: string | undefined; options: [string, string][]; onChange: (v: string | undefined) => void }) {
  return (
    <label>
      {props.text}
      <select aria-label={props.name} value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value || undefined)}>
        <option value="">{props.any}</option>
        {props.options.map(([value, title]) => (
          <option key={value} value={value}>
            {title}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A date bound (YYYY, YYYY-MM or YYYY-MM-DD), applied on Enter or leaving the field once it reads as one. */
function DateField({ label, name, value, onChange }: { label: string; name: string; value: string | undefined; onChange: (v: string | undefined) => void }) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  const valid = text === '' || DATE.test(text);
  const apply = () => valid && (text || undefined) !== value && onChange(text || undefined);
  return (
    <label>
      {label}
      <input
        className="date-bound"
        aria-label={name}
        value={text}
        placeholder="YYYY-MM-DD"
        aria-invalid={!valid}
        title={valid ? undefined : 'A year, a month or a day: 2016, 2016-09 or 2016-09-10'}
        onChange={(e) => setText(e.target.value.trim())}
        onBlur={apply}
        onKeyDown={(e) => e.key === 'Enter' && apply()}
      />
    </label>
  );
}

/** A row's height with its margin (`.doclist .doc` in styles/2-doclist.css: two lines of title, two of details). */
const ROW_HEIGHT = 90;
const rowHeight = () => ROW_HEIGHT;

const DocRow = memo(function DocRow({
  d,
  index,
  cursor,
  open,
  onPick,
}: {
  d: DocumentSummary;
  index: number;
  cursor: boolean;
  open: boolean;
  onPick: (i: number, id: string) => void;
}) {
  return (
    <li id={`doc-${d.id}`} title={d.title} data-index={index} data-doc-id={d.id} role="option" aria-selected={open} className={`doc ${cursor ? 'cursor' : ''} ${open ? 'open' : ''}`} onClick={() => onPick(index, d.id)}>
      <div className="doc-title">{d.title}</div>
      <div className="doc-meta">
        {d.outlet && <span className="outlet">{d.outlet}</span>}
        {d.date && <span className="date">{d.date}</span>}
        {d.labellers && (
          <span className="labellers" aria-label="Also labelled by">
            {d.labellers.map((l) => `${l.annotator}: ${STATUS_NAMES[l.status].toLowerCase()}`).join(', ')}
          </span>
        )}
      </div>
      <div className="doc-meta">
        <span className={`status status-${d.status}`}>{STATUS_NAMES[d.status]}</span>
        <span className="count" title={`${d.mentionCount} mentions, ${d.frameCount} frames`}>
          {d.mentionCount} mention{d.mentionCount === 1 ? '' : 's'}
        </span>
        {d.undecided ? <span className="badge undecided">{d.undecided} undecided</span> : null}
        {d.problem && (
          <span className="problem" title={d.problem}>
            unreadable
          </span>
        )}
      </div>
    </li>
  );
});
