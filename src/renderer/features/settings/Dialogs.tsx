import { useEffect, useState } from 'react';
import type { SchemeSummary } from '../../../core/api/guidelines';
import type { LabelUse } from '../../../core/api/schema';
import type { Appearance } from '../../../core/api/settings';
import type { MigrationOp } from '../../../core/migrations';
import type { LabelDef, LabelSchema } from '../../../core/model';
import { allActions, keyLabel, type Action } from '../../app/registry';
import { useApp, useAppStore } from '../../app/store';
import type { Screen } from '../../app/state';
import { Dialog } from '../../components/Dialog';
import { shippedSchemes } from './actions';
import { FrameSchemaEditor } from './FrameSchemaEditor';
import { TeamFieldset } from './TeamSettings';

export function OpenWorkspaceDialog({ current, onOpen, onClose, onJoin }: { current: string; onOpen: (path: string, create: boolean, scheme: string) => void; onClose: () => void; onJoin: () => void }) {
  const [path, setPath] = useState(current);
  const [create, setCreate] = useState(false);
  const [schemes, setSchemes] = useState<SchemeSummary[]>([]);
  const [scheme, setScheme] = useState('default');
  useEffect(() => {
    if (!create || schemes.length) return;
    shippedSchemes().then(setSchemes, () => setSchemes([]));
  }, [create, schemes.length]);
  const chosen = schemes.find((s) => s.name === scheme);
  return (
    <Dialog title="Open workspace" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (path.trim()) onOpen(path.trim(), create, scheme);
        }}
      >
        <label className="field">
          <span className="field-label">Workspace folder</span>
          <input aria-label="Workspace folder" value={path} onChange={(e) => setPath(e.target.value)} autoFocus spellCheck={false} />
        </label>
        <label className="field-inline">
          <input type="checkbox" checked={create} onChange={(e) => setCreate(e.target.checked)} />
          Create an empty workspace there if it has none
        </label>
        {create && (
          <label className="field">
            <span className="field-label">Scheme for a new workspace</span>
            <select aria-label="Scheme" value={scheme} onChange={(e) => setScheme(e.target.value)}>
              {(schemes.length ? schemes : [{ name: 'default', title: 'Entities, stances and agreements' }]).map((s) => (
                <option key={s.name} value={s.name}>
                  {s.title}
                </option>
              ))}
            </select>
            {chosen && (
              <span className="muted small">
                {chosen.labels} labels{chosen.frameTypes ? `, ${chosen.frameTypes} frame types` : ''}, with definitions and guidelines. {chosen.source}
              </span>
            )}
          </label>
        )}
        <div className="row end">
          {/* A colleague's shared workspace: copied into a new folder as your own analyst, then opened here. */}
          <button type="button" className="start-join" onClick={onJoin} title="Copy a shared workspace (a folder or a git host's URL) into a new folder and open it">
            Join a shared workspace…
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Open
          </button>
        </div>
      </form>
    </Dialog>
  );
}

interface SettingsProps {
  annotator: string;
  onSave: (name: string) => void;
  onClose: () => void;
  appearance: Appearance;
  /** Applied at once and stored with the user's settings. */
  onAppearance: (patch: Partial<Appearance>) => void;
}

export function SettingsDialog({ annotator, onSave, onClose, appearance, onAppearance }: SettingsProps) {
  const [name, setName] = useState(annotator);
  return (
    <Dialog title="Settings" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSave(name.trim());
        }}
      >
        <label className="field">
          <span className="field-label">Your name as annotator (letters, digits, . _ -)</span>
          <input aria-label="Annotator name" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        </label>
        <p className="muted small">Your labels are saved under annotations/{name || '…'}/ in the workspace.</p>
        <div className="row end">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name.trim())}>
            Save
          </button>
        </div>
      </form>
      <fieldset className="settings-group">
        <legend>Appearance</legend>
        <div className="row" role="radiogroup" aria-label="Theme">
          <span className="field-label">Theme</span>
          {(['system', 'light', 'dark'] as const).map((t) => (
            <label key={t} className="field-inline">
              <input type="radio" name="theme" checked={appearance.theme === t} onChange={() => onAppearance({ theme: t })} />
              {t === 'system' ? 'Follow the system' : t === 'light' ? 'Light' : 'Dark'}
            </label>
          ))}
        </div>
        <label className="field-inline">
          Text size
          <input type="range" aria-label="Text size" min={13} max={26} step={1} value={appearance.textSize} onChange={(e) => onAppearance({ textSize: Number(e.target.value) })} />
          <span>{appearance.textSize} px</span>
        </label>
      </fieldset>
      <TeamFieldset />
    </Dialog>
  );
}

