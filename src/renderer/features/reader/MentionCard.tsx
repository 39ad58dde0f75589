import { useRef, useState } from 'react';
import { namesEntity, rankEntities } from '../../../core/linking';
import { mentionWords } from '../../../core/text';
import type { Entity, LabelDef, Mention } from '../../../core/model';
import { WithGuide } from '../guidelines/GuidelinesRoom';

interface Props {
  mention: Mention;
  labels: LabelDef[];
  entities: Entity[];
  readOnly: boolean;
  /** A change of it is not acknowledged as saved yet. */
  unsaved?: boolean;
  onRelabel: (label: string) => void;
  onLink: (entityId: string | null) => void;
  onCreateEntity: (name: string) => void;
  onAddAlias: (entity: Entity, alias: string) => void;
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
  // A discontinuous mention's words, as brat writes them: its pieces joined by a space.
  const words = mentionWords(m, ' ');
  const matches = rankEntities(p.entities, query || words, m.label);
  // An entity of another type is linked only after the analyst says so.
  const [crossing, setCrossing] = useState<Entity | null>(null);
  const link = (e: Entity) => (e.type === m.label ? p.onLink(e.id) : setCrossing(e));
  // Cancel puts the keyboard back in the entity field, so the analyst can type on or choose another.
  const backToField = useRef(false);
  const newName = (query || words).trim();

  return (
    <section className="card mention-card" aria-label="Selected mention">
      <div className="card-head">
<WithGuide title={m.label} guide={p.labels.find((l) => l.name === m.label)?.guide} description={p.labels.find((l) => l.name === m.label)?.description}>
                  <span className="chip" style={{ '--c': p.labels.find((l) => l.name === m.label)?.color } as React.CSSProperties}>
            {m.label}
          </span>
        </WithGuide>
        <q className="quote">{mentionWords(m, ' … ')}</q>
      </div>
      <div className="muted small">
        {m.fragments ? m.fragments.map(([s, e]) => `${s}–${e}`).join(', ') : `${m.start}–${m.end}`} · {m.origin}
        {m.pending ? ' · suggestion, not yet accepted' : ''}
        {p.unsaved ? ' · not saved yet' : ''}
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
          <>
            <div className="row">
              <button className="link" onClick={() => p.onFocusEntity(linked.id)}>
                {linked.name}
              </button>
              <span className="muted small">{linked.type}</span>
              <button className="mini" disabled={p.readOnly} onClick={() => p.onLink(null)}>
                Unlink
              </button>
            </div>
            {!namesEntity(linked, m.quote) && (
              <button className="mini" disabled={p.readOnly} onClick={() => p.onAddAlias(linked, m.quote)} title="Find other mentions will then find this wording too">
                Add “{m.quote}” as an alias
              </button>
            )}
          </>
        ) : crossing ? (
          <div className="confirm" role="group" aria-label="Link across types">
            <p className="small">
              {crossing.name} is a {crossing.type}; this mention is a {m.label}. Link it anyway?
            </p>
            <div className="row">
              <button
                className="primary"
                onClick={() => {
                  setCrossing(null);
                  p.onLink(crossing.id);
                }}
              >
                Link anyway
              </button>
              <button
                autoFocus
                onClick={() => {
                  backToField.current = true;
                  setCrossing(null);
                }}
              >
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <>
            <input
              ref={(el) => {
                if (el && backToField.current) {
                  backToField.current = false;
                  el.focus();
                }
              }}
              aria-label="Find or create an entity"
              placeholder={`Find an entity (${words})`}
              value={query}
              disabled={p.readOnly}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  if (matches[0]) link(matches[0].entity);
                  else if (newName) p.onCreateEntity(newName);
                }
              }}
            />
            <ul className="choices">
              {matches.map(({ entity: e, sameType }) => (
                <li key={e.id}>
                  <button className="choice" disabled={p.readOnly} onClick={() => link(e)}>
                    Link to {e.name} <span className={sameType ? 'muted small' : 'small other-type'}>{sameType ? e.type : `${e.type}, not ${m.label}`}</span>
                  </button>
                </li>
              ))}
              {newName && !p.entities.some((e) => e.name === newName && e.type === m.label) && (
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
