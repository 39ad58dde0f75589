import { useState } from 'react';
import type { MigrationOp } from '../../../core/migrations';
import type { AttributeDef, FrameTypeDef, LabelSchema, RoleDef } from '../../../core/model';

interface Props {
  schema: LabelSchema;
  onEdit: (edit: (latest: LabelSchema) => LabelSchema) => Promise<void>;
  /** New values that drop old ones: a migration of the frames that hold them. */
  onMigrate: (op: MigrationOp) => Promise<void>;
}

const splitValues = (s: string) => [...new Set(s.split(',').map((v) => v.trim()).filter(Boolean))];

/**
 * What becomes of the values an edit drops: with as many values as before, a
 * value replaced in its place is a rename (favor → support); otherwise a
 * dropped value is cleared. The plan shows it before anything changes.
 */
function valueMap(before: AttributeDef['values'], after: string[]): Record<string, string | null> {
  const map: Record<string, string | null> = {};
  before.forEach((v, i) => {
    if (after.includes(v)) return;
    const inPlace = before.length === after.length && !before.includes(after[i]) ? after[i] : null;
    map[v] = inPlace;
  });
  return map;
}

/**
 * Frame types (roles, attributes) and document fields. Names are fixed once
 * created, because saved frames refer to them; everything else can change.
 */
