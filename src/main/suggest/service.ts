/**
 * The recommender service: gathers what the workspace's analysts accepted,
 * trains the recommender in a worker thread, and answers suggestion requests
 * for one document. It retrains in the background when a document is marked
 * done, and on demand. Suggestions are computed, never stored: only the
 * spans an analyst rejected are remembered (in .parley/suggestions.json).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ParleyError } from '../../core/errors';
import { GOLD } from '../../core/model';
import { sentences } from '../../core/tokenize';
import { linesCovering, type Range } from '../../core/suggest/boilerplate';
import type { SuggestionMeasures } from '../../core/suggest/measures';
import type { RejectedSpan, TrainingDocument } from '../../core/suggest/types';
import type { Workspace } from '../workspace';
import { WorkerClient } from '../workers/rpc';
import type { WorkerRequest, WorkerResults } from './protocol';
import { agreementWithRecommender, helpMeasures } from './measures';
import { SuggestStore } from './store';
import { checkMayRead, seesAll } from '../team/teamFile';

/**
 * Whose layers the recommender of `me`'s window learns from. While blind
 * double annotation keeps `me` to their own layer, only theirs: never gold,
 * and never a colleague's (on a document both label, a colleague's answers
 * would come back as suggestions with full confidence, and accepting them
 * would turn double annotation into copying). The lead, or anyone while it
 * is off, learns from every layer, gold included; `from` narrows to one.
 */
export async function trainingLayers(ws: Workspace, me: string, from?: string): Promise<string[]> {
  if (!(await seesAll(ws, me))) {
    if (from && from !== me) await checkMayRead(ws, me, from);
    return [me];
  }
  return from ? [from] : ws.annotators();
}

/**
 * What analysts have accepted, as training documents: the layers of
 * `annotators` (every annotator's, gold included, when not given), without
 * pending suggestions and without layers made for another version of a text.
 */
export async function trainingDocuments(ws: Workspace, annotators?: string[]): Promise<TrainingDocument[]> {
  const out: TrainingDocument[] = [];
  for (const annotator of annotators ?? (await ws.annotators())) {
    for (const docId of await ws.layerIds(annotator)) {
      if (!ws.has(docId)) continue;
      const layer = (await ws.layer(annotator, docId)).data;
      if (ws.isStale(layer)) continue;
      const mentions = layer.mentions.filter((m) => !m.pending);
      if (mentions.length === 0 && layer.frames.length === 0) continue;
      const doc = await ws.document(docId);
      out.push({
        id: `${annotator}/${docId}`,
        done: layer.status === 'done' || layer.status === 'reviewed',
        text: doc.text,
        mentions: mentions.map(({ start, end, label }) => ({ start, end, label })),
        frames: layer.frames.map(({ type, evidence, attrs }) => ({ type, evidence: { start: evidence.start, end: evidence.end }, attrs })),
      });
    }
  }
  return out;
}

/**
 * The worker's code: beside the built main bundle; when Parley runs from its
 * TypeScript sources (the unit tests), the source file, loaded through tsx.
 */
