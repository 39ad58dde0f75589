/**
 * The search service of one open workspace: starts searches, keeps their
 * running count, pages their hits and cancels them. The engine runs in a
 * worker thread in the built app, and in-process where there is no built
 * worker (unit tests) or no need for one (the CLI).
 */
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IndexStatus, SearchPage } from '../../core/api/search';
import type { Worker } from 'node:worker_threads';
import { ParleyError } from '../../core/errors';
import type { SearchHit, SearchQuery } from '../../core/search';
import type { DocumentRecord } from '../../core/model';
import { workerWithOwnHeap } from '../heap';
import { SearchEngine } from './engine';
import { packEntries, unpackEntries, type CorpusEntry, type HitTarget, type SearchProgress } from './protocol';
import { WorkerClient } from '../workers/rpc';
import type { SearchEvent, WorkerAnswer, WorkerRequest } from './protocol';

interface Backend {
  call(req: WorkerRequest): Promise<WorkerAnswer>;
  onProgress(listener: (id: string, p: SearchProgress) => void): void;
  close(): Promise<void>;
}

/** The engine in this thread. */
class InlineBackend implements Backend {
  private engine: Promise<SearchEngine> | null = null;
  private listener: (id: string, p: SearchProgress) => void = () => {};

  async call(req: WorkerRequest): Promise<WorkerAnswer> {
    if (req.type === 'open') {
      this.engine = SearchEngine.open(req.root, req.writable, unpackEntries(req.entries), req.keepChars, req.scanFrom);
      await this.engine;
      return null;
    }
    const engine = await this.engine!;
    switch (req.type) {
      case 'add':
        await engine.add(req.entries, req.docs);
        return null;
      case 'run': {
        const flag = new Int32Array(req.cancel);
        return engine.run(req.id, req.query, req.annotator, (p) => this.listener(req.id, p), () => Atomics.load(flag, 0) === 1);
      }
      case 'status':
        return engine.indexStatus();
      case 'page':
        return engine.page(req.id, req.offset, req.limit);
      case 'targets':
        return engine.targets(req.id, req.indices);
      case 'drop':
        engine.drop(req.id);
        return null;
    }
  }

  onProgress(listener: (id: string, p: SearchProgress) => void): void {
    this.listener = listener;
  }

  async close(): Promise<void> {}
}

/**
 * The search thread's heap, in MB. A scan makes a short-lived string per
 * document, which a small young generation frees as well as a large one; the
 * 64 MB the process's setting would give the thread stayed held while the
 * workspace was open (the thread's heap counts in the server's resident
 * memory). The old generation's ceiling also sets how far it grows before a
 * full collection: V8 lets it grow fourfold under its default ceiling, less
 * than 1.4-fold under this one. A 100,000-document corpus holds about 45 MB;
 * the ceiling grows with the corpus (1 MB per 1,000 documents, about twice
 * times what they hold).
 */
function searchHeap(documents: number) {
  return { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 256 + Math.ceil(documents / 1_000) };
}

/**
 * A search thread started before its workspace's service: the thread's own
 * start (about 150 ms of CPU, seconds on a loaded machine) is then not part
 * of the first search's wait. It reads nothing until the service opens it.
 */
let ready: { file: string; worker: Worker } | null = null;

/** Starts the search thread now, for the service made later (`Session.startSearch`); nothing where there is no built worker. */
export function startSearchThread(documents: number): void {
  const file = builtWorker();
  if (!file || ready) return;
  const worker = workerWithOwnHeap(file, { resourceLimits: searchHeap(documents) });
  // It does not keep the process alive, and a thread that fails to start is started again by the service.
  worker.unref();
  worker.on('error', () => {
    if (ready?.worker === worker) ready = null;
  });
  ready = { file, worker };
}

function takeThread(file: string): Worker | null {
  const taken = ready?.file === file ? ready.worker : null;
  ready = null;
  return taken;
}

class WorkerBackend implements Backend {
  private readonly client: WorkerClient<WorkerRequest, WorkerAnswer, SearchEvent>;
  private listener: (id: string, p: SearchProgress) => void = () => {};

  constructor(file: string, documents: number) {
    this.client = new WorkerClient(takeThread(file) ?? workerWithOwnHeap(file, { resourceLimits: searchHeap(documents) }), {
      onEvent: (m) => this.listener(m.id, m.progress),
      stopped: (e) => new ParleyError('internal', `the search worker stopped: ${e.message}`),
    });
  }

  call(req: WorkerRequest): Promise<WorkerAnswer> {
    return this.client.call(req);
  }

  onProgress(listener: (id: string, p: SearchProgress) => void): void {
    this.listener = listener;
  }

  async close(): Promise<void> {
    await this.client.terminate();
  }
}

/** The built worker beside the built main bundle, when this code runs from it. */
function builtWorker(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  if (!here.includes(`${sep}out${sep}main`)) return null;
  for (let dir = here; dir.includes(`${sep}out${sep}main`); dir = dirname(dir)) {
    const file = join(dir, 'searchWorker.js');
    if (existsSync(file)) return file;
  }
  return null;
}

interface Running {
  progress: SearchProgress;
  cancel: Int32Array;
  cancelled: boolean;
  finished: Promise<void>;
}

/** Searches kept at once; the oldest is dropped past this. */
const KEEP = 20;

