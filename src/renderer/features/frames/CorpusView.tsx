import { useMemo, useState, type ReactNode } from 'react';
import type { CorpusLayer, FrameRow } from '../../../core/api/frames';
import type { TeamSettings } from '../../../core/api/team';
import type { LabelSchema } from '../../../core/model';

interface Props {
  rows: FrameRow[];
  schema: LabelSchema;
  onOpen: (row: FrameRow) => void;
  onClose: () => void;
  /** The layer switch, placed in the head. */
  layers?: ReactNode;
}

/**
 * Whose frames the view shows: mine, gold, each colleague's and all, while
 * blind annotation is off or for the lead; only mine while it keeps this
 * analyst to their own layer, which the switch says.
 */
export function CorpusLayerSwitch({ layer, team, me, onLayer }: { layer: CorpusLayer; team: TeamSettings | null; me: string; onLayer: (l: CorpusLayer) => void }) {
  const open = team?.seesAll ?? false;
  const colleagues = (team?.analysts ?? []).filter((a) => a !== me);
  return (
    <label className="corpus-layer field-inline">
      <span>Layer</span>
      <select aria-label="Layer" value={layer} onChange={(e) => onLayer(e.target.value)}>
        <option value="mine">Mine ({me})</option>
        {open && <option value="gold">Gold</option>}
        {open &&
          colleagues.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        {open && <option value="all">All layers</option>}
      </select>
      {team?.blindOn && !open && <span className="muted small">Blind annotation is on: you see only your own layer until the lead turns it off.</span>}
    </label>
  );
}

type View = 'table' | 'matrix' | 'status';
type SortKey = 'type' | 'who' | 'what' | 'value' | 'evidence' | 'document';

// Dark enough for the white words of a pill to read (4.5:1 at least).
const POLARITY_COLOURS: Record<string, string> = { favor: '#2b7a47', against: '#b83245', neutral: '#646a73', unclear: '#9a5f12' };
const STATUS_COLOURS: Record<string, string> = { reached: '#2b7a47', proposed: '#1f6b8c', in_negotiation: '#9a5f12', failed: '#b83245', rejected: '#7b2d26' };

/** Per frame type: the role that says who, the one that says what, the attribute that says how. */
function columns(row: FrameRow, schema: LabelSchema): { who: string; what: string; value: string } {
  const type = schema.frameTypes.find((t) => t.name === row.type);
  const roles = type?.roles.map((r) => r.name) ?? Object.keys(row.roles);
  const join = (name?: string) => (name ? (row.roles[name] ?? []).map((f) => f.text).join(', ') : '');
  const attr = type?.attributes[0]?.name ?? Object.keys(row.attrs)[0];
  return { who: join(roles[0]), what: roles.slice(1).map(join).filter(Boolean).join(' · '), value: attr ? (row.attrs[attr] ?? '') : '' };
}

/** Every stance and agreement in the workspace: a table, a stance matrix and agreements by status. */
export function CorpusView({ rows, schema, onOpen, onClose, layers }: Props) {
  const [view, setView] = useState<View>('table');
  const [filter, setFilter] = useState('');
  const [type, setType] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'document', dir: 1 });
  // All layers at once: each row says whose it is.
  const many = useMemo(() => new Set(rows.map((r) => r.annotator)).size > 1, [rows]);

  const table = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const list = rows
      .filter((r) => !type || r.type === type)
      .map((r) => ({ r, ...columns(r, schema) }))
      .filter((x) => !f || [x.r.type, x.who, x.what, x.value, x.r.evidence.quote, x.r.docTitle].some((s) => s.toLowerCase().includes(f)));
    const keyOf = (x: (typeof list)[number]) =>
      ({ type: x.r.type, who: x.who, what: x.what, value: x.value, evidence: x.r.evidence.quote, document: `${x.r.docTitle}\u0000${String(x.r.evidence.start).padStart(9, '0')}` })[sort.key];
    return list.sort((a, b) => keyOf(a).localeCompare(keyOf(b)) * sort.dir);
  }, [rows, schema, filter, type, sort]);

  const header = (key: SortKey, label: string) => (
    <th aria-sort={sort.key === key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
      <button className="sort" onClick={() => setSort({ key, dir: sort.key === key ? (-sort.dir as 1 | -1) : 1 })}>
        {label} {sort.key === key ? (sort.dir === 1 ? '▲' : '▼') : ''}
      </button>
    </th>
  );

  return (
    <section className="corpus" aria-label="Corpus view">
      <div className="corpus-head">
        <h1>Stances and agreements across the corpus</h1>
        <div className="tabs inline" role="tablist">
          {(['table', 'matrix', 'status'] as View[]).map((v) => (
            <button key={v} role="tab" aria-selected={view === v} className={view === v ? 'on' : ''} onClick={() => setView(v)}>
              {v === 'table' ? 'Table' : v === 'matrix' ? 'Stance matrix' : 'Agreements by status'}
            </button>
          ))}
        </div>
        {layers}
        <button onClick={onClose}>Back to the reader</button>
      </div>
      {view === 'table' && (
        <>
          <div className="row">
            <input type="search" aria-label="Filter frames" placeholder="Filter: holder, target, party, topic, quote, document" value={filter} onChange={(e) => setFilter(e.target.value)} />
            <select aria-label="Frame type" value={type} onChange={(e) => setType(e.target.value)}>
              <option value="">All types</option>
              {schema.frameTypes.map((t) => (
                <option key={t.name}>{t.name}</option>
              ))}
            </select>
            <span className="muted small">
              {table.length} of {rows.length}
            </span>
          </div>
          <div className="table-wrap">
            <table className="frames-table">
              <thead>
                <tr>
                  {header('type', 'Type')}
                  {header('who', 'Holder / parties')}
                  {header('what', 'Target / topic')}
                  {header('value', 'Polarity / status')}
                  {header('evidence', 'Evidence')}
                  {header('document', 'Document')}
                  {many && <th>Analyst</th>}
                </tr>
              </thead>
              <tbody>
                {table.map(({ r, who, what, value }) => (
                  <tr key={`${r.annotator}/${r.docId}/${r.frameId}`} onClick={() => onOpen(r)} tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && onOpen(r)} className={r.problems.length ? 'incomplete' : ''} title={r.problems.join('; ')}>
                    <td>{r.type}</td>
                    <td>{who || <span className="muted">?</span>}</td>
                    <td>{what || <span className="muted">?</span>}</td>
                    <td>
                      {value ? (
                        <span className="pill" style={{ background: POLARITY_COLOURS[value] ?? STATUS_COLOURS[value] ?? '#888' }}>
                          {value.replace(/_/g, ' ')}
                        </span>
                      ) : (
                        <span className="muted">?</span>
                      )}
                    </td>
                    <td className="quote-cell">“{r.evidence.quote}”</td>
                    <td className="doc-cell">{r.docTitle}</td>
                    {many && <td>{r.annotator}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
            {rows.length === 0 && <p className="muted">No frames yet: select evidence in an article and press S for a stance or A for an agreement.</p>}
          </div>
        </>
      )}
      {view === 'matrix' && <StanceMatrix rows={rows} schema={schema} />}
      {view === 'status' && <StatusBars rows={rows} schema={schema} />}
    </section>
  );
}

function StanceMatrix({ rows, schema }: { rows: FrameRow[]; schema: LabelSchema }) {
  const stances = rows.filter((r) => r.type === 'Stance').map((r) => ({ r, ...columns(r, schema) }));
  const holders = [...new Set(stances.map((s) => s.who || '?'))].sort();
  const targets = [...new Set(stances.map((s) => s.what || '?'))].sort();
  const cell = (h: string, t: string) => stances.filter((s) => (s.who || '?') === h && (s.what || '?') === t);
  if (stances.length === 0) return <p className="muted">No stances yet.</p>;
  return (
    <div className="table-wrap">
      <table className="matrix" aria-label="Stance matrix">
        <thead>
          <tr>
            <th>Holder \ target</th>
            {targets.map((t) => (
              <th key={t} className="target">
                {t}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {holders.map((h) => (
            <tr key={h}>
              <th>{h}</th>
              {targets.map((t) => {
                const here = cell(h, t);
                const counts = Object.entries(POLARITY_COLOURS).map(([p, c]) => ({ p, c, n: here.filter((s) => s.value === p).length }));
                const top = [...counts].sort((a, b) => b.n - a.n)[0];
                return (
                  <td key={t} style={here.length ? { background: `color-mix(in srgb, ${top.c} ${30 + Math.min(50, here.length * 15)}%, white)` } : undefined} title={counts.filter((c) => c.n).map((c) => `${c.p}: ${c.n}`).join(', ')}>
                    {here.length > 0 && counts.filter((c) => c.n).map((c) => `${c.n} ${c.p}`).join(' · ')}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <Legend colours={POLARITY_COLOURS} />
    </div>
  );
}

function StatusBars({ rows, schema }: { rows: FrameRow[]; schema: LabelSchema }) {
  const agreements = rows.filter((r) => r.type === 'Agreement').map((r) => ({ r, ...columns(r, schema) }));
  const docs = [...new Set(agreements.map((a) => a.r.docTitle))];
  const max = Math.max(1, ...docs.map((d) => agreements.filter((a) => a.r.docTitle === d).length));
  if (agreements.length === 0) return <p className="muted">No agreements yet.</p>;
  return (
    <div className="status-bars" aria-label="Agreements by status per document">
      {docs.map((d) => {
        const here = agreements.filter((a) => a.r.docTitle === d);
        return (
          <div className="bar-row" key={d}>
            <div className="bar-label">{d}</div>
            <div className="bar">
              {Object.entries(STATUS_COLOURS).map(([s, c]) => {
                const n = here.filter((a) => a.value === s).length;
                return n ? <span key={s} style={{ width: `${(n / max) * 100}%`, background: c }} title={`${s.replace(/_/g, ' ')}: ${n}`}>{n}</span> : null;
              })}
              {here.filter((a) => !a.value).length > 0 && <span style={{ width: `${(here.filter((a) => !a.value).length / max) * 100}%`, background: '#ccc' }}>{here.filter((a) => !a.value).length}</span>}
            </div>
          </div>
        );
      })}
      <Legend colours={STATUS_COLOURS} />
    </div>
  );
}

function Legend({ colours }: { colours: Record<string, string> }) {
  return (
    <div className="legend">
      {Object.entries(colours).map(([k, c]) => (
        <span key={k}>
          <span className="swatch" style={{ background: c }} /> {k.replace(/_/g, ' ')}
        </span>
      ))}
    </div>
  );
}
