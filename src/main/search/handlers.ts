/** The search part of the API: start, page, cancel, and tag the hits. */
import type { Handlers } from '../../core/api/contract';
import { undoStep } from '../steps';
import type { ApiContext } from '../context';
import { previewTagAll, tagAll } from './tagAll';
import { checkMayRead } from '../team/teamFile';

type SearchMethods = 'search.start' | 'search.page' | 'search.indexStatus' | 'search.cancel' | 'search.tagPreview' | 'search.tagAll' | 'search.untag';

export function createSearchHandlers(session: ApiContext): Pick<Handlers, SearchMethods> {
  return {
    'search.start': async ({ query }) => {
      // Filters read the analyst's own layer; another's only when blind annotation allows it.
      if (query.annotator) await checkMayRead(session.workspace, session.annotator, query.annotator);
      return { searchId: session.search.start(query, session.annotator) };
    },
    'search.page': async ({ searchId, offset, limit }) => session.search.page(searchId, offset, limit),
    'search.indexStatus': async () => session.search.indexStatus(),
    'search.cancel': async ({ searchId }) => {
      session.search.cancel(searchId);
      return session.search.page(searchId, 0, 0);
    },
    'search.tagPreview': async (args) => previewTagAll(session.workspace, session.annotator, await session.search.targets(args.searchId, args.hits), args),
    'search.tagAll': async (args) => tagAll(session.workspace, session.annotator, await session.search.targets(args.searchId, args.hits), args),
    'search.untag': async ({ stepId }) => {
      const r = await undoStep(session.workspace, stepId);
      return { undone: r.undone.length, skipped: r.skipped };
    },
  };
}
