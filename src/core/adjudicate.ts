/**
 * Adjudication: turning a reviewer's decision on a review item into one
 * undoable change of the gold layer. Pure, so the review view, the API and
 * `parley adjudicate` build exactly the same changes.
 *
 * Rules that keep gold consistent:
 * - A mention is in gold once per span and label: a decision that wants a
 *   mention gold already has reuses it (adding the entity link if gold's has
 *   none), never adds a second one.
 * - Accepting a frame brings the mentions its roles point at into gold, linked
 *   to the same entities; those mentions are marked as brought by a frame and
 *   leave gold again when no gold frame refers to them any more.
 * - A mention a gold frame refers to is never removed by a mention decision.
 * - The gold frame of a frame item has the item's `goldId` (with `~2`, `~3`
 *   for "accept all"), so deciding again replaces it.
 */
import { ParleyError } from './errors';
import { newId } from './ids';
import type { Change, Frame, Mention, RoleFiller } from './model';
import { acceptedMentions, frameReviewItems, resolveDecisions, type FrameReviewItem, type ReviewItem } from './review';

/** What gold holds now. */
export interface GoldState {
  mentions: readonly Mention[];
  frames: readonly Frame[];
  decisions: Readonly<Record<string, string>>;
  /** Who decides, and when: the gold records a decision writes carry them as author and time (else the analysts' own). */
  decider?: { by: string; at: string };
}

/** The analysts' layers being compared, by annotator: frames' mention fillers are looked up here. */
export type SourceLayers = ReadonlyMap<string, { mentions: readonly Mention[] }>;

export type MentionDecision =
  | { kind: 'accept'; annotators: string[] }
  | { kind: 'reject' }
  /** Accept the item's first version with another label. */
  | { kind: 'relabel'; label: string };

export type FrameDecision =
  /** One annotator's frame as it is. */
  | { kind: 'accept'; annotator: string }
  /** Every annotator's frame, each once (identical ones once). */
  | { kind: 'all' }
  | { kind: 'reject' }
  /** One field of the gold frame: from an annotator's frame, or (attributes only) a value of the reviewer's own; null clears it. */
  | { kind: 'field'; field: string; from?: string; value?: string | null };

/** The `attrs.adjudicated` of a mention that is in gold only because a gold frame refers to it. */
export const BROUGHT_BY_FRAME = 'frame';

/** Collects the changes of one decision against a working copy of gold. */
class GoldBatch {
  readonly changes: Change[] = [];
  private readonly mentions: Mention[];
  private readonly frames: Frame[];

  private readonly decider: GoldState['decider'];

  constructor(gold: GoldState) {
    this.mentions = gold.mentions.slice();
    this.frames = gold.frames.slice();
    this.decider = gold.decider;
  }

  /** A record as gold keeps it: from which analysts, decided by whom and when. */
  stamp<T extends Mention | Frame>(record: T, from: readonly string[]): T {
    return { ...record, from: [...new Set(from)], author: this.decider?.by ?? record.author, createdAt: this.decider?.at ?? record.createdAt };
  }

  /** The frame with its record of attributes set by hand updated: `field` set by the decider now, or (taken from an analyst) no longer by hand. */
  handEdited(frame: Frame, field: string, byHand: boolean): Frame {
    const { handEdits: before = [], ...rest } = frame;
    const kept = before.filter((e) => e.field !== field);
    const edits = byHand ? [...kept, { field, by: this.decider?.by ?? frame.author, at: this.decider?.at ?? frame.createdAt }] : kept;
    return edits.length ? { ...rest, handEdits: edits } : rest;
  }

  addMention(m: Mention): void {
    this.mentions.push(m);
    this.changes.push({ op: 'addMention', mention: m });
  }

  removeMention(m: Mention): void {
    this.mentions.splice(this.mentions.indexOf(m), 1);
    this.changes.push({ op: 'removeMention', mention: m });
  }

