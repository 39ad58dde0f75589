/**
 * The API, implemented once, namespace by namespace (<namespace>/handlers.ts):
 * this only puts them together. Both transports call `dispatch` (dispatch.ts)
 * with the result.
 */
import type { Handlers } from '../core/api/contract';
import { createAnnotationHandlers } from './annotations/handlers';
import { createLayerEdits } from './annotations/layerEdits';
import type { ApiContext } from './context';
import { createDatasetHandlers } from './datasets/handlers';
import { createDocumentHandlers } from './documents/handlers';
import { createEntityHandlers } from './entities/handlers';
import { createNameSuggestionHandlers } from './entities/nameSuggestions';
import { createFrameHandlers } from './frames/handlers';
import { createReviewHandlers } from './review/handlers';
import { createSchemaHandlers } from './schema/handlers';
import { createNetworkHandlers } from './network/handlers';
import { createSchemeHandlers } from './schemes/handlers';
import { createSearchHandlers } from './search/handlers';
import { createSettingsHandlers } from './settings/handlers';
import { createSuggestHandlers, createSuggestService } from './suggest/handlers';
import { createSyncHandlers } from './sync/handlers';
import { guardBlind } from './team/guard';
import { createTeamHandlers } from './team/handlers';

export { dispatch } from './dispatch';

export function createHandlers(session: ApiContext): Handlers {
  const recommender = createSuggestService(session);
  const edits = createLayerEdits(session);
  // Blind double annotation holds at the edge for the rooms that read other analysts' layers.
  return guardBlind(session, {
    ...createDatasetHandlers(session),
    ...createSuggestHandlers(recommender),
    ...createSearchHandlers(session),
    ...createSyncHandlers(session, session.host.tokens),
    ...createTeamHandlers(session),
    ...createSchemeHandlers(session),
    ...createDocumentHandlers(session),
    ...createAnnotationHandlers(session, edits, recommender),
    ...createSchemaHandlers(session, edits),
    ...createFrameHandlers(session),
    ...createReviewHandlers(session, edits),
    ...createEntityHandlers(session, edits),
    ...createNameSuggestionHandlers(session, edits),
    ...createSettingsHandlers(session),
    ...createNetworkHandlers(session),
  });
}
