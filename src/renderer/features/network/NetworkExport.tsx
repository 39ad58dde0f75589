/** The Export dialog's Network choice: the network of one analyst's frames as GraphML, GEXF, CSV or JSON. */
import { useState } from 'react';
import type { FormatInfo } from '../../../core/api/datasets';
import type { NetworkExportResult } from '../../../core/api/network';
import { EDGE_KINDS, type EdgeKind, type NetworkFormat } from '../../../core/network';
import { api } from '../../api';

export const NETWORK_CHOICES: { value: `network:${NetworkFormat}`; title: string }[] = [
  { value: 'network:graphml', title: 'Network: GraphML (networkx, Gephi, yEd)' },
  { value: 'network:gexf', title: 'Network: GEXF with a timeline (Gephi)' },
  { value: 'network:csv', title: 'Network: CSV node and edge lists' },
  { value: 'network:json', title: 'Network: JSON' },
];

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export const networkChoice = (value: string): NetworkFormat | null => (value.startsWith('network:') ? (value.slice(8) as NetworkFormat) : null);

interface Props {
  format: NetworkFormat;
  /** The dataset formats, to go back to one. */
  formats: FormatInfo[];
  onFormat: (value: string) => void;
  annotators: string[];
  annotator: string;
  onAnnotator: (name: string) => void;
  workspacePath: string;
  onClose: () => void;
  onError: (e: unknown) => void;
}

export function NetworkExportForm({ format, formats, onFormat, annotators, annotator, onAnnotator, workspacePath, onClose, onError }: Props) {
  const [kinds, setKinds] = useState<EdgeKind[]>([...EDGE_KINDS]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [out, setOut] = useState('');
  const [result, setResult] = useState<NetworkExportResult | null>(null);
  const target = out || `${workspacePath}-network${format === 'csv' ? '' : `.${format}`}`;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        api.network.export({ format, out: target, filter: { annotator, kinds, from: from || undefined, to: to || undefined } }).then(setResult, onError);
      }}
    >
      <div className="grid2">
        <label className="field">
          <span className="field-label">Format</span>
          <select aria-label="Format" value={`network:${format}`} onChange={(e) => onFormat(e.target.value)}>
            {formats.map((f) => (
              <option key={f.name} value={f.name}>
                {f.title}
              </option>
            ))}
            {NETWORK_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.title}
              </option>
            ))}
          </select>
          <span className="muted small">Stances, agreements, and the congruence and conflict derived from stances, between registry entities, unlinked names and topics.</span>
        </label>
        <label className="field">
          <span className="field-label">Whose frames</span>
          <select aria-label="Whose labels" value={annotator} onChange={(e) => onAnnotator(e.target.value)}>
            {[...new Set([...annotators, 'gold'])].map((a) => (
              <option key={a} value={a}>
                {a === 'gold' ? 'gold (adjudicated)' : a}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="field">
        <span className="field-label">Edges</span>
        <div className="row wrap">
          {EDGE_KINDS.map((k) => (
            <label className="field-inline" key={k}>
              <input type="checkbox" checked={kinds.includes(k)} onChange={() => setKinds(kinds.includes(k) ? kinds.filter((x) => x !== k) : [...kinds, k])} /> {k}
            </label>
          ))}
        </div>
      </div>
      <div className="row wrap">
        <label className="field-inline">
          Articles from <input aria-label="Articles from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="field-inline">
          to <input aria-label="Articles to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </div>
      <label className="field">
        <span className="field-label">Write to ({format === 'csv' ? 'a folder for nodes.csv and edges.csv' : 'a file'})</span>
        <input aria-label="Export to" className="grow" value={target} onChange={(e) => setOut(e.target.value)} spellCheck={false} />
      </label>
      {result && (
        <p className="summary" role="status">
          Wrote {plural(result.nodes, 'node')} and {plural(result.edges, 'edge')} from {plural(result.counted, 'complete frame')}{result.incomplete ? ` (${result.incomplete} incomplete left out)` : ''} to <code>{result.files.join(', ')}</code>.
        </p>
      )}
      <div className="row end">
        <button type="button" onClick={onClose}>
          {result ? 'Done' : 'Cancel'}
        </button>
        <button type="submit" className="primary" disabled={kinds.length === 0}>
          Export network
        </button>
      </div>
    </form>
  );
}