  updateMention(before: Mention, after: Mention): void {
    this.mentions[this.mentions.indexOf(before)] = after;
    this.changes.push({ op: 'updateMention', before, after });
  }

  addFrame(f: Frame): void {
    this.frames.push(f);
    this.changes.push({ op: 'addFrame', frame: f });
  }

  removeFrame(f: Frame): void {
    this.frames.splice(this.frames.indexOf(f), 1);
    this.changes.push({ op: 'removeFrame', frame: f });
  }

  goldMentions(): readonly Mention[] {
    return this.mentions;
  }

  goldFrames(): readonly Frame[] {
    return this.frames;
  }

  /** Whether any gold frame refers to the mention. */
  referenced(id: string): boolean {
    return this.frames.some((f) => Object.values(f.roles).some((fillers) => fillers.some((x) => x.kind === 'mention' && x.mentionId === id)));
  }

  /**
   * The gold mention for an analyst's mention: the one gold has at the same
   * span and label, linked to the entity if it was not; else a new copy.
   */
  ensureMention(src: Mention, adjudicated: string, annotator: string): string {
    const found = this.mentions.find((m) => m.start === src.start && m.end === src.end && m.label === src.label);
    if (found) {
      if (found.entityId === undefined && src.entityId !== undefined) this.updateMention(found, { ...found, entityId: src.entityId });
      return found.id;
    }
    const copy: Mention = this.stamp({ ...src, id: newId('m'), origin: 'imported', attrs: { ...(src.attrs ?? {}), adjudicated } }, [annotator]);
    this.addMention(copy);
    return copy.id;
  }

  /** Removes mentions brought in by frames that no gold frame refers to any more. */
  pruneFrameMentions(): void {
    for (const m of this.mentions.slice()) if (m.attrs?.adjudicated === BROUGHT_BY_FRAME && !this.referenced(m.id)) this.removeMention(m);
  }

  decide(key: string, before: string | undefined, after: string | null): void {
    this.changes.push({ op: 'setDecision', key, before: before ?? null, after });
  }
}

function batch(title: string, changes: Change[]): Change {
  return { op: 'batch', title, changes };
}

function clip(s: string): string {
  return s.length > 30 ? s.slice(0, 29) + '…' : s;
}

/** The decision's name as recorded in gold's decisions. */
export function mentionDecisionName(d: MentionDecision, annotators: readonly string[]): string {
  switch (d.kind) {
    case 'accept':
      return d.annotators.length === 1 ? `accept:${d.annotators[0]}` : d.annotators.length === annotators.length ? 'accept:all' : `accept:${d.annotators.join('+')}`;
    case 'reject':
      return 'reject';
    case 'relabel':
      return `edit:${d.label}`;
  }
}

/** The analysts of an item who have a mention at `w`'s span with its label. */
function sourcesOf(item: ReviewItem, w: Mention): string[] {
  return Object.keys(item.byAnnotator).filter((a) => item.byAnnotator[a].some((m) => m.start === w.start && m.end === w.end && m.label === w.label));
}

function applyMentionDecision(b: GoldBatch, gold: GoldState, item: ReviewItem, wanted: readonly Mention[], name: string, relabelledFrom?: string[]): void {
  const fromOf = (w: Mention) => relabelledFrom ?? sourcesOf(item, w);
  const left = wanted.slice();
  // The gold mentions this item decides: those at one of its mentions' spans (a nested or overlapping mention is another item's).
  const spans = new Set(Object.values(item.byAnnotator).flatMap((ms) => ms.map((x) => `${x.start}-${x.end}`)));
  for (const m of b.goldMentions().filter((g) => spans.has(`${g.start}-${g.end}`))) {
    const same = left.findIndex((w) => w.start === m.start && w.end === m.end && w.label === m.label);
    if (same >= 0) {
      const w = left.splice(same, 1)[0];
      b.updateMention(m, b.stamp({ ...m, entityId: m.entityId ?? w.entityId, attrs: { ...(m.attrs ?? {}), adjudicated: name } }, fromOf(w)));
    } else if (!b.referenced(m.id)) b.removeMention(m);
  }
  for (const w of left) b.addMention(b.stamp({ ...w, id: newId('m'), origin: 'imported', attrs: { ...(w.attrs ?? {}), adjudicated: name } }, fromOf(w)));
  b.decide(item.key, gold.decisions[item.key], name);
}

