/**
 * Role fillers compared across annotators. Each annotator has their own
 * mention ids, so fillers are compared by what they point at ("resolved"):
 * two fillers are the same thing when both resolve to a registry entity and
 * it is the same one (a mention linked to an entity, or the entity itself);
 * otherwise when both are mentions over the same span; otherwise when both
 * are topics with the same text after normalising case and spacing. A role's
 * fillers agree when the two frames have as many fillers and they pair up
 * one to one (any order).
 */
import type { Frame, Mention, RoleFiller } from '../model';

/** Topic text compared without case, spacing, Unicode form or surrounding punctuation. */
export function normalizeTopic(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');
}

/** One annotator's frames with the mentions their fillers refer to. */
export interface FrameLayer {
  frames: readonly Frame[];
  mentions: readonly Mention[];
}

/** What a filler points at, comparable across annotators. */
export interface ResolvedFiller {
  /** The registry entity: the filler's own, or the one its mention is linked to. */
  entity?: string;
  /** `start-end` of the mention. */
  span?: string;
  /** Normalised topic text. */
  topic?: string;
  /** Identity for exact comparison: mention span and label, entity id, or topic text as written. */
  exact: string;
}

export function resolveFiller(filler: RoleFiller, mention: (id: string) => Mention | undefined): ResolvedFiller {
  switch (filler.kind) {
    case 'mention': {
      const m = mention(filler.mentionId);
      // A dangling reference resolves to nothing and agrees with nothing another annotator wrote.
      if (!m) return { exact: `missing-mention:${filler.mentionId}` };
      return { entity: m.entityId, span: `${m.start}-${m.end}`, exact: `mention:${m.start}-${m.end}:${m.label}` };
    }
    case 'entity':
      return { entity: filler.entityId, exact: `entity:${filler.entityId}` };
    case 'topic':
      return { topic: normalizeTopic(filler.text), exact: `topic:${filler.text}` };
    // Frame ids differ between annotators: a nested frame agrees with nothing by identity.
    case 'frame':
      return { exact: `frame:${filler.frameId}` };
  }
}

/** Whether two resolved fillers are the same thing (see the module comment for the order of the rules). */
export function sameThing(a: ResolvedFiller, b: ResolvedFiller): boolean {
  if (a.entity !== undefined && b.entity !== undefined) return a.entity === b.entity;
  if (a.span !== undefined && b.span !== undefined) return a.span === b.span;
  if (a.topic !== undefined && b.topic !== undefined) return a.topic === b.topic;
  return false;
}

/** How many of `a` pair one to one with a filler of `b` that is the same thing. */
export function commonFillers(a: readonly ResolvedFiller[], b: readonly ResolvedFiller[]): number {
  const used = new Array<boolean>(b.length).fill(false);
  let common = 0;
  for (const x of a) {
    const j = b.findIndex((y, k) => !used[k] && sameThing(x, y));
    if (j >= 0) {
      used[j] = true;
      common++;
    }
  }
  return common;
}

/** Mentions by id, built once per mention list: each layer is compared with every other annotator's. */
const mentionIndexes = new WeakMap<readonly Mention[], ReadonlyMap<string, Mention>>();
export function mentionIndex(mentions: readonly Mention[]): ReadonlyMap<string, Mention> {
  let index = mentionIndexes.get(mentions);
  if (!index) mentionIndexes.set(mentions, (index = new Map(mentions.map((m) => [m.id, m] as const))));
  return index;
}

/**
 * Resolved fillers per frame and role, kept per mention list: a frame is
 * compared with many others (candidates, pairs of annotators, groups), and
 * resolving normalises topic text each time otherwise.
 */
const resolvedCache = new WeakMap<readonly Mention[], WeakMap<Frame, Map<string, ResolvedFiller[]>>>();

/** The resolved fillers of one role of a frame in its layer. */
export function roleFillers(frame: Frame, role: string, layer: FrameLayer): ResolvedFiller[] {
  const fillers = frame.roles[role] ?? [];
  if (fillers.length === 0) return [];
  let byFrame = resolvedCache.get(layer.mentions);
  if (!byFrame) resolvedCache.set(layer.mentions, (byFrame = new WeakMap()));
  let byRole = byFrame.get(frame);
  if (!byRole) byFrame.set(frame, (byRole = new Map()));
  let resolved = byRole.get(role);
  if (!resolved) {
    const index = mentionIndex(layer.mentions);
    byRole.set(role, (resolved = fillers.map((f) => resolveFiller(f, (id) => index.get(id)))));
  }
  return resolved;
}

/** Role names filled (or named) by either frame. */
function roleNames(a: Frame, b: Frame): string[] {
  const names = Object.keys(a.roles);
  for (const name of Object.keys(b.roles)) if (!Object.prototype.hasOwnProperty.call(a.roles, name)) names.push(name);
  return names;
}

/** How many roles two frames agree on, and whether they agree on all. */
export function rolesAgreeing(a: Frame, la: FrameLayer, b: Frame, lb: FrameLayer): { agreeing: number; all: boolean } {
  let agreeing = 0;
  let all = true;
  for (const role of roleNames(a, b)) {
    const x = roleFillers(a, role, la);
    const y = roleFillers(b, role, lb);
    if (x.length === y.length && commonFillers(x, y) === x.length) agreeing++;
    else all = false;
  }
  return { agreeing, all };
}
