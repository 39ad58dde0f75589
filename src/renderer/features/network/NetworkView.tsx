/**
 * The Network view: the stance and agreement network drawn, a date slider
 * that replays the corpus article by article, what a node or edge stands
 * for, and what another analyst's network has that this one lacks.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type Sigma from 'sigma';
import type { EdgeKind, Network, NetworkComparison, NetworkEdge, NetworkFrame } from '../../../core/network';
import { LEGEND } from './colours';
import { GraphCanvas, type Selection } from './GraphCanvas';

export interface NetworkChoices {
  annotator: string;
  kinds: EdgeKind[];
  minWeight: number;
  compareWith: string;
}

interface Props {
  net: Network | null;
  choices: NetworkChoices;
  annotators: string[];
  comparison: (NetworkComparison & { left: string; right: string }) | null;
  dark: boolean;
  onChoices: (c: NetworkChoices) => void;
  onOpenFrame: (f: NetworkFrame) => void;
  onExportImage: (renderer: Sigma, format: 'png' | 'svg') => void;
  onClose: () => void;
}

const KINDS: { kind: EdgeKind; label: string }[] = [
  { kind: 'stance', label: 'Stances' },
  { kind: 'agreement', label: 'Agreements' },
  { kind: 'congruence', label: 'Congruence' },
  { kind: 'conflict', label: 'Conflict' },
];

/** Rows of the node list made with the drawing; the rest come once it is on screen, so thousands of rows do not hold the first drawing back. */
const FIRST_ROWS = 100;

const span = (e: { first: string | null; last: string | null }) => (e.first ? (e.first === e.last ? e.first : `${e.first} – ${e.last}`) : 'undated');