/** The change that records a decision on a mention item. */
export function decideMentionItem(gold: GoldState, item: ReviewItem, decision: MentionDecision, annotators: readonly string[]): Change {
  const name = mentionDecisionName(decision, annotators);
  const wanted =
    decision.kind === 'accept'
      ? acceptedMentions(item, decision.annotators)
      : decision.kind === 'relabel'
        ? acceptedMentions(item, annotators).slice(0, 1).map((m) => ({ ...m, label: decision.label }))
        : [];
  const b = new GoldBatch(gold);
  // A relabelled mention comes from the analysts who marked that span, under the reviewer's label.
  const relabelledFrom = decision.kind === 'relabel' && wanted[0] ? Object.keys(item.byAnnotator).filter((a) => item.byAnnotator[a].some((m) => m.start === wanted[0].start && m.end === wanted[0].end)) : undefined;
  applyMentionDecision(b, gold, item, wanted, name, relabelledFrom);
  const first = Object.values(item.byAnnotator)[0]?.[0];
  return batch(`${name} “${clip(first?.quote ?? '')}”`, b.changes);
}

/** The gold frames an item's decision wrote. */
function goldFramesOf(frames: readonly Frame[], item: FrameReviewItem): Frame[] {
  return frames.filter((f) => f.id === item.goldId || f.id.startsWith(`${item.goldId}~`));
}

/** An analyst's frame as a gold frame: its mention fillers replaced by gold mentions (brought in when gold lacks them). */
function toGold(b: GoldBatch, frame: Frame, sources: SourceLayers, annotator: string, id: string, from: readonly string[] = [annotator]): Frame {
  const roles: Record<string, RoleFiller[]> = {};
  for (const [role, fillers] of Object.entries(frame.roles)) roles[role] = fillers.flatMap((f) => goldFiller(b, f, sources, annotator));
  // Accepted as it is: nothing of it was set by hand (an analyst's layer made from a gold export may carry such a record).
  const { handEdits: _byHand, ...taken } = frame;
  return b.stamp({ ...taken, id, roles, attrs: { ...frame.attrs }, origin: 'imported' }, from);
}

function goldFiller(b: GoldBatch, f: RoleFiller, sources: SourceLayers, annotator: string): RoleFiller[] {
  if (f.kind !== 'mention') return [f];
  const src = (sources.get(annotator)?.mentions ?? []).find((m) => m.id === f.mentionId);
  // A filler pointing at a mention its annotator no longer has cannot be brought over.
  return src ? [{ kind: 'mention', mentionId: b.ensureMention(src, BROUGHT_BY_FRAME, annotator) }] : [];
}

/** The fields of two frames agree (used to keep identical frames once under "accept all"). */
function sameFrame(item: FrameReviewItem, a: string, b: string, sources: SourceLayers): boolean {
  const pair = frameReviewItems([
    { annotator: a, mentions: sources.get(a)?.mentions ?? [], frames: [item.byAnnotator[a]] },
    { annotator: b, mentions: sources.get(b)?.mentions ?? [], frames: [item.byAnnotator[b]] },
  ]);
  return pair.length === 1 && pair[0].kind === 'agree';
}

