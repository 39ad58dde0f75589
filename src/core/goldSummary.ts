/**
 * What gold holds for a review item, in words a reviewer reads: read from the
 * gold records themselves (not from the recorded decision's name), so it
 * always says what gold and its exports hold. "PERSON “Sergei Lavrov”, as ana
 * and ben"; for a frame, field by field: "Party as ben; Polarity favor, set by
 * hand by lea" (an attribute gold records as set by hand is said so, whoever
 * else has that value).
 */
import type { Frame, Mention } from './model';
import { frameReviewItems, type FrameReviewItem, type ReviewItem } from './review';

const GOLD_NAME = '\u0000gold';

function names(list: readonly string[]): string {
  if (list.length <= 1) return list.join('');
  return `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}

const deciders = (records: readonly (Mention | Frame)[]) => [...new Set(records.map((r) => r.author).filter(Boolean))];

/** The gold mentions a mention item decides: those at one of its mentions' spans (a nested one is another item's). */
export function goldMentionsOfItem(item: ReviewItem, gold: readonly Mention[]): Mention[] {
  const spans = new Set(Object.values(item.byAnnotator).flatMap((ms) => ms.map((m) => `${m.start}-${m.end}`)));
  return gold.filter((g) => !g.pending && spans.has(`${g.start}-${g.end}`));
}

/** Lines saying what gold holds for a mention item; empty when gold has nothing there and nothing was decided. */
export function mentionGoldSummary(item: ReviewItem, gold: readonly Mention[], decided: boolean): string[] {
  const here = goldMentionsOfItem(item, gold);
  if (!here.length) return decided ? ['Rejected: gold has nothing here.'] : [];
  const lines = here.map((g) => {
    const same = Object.keys(item.byAnnotator).filter((a) => item.byAnnotator[a].some((m) => m.start === g.start && m.end === g.end && m.label === g.label));
    const linked = same.filter((a) => item.byAnnotator[a].some((m) => m.start === g.start && m.end === g.end && m.label === g.label && (m.entityId ?? '') === (g.entityId ?? '')));
    const source = !same.length ? 'edited by hand' : linked.length === same.length ? `as ${names(same)}` : linked.length ? `as ${names(same)}, linked as ${names(linked)}` : `as ${names(same)}, linked otherwise`;
    return `${g.label} “${g.quote}”, ${source}.`;
  });
  const by = deciders(here);
  return by.length ? [...lines, `Decided by ${names(by)}.`] : lines;
}

/** Lines saying what gold holds for a frame item, field by field: which analysts' value gold has, or a value set by hand. */
export function frameGoldSummary(item: FrameReviewItem, goldFrames: readonly Frame[], goldMentions: readonly Mention[], sources: ReadonlyMap<string, readonly Mention[]>, decided: boolean): string[] {
  if (!goldFrames.length) return decided ? [`Rejected: gold has no ${item.type} here.`] : [];
  const lines = goldFrames.map((g) => {
    const sameFields = new Map<string, string[]>();
    for (const [a, f] of Object.entries(item.byAnnotator)) {
      const pair = frameReviewItems([
        { annotator: a, mentions: sources.get(a) ?? [], frames: [f] },
        { annotator: GOLD_NAME, mentions: goldMentions, frames: [g] },
      ]);
      // Frames that no longer overlap share nothing.
      if (pair.length !== 1) continue;
      for (const field of pair[0].fields) if (field.same) sameFields.set(field.id, [...(sameFields.get(field.id) ?? []), a]);
    }
    // An attribute gold records as set by hand is the adjudicator's, even where an analyst happens to have the same value.
    const byHand = new Map<string, string>((g.handEdits ?? []).map((e) => [`attr:${e.field}`, e.by]));
    for (const id of byHand.keys()) sameFields.delete(id);
    const all = Object.keys(item.byAnnotator);
    const whole = item.fields.every((f) => (sameFields.get(f.id) ?? []).length > 0);
    const fromAll = all.filter((a) => item.fields.every((f) => (sameFields.get(f.id) ?? []).includes(a)));
    if (whole && fromAll.length) return `${g.type} as ${names(fromAll)}.`;
    const fields = item.fields.map((f) => {
      const who = sameFields.get(f.id) ?? [];
      if (who.length) return `${f.name} as ${names(who)}`;
      const hand = byHand.get(f.id);
      if (hand !== undefined) return `${f.name} ${g.attrs[f.name] ?? 'left empty'}, set by hand by ${hand}`;
      if (f.kind === 'attribute') return g.attrs[f.name] ? `${f.name} ${g.attrs[f.name]}, set by hand` : `${f.name} left empty`;
      return f.kind === 'role' && !(g.roles[f.name] ?? []).length ? `${f.name} left empty` : `${f.name} edited by hand`;
    });
    return `${g.type}: ${fields.join('; ')}.`;
  });
  const by = deciders(goldFrames);
  return by.length ? [...lines, `Decided by ${names(by)}.`] : lines;
}