function startWorker(): Worker {
  for (const rel of ['./suggestWorker.js', '../suggestWorker.js']) {
    const file = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(file)) return new Worker(file);
  }
  const source = new URL('./worker.ts', import.meta.url);
  if (!existsSync(fileURLToPath(source))) throw new ParleyError('internal', 'the suggestion worker is missing from this build; run npm run build');
  const tsxRoot = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsx = pathToFileURL(join(tsxRoot, 'dist', 'esm', 'api', 'index.mjs')).href;
  const boot = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(source.href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`));
}

export interface ServiceTarget {
  workspace: Workspace;
  annotator: string;
}

export class SuggestService {
  private worker: WorkerClient<WorkerRequest> | null = null;
  /** What the worker was configured and trained for; a change retrains. */
  private configuredFor: { ws: Workspace; schema: unknown; entities: unknown; settings: unknown } | null = null;
  /** What the model was trained on: a change of workspace, of `from` or of the layers fed (blind annotation turned on or off, another analyst) retrains. */
  /** What the model was trained for: the workspace, `from`, and whether blind double annotation kept it to the analyst's own layers. */
  private trainedFor: { ws: Workspace; from: string | undefined; blind: boolean } | null = null;
  private training: Promise<WorkerResults['train']> | null = null;
  private stores = new Map<string, SuggestStore>();

  constructor(private readonly target: () => ServiceTarget) {}

  store(ws: Workspace = this.target().workspace): SuggestStore {
    let s = this.stores.get(ws.root);
    if (!s) this.stores.set(ws.root, (s = new SuggestStore(ws.root)));
    return s;
  }

  private call<K extends WorkerRequest['op']>(msg: WorkerRequest & { op: K }): Promise<WorkerResults[K]> {
    this.worker ??= new WorkerClient<WorkerRequest>(startWorker(), {
      failed: (error) => new ParleyError('internal', `the recommender failed: ${error.message}`),
      stopped: (e) => new ParleyError('internal', `the recommender stopped: ${e.message}`),
      exitStops: true,
      onStop: () => this.fail(),
    });
    return this.worker.call(msg) as Promise<WorkerResults[K]>;
  }

  /** The thread stopped: the next call starts another, configured and trained afresh. */
  private fail(): void {
    this.worker = null;
    this.configuredFor = null;
    this.trainedFor = null;
  }

  /** Sends the schema, registry and cold-start setting when they changed. */
  private async configure(): Promise<void> {
    const { workspace: ws } = this.target();
    const settings = await this.store(ws).settings();
    const c = this.configuredFor;
    if (c && c.ws === ws && c.schema === ws.schema && c.entities === ws.entities && c.settings === settings) return;
    this.configuredFor = { ws, schema: ws.schema, entities: ws.entities, settings };
    const labels = new Set(ws.schema.labels.map((l) => l.name));
    const keep = (l: string | null) => (l && labels.has(l) ? l : null);
    const coldStart = { people: keep(settings.coldStart.people), places: keep(settings.coldStart.places), organizations: keep(settings.coldStart.organizations) };
    await this.call({ op: 'configure', schema: ws.schema, entities: [...ws.entities], coldStart });
  }

  /** Retrains from the accepted labels of the layers this analyst may learn from (or only `from`'s). */
  async retrain(from?: string): Promise<{ documents: number; mentions: number; frames: number; ms: number }> {
    const { workspace: ws, annotator: me } = this.target();
    await this.configure();
    const layers = await trainingLayers(ws, me, from);
    const docs = await trainingDocuments(ws, layers);
    this.trainedFor = { ws, from, blind: !(await seesAll(ws, me)) };
    const run = this.call({ op: 'train', docs });
    this.training = run;
    const result = await run;
    if (this.training === run) this.training = null;
    return { documents: docs.length, mentions: docs.reduce((n, d) => n + d.mentions.length, 0), frames: docs.reduce((n, d) => n + d.frames.length, 0), ms: result.ms };
  }

  /** A document was marked done: retrain in the background; suggestions asked meanwhile wait for it. */
  retrainSoon(): void {
    if (!this.trainedFor) return;
    this.retrain(this.trainedFor.from).catch(() => undefined);
  }

  async suggest(docId: string, opts: { from?: string; layer?: 'own' | 'gold'; minScore?: number } = {}) {
    const { workspace: ws, annotator: me } = this.target();
    const annotator = opts.layer === 'gold' ? GOLD : me;
    const doc = await ws.document(docId);
    const layer = (await ws.layer(annotator, docId)).data;
    const t = this.trainedFor;
    // Retrained when blind annotation turns on or off; layers that appear meanwhile (the analyst's own first labels, half done) wait for
    // a document marked done or a retrain on demand. A layer not done yet teaches only its mentions (TrainingDocument.done), never that its other words are no names.
    if (!t || t.ws !== ws || t.from !== opts.from || t.blind !== !(await seesAll(ws, me))) await this.retrain(opts.from);
    else await this.configure();
    const rejected = await this.store(ws).rejected(annotator, docId);
    const settings = await this.store(ws).settings();
    const boilerplate = await this.store(ws).boilerplate(docId);
    const result = await this.call({
      op: 'suggest',
      request: {
        text: doc.text,
        mentions: layer.mentions.map(({ id, start, end, label }) => ({ id, start, end, label })),
        rejected,
        minScore: opts.minScore ?? 0.05,
        skip: boilerplate,
      },
    });
    return { docId, threshold: settings.threshold, boilerplate, ...result };
  }

  /** Marks or unmarks the lines a range touches as not article text. */
  async markBoilerplate(docId: string, range: { start: number; end: number }, on: boolean): Promise<Range[]> {
    const { workspace: ws } = this.target();
    const doc = await ws.document(docId);
    if (range.end > doc.text.length) throw new ParleyError('invalid_argument', `${docId}: the range ${range.start}–${range.end} runs past the end of the text (${doc.text.length} characters)`);
    return this.store(ws).markBoilerplate(docId, linesCovering(doc.text, range), on);
  }

  /** Keeps what the analyst did with suggestions, for the measures. */
  async record(docId: string, outcomes: { label: string; acceptedAs: string | null; score: number }[], layer?: 'own' | 'gold'): Promise<void> {
    const { workspace: ws, annotator } = this.target();
    ws.entry(docId);
    const at = new Date().toISOString();
    await this.store(ws).record(outcomes.map((o) => ({ ...o, annotator: layer === 'gold' ? GOLD : annotator, docId, at })));
  }

  /** Time per mention, acceptance, and each analyst's agreement with the recommender (trained on folds in the worker). */
  async measures(): Promise<SuggestionMeasures> {
    const { workspace: ws } = this.target();
    await this.configure();
    const settings = await this.store(ws).settings();
    const pseudo = await this.call({ op: 'pseudo', docs: await trainingDocuments(ws), threshold: settings.threshold });
    return { ...(await helpMeasures(ws, this.store(ws))), agreement: await agreementWithRecommender(ws, pseudo) };
  }

  /** Rejected spans are remembered for this annotator and document, and not proposed again. */
  async reject(docId: string, spans: RejectedSpan[], layer?: 'own' | 'gold'): Promise<number> {
    const { workspace: ws, annotator } = this.target();
    ws.entry(docId);
    return this.store(ws).reject(layer === 'gold' ? GOLD : annotator, docId, spans);
  }

  async unreject(docId: string, spans: RejectedSpan[], layer?: 'own' | 'gold'): Promise<void> {
    const { workspace: ws, annotator } = this.target();
    ws.entry(docId);
    await this.store(ws).unreject(layer === 'gold' ? GOLD : annotator, docId, spans);
  }

  /**
   * Stream mode: the analyst answered one suggestion. The tagger learns from
   * the sentence around it as the layer now stands (an accepted mention is
   * already in it; a rejected span is not), and a rejection is remembered.
   */
  async answer(docId: string, span: RejectedSpan, accepted: boolean, layer?: 'own' | 'gold'): Promise<void> {
    const { workspace: ws, annotator } = this.target();
    if (!accepted) await this.reject(docId, [span], layer);
    const doc = await ws.document(docId);
    const mentions = (await ws.layer(layer === 'gold' ? GOLD : annotator, docId)).data.mentions.filter((m) => !m.pending);
    const sentence = sentences(doc.text).find((s) => s.start <= span.start && span.end <= s.end) ?? { start: span.start, end: span.end };
    if (!this.trainedFor) await this.retrain();
    const rejected = accepted ? undefined : { start: span.start, end: span.end };
    await this.call({ op: 'learnAnswer', text: doc.text, sentence, mentions: mentions.map(({ start, end, label }) => ({ start, end, label })), rejected });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