export class SearchService {
  private readonly backend: Backend;
  private readonly opened: Promise<WorkerAnswer>;
  private readonly searches = new Map<string, Running>();
  /** Titles of the documents given, for the hits (the worker is sent ids and hashes only); `titleOf` stands for them when given. */
  private readonly titles: Map<string, string> | null;
  private readonly titleOf: (docId: string) => string | undefined;

  /**
   * `writable`: this process may update the persisted index (it holds the
   * workspace); a read-only user indexes what is missing in memory only.
   * `keepChars`: how much text stays in memory between searches (a smaller
   * budget than the default is for tests). `scanFrom`: how many documents
   * still to index make a search read the files instead of waiting (tests
   * set it low). `titleOf`: a document's title, where the caller already
   * keeps them by id (the workspace), so they are not kept twice.
   */
  constructor(
    root: string,
    entries: readonly (CorpusEntry & { title: string })[],
    options: { writable: boolean; inline?: boolean; keepChars?: number; scanFrom?: number; titleOf?: (docId: string) => string | undefined },
  ) {
    const file = options.inline ? null : builtWorker();
    this.backend = file ? new WorkerBackend(file, entries.length) : new InlineBackend();
    this.backend.onProgress((id, p) => {
      const s = this.searches.get(id);
      if (s && !s.progress.done) s.progress = p;
    });
    this.titles = options.titleOf ? null : new Map(entries.map((e) => [e.id, e.title]));
    this.titleOf = options.titleOf ?? ((id) => this.titles!.get(id));
    this.opened = this.backend.call({ type: 'open', root, writable: options.writable, entries: packEntries(entries), keepChars: options.keepChars, scanFrom: options.scanFrom });
    // A failure here shows on the first search; nothing waits on it before.
    this.opened.catch(() => undefined);
  }

  /** Indexes documents just added to the workspace. */
  async added(records: readonly DocumentRecord[]): Promise<void> {
    await this.opened;
    for (const r of records) this.titles?.set(r.id, r.title);
    const entries = records.map((r) => ({ id: r.id, sha256: r.sha256 }));
    await this.backend.call({ type: 'add', entries, docs: records.map((r) => ({ id: r.id, sha256: r.sha256, text: r.text })) });
  }

  /** Starts a search in the background; its hits are paged with `page`. */
  start(query: SearchQuery, annotator: string): string {
    const id = `search_${randomBytes(8).toString('hex')}`;
    const cancel = new Int32Array(new SharedArrayBuffer(4));
    const running: Running = { progress: { hits: 0, documents: 0, done: false }, cancel, cancelled: false, finished: Promise.resolve() };
    running.finished = this.opened
      .then(() => this.backend.call({ type: 'run', id, query, annotator, cancel: cancel.buffer as SharedArrayBuffer }))
      .then(
        (p) => {
          running.progress = p as SearchProgress;
        },
        (e: unknown) => {
          const error = e instanceof ParleyError ? { code: e.code, message: e.message } : { code: 'internal', message: String(e) };
          running.progress = { ...running.progress, done: true, error };
        },
      );
    this.searches.set(id, running);
    for (const old of [...this.searches.keys()].slice(0, Math.max(0, this.searches.size - KEEP))) this.drop(old);
    return id;
  }

  private running(id: string): Running {
    const s = this.searches.get(id);
    if (!s) throw new ParleyError('not_found', `no search ${id}: it was closed, or the workspace was reopened since`);
    return s;
  }

  /** Hits from `offset` on (as many as are found so far), with the running count. */
  async page(id: string, offset: number, limit: number): Promise<SearchPage> {
    const s = this.running(id);
    const { progress } = s;
    // A count-only poll (limit 0) is answered here: the worker may be in the middle of a segment.
    const found = progress.error || limit <= 0 ? [] : ((await this.backend.call({ type: 'page', id, offset, limit })) as SearchHit[]);
    const hits = found.map((h) => ({ ...h, title: this.titleOf(h.docId) ?? h.docId }));
    return { hits, total: progress.hits, documents: progress.documents, done: progress.done, scanned: progress.scanned, cancelled: s.cancelled, error: progress.error };
  }

  /** How far the word index is being built. */
  async indexStatus(): Promise<IndexStatus> {
    await this.opened;
    return (await this.backend.call({ type: 'status' })) as IndexStatus;
  }

  /** Stops a search; the hits found so far stay readable. */
  cancel(id: string): void {
    const s = this.running(id);
    if (s.progress.done) return;
    s.cancelled = true;
    Atomics.store(s.cancel, 0, 1);
  }

  /** Resolves when the search has finished (the CLI and tests wait on it). */
  async settled(id: string): Promise<SearchPage> {
    await this.running(id).finished;
    return this.page(id, 0, 0);
  }

  async targets(id: string, indices?: number[]): Promise<HitTarget[]> {
    const s = this.running(id);
    await s.finished;
    return (await this.backend.call({ type: 'targets', id, indices })) as HitTarget[];
  }

  drop(id: string): void {
    const s = this.searches.get(id);
    if (!s) return;
    Atomics.store(s.cancel, 0, 1);
    this.searches.delete(id);
    void s.finished.then(() => this.backend.call({ type: 'drop', id }).catch(() => undefined));
  }

  close(): Promise<void> {
    return this.backend.close();
  }
}
