/**
 * Which overlaps of mentions the schema allows, read as brat reads its
 * `<OVERLAP>` rules (server/src/projectconfig.py: spans_can_be_equal,
 * span_can_contain, spans_can_cross): a schema without rules allows every
 * overlap; with rules, two mentions of different labels may share a span only
 * if a rule between their labels says `equal`, one may lie inside another
 * only if a rule with the inner one first says `contain`, and they may cross
 * only if a rule says `cross`. Two mentions of the same label on the same
 * span are one mention twice, refused elsewhere.
 */
import type { LabelSchema, OverlapKind, OverlapRule } from './model';

interface Spanned {
  id?: string;
  label: string;
  start: number;
  end: number;
  pending?: boolean;
}

/** How `a` overlaps `b`, seen from `a`: the same span, inside it, around it, crossing it, or not at all. */
export function overlapOf(a: Spanned, b: Spanned): 'equal' | 'inside' | 'around' | 'cross' | null {
  if (a.end <= b.start || b.end <= a.start) return null;
  if (a.start === b.start && a.end === b.end) return 'equal';
  if (b.start <= a.start && a.end <= b.end) return 'inside';
  if (a.start <= b.start && b.end <= a.end) return 'around';
  return 'cross';
}

const matches = (labels: string[], label: string) => labels.length === 0 || labels.includes(label);

/** The kinds the rules allow with `inner` first and `outer` second. */
function kindsFor(rules: readonly OverlapRule[], inner: string, outer: string): Set<OverlapKind> {
  const out = new Set<OverlapKind>();
  for (const r of rules) if (matches(r.inner, inner) && matches(r.outer, outer)) for (const k of r.kinds) out.add(k);
  return out;
}

/** Whether the schema lets a mention of `a` overlap one of `b` in this way (`inside`: `a` lies within `b`). */
export function overlapAllowed(schema: Pick<LabelSchema, 'overlaps'>, a: string, b: string, how: 'equal' | 'inside' | 'around' | 'cross'): boolean {
  const rules = schema.overlaps;
  if (!rules) return true;
  if (how === 'equal') return a === b || kindsFor(rules, a, b).has('equal') || kindsFor(rules, b, a).has('equal');
  if (how === 'cross') return kindsFor(rules, a, b).has('cross') || kindsFor(rules, b, a).has('cross');
  const [inner, outer] = how === 'inside' ? [a, b] : [b, a];
  return kindsFor(rules, inner, outer).has('contain');
}

export interface OverlapRefusal<M extends Spanned> {
  /** The mention already there that the new one may not overlap. */
  other: M;
  how: 'equal' | 'inside' | 'around' | 'cross';
}

/** The first mention of `others` that `m` may not overlap under the schema's rules, or null. Suggestions (pending) are not counted. */
export function overlapRefusal<M extends Spanned>(schema: Pick<LabelSchema, 'overlaps'>, m: Spanned, others: Iterable<M>): OverlapRefusal<M> | null {
  if (!schema.overlaps) return null;
  for (const o of others) {
    if (o.pending || (m.id !== undefined && o.id === m.id)) continue;
    const how = overlapOf(m, o);
    if (how && !overlapAllowed(schema, m.label, o.label, how)) return { other: o, how };
  }
  return null;
}

/** "ORG “Syria” may not have the same span as GPE “Syria”": what a refusal says. */
export function describeRefusal(m: { label: string; quote: string }, r: OverlapRefusal<Spanned & { quote: string }>): string {
  const what = { equal: 'have the same span as', inside: 'lie inside', around: 'contain', cross: 'cross' }[r.how];
  return `${m.label} “${m.quote}” may not ${what} ${r.other.label} “${r.other.quote}”: the schema's overlap rules do not allow it`;
}
