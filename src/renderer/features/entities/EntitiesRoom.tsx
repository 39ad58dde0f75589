/** Entities and suggestions: the Entities and Suggestions tabs, wired to the app store. */
import { useMemo } from 'react';
import { useApp, useAppStore, useDeferredDocVersion } from '../../app/store';
import { createEntity, decide, deleteEntity, findOthers, saveEntity, showSuggestion } from './actions';
import { EntityPanel } from './EntityPanel';
import { entitiesSlice } from './slice';
import { SuggestionPanel } from './SuggestionPanel';
import { RecommenderPanel } from '../suggest/RecommenderPanel';

export function EntitiesTab() {
  const app = useAppStore();
  const store = useApp((s) => s.doc);
  const version = useDeferredDocVersion(store);
  const entities = useApp((s) => s.entities);
  const labels = useApp((s) => s.info?.schema.labels);
  const entityId = useApp((s) => s.entityId);
  const mentionCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const m of store?.mentions ?? []) if (m.entityId && !m.pending) counts.set(m.entityId, (counts.get(m.entityId) ?? 0) + 1);
    return counts;
    // version changes when the mentions do (they are updated in place)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, version]);
  return (
    <EntityPanel
      entities={entities}
      labels={labels ?? []}
      focusedId={entityId}
      mentionCounts={mentionCounts}
      onFocus={(id) => app.focusEntity(id)}
      onSave={(e) => void saveEntity(app, e)}
      onDelete={(id) => void deleteEntity(app, id)}
      onFindOthers={(id) => void findOthers(app, id)}
      onCreate={(name, type) => void createEntity(app, name, type).then((e) => e && app.focusEntity(e.id))}
    />
  );
}

export function SuggestionsTab() {
  const app = useAppStore();
  const suggestions = entitiesSlice.use((s) => s.suggestions);
  const currentDocId = useApp((s) => s.doc?.doc.id ?? null);
  return (
    <SuggestionPanel
      suggestions={suggestions}
      currentDocId={currentDocId}
      onDecide={(items, accept) => void decide(app, items, accept)}
      onShow={(s) => showSuggestion(app, s)}
      recommender={<RecommenderPanel />}
    />
  );
}

/** The Suggestions tab's title, with how many wait. */
export function useSuggestionCount(): number {
  return entitiesSlice.use((s) => s.suggestions.length);
}
