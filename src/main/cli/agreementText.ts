/** `parley agreement`: the agreement report as a table, or as JSON for scripts. */
import type { AgreementReport } from '../../core/agreement';
import { ParleyError } from '../../core/errors';
import { GOLD } from '../../core/model';
import { agreementFor, type AdjudicationSummary } from '../review/service';
import type { Workspace } from '../workspace';

const fmt = (x: number | null | undefined) => (x === null || x === undefined ? '—' : (Math.abs(x) < 5e-4 ? 0 : x).toFixed(3));

/** The annotators to compare: those named, or every annotator with a layer except gold. */
export async function chooseAnnotators(ws: Workspace, named: string | undefined): Promise<string[]> {
  const all = (await ws.annotators()).filter((a) => a !== GOLD);
  const list = named ? named.split(',').map((a) => a.trim()).filter(Boolean) : all;
  for (const a of list) if (!all.includes(a) && a !== GOLD) throw new ParleyError('not_found', `no annotator ${a} in this workspace (there are: ${all.join(', ') || 'none'})`);
  if (list.length < 2) throw new ParleyError('invalid_argument', `agreement needs at least two annotators; this workspace has ${all.length ? all.join(', ') : 'none'}`);
  return list;
}

export function agreementTable(r: AgreementReport): string {
  const lines: string[] = [];
  lines.push(`Agreement between ${r.annotators.join(', ')} over ${r.documents.length} document${r.documents.length === 1 ? '' : 's'} (${r.tokens.count.toLocaleString('en')} tokens)`);
  lines.push('');
  const head = ['label', 'f1_exact', 'f1_overlap', 'cohen_kappa', 'fleiss_kappa', 'krippendorff_alpha'];
  const rows = [
    ['overall', fmt(r.mentions.f1_exact), fmt(r.mentions.f1_overlap), fmt(r.tokens.cohen_kappa), fmt(r.tokens.fleiss_kappa), fmt(r.tokens.krippendorff_alpha)],
    ...Object.entries(r.labels).map(([l, a]) => [l, fmt(a.f1_exact), fmt(a.f1_overlap), fmt(a.cohen_kappa), fmt(a.fleiss_kappa), fmt(a.krippendorff_alpha)]),
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  lines.push(line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line));
  for (const [type, f] of Object.entries(r.frames.types)) {
    const attrs = Object.entries(f.attributes).map(([n, a]) => `${n} agree ${fmt(a.agreement)} alpha ${fmt(a.alpha)}`);
    const roles = Object.entries(f.roles).map(([n, a]) => `${n} F1 ${fmt(a.f1)}`);
    lines.push(
      '',
      `${type}: ${f.matched} matched, ${f.unmatched} unmatched, F1 exact ${fmt(f.f1_exact)}, entity ${fmt(f.f1_entity)}, overlap ${fmt(f.f1_overlap)}`,
      ...(attrs.length || roles.length ? [`  ${[...attrs, ...roles].join(', ')}`] : []),
    );
    for (const [name, a] of Object.entries(f.attributes)) lines.push(...confusionLines(name, a.confusion));
  }
  return lines.join('\n');
}

/** A small value × value table: rows the earlier annotator of each pair, columns the later. */
function confusionLines(name: string, c: { values: string[]; matrix: number[][] }): string[] {
  if (c.values.length === 0) return [];
  const w = Math.max(name.length, ...c.values.map((v) => v.length));
  const cw = c.values.map((v, j) => Math.max(v.length, ...c.matrix.map((row) => String(row[j]).length)));
  return [
    `  ${name.padEnd(w)}  ${c.values.map((v, j) => v.padStart(cw[j])).join('  ')}`,
    ...c.values.map((v, i) => `  ${v.padEnd(w)}  ${c.matrix[i].map((x, j) => String(x).padStart(cw[j])).join('  ')}`),
  ];
}

export async function runAgreement(ws: Workspace, annotators: string | undefined, json: boolean): Promise<string> {
  const report = await agreementFor(ws, await chooseAnnotators(ws, annotators));
  return json ? JSON.stringify(report, null, 2) : agreementTable(report);
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** `parley adjudicate` as text: what went into gold, then what is left, per document. */
export function adjudicationText(s: AdjudicationSummary, accepted: boolean): string {
  const lines = [
    `Adjudicating ${s.annotators.join(', ')} over ${plural(s.documents.length, 'document')}.`,
    accepted
      ? `Accepted into gold what all agree on: ${plural(s.accepted.mentions, 'mention')} and ${plural(s.accepted.frames, 'frame')}.`
      : 'Nothing was changed (add --accept-agreed to accept what all agree on).',
    `Remaining to decide: ${plural(s.remaining.mentions, 'mention item')} and ${plural(s.remaining.frames, 'frame item')}.`,
  ];
  if (s.linkOnly) lines.push(`Agreed on span and label, differ in link or note: ${s.linkOnly} (--accept-link-differences accepts them too).`);
  for (const d of s.documents) {
    const left = d.undecided.mentions + d.undecided.frames + d.agreed.mentions + d.agreed.frames;
    lines.push(`${d.docId}\taccepted mentions=${d.accepted.mentions} frames=${d.accepted.frames}\tremaining mentions=${d.undecided.mentions + d.agreed.mentions} frames=${d.undecided.frames + d.agreed.frames}${left === 0 ? '\tdone' : ''}`);
  }
  return lines.join('\n');
}
