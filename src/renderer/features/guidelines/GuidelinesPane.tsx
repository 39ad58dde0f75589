/**
 * The workspace's guidelines beside the text: rendered safely, opened at a
 * definition's heading, and editable in place (Markdown; Ctrl+S saves, Esc
 * leaves without saving). A save names the version it replaces, so a
 * colleague's edit that arrived meanwhile is never overwritten unseen.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Guidelines } from '../../../core/api/guidelines';
import { anchorId, renderGuidelines } from './markdown';

interface Props {
  guidelines: Guidelines | null;
  /** The heading to show, as a definition's link asked for. */
  anchor: string | null;
  onSave: (text: string, before: string) => Promise<void>;
  onReload: () => void;
}

export function GuidelinesPane({ guidelines, anchor, onSave, onReload }: Props) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const body = useRef<HTMLDivElement>(null);
  const html = useMemo(() => (guidelines ? renderGuidelines(guidelines.text) : ''), [guidelines]);

  useEffect(() => {
    if (!anchor || draft !== null) return;
    const target = body.current?.querySelector<HTMLElement>(`#${CSS.escape(anchorId(anchor))}`);
    if (!target) return;
    target.scrollIntoView({ block: 'start' });
    target.classList.add('guide-target');
    const t = window.setTimeout(() => target.classList.remove('guide-target'), 1600);
    return () => window.clearTimeout(t);
  }, [anchor, html, draft]);

  if (!guidelines) return <p className="muted">Loading the guidelines…</p>;

  const save = async () => {
    if (draft === null) return;
    setSaving(true);
    setError(null);
    try {
      await onSave(draft, guidelines.hash);
      setDraft(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  if (draft !== null) {
    return (
      <div className="guidelines editing">
        <label className="field-label" htmlFor="guidelines-draft">
          Guidelines (Markdown)
        </label>
        <textarea
          id="guidelines-draft"
          className="guidelines-draft"
          value={draft}
          spellCheck
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
              e.preventDefault();
              e.stopPropagation();
              void save();
            } else if (e.key === 'Escape') {
              e.stopPropagation();
              setDraft(null);
            }
          }}
        />
        {error && (
          <p className="error" role="alert">
            {error}{' '}
            <button className="link" onClick={onReload}>
              Reload
            </button>
          </p>
        )}
        <div className="row">
          <button className="primary" disabled={saving} onClick={() => void save()}>
            {saving ? 'Saving…' : 'Save'} <kbd>Ctrl+S</kbd>
          </button>
          <button disabled={saving} onClick={() => setDraft(null)}>
            Cancel <kbd>Esc</kbd>
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="guidelines">
      <div className="row guidelines-bar">
        <button onClick={() => setDraft(guidelines.text)}>Edit guidelines</button>
      </div>
      {guidelines.text.trim() ? (
        // Rendered with raw HTML off and sanitised (markdown.ts): nothing from the file runs.
        <div ref={body} className="guidelines-body" dangerouslySetInnerHTML={{ __html: html }} />
      ) : (
        <p className="muted">This workspace has no guidelines yet. Edit them here, or start a workspace under a scheme (parley schemes) to get its guidelines.</p>
      )}
    </div>
  );
}
