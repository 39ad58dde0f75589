/** `parley agreement`: the agreement report as a table, or as JSON for scripts. */
import type { AgreementReport } from '../core/agreement';
import { ParleyError } from '../core/errors';
import { GOLD } from '../core/model';
import { agreementFor } from './review';
import type { Workspace } from './workspace';

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
  for (const [type, f] of Object.entries(r.frames)) {
    const attrs = Object.entries(f.attributes).map(([n, a]) => `${n} ${fmt(a.agreement)}`);
    lines.push('', `${type}: ${f.matched} matched, ${f.unmatched} unmatched, F1 ${fmt(f.f1)}${attrs.length ? `, ${attrs.join(', ')}` : ''}`);
  }
  return lines.join('\n');
}

export async function runAgreement(ws: Workspace, annotators: string | undefined, json: boolean): Promise<string> {
  const report = await agreementFor(ws, await chooseAnnotators(ws, annotators));
  return json ? JSON.stringify(report, null, 2) : agreementTable(report);
}
