/**
 * The `entities.*` methods: the entity registry, and the other mentions of
 * an entity's names found across the corpus, added as pending mentions for
 * the analyst to accept or reject. (The recommender is `suggestions.*`.)
 */
import { z } from 'zod';
import { DocIdSchema, EntitySchema, MAX_BATCH, type Entity } from '../model';
import { method, none, revisionArg } from './method';

/** A pending mention found by an entity's name or alias. */
export interface Suggestion {
  docId: string;
  title: string;
  mentionId: string;
  start: number;
  end: number;
  quote: string;
  context: string;
}

export const entitiesContract = {
  'entities.list': method<Entity[]>()(none),
  'entities.save': method<Entity>()(z.object({ entity: EntitySchema, baseRevision: revisionArg }).strict()),
  'entities.delete': method<Entity[]>()(z.object({ id: z.string().min(1) }).strict()),
  /** Finds the entity's names in every document (this one first) and adds them as pending mentions. */
  'entities.findMentions': method<Suggestion[]>()(z.object({ entityId: z.string().min(1), docId: DocIdSchema }).strict()),
  /** The pending mentions still undecided, of one entity or all. */
  'entities.pendingMentions': method<Suggestion[]>()(z.object({ entityId: z.string().min(1).optional() }).strict()),
  /** Accepts or rejects pending mentions. */
  'entities.decideMentions': method<{ decided: number }>()(
    z
      .object({ items: z.array(z.object({ docId: DocIdSchema, mentionId: z.string().min(1).max(200) }).strict()).max(MAX_BATCH), accept: z.boolean() })
      .strict(),
  ),
} as const;
