/**
 * A row that never wraps: the items that do not fit move into a "More" menu
 * at its end, in their order. The row measures its items once per change of
 * width or items, before the browser paints, so nothing jumps.
 */
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

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

export function OverflowRow({ items, className, moreLabel, keepSelection, role, ariaLabel }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [fit, setFit] = useState(items.length);
  const [size, setSize] = useState('');
  const [measuring, setMeasuring] = useState(true);
  const [open, setOpen] = useState(false);
  const keys = items.map((i) => i.key).join('\n');

  // A new width or new items: every item is laid out once more and measured.
  useLayoutEffect(() => setMeasuring(true), [size, keys]);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // The row's own width, and its parent's: a row sized by its items does not grow by itself when the window does.
    const parent = el.parentElement;
    const observer = new ResizeObserver(() => setSize(`${el.clientWidth} ${parent?.clientWidth ?? 0}`));
    observer.observe(el);
    if (parent) observer.observe(parent);
    return () => observer.disconnect();
  }, []);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!measuring || !el) return;
    const row = el.getBoundingClientRect();
    const kids = [...el.querySelectorAll<HTMLElement>(':scope > [data-overflow-item]')];
    const more = el.querySelector<HTMLElement>(':scope > .overflow-more');
    const moreWidth = (more?.getBoundingClientRect().width ?? 80) + 8;
    const ends = kids.map((k) => k.getBoundingClientRect().right - row.left);
    let n = ends.findIndex((end) => end > row.width + 0.5);
    if (n !== -1) {
      // The More button needs room too.
      while (n > 0 && ends[n - 1] > row.width - moreWidth) n--;
    } else n = kids.length;
    setFit(n);
    setMeasuring(false);
  }, [measuring]);

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

  const shown = measuring ? items.length : fit;
  const rest = items.slice(shown);
  const hold = keepSelection ? (e: React.MouseEvent) => e.preventDefault() : undefined;
  return (
    <div ref={ref} className={`overflow-row ${className ?? ''}`} role={role} aria-label={ariaLabel}>
      {items.slice(0, shown).map((i) => (
        <span key={i.key} data-overflow-item="" className="overflow-item">
          {i.node}
        </span>
      ))}
      {(measuring || rest.length > 0) && (
        <span className="overflow-more" style={measuring ? { visibility: 'hidden', position: 'absolute' } : undefined}>
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
      )}
    </div>
  );
}
