import { useState } from 'react';
import type { Entity, LabelDef } from '../../../core/model';

interface Props {
  entities: Entity[];
  labels: LabelDef[];
  focusedId: string | null;
  mentionCounts: Map<string, number>;
  onFocus: (id: string | null) => void;
  onSave: (e: Entity) => void;
  onDelete: (id: string) => void;
  onFindOthers: (id: string) => void;
  onCreate: (name: string, type: string) => void;
}

/** The workspace's entity registry: canonical name, type, aliases. */
export function EntityPanel(p: Props) {
  const [filter, setFilter] = useState('');
  const [newName, setNewName] = useState('');
  const [newType, setNewType] = useState(p.labels[0]?.name ?? '');
  const f = filter.trim().toLowerCase();
  const shown = p.entities.filter((e) => !f || [e.name, ...e.aliases].some((n) => n.toLowerCase().includes(f)));
  const focused = p.entities.find((e) => e.id === p.focusedId);

  return (
    <section className="entity-panel" aria-label="Entities">
      <input className="filter" type="search" placeholder="Filter entities" aria-label="Filter entities" value={filter} onChange={(e) => setFilter(e.target.value)} />
      <ul className="entities">
        {shown.map((e) => (
          <li key={e.id}>
            <button className={`entity-item ${e.id === p.focusedId ? 'on' : ''}`} aria-pressed={e.id === p.focusedId} onClick={() => p.onFocus(e.id === p.focusedId ? null : e.id)}>
              <span className="entity-name">{e.name}</span>
              <span className="muted small">
                {e.type} · {p.mentionCounts.get(e.id) ?? 0} here
              </span>
            </button>
          </li>
        ))}
        {shown.length === 0 && <li className="muted small">{f ? 'No entity matches.' : 'No entities yet. Link a mention to create one.'}</li>}
      </ul>
      {focused && <EntityEditor key={focused.id} entity={focused} labels={p.labels} onSave={p.onSave} onDelete={p.onDelete} onFindOthers={p.onFindOthers} />}
      <form
        className="card new-entity"
        onSubmit={(e) => {
          e.preventDefault();
          if (newName.trim()) p.onCreate(newName.trim(), newType);
          setNewName('');
        }}
      >
        <span className="field-label">New entity</span>
        <div className="row">
          <input aria-label="New entity name" placeholder="Name" value={newName} onChange={(e) => setNewName(e.target.value)} />
          <select aria-label="New entity type" value={newType} onChange={(e) => setNewType(e.target.value)}>
            {p.labels.map((l) => (
              <option key={l.name}>{l.name}</option>
            ))}
          </select>
          <button type="submit" disabled={!newName.trim()}>
            Add
          </button>
        </div>
      </form>
    </section>
  );
}

function EntityEditor({ entity, labels, onSave, onDelete, onFindOthers }: { entity: Entity; labels: LabelDef[]; onSave: (e: Entity) => void; onDelete: (id: string) => void; onFindOthers: (id: string) => void }) {
  const [name, setName] = useState(entity.name);
  const [aliases, setAliases] = useState(entity.aliases.join('\n'));
  const [type, setType] = useState(entity.type);
  const dirty = name !== entity.name || type !== entity.type || aliases !== entity.aliases.join('\n');
  return (
    <div className="card entity-editor" aria-label={`Entity ${entity.name}`}>
      <label className="field">
        <span className="field-label">Name</span>
        <input aria-label="Entity name" value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">Type</span>
        <select aria-label="Entity type" value={type} onChange={(e) => setType(e.target.value)}>
          {labels.map((l) => (
            <option key={l.name}>{l.name}</option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Aliases, one per line</span>
        <textarea aria-label="Aliases" rows={3} value={aliases} onChange={(e) => setAliases(e.target.value)} />
      </label>
      <div className="row wrap">
        <button
          disabled={!dirty || !name.trim()}
          onClick={() => onSave({ ...entity, name: name.trim(), type, aliases: aliases.split('\n').map((a) => a.trim()).filter(Boolean) })}
        >
          Save
        </button>
        <button className="primary" onClick={() => onFindOthers(entity.id)} title="Suggest every other occurrence of the name and aliases, here and across the corpus">
          Find other mentions
        </button>
        <button className="danger" onClick={() => onDelete(entity.id)}>
          Delete entity
        </button>
      </div>
    </div>
  );
}
