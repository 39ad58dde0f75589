/**
 * Which registry entities a mention may link to, best first. A name or alias
 * that is exactly the mention's text, on an entity of the mention's own type,
 * comes first; then the same type's entities whose name has the text at the
 * start of a word (typing "Serg" finds "Sergei Lavrov"). Another type's
 * entity is offered only when its name or an alias is exactly the text, and
 * always after the mention's own type: "Russia" (GPE) never offers "Sergei
 * Lavrov" (PERSON), and linking across types is the analyst's explicit choice.
 */
import type { Entity } from './model';

/** How an entity matched: its name, one of its aliases, or a word of either. */
export type LinkMatch = 'name' | 'alias' | 'words';

export interface LinkCandidate {
  entity: Entity;
  match: LinkMatch;
  /** The entity's type is the mention's label. */
  sameType: boolean;
}

/** Case, accents, punctuation and spacing do not matter when names are compared. */
export function normalizeName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const RANK: Record<LinkMatch, number> = { name: 0, alias: 1, words: 2 };

/** The text appears in `name` starting at a word, or `name` appears in the text as whole words. */
function wordMatch(name: string, text: string): boolean {
  return ` ${name}`.includes(` ${text}`) || ` ${text} `.includes(` ${name} `);
}

function matchOf(e: Entity, text: string, sameType: boolean): LinkMatch | null {
  const name = normalizeName(e.name);
  if (name === text) return 'name';
  const aliases = e.aliases.map(normalizeName);
  if (aliases.includes(text)) return 'alias';
  if (!sameType) return null;
  return [name, ...aliases].some((n) => n && wordMatch(n, text)) ? 'words' : null;
}

/** The entities `text` (a mention's quote, or what the analyst typed) may link to, best first, at most `limit`. */
export function rankEntities(entities: readonly Entity[], text: string, type: string, limit = 8): LinkCandidate[] {
  const q = normalizeName(text);
  if (!q) return [];
  const out: LinkCandidate[] = [];
  for (const entity of entities) {
    const sameType = entity.type === type;
    const match = matchOf(entity, q, sameType);
    if (match) out.push({ entity, match, sameType });
  }
  out.sort(
    (a, b) =>
      Number(b.sameType) - Number(a.sameType) ||
      RANK[a.match] - RANK[b.match] ||
      Math.abs(a.entity.name.length - text.length) - Math.abs(b.entity.name.length - text.length) ||
      a.entity.name.localeCompare(b.entity.name),
  );
  return out.slice(0, limit);
}

/** Whether `text` is already the entity's name or one of its aliases (so offering it as an alias would add nothing). */
export function namesEntity(e: Entity, text: string): boolean {
  const q = normalizeName(text);
  return normalizeName(e.name) === q || e.aliases.some((a) => normalizeName(a) === q);
}
