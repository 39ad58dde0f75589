/**
 * Who or what a role filler is in the network: a registry entity, the
 * normalised words of a mention linked to no entity, or a free-text topic.
 */
import type { Entity, Mention, RoleFiller } from '../model';
import type { NetworkNode } from './types';

/** Case, width, spacing and surrounding punctuation do not make a different actor or topic. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/^[\s"'“”«».,;:!?()[\]-]+|[\s"'“”«».,;:!?()[\]-]+$/g, '');
}

/** A mention with one of these labels, linked to no entity, is a topic rather than an actor. */
const TOPIC_LABEL = /^topics?$/i;

export type NodeSeed = Omit<NetworkNode, 'weightedDegree' | 'first' | 'last'>;

/** The node a filler stands for, or null when it points at nothing (a deleted mention). */
export function nodeOf(f: RoleFiller, mentions: ReadonlyMap<string, Mention>, entities: ReadonlyMap<string, Entity>): NodeSeed | null {
  switch (f.kind) {
    case 'entity': {
      const e = entities.get(f.entityId);
      return { id: `entity:${f.entityId}`, label: e?.name ?? f.entityId, kind: 'entity', type: e?.type ?? 'entity', entityId: f.entityId, unlinked: false };
    }
    case 'mention': {
      const m = mentions.get(f.mentionId);
      if (!m) return null;
      const e = m.entityId ? entities.get(m.entityId) : undefined;
      if (e) return { id: `entity:${e.id}`, label: e.name, kind: 'entity', type: e.type, entityId: e.id, unlinked: false };
      const words = normaliseText(m.quote) || m.quote;
      if (TOPIC_LABEL.test(m.label)) return { id: `topic:${words}`, label: m.quote.trim(), kind: 'topic', type: 'topic', entityId: null, unlinked: true };
      return { id: `text:${words}`, label: m.quote.trim(), kind: 'mention', type: m.label, entityId: null, unlinked: true };
    }
    case 'topic': {
      const words = normaliseText(f.text) || f.text;
      return { id: `topic:${words}`, label: f.text.trim(), kind: 'topic', type: 'topic', entityId: null, unlinked: false };
    }
    // An event as the argument of another (brat's nested events) names no actor or topic.
    case 'frame':
      return null;
  }
}
