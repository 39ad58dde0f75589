/**
 * Frames in formats that only know spans and relations (doccano, Label
 * Studio): the evidence is a span labelled with the frame type, and each
 * mention filler is a relation from it, labelled with the role. Entity and
 * topic fillers, and the order of all fillers, ride in the format's extras as
 * a skeleton: the frame's roles with each mention filler left as a hole
 * ({"kind": "mention"}), filled on import from the relations in order.
 */
import { z } from 'zod';
import { RoleFillerSchema, type Frame, type Mention, type RoleFiller } from '../model';
import type { SchemaIndex } from './schema';

/**
 * The source and target mention of a frame that a tool's own relation can
 * carry: a relation type's frame with one mention in each of its two roles.
 * Undefined for any other frame, which goes as an evidence span with role
 * relations.
 */
export function relationEnds(f: Frame, schema: SchemaIndex): [string, string] | undefined {
  const def = schema.frameTypes.get(f.type);
  if (!def || (def.relation !== 'directed' && def.relation !== 'undirected')) return undefined;
  const ends = def.roles.map((r) => f.roles[r.name] ?? []);
  if (!ends.every((xs) => xs.length === 1 && xs[0].kind === 'mention') || Object.keys(f.roles).some((r) => !def.roles.some((x) => x.name === r))) return undefined;
  return ends.map((xs) => (xs[0] as { mentionId: string }).mentionId) as [string, string];
}

/** A relation's evidence when the file has none: the stretch of text from the first mention to the end of the last. */
export function relationEvidence(text: string, a: Pick<Mention, 'start' | 'end'>, b: Pick<Mention, 'start' | 'end'>): { start: number; end: number; quote: string } {
  const start = Math.min(a.start, b.start);
  const end = Math.max(a.end, b.end);
  return { start, end, quote: text.slice(start, end) };
}

const HoleSchema = z.object({ kind: z.literal('mention') }).strict();
export const SkeletonSchema = z.record(z.string(), z.array(z.union([RoleFillerSchema, HoleSchema])));
export type Skeleton = z.infer<typeof SkeletonSchema>;

export function skeleton(roles: Frame['roles']): Skeleton {
  const out: Skeleton = {};
  for (const [role, fillers] of Object.entries(roles)) out[role] = fillers.map((x) => (x.kind === 'mention' ? { kind: 'mention' } : x));
  return out;
}

/**
 * Rebuilds a frame's roles from its skeleton and the mentions its relations
 * point to (by role, in order). Relations the skeleton has no hole for are
 * appended, holes without a relation are left out, and both are reported, so
 * a file edited in the other tool still imports.
 */
export function fillSkeleton(skel: Skeleton | undefined, relations: Map<string, string[]>, warn: (message: string) => void): Frame['roles'] {
  const roles: Frame['roles'] = {};
  for (const [role, slots] of Object.entries(skel ?? {})) {
    const queue = relations.get(role) ?? [];
    const fillers: RoleFiller[] = [];
    for (const slot of slots) {
      if ('mentionId' in slot || slot.kind !== 'mention') fillers.push(slot as RoleFiller);
      else {
        const next = queue.shift();
        if (next !== undefined) fillers.push({ kind: 'mention', mentionId: next });
        else warn(`a ${role} mention recorded in the extras has no relation any more; left out`);
      }
    }
    roles[role] = fillers;
  }
  for (const [role, rest] of relations) {
    if (rest.length === 0) continue;
    if (skel && role in skel) warn(`${rest.length} ${role} relation(s) not recorded in the extras were added`);
    (roles[role] ??= []).push(...rest.map((mentionId): RoleFiller => ({ kind: 'mention', mentionId })));
  }
  return roles;
}