/** The change that records a decision on a frame item. */
export function decideFrameItem(gold: GoldState, item: FrameReviewItem, decision: FrameDecision, sources: SourceLayers): Change {
  const b = new GoldBatch(gold);
  const current = goldFramesOf(b.goldFrames(), item);
  const before = gold.decisions[item.key];
  const present = Object.keys(item.byAnnotator);
  let name: string;

  if (decision.kind === 'field') {
    name = fieldDecision(b, item, decision, sources, current[0], before);
  } else {
    for (const f of current) b.removeFrame(f);
    if (decision.kind === 'accept') {
      const frame = item.byAnnotator[decision.annotator];
      if (!frame) throw new ParleyError('invalid_argument', `${decision.annotator} has no ${item.type} here`);
      b.addFrame(toGold(b, frame, sources, decision.annotator, item.goldId));
      name = `accept:${decision.annotator}`;
    } else if (decision.kind === 'all') {
      const kept: string[] = [];
      for (const a of present) if (!kept.some((k) => sameFrame(item, k, a, sources))) kept.push(a);
      kept.forEach((a, i) => b.addFrame(toGold(b, item.byAnnotator[a], sources, a, i === 0 ? item.goldId : `${item.goldId}~${i + 1}`)));
      name = 'accept:all';
    } else name = 'reject';
  }
  b.pruneFrameMentions();
  b.decide(item.key, before, name);
  return batch(`${name} ${item.type} “${clip(item.byAnnotator[present[0]].evidence.quote)}”`, b.changes);
}

/** Sets one field of the item's gold frame, starting from the first annotator's frame when there is none yet. */
function fieldDecision(b: GoldBatch, item: FrameReviewItem, d: Extract<FrameDecision, { kind: 'field' }>, sources: SourceLayers, existing: Frame | undefined, before: string | undefined): string {
  const field = item.fields.find((f) => f.id === d.field);
  if (!field) throw new ParleyError('invalid_argument', `no field ${d.field} on this ${item.type}`);
  const present = Object.keys(item.byAnnotator);
  let base = existing;
  let prefix = before && existing ? before : undefined;
  if (!base) {
    const first = d.from && item.byAnnotator[d.from] ? d.from : present[0];
    base = toGold(b, item.byAnnotator[first], sources, first, item.goldId);
    b.addFrame(base);
    prefix = `accept:${first}`;
  }
  const next: Frame = { ...base, roles: { ...base.roles }, attrs: { ...base.attrs } };
  const from = d.from !== undefined ? item.byAnnotator[d.from] : undefined;
  if (d.from !== undefined && !from) throw new ParleyError('invalid_argument', `${d.from} has no ${item.type} here`);
  let what: string;
  if (field.kind === 'evidence') {
    if (!from) throw new ParleyError('invalid_argument', 'the evidence is taken from an annotator’s frame');
    next.evidence = { ...from.evidence };
    what = d.from!;
  } else if (field.kind === 'role') {
    if (!from) throw new ParleyError('invalid_argument', 'a role’s fillers are taken from an annotator’s frame');
    const fillers = (from.roles[field.name] ?? []).flatMap((f) => goldFiller(b, f, sources, d.from!));
    if (fillers.length) next.roles[field.name] = fillers;
    else delete next.roles[field.name];
    what = d.from!;
  } else {
    const value = from ? (from.attrs[field.name] ?? null) : (d.value ?? null);
    if (value === null) delete next.attrs[field.name];
    else next.attrs[field.name] = value;
    what = from ? d.from! : `=${value ?? '(unset)'}`;
  }
  b.removeFrame(b.goldFrames().find((f) => f.id === base.id)!);
  // Built field by field: from every analyst a field was taken from; a value of the reviewer's own is edited by hand, and gold says so for that attribute.
  const stamped = from ? b.stamp(next, [...(base.from ?? []), d.from!]) : b.stamp(next, base.from ?? []);
  b.addFrame(field.kind === 'attribute' ? b.handEdited(stamped, field.name, !from) : stamped);
  return `${prefix ?? 'build'};${d.field}=${what}`;
}

