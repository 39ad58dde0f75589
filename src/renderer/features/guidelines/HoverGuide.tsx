/**
 * A definition that appears where the analyst looks: hovering over (or
 * focusing) a label button, a mention or a role slot shows its guide after a
 * short pause, placed beside the thing and kept on screen; the pointer can
 * move into it to follow its link. Esc or leaving hides it.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactElement, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

export const SHOW_AFTER_MS = 350;
export const HIDE_AFTER_MS = 150;

interface Props {
  card: ReactNode;
  /** One element: it gets the hover and focus handlers through a wrapping span. */
  children: ReactElement;
  disabled?: boolean;
}

export function HoverGuide({ card, children, disabled }: Props) {
  const [open, setOpen] = useState(false);
  const anchor = useRef<HTMLSpanElement>(null);
  const timer = useRef<number | undefined>(undefined);
  const id = useId();
  const later = (next: boolean, ms: number) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setOpen(next), ms);
  };
  useEffect(() => () => window.clearTimeout(timer.current), []);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [open]);
  if (disabled) return children;
  return (
    <span
      ref={anchor}
      className="hover-guide-anchor"
      aria-describedby={open ? id : undefined}
      onPointerEnter={() => later(true, SHOW_AFTER_MS)}
      onPointerLeave={() => later(false, HIDE_AFTER_MS)}
      onFocus={() => later(true, SHOW_AFTER_MS)}
      onBlur={() => later(false, HIDE_AFTER_MS)}
    >
      {children}
      {open && anchor.current && (
        <Popover id={id} anchor={anchor.current} onEnter={() => window.clearTimeout(timer.current)} onLeave={() => later(false, HIDE_AFTER_MS)}>
          {card}
        </Popover>
      )}
    </span>
  );
}

/** The card itself, placed below `anchor` (above when there is no room) and kept inside the window. */
export function Popover({ id, anchor, children, onEnter, onLeave }: { id: string; anchor: HTMLElement; children: ReactNode; onEnter: () => void; onLeave: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const [at, setAt] = useState<{ left: number; top: number } | null>(null);
  useLayoutEffect(() => {
    const box = anchor.getBoundingClientRect();
    const el = ref.current!.getBoundingClientRect();
    const margin = 8;
    const below = box.bottom + margin + el.height <= window.innerHeight;
    const top = below ? box.bottom + margin : Math.max(margin, box.top - margin - el.height);
    const left = Math.min(Math.max(margin, box.left), window.innerWidth - el.width - margin);
    setAt({ left, top });
  }, [anchor]);
  return createPortal(
    <div
      ref={ref}
      id={id}
      role="tooltip"
      className="hover-guide"
      style={at ? { left: at.left, top: at.top } : { left: -9999, top: 0 }}
      onPointerEnter={onEnter}
      onPointerLeave={onLeave}
    >
      {children}
    </div>,
    document.body,
  );
}
