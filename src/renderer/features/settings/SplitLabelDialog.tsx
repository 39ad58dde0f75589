/**
 * Splitting one label into two. By review: every mention of the label, in
 * every analyst's layer and gold, in its context; the analyst gives each to
 * one of the new labels with 1 and 2 (↑ ↓ move) and applies. By rule: the
 * mentions whose text is in a list, or matches a regular expression, go to
 * the second label and the rest to the first, counted as the rule is typed.
 * Either way the step is then previewed with its counts before it runs.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ReviewMention } from '../../../core/api/schema';
import type { MigrationOp } from '../../../core/migrations';
import type { LabelDef } from '../../../core/model';
import { api } from '../../api';
import { useAppStore } from '../../app/store';
import { Dialog } from '../../components/Dialog';

interface Props {
  label: string;
  labels: readonly LabelDef[];
  /** Shows the step's plan (the migration dialog), which runs it on confirm. */
  onPropose: (op: MigrationOp) => void;
  onClose: () => void;
}

type Rule = { kind: 'texts'; text: string } | { kind: 'regex'; text: string };

/** The step a rule makes: what it matches goes to the second label, the rest to the first. */
function ruleOp(label: string, names: [string, string], rule: Rule): MigrationOp | null {
  if (rule.kind === 'texts') {
    const texts = rule.text.split('\n').map((t) => t.trim()).filter(Boolean);
    if (!texts.length) return null;
    return { op: 'splitLabel', from: label, into: [{ label: names[0] }, { label: names[1], texts }], otherwise: names[0] };
  }
  if (!rule.text.trim()) return null;
  return { op: 'splitLabel', from: label, into: [{ label: names[0] }, { label: names[1], quote: rule.text }], otherwise: names[0] };
}

/** Why the two names cannot be the new labels, or null. */
function nameProblem(label: string, names: [string, string], labels: readonly LabelDef[]): string | null {
  if (!names[0] || !names[1]) return 'Name both new labels.';
  if (names[0] === names[1]) return 'The two new labels need different names.';
  const taken = names.find((n) => n !== label && labels.some((l) => l.name === n));
  return taken ? `There is already a label ${taken}: a split makes new labels (merge afterwards if you mean to).` : null;
}

const plural = (n: number, one: string) => `${n.toLocaleString()} ${one}${n === 1 ? '' : 's'}`;

export function SplitLabelDialog({ label, labels, onPropose, onClose }: Props) {
  const [names, setNames] = useState<[string, string]>([`${label}_1`, `${label}_2`]);
  const [mode, setMode] = useState<'review' | 'rule'>('review');
  const problem = nameProblem(label, names, labels);
  const setName = (i: 0 | 1, v: string) => setNames((n) => (i === 0 ? [v.trim(), n[1]] : [n[0], v.trim()]));
  return (
    <Dialog title={`Split ${label}`} onClose={onClose} wide>
      <div className="row split-names">
        <span>
          Split <strong>{label}</strong> into
        </span>
        <label className="field-inline">
          <kbd>1</kbd>
          <input aria-label="First new label" defaultValue={names[0]} onChange={(e) => setName(0, e.target.value)} spellCheck={false} />
        </label>
        <span>and</span>
        <label className="field-inline">
          <kbd>2</kbd>
          <input aria-label="Second new label" defaultValue={names[1]} onChange={(e) => setName(1, e.target.value)} spellCheck={false} />
        </label>
      </div>
      <div className="row" role="radiogroup" aria-label="How to split">
        <label className="field-inline">
          <input type="radio" name="split-mode" checked={mode === 'review'} onChange={() => setMode('review')} />
          By review: give each mention its label
        </label>
        <label className="field-inline">
          <input type="radio" name="split-mode" checked={mode === 'rule'} onChange={() => setMode('rule')} />
          By rule
        </label>
      </div>
      {problem && (
        <p className="error small" role="alert">
          {problem}
        </p>
      )}
      {mode === 'review' ? <ByReview label={label} names={names} disabled={problem !== null} onPropose={onPropose} onClose={onClose} /> : <ByRule label={label} names={names} disabled={problem !== null} onPropose={onPropose} onClose={onClose} />}
    </Dialog>
  );
}

interface PartProps {
  label: string;
  names: [string, string];
  disabled: boolean;
  onPropose: (op: MigrationOp) => void;
  onClose: () => void;
}

