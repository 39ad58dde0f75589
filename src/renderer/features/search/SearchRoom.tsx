/**
 * Search: a query with its options and filters, the hits as a concordance
 * with a running count (cancellable), and tag-all with a preview and undo.
 * The search keeps its query and hits while the reader is shown.
 */
import { useEffect, useRef, useState } from 'react';
import type { SearchPage, TagPreview } from '../../../core/api/search';
import type { SearchHit, SearchMode } from '../../../core/search';
import { api } from '../../api';
import { useApp, useAppStore } from '../../app/store';
import { openHit } from './actions';

/** Hits drawn at most; the count covers all of them. */
const SHOWN = 1_000;
const PAGE = 200;

interface Found {
  searchId: string;
  hits: SearchHit[];
  total: number;
  documents: number;
  done: boolean;
  cancelled: boolean;
}

interface Form {
  text: string;
  mode: SearchMode;
  wholeWord: boolean;
  caseSensitive: boolean;
  label: string;
  entityId: string;
}

/** Kept across visits to the reader, so the search is where it was left. */
let kept: { form: Form; found: Found | null; cursor: number; applied: Applied | null } = {
  form: { text: '', mode: 'text', wholeWord: true, caseSensitive: false, label: '', entityId: '' },
  found: null,
  cursor: 0,
  applied: null,
};

interface Applied {
  stepId: string;
  text: string;
}

