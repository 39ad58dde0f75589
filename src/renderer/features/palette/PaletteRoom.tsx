/**
 * The command palette (Ctrl/Cmd+Shift+P, Ctrl/Cmd+K): one field over the
 * action registry, the document list and the entity registry. Arrows move,
 * Enter runs or opens, Esc closes and gives the focus back.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { DocumentSummary } from '../../../core/api/documents';
import { api } from '../../api';
import { useApp, useAppStore } from '../../app/store';
import { choose, offeredActions, paletteItems, type PaletteItem } from './actions';

const GROUPS: { kind: PaletteItem['kind']; title: string }[] = [
  { kind: 'action', title: 'Actions' },
  { kind: 'document', title: 'Documents' },
  { kind: 'entity', title: 'Entities' },
];

export function PaletteRoom() {
  const open = useApp((s) => s.dialog?.kind === 'palette');
  return open ? <Palette /> : null;
}

function Palette() {
  const app = useAppStore();
  const entities = useApp((s) => s.entities);
  // Where the keyboard was: actions are offered as they apply there, and the focus goes back there.
  const [opener] = useState(() => document.activeElement as HTMLElement | null);
  const actions = useMemo(() => offeredActions(app.state, app, opener), [app, opener]);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const docs = useMatchingDocuments(query);
  const items = useMemo(() => paletteItems(query, actions, docs, entities), [query, actions, docs, entities]);
  const list = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const at = Math.min(active, items.length - 1);

  useEffect(() => {
    input.current?.focus();
    return () => {
      if (opener?.isConnected && document.activeElement === document.body) opener.focus();
    };
  }, [opener]);
  useEffect(() => {
    list.current?.querySelector(`[data-index="${at}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [at]);

  const close = () => app.closeDialog();
  const onKey = (e: React.KeyboardEvent) => {
    const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : e.key === 'PageDown' ? 8 : e.key === 'PageUp' ? -8 : 0;
    if (step) {
      e.preventDefault();
      setActive(Math.max(0, Math.min(items.length - 1, at + step)));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (items[at]) choose(app, items[at]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  };

  let index = 0;
  return (
    <div
      className="backdrop palette-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) close();
      }}
    >
      <div className="command-palette" role="dialog" aria-modal="true" aria-label="Command palette" onKeyDown={onKey}>
        <input
          ref={input}
          className="palette-input"
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-results"
          aria-autocomplete="list"
          aria-activedescendant={items[at] ? `palette-${at}` : undefined}
          aria-label="Run an action, open a document or an entity"
          placeholder="Type an action, a document or an entity…"
          value={query}
          spellCheck={false}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
        />
        <div id="palette-results" ref={list} className="palette-results" role="listbox" aria-label="Results">
          {GROUPS.map((g) => {
            const inGroup = items.filter((i) => i.kind === g.kind);
            if (inGroup.length === 0) return null;
            return (
              <div key={g.kind} role="group" aria-labelledby={`palette-group-${g.kind}`}>
                <div id={`palette-group-${g.kind}`} className="palette-group" role="presentation">
                  {g.title}
                </div>
                {inGroup.map((item) => {
                  const i = index++;
                  return (
                    <div
                      key={`${item.kind}:${item.id}`}
                      id={`palette-${i}`}
                      data-index={i}
                      role="option"
                      aria-selected={i === at}
                      className={`palette-item ${i === at ? 'on' : ''}`}
                      onMouseMove={() => i !== at && setActive(i)}
                      onClick={() => choose(app, item)}
                    >
                      <span className="palette-title">{item.title}</span>
                      {item.kind === 'action' ? item.keys && <kbd>{item.keys}</kbd> : item.detail && <span className="palette-detail">{item.detail}</span>}
                    </div>
                  );
                })}
              </div>
            );
          })}
          {items.length === 0 && <p className="palette-empty">Nothing matches “{query}”.</p>}
        </div>
      </div>
    </div>
  );
}

/** Documents whose title or outlet holds the words typed, asked of main (the window never holds the whole corpus). */
function useMatchingDocuments(query: string): DocumentSummary[] {
  const [docs, setDocs] = useState<DocumentSummary[]>([]);
  useEffect(() => {
    let current = true;
    api.documents.page({ offset: 0, limit: query.trim() ? 200 : 5, text: query.slice(0, 200) }).then(
      (page) => current && setDocs(page.rows),
      () => current && setDocs([]),
    );
    return () => {
      current = false;
    };
  }, [query]);
  return docs;
}
