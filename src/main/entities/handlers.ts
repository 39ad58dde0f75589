/** The entities part of the API: the registry (list, save, delete) and the entity-name suggestions (nameSuggestions.ts). */
import type { Entity, Mention } from '../../core/model';
import type { LayerEdits } from '../annotations/layerEdits';
import type { ApiContext, HandlersOf } from '../context';
import type { NameSuggestionMethods } from './nameSuggestions';

export function createEntityHandlers(session: ApiContext, edits: LayerEdits): Omit<HandlersOf<'entities'>, NameSuggestionMethods> {
  const ws = () => session.workspace;
  const { rewriteAllLayers } = edits;
  return {
    'entities.list': async () => [...ws().entities],
    'entities.save': async ({ entity, baseRevision }) => {
      const aliases = [...new Set(entity.aliases.map((a) => a.trim()).filter((a) => a && a !== entity.name))];
      const clean: Entity = { ...entity, name: entity.name.trim(), aliases };
      await ws().saveEntities((current) => [...current.filter((e) => e.id !== clean.id), clean].sort((a, b) => a.name.localeCompare(b.name)), baseRevision);
      return clean;
    },
    'entities.delete': async ({ id }) => {
      await ws().bulk(`deletion of entity ${id}`, async (tx) => {
        await rewriteAllLayers(tx, (ms) => (ms.some((m) => m.entityId === id) ? ms.map((m) => (m.entityId === id ? withoutEntity(m) : m)) : null));
        const registry = await tx.entities();
        registry.entities = registry.entities.filter((e) => e.id !== id);
      });
      return [...ws().entities];
    },
  };
}

function withoutEntity(m: Mention): Mention {
  const { entityId: _entityId, ...rest } = m;
  return rest;
}
