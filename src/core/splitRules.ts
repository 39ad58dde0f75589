/**
 * The rules of a label split: which new label each mention gets, by a
 * regular expression over its text, the type of its linked entity, a list of
 * texts, or the mentions an analyst assigned by review; compiled once per
 * step for all the layers it runs over.
 */
import { z } from 'zod';
import { ParleyError } from './errors';
import type { Entity, Mention } from './model';

const name = z.string().min(1).max(100);

/** How a split decides which new label a mention gets: the first rule that matches, else `otherwise`. */
export const SplitRuleSchema = z
  .object({
    label: name,
    /** A regular expression (JavaScript syntax, case-insensitive) the mention's text must contain. */
    quote: z.string().max(1_000).optional(),
    /** The type of the registry entity the mention is linked to. */
    entityType: name.optional(),
    /** The mention's text is one of these (any case, spacing normalised). */
    texts: z.array(z.string().min(1).max(500)).min(1).max(10_000).optional(),
    /** Mentions the analyst assigned by review, as `annotator/docId/mentionId` (see `mentionKey`). */
    mentions: z.array(z.string().min(1).max(500)).max(100_000).optional(),
  })
  .strict();

export type SplitRule = z.infer<typeof SplitRuleSchema>;

/** A regular expression from a split rule, refused by name when it does not compile. */
export function ruleRegex(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'iu');
  } catch (e) {
    throw new ParleyError('invalid_argument', `the split rule /${pattern}/ is not a valid regular expression: ${(e as Error).message}`);
  }
}

/** How review names a mention across layers: the same id may stand in several analysts' layers (gold copies them). */
export function mentionKey(annotator: string, docId: string, mentionId: string): string {
  return `${annotator}/${docId}/${mentionId}`;
}

/** A mention's text as a text-list rule compares it: any case, runs of spacing as one space. */
export function normaliseQuote(quote: string): string {
  return quote.trim().replace(/\s+/gu, ' ').toLowerCase();
}

type SplitOp = { into: readonly SplitRule[] };
type Matcher = (m: Mention, key: string | null) => boolean;

type Matchers = { label: string; test: Matcher }[];
/** A step runs over every layer with the same op and registry: its rules are compiled (a review's list made a set) once for all of them. */
const compiled = new WeakMap<SplitOp, { entities: readonly Entity[]; matchers: Matchers }>();

export function splitMatchers(op: SplitOp, entities: readonly Entity[]): Matchers {
  const known = compiled.get(op);
  if (known?.entities === entities) return known.matchers;
  const matchers = compileSplit(op, entities);
  compiled.set(op, { entities, matchers });
  return matchers;
}

/** Each rule of a split as one test. */
function compileSplit(op: SplitOp, entities: readonly Entity[]): Matchers {
  const types = new Map(entities.map((e) => [e.id, e.type]));
  return op.into.flatMap((r) => {
    if (r.quote === undefined && r.entityType === undefined && r.texts === undefined && r.mentions === undefined) return [];
    const re = r.quote === undefined ? null : ruleRegex(r.quote);
    const texts = r.texts ? new Set(r.texts.map(normaliseQuote)) : null;
    const keys = r.mentions ? new Set(r.mentions) : null;
    const test: Matcher = (m, key) =>
      (re === null || re.test(m.quote)) &&
      (r.entityType === undefined || (m.entityId !== undefined && types.get(m.entityId) === r.entityType)) &&
      (texts === null || texts.has(normaliseQuote(m.quote))) &&
      (keys === null || (key !== null && keys.has(key)));
    return [{ label: r.label, test }];
  });
}

