import { useState } from 'react';
import type { Entity, LabelDef, Mention } from '../../../core/model';

interface Props {
  mention: Mention;
  labels: LabelDef[];
  entities: Entity[];
  readOnly: boolean;
  onRelabel: (label: string) => void;
  onLink: (entityId: string | null) => void;
  onCreateEntity: (name: string) => void;
  onNote: (note: string) => void;
  onDelete: () => void;
  onFocusEntity: (entityId: string) => void;
}

/** The selected mention: change its label, link it to an entity, add a note, delete it. */
export function MentionCard(p: Props) {
  const m = p.mention;
  const [query, setQuery] = useState('');
  const [note, setNote] = useState(m.note ?? '');
  const linked = m.entityId ? p.entities.find((e) => e.id === m.entityId) : undefined;
  const q = (query || m.quote).toLowerCase();
  const matches = p.entities
    .filter((e) => [e.name, ...e.aliases].some((n) => n.toLowerCase().includes(q) || q.includes(n.toLowerCase())))
    .slice(0, 8);
  const newName = (query || m.quote).trim();

  return (
    <section className="card mention-card" aria-label="Selected mention">
      <div className="card-head">
        <span className="chip" style={{ '--c': p.labels.find((l) => l.name === m.label)?.color } as React.CSSProperties}>
          {m.label}
        </span>
        <q className="quote">{m.quote}</q>
      </div>
      <div className="muted small">
        {m.start}–{m.end} · {m.origin}
        {m.pending ? ' · suggestion, not yet accepted' : ''}
      </div>
      <div className="row wrap">
        {p.labels.map((l) => (
          <button
            key={l.name}
            className={`mini ${l.name === m.label ? 'on' : ''}`}
            style={{ '--c': l.color } as React.CSSProperties}
            disabled={p.readOnly || l.name === m.label}
            onClick={() => p.onRelabel(l.name)}
          >
            {l.name}
          </button>
        ))}
      </div>
      <div className="field">
        <span className="field-label">Entity</span>
        {linked ? (
          <div className="row">
            <button className="link" onClick={() => p.onFocusEntity(linked.id)}>
              {linked.name}
            </button>
            <span className="muted small">{linked.type}</span>
            <button className="mini" disabled={p.readOnly} onClick={() => p.onLink(null)}>
              Unlink
            </button>
          </div>
        ) : (
          <>
            <input
              aria-label="Find or create an entity"
              placeholder={`Find an entity (${m.quote})`}
              value={query}
              disabled={p.readOnly}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  if (matches[0]) p.onLink(matches[0].id);
                  else if (newName) p.onCreateEntity(newName);
                }
              }}
            />
            <ul className="choices">
              {matches.map((e) => (
                <li key={e.id}>
                  <button className="choice" disabled={p.readOnly} onClick={() => p.onLink(e.id)}>
                    Link to {e.name} <span className="muted small">{e.type}</span>
                  </button>
                </li>
              ))}
              {newName && !p.entities.some((e) => e.name === newName) && (
                <li>
                  <button className="choice" disabled={p.readOnly} onClick={() => p.onCreateEntity(newName)}>
                    Create entity “{newName}” ({m.label})
                  </button>
                </li>
              )}
            </ul>
          </>
        )}
      </div>
      <label className="field">
        <span className="field-label">Note</span>
        <textarea
          aria-label="Note"
          rows={2}
          value={note}
          disabled={p.readOnly}
          onChange={(e) => setNote(e.target.value)}
          onBlur={() => {
            if (note !== (m.note ?? '')) p.onNote(note);
          }}
        />
      </label>
      <div className="row">
        <button className="danger" disabled={p.readOnly} onClick={p.onDelete} title="Delete (Del)">
          Delete mention
        </button>
      </div>
    </section>
  );
}