/** Items that agree on span and label and differ only in an entity link or a note. */
export function linkOnly(item: ReviewItem): boolean {
  return item.kind === 'link' && (item.differsIn ?? []).every((d) => d === 'entity' || d === 'note');
}

/**
 * The one mention a link-only item puts in gold: the entity the analysts
 * gave (null when they gave different ones, which a reviewer decides), and
 * their notes, each once.
 */
function mergedLinkMention(item: ReviewItem, annotators: readonly string[]): Mention | null {
  const ms = annotators.flatMap((a) => item.byAnnotator[a] ?? []);
  const entities = [...new Set(ms.map((m) => m.entityId).filter((e): e is string => e !== undefined))];
  if (entities.length > 1) return null;
  const notes = [...new Set(ms.map((m) => m.note?.trim()).filter((n): n is string => !!n))];
  const { entityId: _e, note: _n, ...rest } = ms[0];
  return { ...rest, ...(entities.length ? { entityId: entities[0] } : {}), ...(notes.length ? { note: notes.join('\n') } : {}) };
}

export interface AcceptAgreedOptions {
  /** Also accept the items that agree on span and label and differ only in an entity link or a note (one entity given, notes kept). */
  linkDifferences?: boolean;
}

export interface AcceptAgreedResult {
  change: Change;
  mentions: number;
  frames: number;
}

/**
 * "Accept everything all agree on": every undecided item where all
 * annotators agree in every field, mentions first (so frames reuse them), as
 * one change; null when there is nothing to accept. The items that agree on
 * span and label and differ only in a link or note are accepted too with
 * `linkDifferences`, when the analysts gave at most one entity.
 */
export function acceptAgreed(
  gold: GoldState,
  mentionItems: readonly ReviewItem[],
  frameItems: readonly FrameReviewItem[],
  annotators: readonly string[],
  sources: SourceLayers,
  options: AcceptAgreedOptions = {},
): AcceptAgreedResult | null {
  const b = new GoldBatch(gold);
  const decided = resolveDecisions(gold.decisions, mentionItems);
  let mentions = 0;
  let frames = 0;
  for (const item of mentionItems) {
    if (decided[item.key]) continue;
    if (item.kind === 'agree') {
      applyMentionDecision(b, gold, item, acceptedMentions(item, annotators.slice(0, 1)), 'agreed');
      mentions++;
    } else if (linkOnly(item)) {
      const merged = options.linkDifferences ? mergedLinkMention(item, annotators) : null;
      if (merged) {
        applyMentionDecision(b, gold, item, [merged], 'agreed:link');
        mentions++;
      }
    }
  }
  for (const item of frameItems) {
    if (item.kind !== 'agree' || gold.decisions[item.key]) continue;
    for (const f of goldFramesOf(b.goldFrames(), item)) b.removeFrame(f);
    const first = Object.keys(item.byAnnotator)[0];
    b.addFrame(toGold(b, item.byAnnotator[first], sources, first, item.goldId, Object.keys(item.byAnnotator)));
    b.decide(item.key, undefined, 'agreed');
    frames++;
  }
  if (mentions + frames === 0) return null;
  const parts = [mentions ? `${mentions} mention${mentions === 1 ? '' : 's'}` : '', frames ? `${frames} frame${frames === 1 ? '' : 's'}` : ''].filter(Boolean);
  return { change: batch(`accept ${parts.join(' and ')} all agree on`, b.changes), mentions, frames };
}

/** The undecided items agreeing on span and label and differing only in a link or note that `acceptAgreed` (with these options) leaves. */
export function linkOnlyLeft(gold: GoldState, mentionItems: readonly ReviewItem[], annotators: readonly string[], options: AcceptAgreedOptions = {}): number {
  const decided = resolveDecisions(gold.decisions, mentionItems);
  return mentionItems.filter((i) => !decided[i.key] && linkOnly(i) && !(options.linkDifferences && mergedLinkMention(i, annotators))).length;
}
