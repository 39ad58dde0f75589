/** `parley suggest`: one document's suggestions, trained on the workspace's accepted labels; reads only. */
import { ParleyError } from '../../core/errors';
import { Recommender } from '../../core/suggest/recommender';
import type { DocumentSuggestions, FrameSuggestion } from '../../core/suggest/types';
import { analystOf } from '../settings/analyst';
import { trainingDocuments, trainingLayers } from '../suggest/service';
import { SuggestStore } from '../suggest/store';
import type { Workspace } from '../workspace';

export async function suggestFor(ws: Workspace, docId: string, from: string | undefined): Promise<DocumentSuggestions> {
  const doc = await ws.document(docId);
  if (from && !(await ws.annotators()).includes(from)) {
    throw new ParleyError('not_found', `no annotator ${from} in this workspace (there are: ${(await ws.annotators()).join(', ') || 'none'})`);
  }
  const store = new SuggestStore(ws.root);
  const settings = await store.settings();
  const recommender = new Recommender(ws.schema, ws.entities, { coldStart: settings.coldStart });
  // The document's own layer (from --from) is left out of nothing: spans it already has are simply not proposed.
  // Whose layers teach it follows blind annotation, for the analyst of this copy.
  recommender.train(await trainingDocuments(ws, await trainingLayers(ws, await analystOf(ws.root), from)));
  const layer = from ? (await ws.layer(from, docId)).data : null;
  const boilerplate = await store.boilerplate(docId);
  const result = recommender.suggest({
    text: doc.text,
    mentions: layer?.mentions.filter((m) => !m.pending) ?? [],
    rejected: from ? await store.rejected(from, docId) : [],
    minScore: settings.threshold,
    skip: boilerplate,
  });
  return { docId, ...result, trainedOn: recommender.trainedOn, threshold: settings.threshold, boilerplate };
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ');

function rolesText(f: FrameSuggestion): string {
  return Object.entries(f.roles)
    .map(([role, cs]) => `${role}: ${cs.length ? cs.map((c) => `${oneLine(c.quote)} (${c.start}-${c.end})`).join(' | ') : '—'}`)
    .join('; ');
}

export function suggestTable(s: DocumentSuggestions, title: string): string {
  const lines = [`Suggestions for ${s.docId} (${title}): ${s.mentions.length} mentions, ${s.frames.length} frames at score ≥ ${s.threshold}, learned from ${s.trainedOn} labelled layer${s.trainedOn === 1 ? '' : 's'}`, ''];
  const head = ['start', 'end', 'label', 'score', 'source', 'quote'];
  const rows = s.mentions.map((m) => [String(m.start), String(m.end), m.label, m.score.toFixed(2), m.source, oneLine(m.quote)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : i < 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  lines.push(line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line));
  if (s.frames.length) lines.push('', 'Frames:');
  for (const f of s.frames) {
    const attrs = Object.entries(f.attrs).map(([k, v]) => `${k}=${v}`).join(' ');
    lines.push(`${f.evidence.start}-${f.evidence.end}  ${f.type}  ${attrs}  ${f.score.toFixed(2)}  ${f.source}  cue “${oneLine(f.cue.quote)}”`);
    lines.push(`    ${rolesText(f)}`);
  }
  return lines.join('\n');
}

export async function runSuggest(ws: Workspace, docId: string, from: string | undefined, json: boolean): Promise<string> {
  const s = await suggestFor(ws, docId, from);
  return json ? JSON.stringify(s, null, 2) : suggestTable(s, ws.entry(docId).title);
}
