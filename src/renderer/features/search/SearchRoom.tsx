/**
 * Search: a query with its options and filters, the hits as a concordance
 * with a running count (cancellable), and tag-all with a preview and undo.
 * The search keeps its query and hits while the reader is shown.
 */
import { useEffect, useRef, useState } from 'react';
import type { IndexStatus } from '../../../core/api/search';
import { describeRemaining } from '../../../core/progress';
import type { SearchMode } from '../../../core/search';
import { Spinner } from '../../app/Waits';
import { useApp, useAppStore } from '../../app/store';
import {
  cancelSearch,
  closePreview,
  editForm,
  enterSearch,
  followSearch,
  following,
  indexStatus,
  openHit,
  previewTagging,
  runSearch,
  setCursor,
  setTag,
  SHOWN,
  tagHits,
  togglePick,
  untagHits,
} from './actions';
import { searchSlice } from './slice';

export function SearchRoom() {
  const app = useAppStore();
  const info = useApp((s) => s.info);
  const entities = useApp((s) => s.entities);
  const { form, found, cursor, error, picked, tag, preview, applied } = searchSlice.use((s) => s);
  const listRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const labels = info?.schema.labels ?? [];

  useEffect(() => {
    enterSearch(app);
    if (!searchSlice.of(app.state).found) inputRef.current?.focus();
    else listRef.current?.focus();
  }, [app]);

  // Follows a running search: the running count, and hits until the first thousand are shown.
  useEffect(() => {
    if (!following(found)) return;
    let stop = false;
    const timer = setTimeout(() => void followSearch(app, found, () => stop), found.hits.length === 0 ? 30 : 120);
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [app, found]);

  const onListKey = (e: React.KeyboardEvent) => {
    if (!found || found.hits.length === 0) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = Math.max(0, Math.min(found.hits.length - 1, cursor + (e.key === 'ArrowDown' ? 1 : -1)));
      setCursor(app, next);
      listRef.current?.querySelector(`[data-hit="${next}"]`)?.scrollIntoView({ block: 'nearest' });
    } else if (e.key === 'Enter') {
      e.preventDefault();
      void openHit(app, found.hits[cursor]);
    } else if (e.key === ' ') {
      e.preventDefault();
      togglePick(app, cursor);
    }
  };

  const read = found?.scanned && !found.done ? ` (read ${found.scanned.done.toLocaleString('en')} of ${found.scanned.total.toLocaleString('en')} documents)` : '';
  const status = found
    ? `${found.total.toLocaleString('en')} hit${found.total === 1 ? '' : 's'} in ${found.documents.toLocaleString('en')} document${found.documents === 1 ? '' : 's'}${found.done ? (found.cancelled ? ' (cancelled)' : '') : ` so far…${read}`}`
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
          void runSearch(app);
        }}
      >
        <input ref={inputRef} type="search" aria-label="Search for" placeholder="Words, a phrase, or a pattern" value={form.text} onChange={(e) => editForm(app, { text: e.target.value })} />
        <select aria-label="Match" value={form.mode} onChange={(e) => editForm(app, { mode: e.target.value as SearchMode })}>
          <option value="text">Text</option>
          <option value="phrase">Phrase</option>
          <option value="regex">Regular expression</option>
        </select>
        <label>
          <input type="checkbox" checked={form.wholeWord} disabled={form.mode === 'regex'} onChange={(e) => editForm(app, { wholeWord: e.target.checked })} /> Whole words
        </label>
        <label>
          <input type="checkbox" checked={form.caseSensitive} onChange={(e) => editForm(app, { caseSensitive: e.target.checked })} /> Match case
        </label>
        <select aria-label="Inside mentions labelled" value={form.label} onChange={(e) => editForm(app, { label: e.target.value })}>
          <option value="">Any text</option>
          {labels.map((l) => (
            <option key={l.name} value={l.name}>
              In {l.name} mentions
            </option>
          ))}
        </select>
        <select aria-label="Linked to entity" value={form.entityId} onChange={(e) => editForm(app, { entityId: e.target.value })}>
          <option value="">Any entity</option>
          {entities.map((en) => (
            <option key={en.id} value={en.id}>
              {en.name}
            </option>
          ))}
        </select>
        <button type="submit">Search</button>
      </form>
      <IndexNote />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {found && (
        <div className="search-status">
          {!found.done && <Spinner />}
          <span role="status">{status}</span>
          {!found.done && (
            <button type="button" onClick={() => cancelSearch(app)}>
              Cancel
            </button>
          )}
          {found.total > SHOWN && <span className="muted small">showing the first {SHOWN.toLocaleString('en')}</span>}
        </div>
      )}
      {found && found.done && found.total > 0 && (
        <div className="tag-all" aria-label="Tag hits">
          <span>{picked.size ? `Tag the ${picked.size} chosen hit${picked.size === 1 ? '' : 's'} as` : 'Tag all hits as'}</span>
          <select aria-label="Tag as label" value={tag.label} onChange={(e) => setTag(app, { label: e.target.value })}>
            <option value="">choose a label</option>
            {labels.map((l) => (
              <option key={l.name} value={l.name}>
                {l.name}
              </option>
            ))}
          </select>
          <select aria-label="Link tagged mentions to entity" value={tag.entityId} onChange={(e) => setTag(app, { entityId: e.target.value })}>
            <option value="">no entity</option>
            {entities.map((en) => (
              <option key={en.id} value={en.id}>
                {en.name}
              </option>
            ))}
          </select>
          <button type="button" disabled={!tag.label} onClick={() => void previewTagging(app)}>
            Preview
          </button>
          {applied && (
            <span className="applied">
              {applied.text}{' '}
              <button type="button" onClick={() => void untagHits(app)}>
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
          <button type="button" disabled={preview.mentions === 0} onClick={() => void tagHits(app)}>
            Tag {preview.mentions.toLocaleString('en')} hit{preview.mentions === 1 ? '' : 's'}
          </button>{' '}
          <button type="button" onClick={() => closePreview(app)}>
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
              onClick={() => setCursor(app, i)}
              onDoubleClick={() => void openHit(app, h)}
            >
              {/* The option says whether it is chosen (Space); this box is its picture, for the mouse, since a control inside an option would be nested. */}
              <span
                className={`hit-check${picked.has(i) ? ' on' : ''}`}
                aria-hidden="true"
                onClick={(e) => {
                  e.stopPropagation();
                  togglePick(app, i);
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

/** Documents still to index for the note to show. */
const INDEX_NOTE_FROM = 2_000;

/** While the word index is being built: how far, and that searches meanwhile read the documents themselves. */
function IndexNote() {
  const [status, setStatus] = useState<IndexStatus | null>(null);
  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const s = await indexStatus();
      if (stop) return;
      setStatus(s);
      if (!s?.ready) timer = setTimeout(() => void poll(), 1_000);
    };
    void poll();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, []);
  // A small index is built before anyone could read a note about it.
  if (!status || status.ready || status.total < INDEX_NOTE_FROM) return null;
  // The estimate is main's, from its pace so far.
  const left = describeRemaining(status.etaMs);
  return (
    <div className="index-note" aria-live="polite" aria-label="Search index">
      <Spinner />
      <span>
        Building the search index: {status.indexed.toLocaleString('en')} of {status.total.toLocaleString('en')} documents{left ? `, ${left}` : ''}. Until it is ready, a search reads the documents one by one: the first hits come at once, the count as it reads.
      </span>
      <progress max={status.total} value={status.indexed} aria-label="Search index progress" />
    </div>
  );
}
