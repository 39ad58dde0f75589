/**
 * Entity-name suggestions ("find other mentions"): the mentions waiting for a
 * decision, asked for again when the workspace loads and after an undo.
 */
import type { Suggestion } from '../../../core/api/entities';
import { api } from '../../api';
import { defineSlice, type AppStore } from '../../app/store';

export const entitiesSlice = defineSlice<{ suggestions: Suggestion[] }>('entities', () => ({ suggestions: [] }), {
  workspaceLoaded: (app) => void refreshSuggestions(app),
  layerUndone: (app) => void refreshSuggestions(app),
});

export function refreshSuggestions(app: AppStore): Promise<void> {
  return api.entities.pendingMentions({}).then((suggestions) => entitiesSlice.set(app, { suggestions }), app.fail);
}
