import type { MigrationPlan } from '../../../core/migrationPlan';
import { Dialog } from '../../components/Dialog';

interface Props {
  plan: MigrationPlan;
  onApply: () => void;
  onClose: () => void;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** A schema change that touches labels already made, counted before it runs: what it changes, in whose layers, and how it can be put back. */
export function MigrationDialog({ plan, onApply, onClose }: Props) {
  const counts: [string, number][] = [
    ['Mentions relabelled', plan.mentions],
    ['Mentions deleted', plan.removedMentions],
    ['Frames changed', plan.frames],
    ['Frame fillers dropped', plan.removedFillers],
    ['Mentions no rule matched (given the fallback label)', plan.fellThrough],
  ];
  return (
    <Dialog title="Apply this schema change?" onClose={onClose}>
      <p className="migration-summary">
        {plan.summary[0].toUpperCase() + plan.summary.slice(1)}: {plural(plan.layers, 'layer')} of {plural(plan.documents, 'document')} change, every analyst’s and gold, as one step.
      </p>
      <ul className="migration-counts" aria-label="What the change touches">
        {counts
          .filter(([, n], i) => n > 0 || i === 0)
          .map(([what, n]) => (
            <li key={what}>
              <strong>{n.toLocaleString()}</strong> {what.toLowerCase()}
            </li>
          ))}
      </ul>
      {plan.byLabel.length > 0 && (
        <ul className="migration-counts" aria-label="Where the mentions go">
          {plan.byLabel.map((b) => (
            <li key={b.label}>
              <strong>{b.mentions.toLocaleString()}</strong> → {b.label}
            </li>
          ))}
        </ul>
      )}
      <table className="schema-table migration-by" aria-label="By analyst">
        <thead>
          <tr>
            <th>Analyst</th>
            <th className="num">Layers</th>
            <th className="num">Mentions</th>
            <th className="num">Frames</th>
          </tr>
        </thead>
        <tbody>
          {plan.byAnnotator.map((a) => (
            <tr key={a.annotator}>
              <td>{a.annotator}</td>
              <td className="num">{a.layers.toLocaleString()}</td>
              <td className="num">{a.mentions.toLocaleString()}</td>
              <td className="num">{a.frames.toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        Undo in the message that follows, Ctrl+Z or Recent changes (Ctrl+Shift+H) puts back every mention and frame it changes, as one step. It is kept in the schema’s history, and colleagues’ layers follow at their next sync.
      </p>
      <div className="row end">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={onApply} data-autofocus>
          Apply to {plural(plan.layers, 'layer')}
        </button>
      </div>
    </Dialog>
  );
}
