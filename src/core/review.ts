/**
 * Review: several analysts' mentions on one document, as items to compare
 * and decide. Mentions are compared one by one: those every annotator has at
 * the same span with the same label are an item each (nested or overlapping
 * ones included), compared then on entity, note and attributes; the rest are
 * grouped with the other annotators' mentions they overlap, and each item
 * says how they differ.
 */
import { commonFillers, roleFillers, type FrameLayer } from './agreement/fillers';
import { groupFrames } from './agreement/frames';
import type { Frame, Mention } from './model';

export type ItemKind =
  /** Every annotator has the same span with the same label, and the same entity, note and attributes. */
  | 'agree'
  /** Every annotator has the same span with the same label; the entity link, note or attributes differ. */
  | 'link'
  /** Every annotator has the same span, with different labels. */
  | 'label'
  /** Every annotator has a mention here, but the spans differ. */
  | 'overlap'
  /** Only some annotators have a mention here. */
  | 'single';

export const ITEM_KIND_NAMES: Record<ItemKind, string> = {
  agree: 'same span and label',
  link: 'same span and label, other link or note',
  label: 'same span, other label',
  overlap: 'overlapping spans',
  single: 'only some annotators',
};

export interface ReviewItem {
  /** Stable for the same layers: the covered range and the annotators' labels. */
  key: string;
  start: number;
  end: number;
  kind: ItemKind;
  /** Each annotator's mentions in this item (several when one annotator has overlapping mentions here). */
  byAnnotator: Record<string, Mention[]>;
  /** For `link` items: what differs besides span and label. */
  differsIn?: MentionDetail[];
}

/** What a mention says besides its span and label. */
export type MentionDetail = 'entity' | 'note' | 'attributes';

/** The details in which mentions of one span and label differ (an analyst's own review marks aside). */
export function mentionDetailsDiffer(ms: readonly Mention[]): MentionDetail[] {
  const out: MentionDetail[] = [];
  const differ = (f: (m: Mention) => string) => ms.some((m) => f(m) !== f(ms[0]));
  if (differ((m) => m.entityId ?? '')) out.push('entity');
  if (differ((m) => (m.note ?? '').trim())) out.push('note');
  if (differ((m) => attrsText(m.attrs))) out.push('attributes');
  return out;
}

function attrsText(attrs: Mention['attrs']): string {
  if (!attrs) return '';
  return Object.keys(attrs)
    .filter((k) => k !== 'adjudicated')
    .sort()
    .map((k) => `${k}=${attrs[k]}`)
    .join(';');
}

interface Node {
  annotator: string;
  m: Mention;
}

/** The annotators' mentions as review items, in text order. */
export function reviewItems(layers: readonly { annotator: string; mentions: readonly Mention[] }[]): ReviewItem[] {
  const names = layers.map((l) => l.annotator);
  const items: ReviewItem[] = [];
  // First, one item per span and label every annotator has (one mention each).
  const bySpan = new Map<string, Node[]>();
  for (const l of layers) {
    for (const m of l.mentions) {
      if (m.pending) continue;
      const k = `${m.start}-${m.end}:${m.label}`;
      bySpan.set(k, [...(bySpan.get(k) ?? []), { annotator: l.annotator, m }]);
    }
  }
  const matched = new Set<Mention>();
  for (const group of bySpan.values()) {
    const firsts = names.map((a) => group.find((n) => n.annotator === a));
    if (names.length < 2 || firsts.some((n) => n === undefined)) continue;
    const byAnnotator: Record<string, Mention[]> = {};
    for (const n of firsts) {
      byAnnotator[n!.annotator] = [n!.m];
      matched.add(n!.m);
    }
    const { start, end } = firsts[0]!.m;
    const differsIn = mentionDetailsDiffer(firsts.map((n) => n!.m));
    items.push({ key: itemKey(start, end, byAnnotator), start, end, kind: differsIn.length ? 'link' : 'agree', byAnnotator, ...(differsIn.length ? { differsIn } : {}) });
  }
  // Then the rest, grouped with the other annotators' mentions they overlap.
  const nodes: Node[] = [];
  for (const l of layers) for (const m of l.mentions) if (!m.pending && !matched.has(m)) nodes.push({ annotator: l.annotator, m });
  nodes.sort((a, b) => a.m.start - b.m.start || b.m.end - a.m.end);

  // Union-find over overlaps between different annotators' mentions, in one sweep over starts.
  const parent = nodes.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const active: number[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    for (let k = active.length - 1; k >= 0; k--) if (nodes[active[k]].m.end <= n.m.start) active.splice(k, 1);
    for (const j of active) if (nodes[j].annotator !== n.annotator) parent[find(i)] = find(j);
    active.push(i);
  }

  const groups = new Map<number, Node[]>();
  for (let i = 0; i < nodes.length; i++) {
    const r = find(i);
    const g = groups.get(r) ?? [];
    g.push(nodes[i]);
    groups.set(r, g);
  }

  for (const g of groups.values()) {
    const byAnnotator: Record<string, Mention[]> = {};
    for (const n of g) (byAnnotator[n.annotator] ??= []).push(n.m);
    const start = Math.min(...g.map((n) => n.m.start));
    const end = Math.max(...g.map((n) => n.m.end));
    items.push({ key: itemKey(start, end, byAnnotator), start, end, kind: kindOf(names, byAnnotator), byAnnotator });
  }
  return items.sort((a, b) => a.start - b.start || a.end - b.end || (a.key < b.key ? -1 : 1));
}