export function NetworkView({ net, choices, annotators, comparison, dark, onChoices, onOpenFrame, onExportImage, onClose }: Props) {
  const [selection, setSelection] = useState<Selection>(null);
  const [upTo, setUpTo] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const renderer = useRef<Sigma | null>(null);
  const last = net ? net.documents.length - 1 : 0;
  const shownUpTo = upTo === null ? last : Math.min(upTo, last);

  const labels = useMemo(() => new Map(net?.nodes.map((n) => [n.id, n.label]) ?? []), [net]);
  const edgesById = useMemo(() => new Map(net?.edges.map((e) => [e.id, e]) ?? []), [net]);
  const visible = useMemo(() => {
    if (!net) return [];
    const seen = new Set<string>();
    for (const e of net.edges) if (e.frames.some((i) => net.frames[i].order <= shownUpTo)) seen.add(e.source).add(e.target);
    return net.nodes.filter((n) => seen.has(n.id));
  }, [net, shownUpTo]);

  /** The network whose node list is made whole. */
  const [allRows, setAllRows] = useState<Network | null>(null);
  useEffect(() => {
    if (!net) return;
    // This runs after the drawing's own effect has drawn it: the whole list a frame later.
    let frame = 0;
    let timer = 0;
    frame = requestAnimationFrame(() => (timer = window.setTimeout(() => setAllRows(net))));
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [net]);
  const rows = allRows === net ? visible : visible.slice(0, FIRST_ROWS);

  const select = (s: Selection) => setSelection(s);
  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    if (!visible.length) return;
    const move = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : e.key === 'Home' ? -Infinity : e.key === 'End' ? Infinity : 0;
    if (move) {
      e.preventDefault();
      const next = Math.max(0, Math.min(visible.length - 1, active + move));
      setActive(next);
      select({ kind: 'node', id: visible[next].id });
      document.getElementById(`network-node-${next}`)?.scrollIntoView({ block: 'nearest' });
    } else if (e.key === 'Enter') select({ kind: 'node', id: visible[active].id });
  };

  const edgeLine = (e: NetworkEdge, from?: string) => {
    const other = e.source === from ? e.target : e.target === from ? e.source : null;
    const who = other ? (labels.get(other) ?? other) : `${labels.get(e.source) ?? e.source} ${e.directed ? '→' : '–'} ${labels.get(e.target) ?? e.target}`;
    return (
      <li key={e.id}>
        <button className="link" onClick={() => select({ kind: 'edge', id: e.id })}>
          {who}
        </button>{' '}
        <span className="muted small">
          {/* Beside a node, its group says what a stance is; in the comparison's list the edge says it itself. */}
          {other ? (e.kind !== 'stance' && e.kind !== 'congruence' ? `${e.value.replace(/_/g, ' ')} ` : '') : `${e.kind} ${e.value.replace(/_/g, ' ')} `}×{e.weight}
          {e.topics.length ? ` · on ${e.topics.slice(0, 3).join(', ')}${e.topics.length > 3 ? '…' : ''}` : ''} · {span(e)}
        </span>
      </li>
    );
  };

  const details = () => {
    if (!net || !selection) return <p className="muted">Click a node for its stances and agreements, or an edge for its frames. Tab to the list of nodes and move with the arrow keys.</p>;
    if (selection.kind === 'node') {
      const node = net.nodes.find((n) => n.id === selection.id);
      if (!node) return null;
      const mine = net.edges.filter((e) => e.source === node.id || e.target === node.id);
      const group = (title: string, list: NetworkEdge[]) =>
        list.length ? (
          <div className="network-group" key={title}>
            <h3>{title}</h3>
            <ul>{list.sort((a, b) => b.weight - a.weight).map((e) => edgeLine(e, node.id))}</ul>
          </div>
        ) : null;
      const stances = mine.filter((e) => e.kind === 'stance' && e.source === node.id);
      return (
        <div aria-label={`About ${node.label}`}>
          <h2>{node.label}</h2>
          <p className="muted small">
            {node.kind === 'entity' ? `${node.type} in the registry` : node.kind === 'topic' ? 'topic' : `${node.type}, linked to no entity (its words)`} · weight {node.weightedDegree} · {span(node)}
          </p>
          {group('Favours', stances.filter((e) => e.value === 'favor'))}
          {group('Opposes', stances.filter((e) => e.value === 'against'))}
          {group('Other stances', stances.filter((e) => e.value !== 'favor' && e.value !== 'against'))}
          {group('Stances toward it', mine.filter((e) => e.kind === 'stance' && e.target === node.id))}
          {group('Agreements with', mine.filter((e) => e.kind === 'agreement'))}
          {group('Same side as (congruence)', mine.filter((e) => e.kind === 'congruence'))}
          {group('Opposite side to (conflict)', mine.filter((e) => e.kind === 'conflict'))}
        </div>
      );
    }
    const e = edgesById.get(selection.id);
    if (!e) return null;
    return (
      <div aria-label="About the edge">
        <h2>
          {labels.get(e.source)} {e.directed ? '→' : '–'} {labels.get(e.target)}
        </h2>
        <p className="muted small">
          {e.kind} · {e.value.replace(/_/g, ' ')} · weight {e.weight} · {e.documents.length} document{e.documents.length === 1 ? '' : 's'} · {span(e)}
          {e.topics.length ? ` · ${e.kind === 'agreement' ? 'on' : 'about'} ${e.topics.join(', ')}` : ''}
        </p>
        <h3>Frames</h3>
        <ul className="network-frames">
          {e.frames.map((i) => {
            const f = net.frames[i];
            return (
              <li key={i} className={f.order > shownUpTo ? 'later' : ''}>
                <button onClick={() => onOpenFrame(f)} aria-label={`Open “${f.evidence.quote}” in ${f.docTitle}`}>
                  Open
                </button>{' '}
                <span className="quote">“{f.evidence.quote}”</span>
                <span className="muted small">
                  {' '}
                  {f.summary} · {f.docTitle}
                  {f.date ? ` · ${f.date}` : ''}
                </span>
              </li>
            );
          })}
        </ul>
      </div>
    );
  };

  const doc = net?.documents[shownUpTo];
  return (
    <section className="network corpus" aria-label="Network view">
      <div className="corpus-head network-head">
        <h1>Stance and agreement network</h1>
        <label>
          Whose{' '}
          <select value={choices.annotator} onChange={(e) => onChoices({ ...choices, annotator: e.target.value })}>
            {annotators.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
        <fieldset className="network-kinds">
          <legend className="sr-only">Edges</legend>
          {KINDS.map(({ kind, label }) => (
            <label key={kind}>
              <input
                type="checkbox"
                checked={choices.kinds.includes(kind)}
                onChange={(e) => onChoices({ ...choices, kinds: e.target.checked ? [...choices.kinds, kind] : choices.kinds.filter((k) => k !== kind) })}
              />{' '}
              {label}
            </label>
          ))}
        </fieldset>
        <label>
          Min. weight{' '}
          <input type="number" min={1} max={999} value={choices.minWeight} onChange={(e) => onChoices({ ...choices, minWeight: Math.max(1, Number(e.target.value) || 1) })} style={{ width: '4em' }} />
        </label>
        <label>
          Compare with{' '}
          <select value={choices.compareWith} onChange={(e) => onChoices({ ...choices, compareWith: e.target.value })}>
            <option value="">nobody</option>
            {annotators
              .filter((a) => a !== choices.annotator)
              .map((a) => (
                <option key={a}>{a}</option>
              ))}
          </select>
        </label>
        <button onClick={() => renderer.current && onExportImage(renderer.current, 'png')}>PNG</button>
        <button onClick={() => renderer.current && onExportImage(renderer.current, 'svg')}>SVG</button>
        <button onClick={onClose}>Back to the reader</button>
      </div>
      {!net ? (
        <p className="muted">Reading the frames…</p>
      ) : net.edges.length === 0 ? (
        <p className="muted">No complete stances or agreements {choices.annotator ? `by ${choices.annotator}` : ''} yet: select evidence in an article and press S for a stance or A for an agreement.</p>
      ) : (
        <div className="network-body">
          <GraphCanvas key={choices.annotator} net={net} upTo={shownUpTo} selection={selection} dark={dark} onSelect={select} onRenderer={(r) => (renderer.current = r)} />
          <aside className="network-side" aria-label="Network details">
            <div className="network-details">{details()}</div>
            {comparison && (
              <div className="network-compare" aria-label="Comparison">
                <h3>
                  Only {comparison.left}: {comparison.onlyLeft.length} · only {comparison.right}: {comparison.onlyRight.length} · different weight: {comparison.reweighted.length} · same: {comparison.shared}
                </h3>
                <ul>{comparison.onlyLeft.slice(0, 50).map((e) => edgeLine(e))}</ul>
                {comparison.onlyRight.length > 0 && <h3>Only {comparison.right}</h3>}
                <ul>
                  {comparison.onlyRight.slice(0, 50).map((e) => (
                    <li key={e.id} className="muted small">
                      {comparison.rightLabels[e.source] ?? e.source} {e.directed ? '→' : '–'} {comparison.rightLabels[e.target] ?? e.target} · {e.kind} {e.value.replace(/_/g, ' ')} ×{e.weight}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <h3 id="network-nodes-title">Nodes ({visible.length})</h3>
            <ul className="network-nodes" role="listbox" tabIndex={0} aria-labelledby="network-nodes-title" aria-activedescendant={visible.length ? `network-node-${Math.min(active, visible.length - 1)}` : undefined} onKeyDown={onListKey}>
              {rows.map((n, i) => (
                <li
                  key={n.id}
                  id={`network-node-${i}`}
                  role="option"
                  aria-selected={selection?.kind === 'node' && selection.id === n.id}
                  className={i === active ? 'active' : ''}
                  onClick={() => {
                    setActive(i);
                    select({ kind: 'node', id: n.id });
                  }}
                >
                  {n.label} <span className="muted small">{n.weightedDegree}</span>
                </li>
              ))}
            </ul>
          </aside>
        </div>
      )}
      {net && net.documents.length > 0 && (
        <div className="network-time">
          <label htmlFor="network-date">Articles up to</label>
          <input id="network-date" type="range" min={0} max={last} value={shownUpTo} onChange={(e) => setUpTo(Number(e.target.value))} aria-valuetext={doc ? `${doc.date ?? 'undated'}: ${doc.title}` : ''} />
          <span className="small" aria-live="polite">
            {shownUpTo + 1} of {net.documents.length}: {doc?.date ?? 'undated'} · {doc?.title}
          </span>
          <ul className="network-legend" aria-label="Legend">
            {LEGEND.map((l) => (
              <li key={l.label}>
                <span style={{ background: l.colour }} /> {l.label}
              </li>
            ))}
          </ul>
          <span className="muted small">
            {net.counted} complete frames{net.incomplete ? `, ${net.incomplete} incomplete left out` : ''}
          </span>
        </div>
      )}
    </section>
  );
}
