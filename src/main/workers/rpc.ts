/**
 * Requests to a worker thread and their answers: the one way main talks to
 * its workers (search, suggest). The caller sends `{ seq, req }`; the worker
 * answers each with a reply carrying the same `seq`, and may send events
 * (a search's progress) in between.
 */
import { parentPort, type Worker } from 'node:worker_threads';
import { ParleyError } from '../../core/errors';

interface WireError {
  code: string;
  message: string;
}

type Reply = { kind: 'reply'; seq: number; ok: true; value: unknown } | { kind: 'reply'; seq: number; ok: false; error: WireError };
type Message<E> = Reply | { kind: 'event'; event: E };

export interface WorkerClientOptions<E> {
  /** The error a request the worker failed rejects with (default: a ParleyError with the worker's code). */
  failed?: (error: WireError) => Error;
  /** The error requests still waiting reject with when the thread stops. */
  stopped: (cause: Error) => Error;
  /** Whether the thread ending counts as stopping (not only an uncaught error in it). */
  exitStops?: boolean;
  /** Told once the thread stopped. */
  onStop?: (cause: Error) => void;
  onEvent?: (event: E) => void;
}

/** The calling side: `call` sends a request and resolves with the worker's answer. */
export class WorkerClient<Req, Res = unknown, E = never> {
  private seq = 0;
  private readonly waiting = new Map<number, { resolve: (v: Res) => void; reject: (e: unknown) => void }>();

  constructor(
    private readonly worker: Worker,
    private readonly options: WorkerClientOptions<E>,
  ) {
    worker.unref();
    worker.on('message', (m: Message<E>) => {
      if (m.kind === 'event') return options.onEvent?.(m.event);
      const w = this.waiting.get(m.seq);
      this.waiting.delete(m.seq);
      if (!w) return;
      if (m.ok) w.resolve(m.value as Res);
      else w.reject(options.failed ? options.failed(m.error) : new ParleyError(m.error.code as ParleyError['code'], m.error.message));
    });
    worker.on('error', (e) => this.stop(e));
    if (options.exitStops) worker.on('exit', () => this.stop(new Error('the thread stopped')));
  }

  call(req: Req): Promise<Res> {
    const seq = this.seq++;
    return new Promise((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject });
      this.worker.postMessage({ seq, req });
    });
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }

  private stop(cause: Error): void {
    this.options.onStop?.(cause);
    for (const w of this.waiting.values()) w.reject(this.options.stopped(cause));
    this.waiting.clear();
  }
}

/**
 * The worker's side: answers each request with `answer` (which may send
 * events while it works). A request answered at once is replied to before
 * the next is read, so requests are answered in the order they arrive.
 */
export function serveRequests<Req, E = never>(answer: (req: Req, emit: (event: E) => void) => unknown): void {
  const port = parentPort;
  if (!port) throw new ParleyError('internal', 'serveRequests runs in a worker thread only');
  const emit = (event: E) => port.postMessage({ kind: 'event', event } satisfies Message<E>);
  const fail = (seq: number, e: unknown) => {
    const error = e instanceof ParleyError ? { code: e.code, message: e.message } : { code: 'internal', message: e instanceof Error ? e.message : String(e) };
    port.postMessage({ kind: 'reply', seq, ok: false, error } satisfies Message<E>);
  };
  port.on('message', ({ seq, req }: { seq: number; req: Req }) => {
    let value: unknown;
    try {
      value = answer(req, emit);
    } catch (e) {
      return fail(seq, e);
    }
    if (value instanceof Promise) {
      value.then(
        (v: unknown) => port.postMessage({ kind: 'reply', seq, ok: true, value: v } satisfies Message<E>),
        (e: unknown) => fail(seq, e),
      );
    } else port.postMessage({ kind: 'reply', seq, ok: true, value } satisfies Message<E>);
  });
}