export function FrameSchemaEditor({ schema, onEdit, onMigrate }: Props) {
  const editType = (i: number, edit: (t: FrameTypeDef) => FrameTypeDef) =>
    void onEdit((s) => ({ ...s, frameTypes: s.frameTypes.map((t, j) => (j === i ? edit(t) : t)) }));
  const editRole = (i: number, r: number, patch: Partial<RoleDef>) => editType(i, (t) => ({ ...t, roles: t.roles.map((x, k) => (k === r ? { ...x, ...patch } : x)) }));
  const [newType, setNewType] = useState('');
  const [newField, setNewField] = useState('');
  const [confirm, setConfirm] = useState<string | null>(null);

  return (
    <>
      <h3>Frame types</h3>
      {schema.frameTypes.map((t, i) => (
        <fieldset className="frame-type" key={t.name} aria-label={`Frame type ${t.name}`}>
          <legend>
            <span className="swatch" style={{ background: t.color }} /> {t.name}
          </legend>
          <div className="row">
            <label className="field-inline">
              Key
              <input className="key-input" aria-label={`Key of ${t.name}`} maxLength={1} value={t.key} onChange={(e) => {
                  const key = e.target.value.toLowerCase();
                  editType(i, (x) => ({ ...x, key }));
                }} />
            </label>
            <label className="field-inline">
              Colour
              <input type="color" aria-label={`Colour of ${t.name}`} value={t.color} onChange={(e) => {
                  const color = e.target.value;
                  editType(i, (x) => ({ ...x, color }));
                }} />
            </label>
            <button
              className="danger mini"
              onClick={() => {
                if (confirm !== t.name) return setConfirm(t.name);
                setConfirm(null);
                void onEdit((s) => ({ ...s, frameTypes: s.frameTypes.filter((x) => x.name !== t.name) }));
              }}
            >
              {confirm === t.name ? `Really delete ${t.name}? Saved frames of this type will show as unknown` : `Delete ${t.name}`}
            </button>
          </div>
          <table className="schema-table roles">
            <thead>
              <tr>
                <th>Role</th>
                <th>Filled by mentions of</th>
                <th>Entity</th>
                <th>Topic</th>
                <th>At least</th>
                <th>At most</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {t.roles.map((r, ri) => (
                <tr key={r.name}>
                  <td>{r.name}</td>
                  <td>
                    <div className="row wrap">
                      <label className="field-inline">
                        <input type="checkbox" checked={r.allowMention} onChange={(e) => editRole(i, ri, { allowMention: e.target.checked })} /> mentions
                      </label>
                      {r.allowMention &&
                        schema.labels.map((l) => (
                          <label className="field-inline small" key={l.name}>
                            <input
                              type="checkbox"
                              aria-label={`${t.name} ${r.name} takes ${l.name}`}
                              checked={r.mentionLabels.includes(l.name)}
                              onChange={(e) =>
                                editRole(i, ri, { mentionLabels: e.target.checked ? [...r.mentionLabels, l.name] : r.mentionLabels.filter((n) => n !== l.name) })
                              }
                            />
                            {l.name}
                          </label>
                        ))}
                      {r.allowMention && r.mentionLabels.length === 0 && <span className="muted small">(any label)</span>}
                    </div>
                  </td>
                  <td>
                    <input type="checkbox" aria-label={`${t.name} ${r.name} takes an entity`} checked={r.allowEntity} onChange={(e) => editRole(i, ri, { allowEntity: e.target.checked })} />
                  </td>
                  <td>
                    <input type="checkbox" aria-label={`${t.name} ${r.name} takes a topic`} checked={r.allowTopic} onChange={(e) => editRole(i, ri, { allowTopic: e.target.checked })} />
                  </td>
                  <td>
                    <input className="num" type="number" min={0} aria-label={`${t.name} ${r.name} at least`} value={r.min} onChange={(e) => editRole(i, ri, { min: Math.max(0, Number(e.target.value) || 0) })} />
                  </td>
                  <td>
                    <input
                      className="num"
                      type="number"
                      min={1}
                      placeholder="∞"
                      aria-label={`${t.name} ${r.name} at most`}
                      value={r.max ?? ''}
                      onChange={(e) => editRole(i, ri, { max: e.target.value ? Math.max(1, Number(e.target.value)) : null })}
                    />
                  </td>
                  <td>
                    <button className="mini" aria-label={`Remove role ${r.name}`} onClick={() => void onMigrate({ op: 'removeRole', frameType: t.name, role: r.name })}>
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <AddByName
            label={`New role of ${t.name}`}
            taken={t.roles.map((r) => r.name)}
            onAdd={(name) => editType(i, (x) => ({ ...x, roles: [...x.roles, { name, mentionLabels: [], allowMention: true, allowEntity: true, allowTopic: false, min: 0, max: 1 }] }))}
          />
          {t.attributes.map((a, ai) => (
            <label className="field" key={a.name}>
              <span className="field-label">{a.name}: values, separated by commas</span>
              <input
                // Drawn afresh when the values change elsewhere (a migration, its Undo): the field is not bound to the schema while typed in.
                key={a.values.join(',')}
                aria-label={`Values of ${t.name} ${a.name}`}
                defaultValue={a.values.join(', ')}
                onBlur={(e) => {
                  const values = splitValues(e.target.value);
                  if (!values.length || values.join(',') === a.values.join(',')) return;
                  const map = valueMap(a.values, values);
                  if (Object.keys(map).length) void onMigrate({ op: 'mapValues', frameType: t.name, attribute: a.name, values, map });
                  else editType(i, (x) => ({ ...x, attributes: x.attributes.map((y, k) => (k === ai ? { ...y, values } : y)) }));
                }}
              />
            </label>
          ))}
          <AddByName label={`New attribute of ${t.name}`} taken={t.attributes.map((a) => a.name)} onAdd={(name) => editType(i, (x) => ({ ...x, attributes: [...x.attributes, { name, values: ['yes', 'no'] }] }))} />
        </fieldset>
      ))}
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          const name = newType.trim();
          if (!name || schema.frameTypes.some((t) => t.name === name)) return;
          setNewType('');
          void onEdit((s) => ({ ...s, frameTypes: [...s.frameTypes, { name, key: '', color: '#6b6f76', roles: [], attributes: [] }] }));
        }}
      >
        <input aria-label="New frame type name" placeholder="New frame type, e.g. Accusation" value={newType} onChange={(e) => setNewType(e.target.value)} />
        <button type="submit" disabled={!newType.trim()}>
          Add frame type
        </button>
      </form>

      <h3>Document fields</h3>
      {schema.documentFields.map((f, i) => (
        <div className="row" key={f.name}>
          <span className="field-name">{f.name}</span>
          <input
            key={f.values.join(',')}
            aria-label={`Values of ${f.name}`}
            placeholder="free text (or values, separated by commas)"
            defaultValue={f.values.join(', ')}
            onBlur={(e) => {
              const values = splitValues(e.target.value);
              if (values.join(',') !== f.values.join(',')) void onEdit((s) => ({ ...s, documentFields: s.documentFields.map((x, j) => (j === i ? { ...x, values } : x)) }));
            }}
          />
          <button className="mini" aria-label={`Remove field ${f.name}`} onClick={() => void onEdit((s) => ({ ...s, documentFields: s.documentFields.filter((_, j) => j !== i) }))}>
            Remove
          </button>
        </div>
      ))}
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          const name = newField.trim();
          if (!name || schema.documentFields.some((f) => f.name === name)) return;
          setNewField('');
          void onEdit((s) => ({ ...s, documentFields: [...s.documentFields, { name, values: [] }] }));
        }}
      >
        <input aria-label="New document field name" placeholder="New document field, e.g. Region" value={newField} onChange={(e) => setNewField(e.target.value)} />
        <button type="submit" disabled={!newField.trim()}>
          Add field
        </button>
      </form>
    </>
  );
}

function AddByName({ label, taken, onAdd }: { label: string; taken: string[]; onAdd: (name: string) => void }) {
  const [name, setName] = useState('');
  const ok = name.trim() && !taken.includes(name.trim());
  return (
    <form
      className="row"
      onSubmit={(e) => {
        e.preventDefault();
        if (!ok) return;
        onAdd(name.trim());
        setName('');
      }}
    >
      <input aria-label={label} placeholder={label} value={name} onChange={(e) => setName(e.target.value)} />
      <button type="submit" className="mini" disabled={!ok}>
        Add
      </button>
    </form>
  );
}