/**
 * Gold's decisions as the items of now see them: a decision recorded under
 * the key of an older, grouped item (overlapping mentions held together)
 * counts for each item whose mentions it covered.
 */
export function resolveDecisions(decisions: Readonly<Record<string, string>>, items: readonly ReviewItem[]): Record<string, string> {
  const out: Record<string, string> = { ...decisions };
  const grouped = Object.keys(decisions)
    .filter((k) => k.includes('+') || !items.some((i) => i.key === k))
    .map((k) => ({ key: k, parts: keyParts(k) }))
    .filter((g) => g.parts.size > 0);
  if (!grouped.length) return out;
  for (const item of items) {
    if (out[item.key]) continue;
    const mine = [...keyParts(item.key)];
    const old = grouped.find((g) => mine.every((p) => g.parts.has(p)));
    if (old) out[item.key] = decisions[old.key];
  }
  return out;
}

/** "0-9|ana=0-5:GPE+3-9:ORG|ben=3-9:ORG" → {ana=0-5:GPE, ana=3-9:ORG, ben=3-9:ORG}; empty for a frame key. */
export function keyParts(key: string): Set<string> {
  const out = new Set<string>();
  if (key.startsWith('frame:')) return out;
  for (const part of key.split('|').slice(1)) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    for (const m of part.slice(eq + 1).split('+')) out.add(`${part.slice(0, eq)}=${m}`);
  }
  return out;
}

function kindOf(names: readonly string[], by: Record<string, Mention[]>): ItemKind {
  if (names.some((a) => !by[a]?.length)) return 'single';
  const all = names.flatMap((a) => by[a]);
  const sameSpans = names.every((a) => by[a].length === by[names[0]].length) && all.every((m) => m.start === all[0].start && m.end === all[0].end);
  if (!sameSpans) return 'overlap';
  return all.every((m) => m.label === all[0].label) ? 'agree' : 'label';
}

function itemKey(start: number, end: number, by: Record<string, Mention[]>): string {
  const parts = Object.keys(by)
    .sort()
    .map((a) => `${a}=${by[a].map((m) => `${m.start}-${m.end}:${m.label}`).join('+')}`);
  return `${start}-${end}|${parts.join('|')}`;
}

/** The mentions a decision puts in the gold layer: one annotator's, or the union of distinct ones ("accept both"). */
export function acceptedMentions(item: ReviewItem, annotators: readonly string[]): Mention[] {
  const out: Mention[] = [];
  for (const a of annotators) {
    for (const m of item.byAnnotator[a] ?? []) {
      if (!out.some((x) => x.start === m.start && x.end === m.end && x.label === m.label)) out.push(m);
    }
  }
  return out;
}

/*
 * Frames as review items. The annotators' frames are grouped as frame
 * agreement groups them (same type, overlapping evidence, the frame whose
 * fillers resolve to the same things preferred: see agreement/frames.ts);
 * each group is one item that says, field by field, where the frames differ.
 */

export type FrameItemKind =
  /** Every annotator has the frame and every field agrees. */
  | 'agree'
  /** Every annotator has the frame; some field differs. */
  | 'differs'
  /** Only some annotators have the frame. */
  | 'single';

export const FRAME_ITEM_KIND_NAMES: Record<FrameItemKind, string> = {
  agree: 'same frame',
  differs: 'frames differ',
  single: 'only some annotators',
};

/** One field of a frame: its evidence, a role's fillers or an attribute's value. Its id is `evidence`, `role:<name>` or `attr:<name>`. */
export interface FrameField {
  id: string;
  kind: 'evidence' | 'role' | 'attribute';
  /** The role or attribute name; "Evidence" for the evidence. */
  name: string;
  /** Whether every annotator with a frame here gives this field the same value (fillers compared as resolved). */
  same: boolean;
}

