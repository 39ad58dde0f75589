/**
 * The definition of a mention's label on hover over the mention in the text.
 * The reader's marks are Lexical's DOM, not React's, so the hover is watched
 * on the scrolling text as a whole (one listener, whatever the document's
 * size) and the card is the same one the label bar shows. A pressed button
 * (a drag that selects) or a scroll hides it and shows none.
 */
import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import type { LabelDef } from '../../../core/model';
import { useAppStore } from '../../app/store';
import { GuideCard } from './GuideCard';
import { HIDE_AFTER_MS, Popover, SHOW_AFTER_MS } from './HoverGuide';
import { openGuidelines } from './actions';

const MARK = 'mark.mention[data-label]';

function markOf(target: EventTarget | null): HTMLElement | null {
  return target instanceof Element ? target.closest<HTMLElement>(MARK) : null;
}

export function MentionGuide({ text, labels }: { text: RefObject<HTMLElement | null>; labels: readonly LabelDef[] }) {
  const app = useAppStore();
  const id = useId();
  const [mark, setMark] = useState<HTMLElement | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const shown = useRef<HTMLElement | null>(null);
  shown.current = mark;
  const later = (next: HTMLElement | null, ms: number) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setMark(next), ms);
  };

  useEffect(() => {
    const el = text.current;
    if (!el) return;
    const hide = () => {
      window.clearTimeout(timer.current);
      setMark(null);
    };
    const over = (e: PointerEvent) => {
      const m = markOf(e.target);
      if (e.buttons) return;
      if (!m) return later(null, HIDE_AFTER_MS);
      if (m === shown.current) return window.clearTimeout(timer.current);
      later(m, shown.current ? 0 : SHOW_AFTER_MS);
    };
    const out = (e: PointerEvent) => {
      if (markOf(e.relatedTarget) !== shown.current || !markOf(e.relatedTarget)) later(null, HIDE_AFTER_MS);
    };
    const key = (e: KeyboardEvent) => {
      if (e.key === 'Escape') hide();
    };
    el.addEventListener('pointerover', over);
    el.addEventListener('pointerout', out);
    el.addEventListener('pointerdown', hide);
    el.addEventListener('scroll', hide, { passive: true });
    window.addEventListener('keydown', key, true);
    return () => {
      window.clearTimeout(timer.current);
      el.removeEventListener('pointerover', over);
      el.removeEventListener('pointerout', out);
      el.removeEventListener('pointerdown', hide);
      el.removeEventListener('scroll', hide);
      window.removeEventListener('keydown', key, true);
    };
  }, [text]);

  // A repaint replaces the marks: a card whose mention is gone goes with it.
  if (!mark || !mark.isConnected) return null;
  const def = labels.find((l) => l.name === mark.dataset.label);
  if (!def || (!def.guide && !def.description)) return null;
  return (
    <Popover id={id} anchor={mark} onEnter={() => window.clearTimeout(timer.current)} onLeave={() => later(null, HIDE_AFTER_MS)}>
      <GuideCard title={def.name} guide={def.guide} description={def.description} onOpenGuidelines={(anchor) => openGuidelines(app, anchor)} />
    </Popover>
  );
}
