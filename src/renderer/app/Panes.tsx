/**
 * The three panes: documents, reader, sidebar. The side panes can be hidden
 * and resized (drag the divider, or focus it and press ← →); the sizes are
 * stored with the user's settings. In a window too narrow for both side
 * panes and a readable text column, one side pane folds by itself (the
 * sidebar, unless it was the last one shown) and opens again when there is
 * room; nothing about it is saved.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Appearance } from '../../core/api/settings';
import { useApp, useAppStore } from './store';

type Side = 'documents' | 'sidebar';

const LIMITS: Record<Side, [number, number]> = { documents: [160, 640], sidebar: [240, 720] };

/** The reader's narrowest width with both side panes shown: a text column of 560 px, its margins and the dividers. */
export const READER_MIN = 640;

function useWindowWidth(): number {
  const [width, setWidth] = useState(() => window.innerWidth);
  useEffect(() => {
    const onResize = () => setWidth(window.innerWidth);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return width;
}

/** Which side panes are folded now: as the analyst left them, and one more when the window is too narrow for both. */
export interface Folded {
  documents: boolean;
  sidebar: boolean;
  /** The pane folded only for want of room. */
  auto: Side | null;
}

export function Panes({ hidden, documents, reader, sidebar }: { hidden: boolean; documents: ReactNode; reader: ReactNode; sidebar: ReactNode }) {
  const a = useApp((s) => s.appearance);
  const windowWidth = useWindowWidth();
  // The side pane shown last is kept when only one fits.
  const [keep, setKeep] = useState<Side>('documents');
  const narrow = !a.documentsHidden && !a.sidebarHidden && windowWidth - a.documentsWidth - a.sidebarWidth < READER_MIN;
  const auto: Side | null = narrow ? (keep === 'documents' ? 'sidebar' : 'documents') : null;
  const folded: Folded = { documents: a.documentsHidden || auto === 'documents', sidebar: a.sidebarHidden || auto === 'sidebar', auto };
  const columns = [folded.documents ? '0px' : `${a.documentsWidth}px`, 'auto', 'minmax(0, 1fr)', 'auto', folded.sidebar ? '0px' : `${a.sidebarWidth}px`].join(' ');
  return (
    <div className="panes" hidden={hidden} style={{ gridTemplateColumns: columns }}>
      {/* A folded pane keeps its grid cell (0 wide), so the others keep theirs. */}
      <div className="pane-slot" data-folded={folded.documents || undefined}>
        {documents}
      </div>
      <Divider side="documents" folded={folded} onShow={setKeep} />
      {reader}
      <Divider side="sidebar" folded={folded} onShow={setKeep} />
      <div className="pane-slot" data-folded={folded.sidebar || undefined}>
        {sidebar}
      </div>
    </div>
  );
}

function Divider({ side, folded, onShow }: { side: Side; folded: Folded; onShow: (side: Side) => void }) {
  const app = useAppStore();
  const a = useApp((s) => s.appearance);
  const widthKey = side === 'documents' ? 'documentsWidth' : 'sidebarWidth';
  const hiddenKey = side === 'documents' ? 'documentsHidden' : 'sidebarHidden';
  const width = a[widthKey];
  const isHidden = folded[side];
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
    <button className="pane-toggle" aria-label={`${isHidden ? 'Show' : 'Hide'} the ${name}`} title={`${isHidden ? 'Show' : 'Hide'} the ${name}`} onClick={() => {
        // Shown again while folded for want of room: this pane is kept, the other folds.
        if (folded.auto === side) return onShow(side);
        if (isHidden) onShow(side);
        app.setAppearance({ [hiddenKey]: !isHidden } as Partial<Appearance>);
      }}
    >
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
