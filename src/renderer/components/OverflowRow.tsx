/**
 * A row that never wraps: the items that do not fit move into a "More" menu
 * at its end, in their order. Every item stays in the page, those under More
 * hidden but laid out at their natural width, so the widths the row decides
 * from are the items' own and the room it has (its parent's, less its
 * neighbours'), never a width that follows what it shows: a decision cannot
 * undo itself, and a button is not taken out and put back while nothing
 * changes. The decision is made as sizes change, before the browser paints.
 */
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';

export interface OverflowItem {
  key: string;
  /** The item in the row. */
  node: ReactNode;
  /** The item in the More menu: its text, and what choosing it does. */
  label: string;
  run: () => void;
}

interface Props {
  items: OverflowItem[];
  className?: string;
  /** The More button's accessible name, e.g. "More labels". */
  moreLabel: string;
  /** Keep the text selection when the More menu is used (the label bar). */
  keepSelection?: boolean;
  /** Role and name of the row (e.g. a toolbar named "Labels"). */
  role?: string;
  ariaLabel?: string;
}

/** How many items fit: all of them, or as many as leave room for the More button. */
export function itemsThatFit(widths: number[], gap: number, more: number, room: number): number {
  let total = 0;
  const ends = widths.map((w, i) => (total += w + (i ? gap : 0)));
  if (!ends.length || ends[ends.length - 1] <= room + 0.5) return widths.length;
  let n = 0;
  while (n < ends.length && ends[n] + gap + more <= room + 0.5) n++;
  return n;
}

/** The room a row has in its parent: the parent's content width, less its other children and the gaps between them. */
function roomOf(row: HTMLElement): number {
  const parent = row.parentElement;
  if (!parent) return row.clientWidth;
  const css = getComputedStyle(parent);
  let room = parent.clientWidth - parseFloat(css.paddingLeft) - parseFloat(css.paddingRight);
  const gap = parseFloat(css.columnGap) || 0;
  let inFlow = 0;
  for (const child of parent.children) {
    const c = getComputedStyle(child);
    if (c.position === 'absolute' || c.position === 'fixed' || c.display === 'none') continue;
    inFlow++;
    if (child !== row) room -= child.getBoundingClientRect().width + parseFloat(c.marginLeft) + parseFloat(c.marginRight);
  }
  return room - gap * Math.max(0, inFlow - 1);
}

export function OverflowRow({ items, className, moreLabel, keepSelection, role, ariaLabel }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [fit, setFit] = useState(items.length);
  const [open, setOpen] = useState(false);
  const keys = items.map((i) => i.key).join('\n');

  // Decides from the items' natural widths (shown or hidden, they keep them) and the room the parent gives.
  const decide = useRef<(sync: boolean) => void>(() => {});
  decide.current = (sync) => {
    const el = ref.current;
    if (!el) return;
    const kids = [...el.querySelectorAll<HTMLElement>(':scope > [data-overflow-item]')];
    const more = el.querySelector<HTMLElement>(':scope > .overflow-more');
    const gap = parseFloat(getComputedStyle(el).columnGap) || 0;
    const n = itemsThatFit(
      kids.map((k) => k.getBoundingClientRect().width),
      gap,
      more?.getBoundingClientRect().width ?? 80,
      roomOf(el),
    );
    if (n === fit) return;
    // From a resize observer, the new row is drawn in the frame that measured it.
    if (sync) flushSync(() => setFit(n));
    else setFit(n);
  };

  // New items: decide before the browser paints them, and watch every size the decision reads.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    decide.current(false);
    const observer = new ResizeObserver(() => decide.current(true));
    const parent = el.parentElement;
    for (const target of [el, ...el.children, ...(parent ? parent.children : []), ...(parent ? [parent] : [])]) observer.observe(target);
    return () => observer.disconnect();
  }, [keys]);

  useEffect(() => {
    if (!open) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent && e.key !== 'Escape') return;
      if (e instanceof MouseEvent && ref.current?.querySelector('.overflow-menu')?.contains(e.target as Node)) return;
      setOpen(false);
      if (e instanceof KeyboardEvent) e.preventDefault();
    };
    window.addEventListener('keydown', close, true);
    window.addEventListener('mousedown', close, true);
    return () => {
      window.removeEventListener('keydown', close, true);
      window.removeEventListener('mousedown', close, true);
    };
  }, [open]);

  const rest = items.slice(fit);
  const hold = keepSelection ? (e: React.MouseEvent) => e.preventDefault() : undefined;
  return (
    <div ref={ref} className={`overflow-row ${className ?? ''}`} role={role} aria-label={ariaLabel}>
      {items.map((i, at) => (
        <span key={i.key} data-overflow-item="" className="overflow-item" data-under-more={at >= fit || undefined}>
          {i.node}
        </span>
      ))}
      {/* Always laid out, so its width is known; hidden while everything fits. */}
      <span className="overflow-more" data-under-more={rest.length === 0 || undefined}>
        <button type="button" aria-label={moreLabel} aria-haspopup="menu" aria-expanded={open} onMouseDown={hold} onClick={() => setOpen(!open)} title={rest.map((i) => i.label).join(', ')}>
          More ▾
        </button>
        {open && (
          <div className="overflow-menu" role="menu" aria-label={moreLabel}>
            {rest.map((i) => (
              <button
                key={i.key}
                type="button"
                role="menuitem"
                onMouseDown={hold}
                onClick={() => {
                  setOpen(false);
                  i.run();
                }}
              >
                {i.label}
              </button>
            ))}
          </div>
        )}
      </span>
    </div>
  );
}
