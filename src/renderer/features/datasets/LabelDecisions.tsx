/**
 * The import plan's label question: every label the files use that the
 * schema lacks, with a choice for each (map to a schema label, add it to the
 * schema, drop its mentions). Nothing is imported while one is undecided.
 */
import type { LabelOutcome } from '../../../core/formats/labelmap';

export type LabelDecision = { kind: 'map'; to: string } | { kind: 'add' } | { kind: 'drop' };

/** The request fields the decisions make: labelMap and addLabels. */
export function decisionsRequest(decisions: Record<string, LabelDecision>): { labelMap?: Record<string, string | null>; addLabels?: string[] } {
  const labelMap: Record<string, string | null> = {};
  const addLabels: string[] = [];
  for (const [label, d] of Object.entries(decisions)) {
    if (d.kind === 'map') labelMap[label] = d.to;
    else if (d.kind === 'drop') labelMap[label] = null;
    else addLabels.push(label);
  }
  return { ...(Object.keys(labelMap).length ? { labelMap } : {}), ...(addLabels.length ? { addLabels } : {}) };
}

function encode(d: LabelDecision | undefined): string {
  if (!d) return '';
  return d.kind === 'map' ? `map:${d.to}` : d.kind;
}

function decode(value: string): LabelDecision | undefined {
  if (value === 'add' || value === 'drop') return { kind: value };
  if (value.startsWith('map:')) return { kind: 'map', to: value.slice(4) };
  return undefined;
}

interface Props {
  outcome: LabelOutcome;
  decisions: Record<string, LabelDecision>;
  schemaLabels: string[];
  onDecide: (label: string, decision: LabelDecision | undefined) => void;
}

export function LabelDecisions({ outcome, decisions, schemaLabels, onDecide }: Props) {
  const counts = new Map<string, number>();
  for (const u of outcome.unknown) counts.set(u.label, u.count);
  for (const a of outcome.added) counts.set(a.label, a.count);
  for (const m of outcome.mapped) if (decisions[m.from]) counts.set(m.from, m.count);
  for (const d of outcome.dropped) if (decisions[d.label]) counts.set(d.label, d.count);
  // Types a brat folder's annotation.conf declares and nothing uses: a choice, never required.
  for (const o of outcome.offered ?? []) if (!counts.has(o.label)) counts.set(o.label, 0);
  const frameTypes = new Set([...outcome.unknown, ...outcome.added, ...outcome.dropped, ...(outcome.offered ?? [])].filter((x) => x.kind === 'frame type').map((x) => x.label));
  if (counts.size === 0) return null;
  const undecided = outcome.unknown.length;
  return (
    <div className="label-decisions" aria-label="Labels the schema lacks">
      <p>
        {undecided > 0 ? (
          <strong className="error">
            {undecided} label{undecided === 1 ? '' : 's'} in these files {undecided === 1 ? 'is' : 'are'} not in the schema: choose what to do with each before importing.
          </strong>
        ) : (
          'Labels not in the schema:'
        )}
      </p>
      <table className="frames-table">
        <thead>
          <tr>
            <th>Label in the files</th>
            <th>Mentions</th>
            <th>What to do</th>
          </tr>
        </thead>
        <tbody>
          {[...counts].map(([label, count]) => (
            <tr key={label}>
              <td>{frameTypes.has(label) ? `${label} (frame type)` : label}</td>
              <td>{count}</td>
              <td>
                <select aria-label={`What to do with ${label}`} value={encode(decisions[label])} onChange={(e) => onDecide(label, decode(e.target.value))}>
                  <option value="">Choose…</option>
                  {(frameTypes.has(label) ? [] : schemaLabels).map((l) => (
                    <option key={l} value={`map:${l}`}>
                      Map to {l}
                    </option>
                  ))}
                  <option value="add">Add {label} to the schema</option>
                  <option value="drop">{frameTypes.has(label) ? 'Drop its frames' : 'Drop its mentions'}</option>
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
