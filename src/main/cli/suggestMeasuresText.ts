/** `parley agreement --with-suggestions`: the recommender as a pseudo-annotator beside the analysts, and how much its suggestions help. */
import type { SuggestionMeasures } from '../../core/suggest/measures';
import { pseudoAnnotations } from '../../core/suggest/pseudo';
import { agreementWithRecommender, helpMeasures } from '../suggest/measures';
import { trainingDocuments } from '../suggest/service';
import { SuggestStore } from '../suggest/store';
import type { Workspace } from '../workspace';

const fmt = (x: number | null | undefined, digits = 3) => (x === null || x === undefined ? '—' : x.toFixed(digits));
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);

export async function suggestionMeasures(ws: Workspace, analysts?: string[]): Promise<SuggestionMeasures> {
  const store = new SuggestStore(ws.root);
  const settings = await store.settings();
  const pseudo = pseudoAnnotations(ws.schema, ws.entities, await trainingDocuments(ws), settings.threshold);
  return { ...(await helpMeasures(ws, store)), agreement: await agreementWithRecommender(ws, pseudo, analysts) };
}

export function measuresTable(m: SuggestionMeasures): string {
  const lines = ['Agreement with the recommender (a pseudo-annotator trained on the other documents, in up to 5 folds; its layer is not saved):'];
  if (m.agreement.length === 0) lines.push('  no analyst has labelled a document yet');
  for (const a of m.agreement) {
    const labels = Object.entries(a.byLabel).map(([l, f]) => `${l} ${fmt(f)}`).join(', ');
    lines.push(`  ${a.annotator} vs (recommender): ${a.documents} document${a.documents === 1 ? '' : 's'}, f1_exact ${fmt(a.f1_exact)}, f1_overlap ${fmt(a.f1_overlap)}, cohen_kappa ${fmt(a.cohen_kappa)}${labels ? ` (f1_exact by label: ${labels})` : ''}`);
  }
  const t = m.time;
  lines.push(
    '',
    `Time per mention: accepted suggestion ${t.suggested.seconds === null ? '—' : `${fmt(t.suggested.seconds, 1)} s`} (${t.suggested.count} timed), made by hand ${t.manual.seconds === null ? '—' : `${fmt(t.manual.seconds, 1)} s`} (${t.manual.count} timed)`,
    '',
    `Suggestions answered: ${m.acceptance.overall.answered}, accepted with their label: ${pct(m.acceptance.overall.rate)}`,
  );
  for (const [label, r] of Object.entries(m.acceptance.byLabel)) lines.push(`  ${label}: ${r.accepted} of ${r.answered} (${pct(r.rate)})`);
  for (const b of m.acceptance.byBand) lines.push(`  score ${b.from.toFixed(1)}–${b.to.toFixed(1)}: ${b.accepted} of ${b.answered} (${pct(b.rate)})`);
  return lines.join('\n');
}
