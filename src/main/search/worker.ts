/** The search worker thread: one engine, answering the service's requests in order of arrival. */
import { ParleyError } from '../../core/errors';
import { SearchEngine } from './engine';
import { serveRequests } from '../workers/rpc';
import { unpackEntries, type SearchEvent, type WorkerAnswer, type WorkerRequest } from './protocol';

let engine: Promise<SearchEngine> | null = null;

function use(): Promise<SearchEngine> {
  if (!engine) throw new ParleyError('internal', 'the search worker was not opened on a workspace');
  return engine;
}

async function answer(req: WorkerRequest, emit: (event: SearchEvent) => void): Promise<WorkerAnswer> {
  switch (req.type) {
    case 'open':
      engine = SearchEngine.open(req.root, req.writable, unpackEntries(req.entries), req.keepChars, req.scanFrom);
      await engine;
      return null;
    case 'add':
      await (await use()).add(req.entries, req.docs);
      return null;
    case 'run': {
      const flag = new Int32Array(req.cancel);
      return (await use()).run(req.id, req.query, req.annotator, (progress) => emit({ id: req.id, progress }), () => Atomics.load(flag, 0) === 1);
    }
    case 'status':
      return (await use()).indexStatus();
    case 'page':
      return (await use()).page(req.id, req.offset, req.limit);
    case 'targets':
      return (await use()).targets(req.id, req.indices);
    case 'drop':
      (await use()).drop(req.id);
      return null;
  }
}

serveRequests(answer);