export function SearchRoom() {
  const app = useAppStore();
  const info = useApp((s) => s.info);
  const entities = useApp((s) => s.entities);
  const [form, setForm] = useState<Form>(kept.form);
  const [found, setFound] = useState<Found | null>(kept.found);
  const [cursor, setCursor] = useState(kept.cursor);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const [tag, setTag] = useState({ label: '', entityId: '' });
  const [preview, setPreview] = useState<TagPreview | null>(null);
  const [applied, setApplied] = useState<Applied | null>(kept.applied);
  const listRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  kept = { form, found, cursor, applied };
  const labels = info?.schema.labels ?? [];

  useEffect(() => {
    if (!found) inputRef.current?.focus();
    else listRef.current?.focus();
    // Only when the screen opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Follows a running search: the running count, and hits until the first thousand are shown.
  useEffect(() => {
    if (!found || (found.done && found.hits.length >= Math.min(found.total, SHOWN))) return;
    let stop = false;
    const timer = setTimeout(async () => {
      try {
        const want = found.hits.length < SHOWN ? Math.min(PAGE, SHOWN - found.hits.length) : 0;
        const p: SearchPage = await api.search.page({ searchId: found.searchId, offset: found.hits.length, limit: want });
        if (stop) return;
        if (p.error) setError(p.error.message);
        setFound((f) => (f && f.searchId === found.searchId ? { ...f, hits: [...f.hits, ...p.hits], total: p.total, documents: p.documents, done: p.done, cancelled: p.cancelled } : f));
      } catch (e) {
        setError(String((e as Error).message));
      }
    }, found.hits.length === 0 ? 30 : 120);
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [found]);

  const run = async () => {
    setError(null);
    setPreview(null);
    setApplied(null);
    setPicked(new Set());
    setCursor(0);
    try {
      const query = {
        text: form.text,
        mode: form.mode,
        wholeWord: form.wholeWord,
        caseSensitive: form.caseSensitive,
        ...(form.label ? { label: form.label } : {}),
        ...(form.entityId ? { entityId: form.entityId } : {}),
      };
      const { searchId } = await api.search.start({ query });
      setFound({ searchId, hits: [], total: 0, documents: 0, done: false, cancelled: false });
    } catch (e) {
      setError(String((e as Error).message));
    }
  };

  const cancel = () => {
    if (found && !found.done) void api.search.cancel({ searchId: found.searchId }).catch(app.fail);
  };

  const chosen = () => (picked.size ? [...picked].sort((a, b) => a - b) : undefined);

  const doPreview = async () => {
    if (!found || !tag.label) return;
    setApplied(null);
    try {
      setPreview(await api.search.tagPreview({ searchId: found.searchId, label: tag.label, entityId: tag.entityId || undefined, hits: chosen() }));
    } catch (e) {
      app.fail(e);
    }
  };

  const apply = async () => {
    if (!found || !tag.label) return;
    try {
      const r = await api.search.tagAll({ searchId: found.searchId, label: tag.label, entityId: tag.entityId || undefined, hits: chosen() });
      setPreview(null);
      if (r.stepId) setApplied({ stepId: r.stepId, text: `Tagged ${r.mentions} hit${r.mentions === 1 ? '' : 's'} as ${tag.label} in ${r.documents} document${r.documents === 1 ? '' : 's'}.` });
      else app.toast('Nothing to tag: every hit is tagged already or overlaps a mention.', 'info');
      await afterLayersChanged();
    } catch (e) {
      app.fail(e);
    }
  };

  const undoApply = async () => {
    if (!applied) return;
    try {
      const r = await api.search.untag({ stepId: applied.stepId });
      setApplied(null);
      app.toast(r.skipped.length ? `Undone in ${r.undone} documents; ${r.skipped.length} changed since and kept.` : `Undone in ${r.undone} document${r.undone === 1 ? '' : 's'}.`, 'info');
      await afterLayersChanged();
    } catch (e) {
      app.fail(e);
    }
  };

  const afterLayersChanged = async () => {
    await app.refreshDocs();
    await app.reopenDoc();
  };

  const onListKey = (e: React.KeyboardEvent) => {
    if (!found || found.hits.length === 0) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = Math.max(0, Math.min(found.hits.length - 1, cursor + (e.key === 'ArrowDown' ? 1 : -1)));
      setCursor(next);
      listRef.current?.querySelector(`[data-hit="${next}"]`)?.scrollIntoView({ block: 'nearest' });
    } else if (e.key === 'Enter') {
      e.preventDefault();
      void openHit(app, found.hits[cursor]);
    } else if (e.key === ' ') {
      e.preventDefault();
      togglePick(cursor);
    }
  };

  const togglePick = (i: number) =>
    setPicked((p) => {
      const next = new Set(p);
      if (next.has(i)) next.delete(i);
      else next.add(i);
      return next;
    });

  const status = found
    ? `${found.total.toLocaleString('en')} hit${found.total === 1 ? '' : 's'} in ${found.documents.toLocaleString('en')} document${found.documents === 1 ? '' : 's'}${found.done ? (found.cancelled ? ' (cancelled)' : '') : ' so far…'}`
    : '';

  return (
    <section className="corpus search" aria-label="Search">
      <div className="corpus-head">
        <h1>Search</h1>
        <button onClick={() => app.showScreen('reader')}>Back to the reader</button>
      </div>
      <form
        className="search-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <input ref={inputRef} type="search" aria-label="Search for" placeholder="Words, a phrase, or a pattern" value={form.text} onChange={(e) => setForm({ ...form, text: e.target.value })} />
        <select aria-label="Match" value={form.mode} onChange={(e) => setForm({ ...form, mode: e.target.value as SearchMode })}>
          <option value="text">Text</option>
          <option value="phrase">Phrase</option>
          <option value="regex">Regular expression</option>
        </select>
        <label>
          <input type="checkbox" checked={form.wholeWord} disabled={form.mode === 'regex'} onChange={(e) => setForm({ ...form, wholeWord: e.target.checked })} /> Whole words
        </label>
        <label>
          <input type="checkbox" checked={form.caseSensitive} onChange={(e) => setForm({ ...form, caseSensitive: e.target.checked })} /> Match case
        </label>
        <select aria-label="Inside mentions labelled" value={form.label} onChange={(e) => setForm({ ...form, label: e.target.value })}>
          <option value="">Any text</option>
          {labels.map((l) => (
            <option key={l.name} value={l.name}>
              In {l.name} mentions
            </option>
          ))}
        </select>
        <select aria-label="Linked to entity" value={form.entityId} onChange={(e) => setForm({ ...form, entityId: e.target.value })}>
          <option value="">Any entity</option>
          {entities.map((en) => (
            <option key={en.id} value={en.id}>
              {en.name}
            </option>
          ))}
        </select>
        <button type="submit">Search</button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {found && (
        <div className="search-status">
          <span role="status">{status}</span>
          {!found.done && (
            <button type="button" onClick={cancel}>
              Cancel
            </button>
          )}
          {found.total > SHOWN && <span className="muted small">showing the first {SHOWN.toLocaleString('en')}</span>}
        </div>
      )}
      {found && found.done && found.total > 0 && (
        <div className="tag-all" aria-label="Tag hits">
          <span>{picked.size ? `Tag the ${picked.size} chosen hit${picked.size === 1 ? '' : 's'} as` : 'Tag all hits as'}</span>
          <select aria-label="Tag as label" value={tag.label} onChange={(e) => { setTag({ ...tag, label: e.target.value }); setPreview(null); }}>
            <option value="">choose a label</option>
            {labels.map((l) => (
              <option key={l.name} value={l.name}>
                {l.name}
              </option>
            ))}
          </select>
          <select aria-label="Link tagged mentions to entity" value={tag.entityId} onChange={(e) => { setTag({ ...tag, entityId: e.target.value }); setPreview(null); }}>
            <option value="">no entity</option>
            {entities.map((en) => (
              <option key={en.id} value={en.id}>
                {en.name}
              </option>
            ))}
          </select>
          <button type="button" disabled={!tag.label} onClick={() => void doPreview()}>
            Preview
          </button>
          {applied && (
            <span className="applied">
              {applied.text}{' '}
              <button type="button" onClick={() => void undoApply()}>
                Undo
              </button>
            </span>
          )}
        </div>
      )}
      {preview && (
        <div className="tag-preview" aria-label="Tagging preview">
          <p>
            {preview.mentions.toLocaleString('en')} new mention{preview.mentions === 1 ? '' : 's'} in {preview.documents.toLocaleString('en')} document{preview.documents === 1 ? '' : 's'}.
            {preview.alreadyTagged > 0 && ` ${preview.alreadyTagged} already tagged.`}
            {preview.overlapping > 0 && ` ${preview.overlapping} overlap other mentions and are left out.`}
            {preview.staleDocuments > 0 && ` ${preview.staleDocuments} documents have labels made for another text and are left alone.`}
          </p>
          {preview.overlaps.length > 0 && (
            <ul className="overlaps">
              {preview.overlaps.slice(0, 20).map((o) => (
                <li key={o.index}>
                  <q>{o.quote}</q> in {o.docId} overlaps {o.existing.map((x) => `${x.label} “${x.quote}”`).join(', ')}
                </li>
              ))}
            </ul>
          )}
          <button type="button" disabled={preview.mentions === 0} onClick={() => void apply()}>
            Tag {preview.mentions.toLocaleString('en')} hit{preview.mentions === 1 ? '' : 's'}
          </button>{' '}
          <button type="button" onClick={() => setPreview(null)}>
            Cancel
          </button>
        </div>
      )}
      {found && (
        <div className="concordance" role="listbox" aria-label="Hits" tabIndex={0} ref={listRef} onKeyDown={onListKey} aria-activedescendant={found.hits.length ? `hit-${cursor}` : undefined}>
          {found.hits.map((h, i) => (
            <div
              key={i}
              id={`hit-${i}`}
              data-hit={i}
              role="option"
              aria-selected={i === cursor}
              aria-checked={picked.has(i)}
              className={`hit${i === cursor ? ' on' : ''}`}
              onClick={() => setCursor(i)}
              onDoubleClick={() => void openHit(app, h)}
            >
              {/* The option says whether it is chosen (Space); this box is its picture, for the mouse, since a control inside an option would be nested. */}
              <span
                className={`hit-check${picked.has(i) ? ' on' : ''}`}
                aria-hidden="true"
                onClick={(e) => {
                  e.stopPropagation();
                  togglePick(i);
                }}
              />
              <span className="hit-doc" title={h.title}>
                {h.title}
              </span>
              <span className="hit-left">
                <bdi>{h.left}</bdi>
              </span>
              <mark className="hit-quote">{h.quote}</mark>
              <span className="hit-right">{h.right}</span>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
