/**
 * The three panes: documents, reader, sidebar. The side panes can be hidden
 * and resized (drag the divider, or focus it and press ← →); the sizes are
 * stored with the user's settings.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import type { Appearance } from '../../core/api/settings';
import { useApp, useAppStore } from './store';

type Side = 'documents' | 'sidebar';

const LIMITS: Record<Side, [number, number]> = { documents: [160, 640], sidebar: [240, 720] };

export function Panes({ hidden, documents, reader, sidebar }: { hidden: boolean; documents: ReactNode; reader: ReactNode; sidebar: ReactNode }) {
  const a = useApp((s) => s.appearance);
  const columns = [a.documentsHidden ? '0px' : `${a.documentsWidth}px`, 'auto', 'minmax(0, 1fr)', 'auto', a.sidebarHidden ? '0px' : `${a.sidebarWidth}px`].join(' ');
  return (
    <div className="panes" hidden={hidden} style={{ gridTemplateColumns: columns }}>
      {/* A folded pane keeps its grid cell (0 wide), so the others keep theirs. */}
      <div className="pane-slot" data-folded={a.documentsHidden || undefined}>
        {documents}
      </div>
      <Divider side="documents" />
      {reader}
      <Divider side="sidebar" />
      <div className="pane-slot" data-folded={a.sidebarHidden || undefined}>
        {sidebar}
      </div>
    </div>
  );
}

function Divider({ side }: { side: Side }) {
  const app = useAppStore();
  const a = useApp((s) => s.appearance);
  const widthKey = side === 'documents' ? 'documentsWidth' : 'sidebarWidth';
  const hiddenKey = side === 'documents' ? 'documentsHidden' : 'sidebarHidden';
  const width = a[widthKey];
  const isHidden = a[hiddenKey];
  const name = side === 'documents' ? 'document list' : 'sidebar';
  const drag = useRef<{ x: number; w: number } | null>(null);
  const [min, max] = LIMITS[side];
  const clamp = (w: number) => Math.round(Math.max(min, Math.min(max, w)));
  // Dragging right widens the document list and narrows the sidebar.
  const sign = side === 'documents' ? 1 : -1;

  useEffect(() => {
    const move = (e: PointerEvent) => {
      if (!drag.current) return;
      app.setAppearance({ [widthKey]: clamp(drag.current.w + sign * (e.clientX - drag.current.x)) } as Partial<Appearance>, false);
    };
    const up = () => {
      if (!drag.current) return;
      drag.current = null;
      document.body.classList.remove('resizing');
      app.setAppearance({});
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    return () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
  });

  const toggle = (
    <button className="pane-toggle" aria-label={`${isHidden ? 'Show' : 'Hide'} the ${name}`} title={`${isHidden ? 'Show' : 'Hide'} the ${name}`} onClick={() => app.setAppearance({ [hiddenKey]: !isHidden } as Partial<Appearance>)}>
      {(side === 'documents') !== isHidden ? '‹' : '›'}
    </button>
  );
  return (
    <div className={`divider divider-${side}`}>
      {side === 'sidebar' && toggle}
      {!isHidden && (
        <div
          className="divider-handle"
          role="separator"
          aria-orientation="vertical"
          aria-label={`Width of the ${name}`}
          aria-valuemin={min}
          aria-valuemax={max}
          aria-valuenow={width}
          tabIndex={0}
          onPointerDown={(e) => {
            e.preventDefault();
            drag.current = { x: e.clientX, w: width };
            document.body.classList.add('resizing');
          }}
          onKeyDown={(e) => {
            if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
            e.preventDefault();
            e.stopPropagation();
            app.setAppearance({ [widthKey]: clamp(width + sign * (e.key === 'ArrowRight' ? 24 : -24)) } as Partial<Appearance>);
          }}
        />
      )}
      {side === 'documents' && toggle}
    </div>
  );
}

/** Applies the theme (following the system when asked to) and the text size to the page. */
export function useAppearance(): void {
  const theme = useApp((s) => s.appearance.theme);
  const textSize = useApp((s) => s.appearance.textSize);
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      document.documentElement.dataset.theme = theme === 'system' ? (media.matches ? 'dark' : 'light') : theme;
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);
  useEffect(() => {
    document.documentElement.style.setProperty('--reader-size', `${textSize}px`);
  }, [textSize]);
}
