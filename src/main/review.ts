/** Reading several analysts' layers for review, and measuring their agreement. */
import { existsSync } from 'node:fs';
import type { AnnotatorSummary, HistoryState, ReviewDocument, ReviewLayer } from '../core/api';
import { agreementReport, type AgreementDocument, type AgreementReport } from '../core/agreement';
import { ParleyError } from '../core/errors';
import { GOLD, type Layer } from '../core/model';
import type { Workspace } from './workspace';

export async function annotatorSummaries(ws: Workspace): Promise<AnnotatorSummary[]> {
  const out: AnnotatorSummary[] = [];
  const known = new Set(ws.entries.map((e) => e.id));
  for (const annotator of await ws.annotators()) {
    let documents = 0;
    let mentions = 0;
    for (const id of await ws.layerIds(annotator)) {
      if (!known.has(id)) continue;
      try {
        const layer = (await ws.layer(annotator, id)).data;
        documents++;
        mentions += layer.mentions.filter((m) => !m.pending).length;
      } catch {
        // an unreadable layer is reported by the document list and `parley validate`
      }
    }
    out.push({ annotator, documents, mentions });
  }
  return out;
}

async function readLayer(ws: Workspace, annotator: string, docId: string): Promise<{ layer: Layer; exists: boolean; stale: boolean }> {
  const exists = existsSync(ws.layerPath(annotator, docId));
  const layer = (await ws.layer(annotator, docId)).data;
  return { layer, exists, stale: exists && ws.isStale(layer) };
}

function view(annotator: string, r: { layer: Layer; exists: boolean; stale: boolean }): ReviewLayer {
  // A layer made for another text is reported and shows nothing: its offsets mean nothing here.
  const usable = r.exists && !r.stale;
  return {
    annotator,
    exists: r.exists,
    stale: r.stale,
    mentions: usable ? r.layer.mentions.filter((m) => !m.pending) : [],
    frames: usable ? r.layer.frames : [],
  };
}

export async function reviewDocument(ws: Workspace, docId: string, annotators: string[], historyOf: (l: Layer) => HistoryState): Promise<ReviewDocument> {
  if (annotators.includes(GOLD)) throw new ParleyError('invalid_argument', 'the gold layer is what review builds; choose the analysts to compare');
  const document = await ws.document(docId);
  const layers = await Promise.all(annotators.map(async (a) => view(a, await readLayer(ws, a, docId))));
  const g = await readLayer(ws, GOLD, docId);
  return { document, layers, gold: { ...view(GOLD, g), decisions: g.layer.decisions ?? {}, history: historyOf(g.layer) } };
}

/** The agreement report over the whole workspace, or one document. */
export async function agreementFor(ws: Workspace, annotators: string[], docId?: string): Promise<AgreementReport> {
  const ids = docId ? [docId] : ws.entries.map((e) => e.id);
  const docs: AgreementDocument[] = [];
  for (const id of ids) {
    const layers = [];
    for (const a of annotators) {
      if (!existsSync(ws.layerPath(a, id))) continue;
      const r = await readLayer(ws, a, id);
      if (r.stale) continue;
      layers.push({ annotator: a, mentions: r.layer.mentions.filter((m) => !m.pending), frames: r.layer.frames });
    }
    // Only documents at least two of them labelled say anything about agreement.
    if (layers.length < 2) continue;
    docs.push({ docId: id, text: (await ws.document(id)).text, layers });
  }
  const attributeValues: Record<string, string[]> = {};
  for (const t of ws.schema.frameTypes) for (const a of t.attributes) attributeValues[a.name] = [...new Set([...(attributeValues[a.name] ?? []), ...a.values])];
  return agreementReport(docs, annotators, { labels: ws.schema.labels.map((l) => l.name), attributeValues });
}