export interface FrameReviewItem {
  /** Changes when any of the frames changes, so a decision on older frames no longer counts. */
  key: string;
  /** The id the decided gold frame takes: the same while the annotators' frames keep their ids. */
  goldId: string;
  type: string;
  /** The union of the frames' evidence. */
  start: number;
  end: number;
  kind: FrameItemKind;
  /** Each annotator's frame in this item (at most one each). */
  byAnnotator: Record<string, Frame>;
  fields: FrameField[];
}

export interface ReviewLayerInput {
  annotator: string;
  mentions: readonly Mention[];
  frames: readonly Frame[];
}

/** Groups the annotators' frames into review items, in text order. `order` gives roles and attributes in the schema's order. */
export function frameReviewItems(layers: readonly ReviewLayerInput[], order?: ReadonlyMap<string, { roles: string[]; attributes: string[] }>): FrameReviewItem[] {
  const frameLayers = layers.map((l) => ({ frames: l.frames, mentions: l.mentions.filter((m) => !m.pending) }));
  const items: FrameReviewItem[] = [];
  for (const group of groupFrames(frameLayers)) {
    const members = group.flatMap((i, l) => (i === null ? [] : [{ l, frame: layers[l].frames[i] }]));
    const byAnnotator: Record<string, Frame> = {};
    for (const { l, frame } of members) byAnnotator[layers[l].annotator] = frame;
    const type = members[0].frame.type;
    const fields = frameFields(members.map(({ l, frame }) => ({ frame, layer: frameLayers[l] })), order?.get(type));
    const kind: FrameItemKind = members.length < layers.length ? 'single' : fields.every((f) => f.same) ? 'agree' : 'differs';
    const start = Math.min(...members.map((m) => m.frame.evidence.start));
    const end = Math.max(...members.map((m) => m.frame.evidence.end));
    const ids = members.map(({ l, frame }) => `${layers[l].annotator}=${frame.id}`).join('|');
    const content = members.map(({ l, frame }) => `${layers[l].annotator}=${frameSignature(frame, frameLayers[l])}`).join('|');
    items.push({ key: `frame:${type}:${start}-${end}:${hash(ids + '#' + content)}`, goldId: `gf_${hash(ids)}`, type, start, end, kind, byAnnotator, fields });
  }
  return items.sort((a, b) => a.start - b.start || a.end - b.end || (a.key < b.key ? -1 : 1));
}

function frameFields(members: ReadonlyArray<{ frame: Frame; layer: FrameLayer }>, order?: { roles: string[]; attributes: string[] }): FrameField[] {
  const roles = ordered(members.flatMap((m) => Object.keys(m.frame.roles)), order?.roles);
  const attributes = ordered(members.flatMap((m) => Object.keys(m.frame.attrs)), order?.attributes);
  const [first, ...rest] = members;
  const fields: FrameField[] = [
    { id: 'evidence', kind: 'evidence', name: 'Evidence', same: rest.every((m) => m.frame.evidence.start === first.frame.evidence.start && m.frame.evidence.end === first.frame.evidence.end) },
  ];
  for (const role of roles) {
    const x = roleFillers(first.frame, role, first.layer);
    const same = rest.every((m) => {
      const y = roleFillers(m.frame, role, m.layer);
      return x.length === y.length && commonFillers(x, y) === x.length;
    });
    fields.push({ id: `role:${role}`, kind: 'role', name: role, same });
  }
  for (const name of attributes) {
    fields.push({ id: `attr:${name}`, kind: 'attribute', name, same: rest.every((m) => (m.frame.attrs[name] ?? null) === (first.frame.attrs[name] ?? null)) });
  }
  return fields;
}

/** The names in use, those the schema knows in its order first, then the rest sorted. */
function ordered(names: readonly string[], schemaOrder: readonly string[] = []): string[] {
  const used = new Set(names);
  return [...schemaOrder.filter((n) => used.has(n)), ...[...used].filter((n) => !schemaOrder.includes(n)).sort()];
}

/** What a frame says, with fillers resolved, for the item key. */
function frameSignature(frame: Frame, layer: FrameLayer): string {
  const roles = Object.keys(frame.roles)
    .sort()
    .map((r) => `${r}=${roleFillers(frame, r, layer).map((f) => f.exact).sort().join(',')}`);
  const attrs = Object.keys(frame.attrs)
    .sort()
    .map((a) => `${a}=${frame.attrs[a]}`);
  return `${frame.evidence.start}-${frame.evidence.end};${roles.join(';')};${attrs.join(';')}`;
}

/** A short stable hash (FNV-1a, 32 bits, base 36) for keys and ids. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
