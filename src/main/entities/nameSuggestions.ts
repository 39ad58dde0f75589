/**
 * Entity-name suggestions: every place an entity's name or an alias occurs
 * as a whole word, put in the analyst's layers as pending mentions to accept
 * or reject (the recommender's suggestions are suggest/).
 */
import type { Handlers } from '../../core/api/contract';
import type { Suggestion } from '../../core/api/entities';
import { ParleyError } from '../../core/errors';
import { newId } from '../../core/ids';
import type { Change, Mention } from '../../core/model';
import { findWholeWord } from '../../core/text';
import type { LayerEdits } from '../annotations/layerEdits';
import type { ApiContext } from '../context';

export type NameSuggestionMethods = 'entities.findMentions' | 'entities.pendingMentions' | 'entities.decideMentions';

export function createNameSuggestionHandlers(session: ApiContext, edits: LayerEdits): Pick<Handlers, NameSuggestionMethods> {
  const ws = () => session.workspace;
  const { applyTo, refuseStale } = edits;

  async function pendingSuggestions(entityId?: string): Promise<Suggestion[]> {
    const out: Suggestion[] = [];
    for (const docId of await ws().layerIds(session.annotator)) {
      if (!ws().has(docId)) continue;
      const layer = (await ws().layer(session.annotator, docId)).data;
      const pending = layer.mentions.filter((m) => m.pending && (!entityId || m.entityId === entityId));
      if (pending.length === 0) continue;
      const doc = await ws().document(docId);
      for (const m of pending) out.push(suggestionOf(doc.id, doc.title, doc.text, m));
    }
    return out;
  }

  return {
    'entities.findMentions': async ({ entityId, docId }) => {
      const entity = ws().entities.find((e) => e.id === entityId);
      if (!entity) throw new ParleyError('not_found', `no entity ${entityId}`);
      if (!ws().schema.labels.some((l) => l.name === entity.type)) {
        throw new ParleyError('invalid_argument', `the entity's type ${entity.type} is not a label in the schema`);
      }
      const names = [entity.name, ...entity.aliases].sort((a, b) => b.length - a.length);
      // The current document first, so its suggestions are listed at the top.
      const order = [docId, ...ws().entries.map((e) => e.id).filter((id) => id !== docId)];
      const created: Suggestion[] = [];
      await ws().bulk(`suggestions for ${entity.name}`, async (tx) => {
        for (const id of order) {
          const doc = await ws().document(id);
          const { layer } = await tx.layer(session.annotator, id);
          if (ws().isStale(layer)) continue;
          const taken = layer.mentions.map((m) => [m.start, m.end] as const);
          const found: Mention[] = [];
          for (const name of names) {
            for (const start of findWholeWord(doc.text, name)) {
              const end = start + name.length;
              // Skip spans already labelled, and shorter aliases inside a longer one just found.
              if (taken.some(([s, e]) => s === start && e === end) || found.some((m) => m.start < end && start < m.end)) continue;
              if (layer.mentions.some((m) => m.entityId === entityId && m.start <= start && end <= m.end)) continue;
              found.push({
                id: newId('m'),
                label: entity.type,
                start,
                end,
                quote: name,
                entityId,
                origin: 'suggested',
                pending: true,
                author: session.annotator,
                createdAt: new Date().toISOString(),
              });
            }
          }
          if (found.length === 0) continue;
          applyTo(layer, { op: 'batch', title: `suggest ${found.length} mentions of ${entity.name}`, changes: found.map((mention) => ({ op: 'addMention', mention })) }, doc.text);
          tx.setLayer(layer);
          for (const m of found) created.push(suggestionOf(id, doc.title, doc.text, m));
        }
      });
      return created;
    },
    'entities.pendingMentions': async ({ entityId }) => pendingSuggestions(entityId),
    'entities.decideMentions': async ({ items, accept }) => {
      const byDoc = new Map<string, Set<string>>();
      for (const { docId, mentionId } of items) {
        const set = byDoc.get(docId) ?? new Set<string>();
        set.add(mentionId);
        byDoc.set(docId, set);
      }
      let decided = 0;
      await ws().bulk(`${accept ? 'acceptance' : 'rejection'} of suggestions`, async (tx) => {
        for (const [docId, ids] of byDoc) {
          const { layer } = await tx.layer(session.annotator, docId);
          refuseStale(layer);
          const changes: Change[] = [];
          for (const m of layer.mentions) {
            if (!m.pending || !ids.has(m.id)) continue;
            if (accept) {
              const { pending: _pending, ...after } = m;
              changes.push({ op: 'updateMention', before: m, after });
            } else changes.push({ op: 'removeMention', mention: m });
          }
          if (changes.length === 0) continue;
          decided += changes.length;
          const { text } = await ws().document(docId);
          applyTo(layer, { op: 'batch', title: `${accept ? 'accept' : 'reject'} ${changes.length} suggestion${changes.length > 1 ? 's' : ''}`, changes }, text);
          tx.setLayer(layer);
        }
      });
      return { decided };
    },
  };
}

function suggestionOf(docId: string, title: string, text: string, m: Mention): Suggestion {
  const from = Math.max(0, m.start - 40);
  const to = Math.min(text.length, m.end + 40);
  return { docId, title, mentionId: m.id, start: m.start, end: m.end, quote: m.quote, context: text.slice(from, to).replace(/\s+/g, ' ') };
}
