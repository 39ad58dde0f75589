/** The settings part of the API: the analyst's name, the last document per workspace, and the appearance. */
import { AppearanceSchema } from '../../core/api/settings';
import type { ApiContext, HandlersOf } from '../context';

export function createSettingsHandlers(session: ApiContext): HandlersOf<'settings'> {
  const ws = () => session.workspace;
  return {
    'settings.setAnnotator': async ({ annotator }) => {
      await session.settings.update((s) => {
        s.annotator = annotator;
      });
      return session.info();
    },
    'settings.setLastDocument': async ({ docId }) => {
      ws().entry(docId);
      await session.settings.update((s) => {
        s.lastDocuments[ws().root] = docId;
      });
      return null;
    },
    'settings.appearance': async () => session.settings.appearance,
    'settings.setAppearance': async ({ appearance }) => {
      await session.settings.update((s) => {
        s.appearance = AppearanceSchema.parse(appearance);
      });
      return session.settings.appearance;
    },
  };
}
