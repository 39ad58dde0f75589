/** The search worker thread: one engine, answering the service's requests in order of arrival. */
import { parentPort } from 'node:worker_threads';
import { ParleyError } from '../../core/errors';
import { SearchEngine } from './engine';
import type { WorkerAnswer, WorkerMessage, WorkerRequest } from './protocol';

let engine: Promise<SearchEngine> | null = null;

function use(): Promise<SearchEngine> {
  if (!engine) throw new ParleyError('internal', 'the search worker was not opened on a workspace');
  return engine;
}

async function answer(req: WorkerRequest): Promise<WorkerAnswer> {
  switch (req.type) {
    case 'open':
      engine = SearchEngine.open(req.root, req.writable, req.entries, req.keepChars);
      await engine;
      return null;
    case 'add':
      await (await use()).add(req.entries, req.docs);
      return null;
    case 'run': {
      const flag = new Int32Array(req.cancel);
      const post = (m: WorkerMessage) => parentPort!.postMessage(m);
      return (await use()).run(req.id, req.query, req.annotator, (progress) => post({ kind: 'progress', id: req.id, progress }), () => Atomics.load(flag, 0) === 1);
    }
    case 'page':
      return (await use()).page(req.id, req.offset, req.limit);
    case 'targets':
      return (await use()).targets(req.id, req.indices);
    case 'drop':
      (await use()).drop(req.id);
      return null;
  }
}

parentPort!.on('message', ({ seq, req }: { seq: number; req: WorkerRequest }) => {
  answer(req).then(
    (value) => parentPort!.postMessage({ kind: 'reply', seq, ok: true, value } satisfies WorkerMessage),
    (e: unknown) => {
      const error = e instanceof ParleyError ? { code: e.code, message: e.message } : { code: 'internal', message: e instanceof Error ? e.message : String(e) };
      parentPort!.postMessage({ kind: 'reply', seq, ok: false, error } satisfies WorkerMessage);
    },
  );
});
