/** The suggestion methods of the API, over the recommender service. */
import type { Handlers } from '../../core/api/contract';
import type { ApiContext } from '../context';
import { SuggestService } from './service';

type SuggestMethods =
  | 'suggestions.recommend'
  | 'suggestions.retrain'
  | 'suggestions.reject'
  | 'suggestions.unreject'
  | 'suggestions.answer'
  | 'suggestions.settings'
  | 'suggestions.saveSettings'
  | 'suggestions.boilerplate'
  | 'suggestions.record'
  | 'suggestions.measures';

export function createSuggestService(session: ApiContext): SuggestService {
  return new SuggestService(() => ({ workspace: session.workspace, annotator: session.annotator }));
}

export function createSuggestHandlers(service: SuggestService): Pick<Handlers, SuggestMethods> {
  return {
    'suggestions.recommend': async ({ docId, from, layer }) => service.suggest(docId, { from, layer }),
    'suggestions.retrain': async ({ from }) => service.retrain(from),
    'suggestions.reject': async ({ docId, spans, layer }) => ({ rejected: await service.reject(docId, spans, layer) }),
    'suggestions.unreject': async ({ docId, spans, layer }) => {
      await service.unreject(docId, spans, layer);
      return null;
    },
    'suggestions.answer': async ({ docId, span, accepted, layer }) => {
      await service.answer(docId, span, accepted, layer);
      return null;
    },
    'suggestions.settings': async () => service.store().settings(),
    'suggestions.saveSettings': async ({ settings }) => service.store().saveSettings(settings),
    'suggestions.boilerplate': async ({ docId, range, on }) => service.markBoilerplate(docId, range, on),
    'suggestions.record': async ({ docId, outcomes, layer }) => {
      await service.record(docId, outcomes, layer);
      return null;
    },
    'suggestions.measures': async () => service.measures(),
  };
}
