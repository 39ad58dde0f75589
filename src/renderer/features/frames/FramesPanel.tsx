import { frameProblems, frameSummary } from '../../../core/frames';
import type { Entity, Frame, LabelSchema, Mention } from '../../../core/model';

interface Props {
  frames: readonly Frame[];
  version: number;
  schema: LabelSchema;
  mentions: ReadonlyMap<string, Mention>;
  entities: Entity[];
  fields: Record<string, string>;
  readOnly: boolean;
  onPick: (f: Frame) => void;
  onField: (name: string, value: string | null) => void;
}

/** The document's fields, then its stances, agreements and other frames. */
export function FramesPanel(p: Props) {
  return (
    <section className="frames-panel" aria-label="Frames">
      {p.schema.documentFields.length > 0 && (
        <div className="card doc-fields">
          <span className="field-label">Document</span>
          {p.schema.documentFields.map((f) => (
            <label className="field-inline block" key={f.name}>
              <span className="field-name">{f.name}</span>
              {f.values.length ? (
                <select aria-label={f.name} value={p.fields[f.name] ?? ''} disabled={p.readOnly} onChange={(e) => p.onField(f.name, e.target.value || null)}>
                  <option value="">—</option>
                  {f.values.map((v) => (
                    <option key={v}>{v}</option>
                  ))}
                </select>
              ) : (
                <input
                  aria-label={f.name}
                  defaultValue={p.fields[f.name] ?? ''}
                  key={`${f.name}:${p.fields[f.name] ?? ''}`}
                  disabled={p.readOnly}
                  onBlur={(e) => e.target.value !== (p.fields[f.name] ?? '') && p.onField(f.name, e.target.value || null)}
                />
              )}
            </label>
          ))}
        </div>
      )}
      {p.frames.length === 0 && <p className="muted small">No frames yet. Select the evidence in the text, then press a frame key ({p.schema.frameTypes.map((t) => `${t.key} ${t.name.toLowerCase()}`).join(', ')}).</p>}
      {p.schema.frameTypes.map((t) => {
        const list = p.frames.filter((f) => f.type === t.name);
        if (list.length === 0) return null;
        return (
          <div className="group" key={t.name}>
            <div className="group-head static">
              <span className="swatch" style={{ background: t.color }} aria-hidden="true" />
              {t.name}
              <span className="muted">{list.length}</span>
            </div>
            <ul>
              {list.map((f) => {
                const incomplete = frameProblems(f, p.schema, p.mentions).length > 0;
                return (
                  <li key={f.id}>
                    <button className="frame-item" data-frame-item={f.id} onClick={() => p.onPick(f)}>
                      <span>{frameSummary(f, t, p.mentions, p.entities)}</span>
                      {incomplete && <span className="badge warn">incomplete</span>}
                      <span className="muted small evidence-quote">“{f.evidence.quote}”</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
