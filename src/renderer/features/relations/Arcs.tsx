/**
 * The arcs of relations and frame roles over the reader's text: an SVG laid
 * over the text column, inside the scrolling box so it scrolls with the text
 * for free. It is laid out again only when the text's layout changes (marks
 * drawn, a chunk mounted, the column resized), once per frame at most.
 */
import { useEffect, useRef, useState } from 'react';
import { useApp, useAppStore, useDocVersion } from '../../app/store';
import { focusFrame } from '../frames/actions';
import { arcsOf, frameAnchor, layoutArcs, type Box, type Segment } from './arcLayout';
import { relationsSlice } from './slice';
import './arcs.css';

/** Height between stacked arcs, in pixels. */
const STEP = 11;

/**
 * Spaces each paragraph's lines for the highest stack of arcs over any of
 * them (as brat spaces its lines): the arcs stay clear of the line above.
 * Only the line height changes, so lines wrap as before and the next layout
 * finds the same stacks.
 */
function makeRoom(host: HTMLElement, segments: readonly Segment[], dy: number): void {
  for (const para of host.querySelectorAll<HTMLElement>('.para')) {
    const r = para.getBoundingClientRect();
    let levels = 0;
    for (const s of segments) if (s.y >= r.top + dy - 2 && s.y < r.bottom + dy) levels = Math.max(levels, s.level);
    const room = levels ? `${levels * STEP + 2}px` : '';
    if (para.style.getPropertyValue('--arc-room') !== room) {
      if (room) para.style.setProperty('--arc-room', room);
      else para.style.removeProperty('--arc-room');
    }
  }
}

export function RelationArcs() {
  const app = useAppStore();
  const store = useApp((s) => s.doc);
  const types = useApp((s) => s.info?.schema.frameTypes);
  const shown = relationsSlice.use((s) => s.arcs);
  const pending = relationsSlice.use((s) => s.pending);
  const version = useDocVersion(store);
  const svgRef = useRef<SVGSVGElement>(null);
  const [drawn, setDrawn] = useState<{ segments: Segment[]; width: number; height: number } | null>(null);

  const arcs = shown && store && types ? arcsOf(store.layer.frames, types) : [];
  const any = arcs.length > 0;

  useEffect(() => {
    const svg = svgRef.current;
    const scroller = svg?.parentElement;
    const host = scroller?.querySelector<HTMLElement>('.doc-text');
    scroller?.classList.toggle('with-arcs', any);
    if (!svg || !scroller || !host || !any) {
      setDrawn(null);
      return;
    }
    let raf = 0;
    const draw = () => {
      raf = 0;
      const box = scroller.getBoundingClientRect();
      const dx = scroller.scrollLeft - box.left;
      const dy = scroller.scrollTop - box.top;
      const boxes = new Map<string, Box>();
      // Only the marks an arc ends on are measured.
      const needed = new Set(arcs.flatMap((a) => [a.from, a.to]));
      const put = (id: string | undefined, el: Element) => {
        if (!id || boxes.has(id) || !needed.has(id)) return;
        const r = el.getClientRects()[0];
        if (r) boxes.set(id, { left: r.left + dx, right: r.right + dx, top: r.top + dy });
      };
      for (const el of host.querySelectorAll<HTMLElement>('mark.mention[data-mention-id]')) put(el.dataset.mentionId, el);
      for (const el of host.querySelectorAll<HTMLElement>('mark.evidence[data-frame-id]')) put(el.dataset.frameId && frameAnchor(el.dataset.frameId), el);
      const col = host.getBoundingClientRect();
      const segments = layoutArcs(arcs, boxes, { step: STEP, left: col.left + dx, right: col.right + dx, labelWidth: (n) => n * 5.6 + 8 });
      makeRoom(host, segments, dy);
      setDrawn({ segments, width: scroller.scrollWidth, height: scroller.scrollHeight });
    };
    const schedule = () => {
      if (!raf) raf = requestAnimationFrame(draw);
    };
    schedule();
    const mutations = new MutationObserver(schedule);
    mutations.observe(host, { childList: true, subtree: true });
    const sizes = new ResizeObserver(schedule);
    sizes.observe(host);
    return () => {
      cancelAnimationFrame(raf);
      mutations.disconnect();
      sizes.disconnect();
    };
    // arcs is computed from store, version and types.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, version, types, any]);

  // A relation is drawn as its arc: the stretch it is filed under is not marked in the text as a stance's evidence is.
  const relationTypes = (types ?? []).filter((t) => t.relation).map((t) => `mark.evidence[data-frame-type="${CSS.escape(t.name)}"]`);
  return (
    <>
      {relationTypes.length > 0 && <style>{`${relationTypes.join(',')}{background:none;border:none;padding:0}${relationTypes.map((s) => `${s}::before`).join(',')}{display:none}`}</style>}
      {/* The source of a relation waiting for its target stays marked until the click. */}
      {pending && <style>{`mark.mention[data-mention-id="${CSS.escape(pending.source)}"]{outline:2px dashed var(--c);outline-offset:1px}`}</style>}
      <svg
      ref={svgRef}
      className="relation-arcs"
      aria-hidden="true"
      width={drawn?.width ?? 0}
      height={drawn?.height ?? 0}
      style={{ display: drawn ? undefined : 'none' }}
    >
      {drawn?.segments.map((s) => (
        <g key={s.key} className="arc" data-frame-id={s.frameId} style={{ '--c': s.color } as React.CSSProperties}>
          <path className="arc-line" d={s.path} />
          {s.head && <path className="arc-head" d={s.head} />}
          {s.label && (
            // A click on its name selects the frame: its card shows it, to edit or delete.
            <text className="arc-label" x={s.label.x} y={s.label.y} dy="0.35em" textAnchor="middle" onClick={() => focusFrame(app, store?.frame(s.frameId), false)}>
              {s.label.text}
            </text>
          )}
        </g>
      ))}
      </svg>
    </>
  );
}
