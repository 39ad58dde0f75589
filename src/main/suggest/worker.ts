/**
 * The recommender's thread: training and suggesting take tens to thousands of
 * milliseconds, so they run here and the API stays responsive. Requests are
 * answered in the order they arrive, so a suggestion asked for after a
 * retrain sees the retrained model.
 */
import { defaultSchema } from '../../core/defaults';
import { pseudoAnnotations } from '../../core/suggest/pseudo';
import { Recommender } from '../../core/suggest/recommender';
import { serveRequests } from '../workers/rpc';
import type { WorkerRequest } from './protocol';

type Config = Omit<WorkerRequest & { op: 'configure' }, 'op'>;

let config: Config = { schema: defaultSchema(), entities: [], coldStart: null };
let recommender = new Recommender(config.schema, config.entities, { coldStart: config.coldStart });

function handle(msg: WorkerRequest): unknown {
  switch (msg.op) {
    case 'configure':
      config = { schema: msg.schema, entities: msg.entities, coldStart: msg.coldStart };
      recommender.setSchema(msg.schema);
      recommender.setRegistry(msg.entities);
      recommender.setColdStart(msg.coldStart);
      return null;
    case 'train': {
      const t0 = performance.now();
      const next = new Recommender(config.schema, config.entities, { coldStart: config.coldStart });
      next.train(msg.docs);
      recommender = next;
      return { trainedOn: next.trainedOn, ms: Math.round(performance.now() - t0) };
    }
    case 'learnAnswer':
      recommender.learnAnswer(msg.text, msg.sentence, msg.mentions, msg.rejected);
      return null;
    case 'suggest':
      return { ...recommender.suggest(msg.request), trainedOn: recommender.trainedOn };
    case 'pseudo':
      return pseudoAnnotations(config.schema, config.entities, msg.docs, msg.threshold);
  }
}

serveRequests(handle);