function ByReview({ label, names, disabled, onPropose, onClose }: PartProps) {
  const [found, setFound] = useState<{ mentions: ReviewMention[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [to, setTo] = useState<Map<string, 0 | 1>>(new Map());
  const [cursor, setCursor] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);
  const app = useAppStore();
  useEffect(() => {
    // A mention tagged a moment ago is listed too: the saves still on their way go first.
    void app.saves
      .idle()
      .then(() => api.schema.labelMentions({ label }))
      .then(setFound, (e: Error) => setError(e.message));
  }, [app, label]);
  useEffect(() => {
    listRef.current?.querySelector(`[data-row="${cursor}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);
  if (error) return <p className="error" role="alert">{error}</p>;
  if (!found) return <p className="muted">Reading the mentions of {label}…</p>;
  const mentions = found.mentions;
  const side = (m: ReviewMention) => to.get(m.key) ?? 0;
  const second = mentions.filter((m) => side(m) === 1).length;
  const assign = (i: number, s: 0 | 1) => {
    const m = mentions[i];
    if (!m) return;
    setTo((t) => new Map(t).set(m.key, s));
  };
  const apply = () =>
    onPropose({
      op: 'splitLabel',
      from: label,
      into: [
        { label: names[0], mentions: mentions.filter((m) => side(m) === 0).map((m) => m.key) },
        { label: names[1], mentions: mentions.filter((m) => side(m) === 1).map((m) => m.key) },
      ],
      // Mentions not reviewed here (tagged since, or arriving through sync) take the first label.
      otherwise: names[0],
    });
  const onKey = (e: KeyboardEvent) => {
    const move = (c: number) => setCursor(Math.max(0, Math.min(mentions.length - 1, c)));
    if (e.key === 'ArrowDown') move(cursor + 1);
    else if (e.key === 'ArrowUp') move(cursor - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(mentions.length - 1);
    else if (e.key === '1' || e.key === '2') {
      assign(cursor, e.key === '1' ? 0 : 1);
      move(cursor + 1);
    } else if (e.key === 'Enter' && !disabled) apply();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <>
      <p className="muted small">
        ↑ ↓ move · <kbd>1</kbd> gives the mention to {names[0] || 'the first label'}, <kbd>2</kbd> to {names[1] || 'the second'}, and moves on · <kbd>Enter</kbd> applies. Every mention starts with the first.
      </p>
      <p aria-label="Split counts" className="split-counts">
        <strong>{(mentions.length - second).toLocaleString()}</strong> → {names[0]} · <strong>{second.toLocaleString()}</strong> → {names[1]}
        {found.total > mentions.length && <span className="muted"> · the first {plural(mentions.length, 'mention')} of {found.total.toLocaleString()} are listed; the rest take {names[0]}</span>}
      </p>
      {mentions.length === 0 ? (
        <p className="muted">No analyst has tagged {label} yet: the split only changes the schema.</p>
      ) : (
        <div className="concordance split-review" role="listbox" aria-label={`Mentions of ${label}`} tabIndex={0} ref={listRef} onKeyDown={onKey} aria-activedescendant={`split-${cursor}`}>
          {mentions.map((m, i) => (
            <div key={m.key} id={`split-${i}`} data-row={i} role="option" aria-selected={i === cursor} className={`hit${i === cursor ? ' on' : ''}`} onClick={() => setCursor(i)}>
              {/* Whose layer first: the title is cut short in a narrow window, the analyst never. */}
              <span className="hit-doc" title={`${m.annotator}: ${m.title}`}>
                <strong>{m.annotator}</strong> · {m.title}
              </span>
              <span className="hit-left">
                <bdi>{m.before}</bdi>
              </span>
              <mark className="hit-quote">{m.quote}</mark>
              <span className="hit-right">{m.after}</span>
              {/* Part of the option's text (a control inside an option would be nested); a click gives it the other label. */}
              <span
                className={`split-to side-${side(m) + 1}`}
                title="Click to give it the other label"
                onClick={(e) => {
                  e.stopPropagation();
                  setCursor(i);
                  assign(i, side(m) === 0 ? 1 : 0);
                }}
              >
                {side(m) + 1} {names[side(m)]}
              </span>
            </div>
          ))}
        </div>
      )}
      <div className="row end">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={disabled} onClick={apply}>
          Apply…
        </button>
      </div>
    </>
  );
}

function ByRule({ label, names, disabled, onPropose, onClose }: PartProps) {
  const app = useAppStore();
  const [rule, setRule] = useState<Rule>({ kind: 'texts', text: '' });
  const [preview, setPreview] = useState<{ counts: [number, number] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const op = disabled ? null : ruleOp(label, names, rule);
  // The step by its JSON: a new object for the same rule asks nothing again.
  const wanted = op ? JSON.stringify(op) : null;
  useEffect(() => {
    setError(null);
    if (!wanted) {
      setPreview(null);
      return;
    }
    const step = JSON.parse(wanted) as Extract<MigrationOp, { op: 'splitLabel' }>;
    let stale = false;
    // Counted a moment after typing stops, over every analyst's layers and gold.
    const timer = setTimeout(() => {
      void app.saves
        .idle()
        .then(() => api.schema.planMigration({ op: step }))
        .then(
          (plan) => {
            if (stale) return;
            const n = (l: string) => plan.byLabel.find((b) => b.label === l)?.mentions ?? 0;
            setPreview({ counts: [n(step.into[0].label), n(step.into[1].label)] });
          },
          (e: Error) => {
            if (stale) return;
            setPreview(null);
            setError(e.message);
          },
        );
    }, 200);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [app, wanted]);
  return (
    <>
      <label className="field">
        <span className="field-label">Mentions go to {names[1] || 'the second label'} when</span>
        <select aria-label="Rule" value={rule.kind} onChange={(e) => setRule({ kind: e.target.value as Rule['kind'], text: '' })}>
          <option value="texts">their text is one of these (one a line, any case)</option>
          <option value="regex">their text matches this regular expression (any case)</option>
        </select>
      </label>
      {rule.kind === 'texts' ? (
        <textarea aria-label="Texts" rows={5} value={rule.text} onChange={(e) => setRule({ kind: 'texts', text: e.target.value })} spellCheck={false} placeholder={'Geneva\nAleppo'} />
      ) : (
        <input aria-label="Regular expression" value={rule.text} onChange={(e) => setRule({ kind: 'regex', text: e.target.value })} spellCheck={false} placeholder="^(Geneva|Aleppo)$" />
      )}
      <p className="split-counts" aria-label="Split counts" aria-live="polite">
        {error ? (
          <span className="error" role="alert">
            {error}
          </span>
        ) : preview ? (
          <>
            <strong>{preview.counts[0].toLocaleString()}</strong> → {names[0]} · <strong>{preview.counts[1].toLocaleString()}</strong> → {names[1]}
          </>
        ) : (
          <span className="muted">Type a rule to see how many go each way; the rest take {names[0] || 'the first label'}.</span>
        )}
      </p>
      <div className="row end">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={!op || error !== null} onClick={() => op && onPropose(op)}>
          Apply…
        </button>
      </div>
    </>
  );
}
