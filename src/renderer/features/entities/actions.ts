/** Entities and suggestions: the registry, linking mentions, finding other mentions and deciding on them. */
import type { Suggestion } from '../../../core/api/entities';
import { newId } from '../../../core/ids';
import type { Entity, Mention } from '../../../core/model';
import { api } from '../../api';
import type { AppStore } from '../../app/store';
import { refreshSuggestions } from './slice';

export async function saveEntity(app: AppStore, e: Entity): Promise<Entity | null> {
  try {
    const saved = await api.entities.save({ entity: e });
    app.set({ entities: await api.entities.list({}) });
    app.view?.refreshAll();
    return saved;
  } catch (err) {
    app.fail(err, 'Saving the entity');
    return null;
  }
}

export async function createEntity(app: AppStore, name: string, type: string): Promise<Entity | null> {
  return saveEntity(app, { id: newId('e'), name, type, aliases: [] });
}

export async function deleteEntity(app: AppStore, id: string): Promise<void> {
  try {
    const entities = await api.entities.delete({ id });
    app.set({ entities, entityId: null });
    await app.reopenDoc();
  } catch (e) {
    app.fail(e, 'Deleting the entity');
  }
}

export function linkMention(app: AppStore, m: Mention, entity: Entity | null): void {
  const { entityId: _old, ...rest } = m;
  // Linking never changes the entity: a new alias is the analyst's own choice (addAlias), since every alias
  // becomes a suggestion across the corpus.
  app.change({ op: 'updateMention', before: m, after: entity ? { ...rest, entityId: entity.id } : rest });
}

/** Adds the way a mention is written to its entity's aliases, so "Find other mentions" finds it too. */
export async function addAlias(app: AppStore, entity: Entity, alias: string): Promise<void> {
  const a = alias.trim();
  if (!a || a === entity.name || entity.aliases.includes(a)) return;
  if (await saveEntity(app, { ...entity, aliases: [...entity.aliases, a] })) app.toast(`“${a}” is now an alias of ${entity.name}`, 'info');
}

/** Shows an entity in the Entities tab. */
export function showEntity(app: AppStore, id: string | null): void {
  app.set({ entityId: id, tab: 'entities' });
}

export async function findOthers(app: AppStore, id: string): Promise<void> {
  const s = app.state.doc;
  if (!s) return app.toast('Open a document first.', 'info');
  try {
    await app.saves.idle();
    const found = await api.entities.findMentions({ entityId: id, docId: s.doc.id });
    await app.openDoc(s.doc.id);
    await refreshSuggestions(app);
    await app.refreshDocs();
    app.setTab('suggestions');
    app.toast(found.length ? `${found.length} suggestion${found.length === 1 ? '' : 's'} to review` : 'No other mentions found', 'info');
  } catch (e) {
    app.fail(e, 'Finding other mentions');
  }
}

export async function decide(app: AppStore, items: Suggestion[], accept: boolean): Promise<void> {
  try {
    await app.saves.idle();
    await api.entities.decideMentions({ items: items.map((s) => ({ docId: s.docId, mentionId: s.mentionId })), accept });
    const s = app.state.doc;
    if (s && items.some((i) => i.docId === s.doc.id)) await app.openDoc(s.doc.id);
    await Promise.all([refreshSuggestions(app), app.refreshDocs()]);
  } catch (e) {
    app.fail(e, 'Deciding on the suggestions');
  }
}

export function showSuggestion(app: AppStore, s: Suggestion): void {
  if (s.docId !== app.state.doc?.doc.id) void app.openDoc(s.docId).then(() => app.view?.reveal(s.start, s.mentionId));
  else app.view?.reveal(s.start, s.mentionId);
  app.focusMentionId(s.mentionId);
}
