/** Reading several analysts' layers for review, and measuring their agreement. */
import { existsSync } from 'node:fs';
import type { HistoryState } from '../../core/api/annotations';
import type { AnnotatorSummary, ReviewDocument, ReviewLayer, ReviewProgress } from '../../core/api/review';
import { acceptAgreed, decideFrameItem, linkOnlyLeft, type AcceptAgreedOptions, type AcceptAgreedResult, decideMentionItem, type FrameDecision, type GoldState, type MentionDecision, type SourceLayers } from '../../core/adjudicate';
import { agreementReport, type AgreementDocument, type AgreementReport } from '../../core/agreement';
import { ParleyError } from '../../core/errors';
import { documentGoldDifferences, goldDifferences, type GoldDifference, type GoldDifferences } from '../../core/goldDiff';
import { GOLD, type Change, type LabelSchema, type Layer } from '../../core/model';
import { frameReviewItems, resolveDecisions, reviewItems, type FrameReviewItem, type ReviewItem } from '../../core/review';
import type { Workspace } from '../workspace';

export async function annotatorSummaries(ws: Workspace): Promise<AnnotatorSummary[]> {
  const out: AnnotatorSummary[] = [];
  const known = new Set(ws.entries.map((e) => e.id));
  for (const annotator of await ws.annotators()) {
    let documents = 0;
    let mentions = 0;
    for (const id of await ws.layerIds(annotator)) {
      if (!known.has(id)) continue;
      try {
        // The counts the document list keeps until the layer changes: opening the Network view asks for this list, and reading every layer again took 0.25 to 1 s.
        const counts = await ws.countsFor(annotator, id);
        documents++;
        mentions += counts.mentionCount;
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
  // Decisions recorded on older, grouped items count for each of today's items they covered.
  const decisions = resolveDecisions(g.layer.decisions ?? {}, reviewItems(layers.filter((l) => l.exists && !l.stale)));
  return { document, layers, gold: { ...view(GOLD, g), decisions, history: historyOf(g.layer), status: g.layer.status } };
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

/** Roles and attributes of each frame type in the schema's order, for review items. */
export function schemaOrder(schema: LabelSchema): Map<string, { roles: string[]; attributes: string[] }> {
  return new Map(schema.frameTypes.map((t) => [t.name, { roles: t.roles.map((r) => r.name), attributes: t.attributes.map((a) => a.name) }]));
}

/** One document's review items and gold state, as the review view computes them. */
export interface ReviewState {
  /** The annotators whose layers are compared here (those with a usable layer). */
  compared: string[];
  mentionItems: ReviewItem[];
  frameItems: FrameReviewItem[];
  gold: GoldState;
  sources: SourceLayers;
}

export async function reviewState(ws: Workspace, docId: string, annotators: string[]): Promise<ReviewState> {
  if (annotators.includes(GOLD)) throw new ParleyError('invalid_argument', 'the gold layer is what review builds; choose the analysts to compare');
  const layers = (await Promise.all(annotators.map(async (a) => view(a, await readLayer(ws, a, docId))))).filter((l) => l.exists && !l.stale);
  const g = await readLayer(ws, GOLD, docId);
  if (g.stale) throw new ParleyError('conflict', `the gold labels for ${docId} were made for a different version of its text; they are never changed`, ws.layerPath(GOLD, docId));
  return {
    compared: layers.map((l) => l.annotator),
    mentionItems: reviewItems(layers),
    frameItems: frameReviewItems(layers, schemaOrder(ws.schema)),
    gold: { mentions: g.layer.mentions, frames: g.layer.frames, decisions: g.layer.decisions ?? {} },
    sources: new Map(layers.map((l) => [l.annotator, l] as const)),
  };
}

function itemGone(key: string): ParleyError {
  return new ParleyError('not_found', `no review item ${key.slice(0, 80)} on this document: the analysts' labels changed since it was shown; reload the review`);
}

/** What gold holds in a layer, for building a decision against it; `by` decides now. */
export function goldStateOf(layer: Layer, by?: string): GoldState {
  return { mentions: layer.mentions, frames: layer.frames, decisions: layer.decisions ?? {}, ...(by ? { decider: { by, at: new Date().toISOString() } } : {}) };
}

/** Builds the gold change for a decision on one mention item, against gold as it is when the change is applied. */
export function mentionDecision(s: ReviewState, key: string, decision: MentionDecision): (gold: GoldState) => Change {
  const item = s.mentionItems.find((i) => i.key === key);
  if (!item) throw itemGone(key);
  return (gold) => decideMentionItem(gold, item, decision, s.compared);
}

/** Builds the gold change for a decision on one frame item. */
export function frameDecision(s: ReviewState, key: string, decision: FrameDecision): (gold: GoldState) => Change {
  const item = s.frameItems.find((i) => i.key === key);
  if (!item) throw itemGone(key);
  return (gold) => decideFrameItem(gold, item, decision, s.sources);
}

export function progressOf(docId: string, title: string, s: ReviewState, reviewed: boolean): ReviewProgress {
  const decisions = resolveDecisions(s.gold.decisions, s.mentionItems);
  const open = <T extends { key: string; kind: string }>(items: readonly T[], agree: boolean) => items.filter((i) => !decisions[i.key] && (i.kind === 'agree') === agree).length;
  const decided = [...s.mentionItems, ...s.frameItems].filter((i) => decisions[i.key]).length;
  return {
    docId,
    title,
    undecided: { mentions: open(s.mentionItems, false), frames: open(s.frameItems, false) },
    agreed: { mentions: open(s.mentionItems, true), frames: open(s.frameItems, true) },
    decided,
    reviewed,
  };
}

/** Documents at least two of the annotators labelled (with the text they labelled). */
async function comparedDocuments(ws: Workspace, annotators: string[]): Promise<string[]> {
  // One folder listing per annotator, not a file check per document and annotator.
  const layers = await Promise.all(annotators.map(async (a) => new Set(await ws.layerIds(a))));
  return ws.entries.filter((e) => layers.filter((ids) => ids.has(e.id)).length >= 2).map((e) => e.id);
}

/** Review progress of every document the annotators compared. */
export async function reviewProgress(ws: Workspace, annotators: string[]): Promise<ReviewProgress[]> {
  const out: ReviewProgress[] = [];
  for (const id of await comparedDocuments(ws, annotators)) {
    try {
      const s = await reviewState(ws, id, annotators);
      if (s.compared.length < 2) continue;
      const gold = existsSync(ws.layerPath(GOLD, id)) ? (await ws.layer(GOLD, id)).data.status : 'not_started';
      out.push(progressOf(id, ws.entry(id).title, s, gold === 'reviewed'));
    } catch {
      // an unreadable layer is reported by the document list and `parley validate`
    }
  }
  return out;
}

/**
 * "Accept everything all agree on" for one document: the change (null when
 * nothing is left to accept), and how many items agreeing on span and label
 * but differing only in a link or note it leaves. `by` is the adjudicator, recorded on each gold record with the time.
 */
export async function acceptAgreedChange(ws: Workspace, docId: string, annotators: string[], options: AcceptAgreedOptions & { by?: string } = {}): Promise<{ result: AcceptAgreedResult | null; linkOnly: number }> {
  const s = await reviewState(ws, docId, annotators);
  if (s.compared.length < 2) return { result: null, linkOnly: 0 };
  const gold: GoldState = options.by ? { ...s.gold, decider: { by: options.by, at: new Date().toISOString() } } : s.gold;
  return { result: acceptAgreed(gold, s.mentionItems, s.frameItems, s.compared, s.sources, options), linkOnly: linkOnlyLeft(s.gold, s.mentionItems, s.compared, options) };
}

/** What `parley adjudicate` reports. */
export interface AdjudicationSummary {
  annotators: string[];
  accepted: { mentions: number; frames: number };
  /** Undecided items that agree on span and label and differ only in an entity link or note (left unless accepted with the option). */
  linkOnly: number;
  remaining: { mentions: number; frames: number };
  documents: Array<ReviewProgress & { accepted: { mentions: number; frames: number } }>;
}

/**
 * Headless adjudication over every document the annotators compared: with
 * `accept`, everything all agree on goes into gold (one undoable change per
 * document, through `commitGold`); then what remains is counted.
 */
export async function adjudicateWorkspace(
  ws: Workspace,
  annotators: string[],
  accept: boolean,
  commitGold: (docId: string, change: Change) => Promise<unknown>,
  options: AcceptAgreedOptions & { by?: string } = {},
): Promise<AdjudicationSummary> {
  const summary: AdjudicationSummary = { annotators, accepted: { mentions: 0, frames: 0 }, linkOnly: 0, remaining: { mentions: 0, frames: 0 }, documents: [] };
  for (const id of await comparedDocuments(ws, annotators)) {
    const accepted = { mentions: 0, frames: 0 };
    if (accept) {
      const { result: r } = await acceptAgreedChange(ws, id, annotators, options);
      if (r) {
        await commitGold(id, r.change);
        accepted.mentions = r.mentions;
        accepted.frames = r.frames;
      }
    }
    const s = await reviewState(ws, id, annotators);
    if (s.compared.length < 2) continue;
    summary.linkOnly += linkOnlyLeft(s.gold, s.mentionItems, s.compared);
    const gold = existsSync(ws.layerPath(GOLD, id)) ? (await ws.layer(GOLD, id)).data.status : 'not_started';
    const p = progressOf(id, ws.entry(id).title, s, gold === 'reviewed');
    summary.accepted.mentions += accepted.mentions;
    summary.accepted.frames += accepted.frames;
    summary.remaining.mentions += p.undecided.mentions + p.agreed.mentions;
    summary.remaining.frames += p.undecided.frames + p.agreed.frames;
    summary.documents.push({ ...p, accepted });
  }
  return summary;
}

/** Where gold differs from one analyst, over every document that has both their layer and gold. */
export async function goldDifferencesOf(ws: Workspace, annotator: string): Promise<GoldDifferences> {
  if (annotator === GOLD) throw new ParleyError('invalid_argument', 'choose an analyst to compare with gold');
  const known = new Set(ws.entries.map((e) => e.id));
  const gold = new Set(await ws.layerIds(GOLD));
  const order = schemaOrder(ws.schema);
  const names = new Map(ws.entities.map((e) => [e.id, e.name] as const));
  const entityName = (id: string) => names.get(id) ?? id;
  const differences: GoldDifference[] = [];
  let documents = 0;
  for (const id of await ws.layerIds(annotator)) {
    if (!known.has(id) || !gold.has(id)) continue;
    try {
      const mine = view(annotator, await readLayer(ws, annotator, id));
      const read = await readLayer(ws, GOLD, id);
      const g = view(GOLD, read);
      if (mine.stale || g.stale) continue;
      documents++;
      differences.push(...documentGoldDifferences(id, mine, { ...g, decisions: read.layer.decisions ?? {}, reviewed: read.layer.status === 'reviewed' }, order, entityName));
    } catch {
      // an unreadable layer is reported by the document list and `parley validate`
    }
  }
  const titles = Object.fromEntries([...new Set(differences.map((d) => d.docId))].map((id) => [id, ws.entry(id).title]));
  return goldDifferences(annotator, documents, differences, titles);
}
