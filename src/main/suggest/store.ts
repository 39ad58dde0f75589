/**
 * .parley/suggestions.json: the recommender's settings for this workspace
 * and the spans each analyst rejected, so a rejected suggestion is not
 * proposed again. It lives in .parley/ because it is this machine's working
 * state: never shared, never exported.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { FORMAT_VERSION } from '../../core/model';
import { DEFAULT_SUGGEST_SETTINGS, RejectedSpanSchema, SuggestSettingsSchema, type SuggestSettings } from '../../core/suggest/settings';
import { markRanges, type Range } from '../../core/suggest/boilerplate';
import { OutcomeSchema, type Outcome } from '../../core/suggest/measures';
import { spanKey, type RejectedSpan } from '../../core/suggest/types';
import { PRIVATE_DIR } from '../store/lock';
import { FileOwner } from '../store/owner';
import type { FileKind } from '../store/jsonFile';

const RangeSchema = z
  .object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })
  .strict()
  .refine((r) => r.end > r.start, 'a range ends after it starts');

const SuggestFileSchema = z.object({
  version: z.number().int(),
  settings: SuggestSettingsSchema,
  /** annotator → document id → rejected spans. */
  rejected: z.record(z.string(), z.record(z.string(), z.array(RejectedSpanSchema))),
  /** document id → lines an analyst marked as not article text: nothing is suggested from them. */
  boilerplate: z.record(z.string(), z.array(RangeSchema)).optional(),
  /** What analysts did with suggestions (see core/suggest/measures.ts); kept on this machine only. */
  outcomes: z.array(OutcomeSchema).optional(),
});
type SuggestFile = z.infer<typeof SuggestFileSchema>;

/** Outcomes kept: enough for every band and label, small enough to read at once. */
const MAX_OUTCOMES = 20_000;

const suggestKind: FileKind<SuggestFile> = { what: 'suggestion settings file', schema: SuggestFileSchema, migrations: {} };

export class SuggestStore {
  private readonly owner: FileOwner<SuggestFile>;

  constructor(root: string) {
    this.owner = new FileOwner(join(root, PRIVATE_DIR, 'suggestions.json'), suggestKind, () => ({ version: FORMAT_VERSION, settings: DEFAULT_SUGGEST_SETTINGS, rejected: {} }));
  }

  get path(): string {
    return this.owner.path;
  }

  async settings(): Promise<SuggestSettings> {
    return (await this.owner.read()).settings;
  }

  async saveSettings(settings: SuggestSettings): Promise<SuggestSettings> {
    await this.owner.update((d) => {
      d.settings = settings;
    });
    return settings;
  }

  async rejected(annotator: string, docId: string): Promise<RejectedSpan[]> {
    return (await this.owner.read()).rejected[annotator]?.[docId] ?? [];
  }

  /** Remembers spans as rejected; returns how many were new. */
  async reject(annotator: string, docId: string, spans: readonly RejectedSpan[]): Promise<number> {
    const known = new Set((await this.rejected(annotator, docId)).map(spanKey));
    const fresh = spans.filter((s) => !known.has(spanKey(s)) && known.add(spanKey(s)));
    if (fresh.length === 0) return 0;
    await this.owner.update((d) => {
      const list = ((d.rejected[annotator] ??= {})[docId] ??= []);
      const had = new Set(list.map(spanKey));
      for (const s of fresh) if (!had.has(spanKey(s))) list.push({ start: s.start, end: s.end, label: s.label });
    });
    return fresh.length;
  }

  /** Forgets rejections (stream mode's undo). */
  async unreject(annotator: string, docId: string, spans: readonly RejectedSpan[]): Promise<void> {
    const drop = new Set(spans.map(spanKey));
    if (!(await this.rejected(annotator, docId)).some((s) => drop.has(spanKey(s)))) return;
    await this.owner.update((d) => {
      d.rejected[annotator][docId] = d.rejected[annotator][docId].filter((s) => !drop.has(spanKey(s)));
    });
  }

  /** Lines of a document marked as not article text. */
  async boilerplate(docId: string): Promise<Range[]> {
    return (await this.owner.read()).boilerplate?.[docId] ?? [];
  }

  async markBoilerplate(docId: string, lines: readonly Range[], on: boolean): Promise<Range[]> {
    let next: Range[] = [];
    await this.owner.update((d) => {
      const all = (d.boilerplate ??= {});
      next = markRanges(all[docId] ?? [], lines, on);
      if (next.length > 0) all[docId] = next;
      else delete all[docId];
    });
    return next;
  }

  /** Records what was done with suggestions; the oldest are dropped past MAX_OUTCOMES. */
  async record(outcomes: readonly Outcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    await this.owner.update((d) => {
      const list = [...(d.outcomes ?? []), ...outcomes];
      d.outcomes = list.slice(Math.max(0, list.length - MAX_OUTCOMES));
    });
  }

  async outcomes(): Promise<Outcome[]> {
    return (await this.owner.read()).outcomes ?? [];
  }
}
