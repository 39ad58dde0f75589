import { useState } from 'react';
import { fillerText, frameProblems } from '../../../core/frames';
import type { Entity, Frame, FrameTypeDef, LabelSchema, Mention, RoleFiller } from '../../../core/model';
import { WithGuide } from '../guidelines/GuidelinesRoom';

interface Props {
  frame: Frame;
  schema: LabelSchema;
  mentions: ReadonlyMap<string, Mention>;
  entities: Entity[];
  armedRole: string | null;
  readOnly: boolean;
  onArm: (role: string | null) => void;
  onAddFiller: (role: string, filler: RoleFiller) => void;
  onRemoveFiller: (role: string, index: number) => void;
  onAttr: (name: string, value: string | null) => void;
  onNote: (note: string) => void;
  onDelete: () => void;
  onShowMention: (id: string) => void;
}

/** The selected frame: fill its roles from the text, an entity or a topic; set its attributes by key. */
export function FrameCard(p: Props) {
  const f = p.frame;
  const type: FrameTypeDef | undefined = p.schema.frameTypes.find((t) => t.name === f.type);
  const problems = frameProblems(f, p.schema, p.mentions);
  const [note, setNote] = useState(f.note ?? '');
  return (
    <section className="card frame-card" aria-label="Selected frame" style={{ '--c': type?.color ?? '#888' } as React.CSSProperties}>
      <div className="card-head">
        <span className="chip">{f.type}</span>
        <q className="quote">{f.evidence.quote}</q>
      </div>
      {problems.length > 0 ? (
        <ul className="problems" aria-label="What this frame still needs">
          {problems.map((x) => (
            <li key={x.message}>{x.message}</li>
          ))}
        </ul>
      ) : (
        <div className="complete small">Complete</div>
      )}
      {type?.roles.map((role) => {
        const fillers = f.roles[role.name] ?? [];
        const armed = p.armedRole === role.name;
        return (
          <div className="field role" key={role.name} data-role={role.name}>
            <span className="field-label">
              <WithGuide title={`${f.type} › ${role.name}`} guide={role.guide}>
                <span className="role-name" tabIndex={role.guide ? 0 : undefined}>
                  {role.name}
                </span>
              </WithGuide>
              <span className="muted">
                {' '}
                {role.max === 1 ? (role.min ? 'one' : 'at most one') : `${role.min} or more`}
                {role.mentionLabels.length ? ` · ${role.mentionLabels.join('/')}` : ''}
              </span>
            </span>
            <div className="row wrap">
              {fillers.map((x, i) => (
                <span className={`filler filler-${x.kind}`} key={i}>
                  {x.kind === 'mention' ? (
                    <button className="link" onClick={() => p.onShowMention(x.mentionId)}>
                      {fillerText(x, p.mentions, p.entities)}
                    </button>
                  ) : (
                    <span>{fillerText(x, p.mentions, p.entities)}</span>
                  )}
                  <span className="muted small"> {x.kind === 'mention' ? '' : x.kind}</span>
                  <button className="icon small" aria-label={`Remove ${fillerText(x, p.mentions, p.entities)} from ${role.name}`} disabled={p.readOnly} onClick={() => p.onRemoveFiller(role.name, i)}>
                    ×
                  </button>
                </span>
              ))}
            </div>
            <div className="row wrap">
              {role.allowMention && (
                <button className={armed ? 'primary mini' : 'mini'} aria-pressed={armed} disabled={p.readOnly} onClick={() => p.onArm(armed ? null : role.name)}>
                  {armed ? 'Click mentions in the text… (Esc)' : `Pick ${role.name} in text`}
                </button>
              )}
              {role.allowEntity && <EntityPicker role={role} entities={p.entities} disabled={p.readOnly} onPick={(id) => p.onAddFiller(role.name, { kind: 'entity', entityId: id })} />}
              {role.allowTopic && <TopicInput role={role.name} disabled={p.readOnly} onAdd={(text) => p.onAddFiller(role.name, { kind: 'topic', text })} />}
            </div>
          </div>
        );
      })}
      {type?.attributes.map((attr, ai) => (
        <div className="field" key={attr.name}>
          <span className="field-label">
            {attr.name}
            {ai === 0 && <span className="muted"> · keys 1–{attr.values.length}</span>}
          </span>
          <div className="row wrap" role="radiogroup" aria-label={attr.name}>
            {attr.values.map((v, i) => (
              <WithGuide key={v} title={`${attr.name} = ${v.replace(/_/g, ' ')}`} guide={attr.valueGuides?.[v]}>
                <button
                  role="radio"
                  aria-checked={f.attrs[attr.name] === v}
                  className={`mini ${f.attrs[attr.name] === v ? 'on' : ''}`}
                  disabled={p.readOnly}
                  onClick={() => p.onAttr(attr.name, f.attrs[attr.name] === v ? null : v)}
                >
                  {ai === 0 && <kbd>{i + 1}</kbd>} {v.replace(/_/g, ' ')}
                </button>
              </WithGuide>
            ))}
          </div>
        </div>
      ))}
      <label className="field">
        <span className="field-label">Note</span>
        <textarea aria-label="Frame note" rows={2} value={note} disabled={p.readOnly} onChange={(e) => setNote(e.target.value)} onBlur={() => note !== (f.note ?? '') && p.onNote(note)} />
      </label>
      <button className="danger" disabled={p.readOnly} onClick={p.onDelete}>
        Delete {f.type.toLowerCase()}
      </button>
    </section>
  );
}

function EntityPicker({ role, entities, disabled, onPick }: { role: FrameTypeDef['roles'][number]; entities: Entity[]; disabled: boolean; onPick: (id: string) => void }) {
  const fitting = entities.filter((e) => !role.mentionLabels.length || role.mentionLabels.includes(e.type));
  if (fitting.length === 0) return null;
  return (
    <select aria-label={`${role.name}: pick an entity`} value="" disabled={disabled} onChange={(e) => e.target.value && onPick(e.target.value)}>
      <option value="">Entity…</option>
      {fitting.map((e) => (
        <option key={e.id} value={e.id}>
          {e.name}
        </option>
      ))}
    </select>
  );
}

function TopicInput({ role, disabled, onAdd }: { role: string; disabled: boolean; onAdd: (text: string) => void }) {
  const [text, setText] = useState('');
  return (
    <input
      aria-label={`${role}: type a topic`}
      placeholder="Topic, then Enter"
      value={text}
      disabled={disabled}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && text.trim()) {
          e.preventDefault();
          onAdd(text.trim());
          setText('');
          // Hand the keys back to the reader, so 1–5 set the attribute next.
          e.currentTarget.blur();
        } else if (e.key === 'Escape') e.currentTarget.blur();
      }}
    />
  );
}