/** Every action that has a key, read from the registry: the sheet cannot disagree with what the keys do. */
/** The sections of the shortcuts sheet that belong to each screen: the sheet opens on them. */
const SCREEN_SECTIONS: Record<Screen, readonly string[]> = {
  reader: ['Labels', 'Tagging', 'Frames'],
  review: ['Review'],
  search: ['Search'],
  corpus: ['Frames'],
  network: ['Frames'],
};

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const app = useAppStore();
  const state = useApp((s) => s);
  const sections = new Map<string, Action[]>();
  // The current screen's sections first, so the sheet opens on the keys that work where the analyst is.
  for (const section of SCREEN_SECTIONS[state.screen]) sections.set(section, []);
  for (const a of allActions(state)) {
    if (!a.keys?.length || a.id === 'close-dialog') continue;
    sections.set(a.section, [...(sections.get(a.section) ?? []), a]);
  }
  const here = new Set(SCREEN_SECTIONS[state.screen]);
  // A label's or frame type's key row carries its definition, so the sheet is also a short guide.
  const schema = state.info?.schema;
  const definitionOf = (id: string): string | undefined => {
    const [kind, name] = [id.slice(0, id.indexOf(':')), id.slice(id.indexOf(':') + 1)];
    if (kind === 'tag') {
      const l = schema?.labels.find((d) => d.name === name);
      return l?.guide?.definition ?? l?.description;
    }
    if (kind === 'frame') return schema?.frameTypes.find((d) => d.name === name)?.guide?.definition;
    return undefined;
  };
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} wide>
      <p className="row">
        <button className="mini" onClick={() => app.openDialog({ kind: 'first-steps' })}>
          First steps: who you are and the five keys that matter
        </button>
      </p>
      <table className="shortcuts">
        {[...sections].filter(([, actions]) => actions.length > 0).map(([section, actions]) => (
          <tbody key={section}>
            <tr>
              <th colSpan={2} className={`shortcuts-section${here.has(section) ? ' here' : ''}`}>
                {section}
                {here.has(section) && <span className="muted"> · this screen</span>}
              </th>
            </tr>
            {actions.map((a) => (
              <tr key={a.id}>
                <th>
                  <kbd>{keyLabel(a)}</kbd>
                </th>
                <td>
                  {a.title}
                  {definitionOf(a.id) && <div className="muted small">{definitionOf(a.id)}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </Dialog>
  );
}

interface SchemaProps {
  schema: LabelSchema;
  /** Applied to the newest schema, in order: edits made while an earlier one is saving are never lost. */
  onEdit: (edit: (latest: LabelSchema) => LabelSchema) => Promise<void>;
  /** A change that touches labels already made (rename, merge, new values): counted, shown, then run on confirm. */
  onMigrate: (op: MigrationOp) => Promise<void>;
  onDelete: (name: string) => Promise<LabelUse | null>;
  /** Opens the split of a label into two, by review or by rule. */
  onSplit: (name: string) => void;
  onClose: () => void;
}

const PALETTE = ['#d1495b', '#2e86ab', '#3c9d5d', '#8f6fc1', '#d08c2d', '#c2577a', '#5f7d8e', '#e07a5f', '#3d405b', '#81b29a'];

/** Labels: add, rename, merge, split, recolour, re-key, delete. Renames, merges and splits keep mentions and show what they touch first; deletes ask first. */
export function SchemaEditor({ schema, onEdit, onMigrate, onDelete, onSplit, onClose }: SchemaProps) {
  const [names, setNames] = useState<Record<string, string>>({});
  // Rows are addressed by position: a rename still in flight does not change which row is meant.
  const update = (index: number, patch: Partial<LabelDef>) =>
    void onEdit((latest) => ({ ...latest, labels: latest.labels.map((l, i) => (i === index ? { ...l, ...patch } : l)) }));
  const add = () =>
    void onEdit((latest) => {
      let n = 1;
      while (latest.labels.some((l) => l.name === `LABEL${n}`)) n++;
      return { ...latest, labels: [...latest.labels, { name: `LABEL${n}`, color: PALETTE[latest.labels.length % PALETTE.length], key: '' }] };
    });
  return (
    <Dialog title="Label schema" onClose={onClose} wide>
      <h3>Labels</h3>
      <table className="schema-table">
        <thead>
          <tr>
            <th>Label</th>
            <th>Colour</th>
            <th>Key</th>
            <th>Description</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {schema.labels.map((l, i) => (
            // Keyed by position, so renaming a label keeps its row (and the focus in it).
            <tr key={i} data-label-row={l.name}>
              <td>
                <input
                  className="label-name"
                  aria-label={`Name of ${l.name}`}
                  value={names[l.name] ?? l.name}
                  onChange={(e) => setNames({ ...names, [l.name]: e.target.value })}
                  onBlur={() => {
                    const to = (names[l.name] ?? l.name).trim();
                    if (to && to !== l.name) void onMigrate({ op: 'renameLabel', from: l.name, to }).then(() => setNames({}));
                  }}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
                  }}
                />
              </td>
              <td>
                <input type="color" aria-label={`Colour of ${l.name}`} value={l.color} onChange={(e) => update(i, { color: e.target.value })} />
              </td>
              <td>
                <input className="key-input" aria-label={`Key of ${l.name}`} maxLength={1} value={l.key} onChange={(e) => update(i, { key: e.target.value.toLowerCase() })} />
              </td>
              <td className="description">
                {/* Wrapped over lines, so a description is read whole in a small window; Enter ends it, as in the other fields. */}
                <textarea
                  aria-label={`Description of ${l.name}`}
                  rows={3}
                  defaultValue={l.description ?? ''}
                  onBlur={(e) => e.target.value !== (l.description ?? '') && update(i, { description: e.target.value || undefined })}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      (e.target as HTMLTextAreaElement).blur();
                    }
                  }}
                />
              </td>
              <td>
                <div className="row">
                  <select
                    aria-label={`Merge ${l.name} into`}
                    value=""
                    onChange={(e) => {
                      if (e.target.value) void onMigrate({ op: 'mergeLabels', from: [l.name], into: e.target.value });
                    }}
                  >
                    <option value="">Merge into…</option>
                    {schema.labels
                      .filter((o) => o.name !== l.name)
                      .map((o) => (
                        <option key={o.name} value={o.name}>
                          {o.name}
                        </option>
                      ))}
                  </select>
                  <button className="mini" aria-label={`Split ${l.name}`} title="Split into two labels, by review of its mentions or by a rule" onClick={() => onSplit(l.name)}>
                    Split…
                  </button>
                  <button className="danger mini" aria-label={`Delete ${l.name}`} onClick={() => void onDelete(l.name)}>
                    Delete
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        <button onClick={add}>Add label</button>
      </div>
      <FrameSchemaEditor schema={schema} onEdit={onEdit} onMigrate={onMigrate} />
    </Dialog>
  );
}

/** Asked before a label that has mentions is deleted: nothing is dropped without saying so. */
export function DeleteLabelDialog({
  use,
  labels,
  onRelabel,
  onDeleteMentions,
  onClose,
}: {
  use: LabelUse;
  labels: LabelDef[];
  onRelabel: (to: string) => void;
  onDeleteMentions: () => void;
  onClose: () => void;
}) {
  const others = labels.filter((l) => l.name !== use.label);
  const [to, setTo] = useState(others[0]?.name ?? '');
  return (
    <Dialog title={`Delete label ${use.label}?`} onClose={onClose}>
      <p role="alert">
        {use.label} is used by {use.mentions} mention{use.mentions === 1 ? '' : 's'} in {use.documents} document{use.documents === 1 ? '' : 's'}. What should happen to them?
      </p>
      <div className="row">
        <label className="field-inline">
          Move them to
          <select aria-label="Move the mentions to" value={to} onChange={(e) => setTo(e.target.value)}>
            {others.map((l) => (
              <option key={l.name}>{l.name}</option>
            ))}
          </select>
        </label>
        <button className="primary" disabled={!to} onClick={() => onRelabel(to)}>
          Move and delete {use.label}
        </button>
      </div>
      <div className="row">
        <button className="danger" onClick={onDeleteMentions}>
          Delete the {use.mentions} mention{use.mentions === 1 ? '' : 's'} too
        </button>
        <button onClick={onClose}>Keep the label</button>
      </div>
    </Dialog>
  );
}
