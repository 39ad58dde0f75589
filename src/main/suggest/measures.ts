/**
 * The suggestion measures of a workspace (see core/suggest/measures.ts):
 * time per mention from the analysts' layers, acceptance from the outcomes
 * kept in .parley/suggestions.json, and agreement between the recommender as
 * a pseudo-annotator and each analyst. Everything stays on this machine.
 */
import { agreementReport } from '../../core/agreement';
import type { AgreementDocument } from '../../core/agreement/reportTypes';
import { GOLD, type Mention } from '../../core/model';
import { acceptance, timePerMention, type RecommenderAgreement, type SuggestionMeasures } from '../../core/suggest/measures';
import { RECOMMENDER } from '../../core/suggest/types';
import type { Workspace } from '../workspace';
import type { SuggestStore } from './store';

type Pseudo = Record<string, { start: number; end: number; label: string; quote: string }[]>;

/** Each analyst's agreement with the recommender's pseudo-layers, over the documents both have. */
export async function agreementWithRecommender(ws: Workspace, pseudo: Pseudo, analysts?: readonly string[]): Promise<RecommenderAgreement[]> {
  const out: RecommenderAgreement[] = [];
  const labels = ws.schema.labels.map((l) => l.name);
  for (const annotator of analysts ?? (await ws.annotators()).filter((a) => a !== GOLD)) {
    const docs: AgreementDocument[] = [];
    for (const docId of await ws.layerIds(annotator)) {
      if (!ws.has(docId) || !pseudo[docId]) continue;
      const layer = (await ws.layer(annotator, docId)).data;
      if (ws.isStale(layer)) continue;
      const mentions = layer.mentions.filter((m) => !m.pending);
      if (mentions.length === 0) continue;
      const machine: Mention[] = pseudo[docId].map((s, i) => ({ id: `r${i}`, ...s, origin: 'suggested', author: RECOMMENDER, createdAt: '' }));
      docs.push({ docId, text: (await ws.document(docId)).text, layers: [{ annotator, mentions, frames: [] }, { annotator: RECOMMENDER, mentions: machine, frames: [] }] });
    }
    if (docs.length === 0) continue;
    const r = agreementReport(docs, [annotator, RECOMMENDER], { labels });
    const pair = r.mentions.pairs[0];
    out.push({
      annotator,
      documents: docs.length,
      f1_exact: r.mentions.f1_exact,
      f1_overlap: r.mentions.f1_overlap,
      cohen_kappa: r.tokens.cohen_kappa,
      byLabel: Object.fromEntries(Object.entries(pair?.labels ?? {}).map(([l, v]) => [l, v.exact.f1])),
    });
  }
  return out;
}

/** Time per mention and acceptance, without agreement (which needs the recommender trained on folds). */
export async function helpMeasures(ws: Workspace, store: SuggestStore): Promise<Omit<SuggestionMeasures, 'agreement'>> {
  const layers: Mention[][] = [];
  for (const annotator of (await ws.annotators()).filter((a) => a !== GOLD)) {
    for (const docId of await ws.layerIds(annotator)) {
      if (!ws.has(docId)) continue;
      layers.push((await ws.layer(annotator, docId)).data.mentions.filter((m) => !m.pending));
    }
  }
  return { time: timePerMention(layers), acceptance: acceptance(await store.outcomes()) };
}
