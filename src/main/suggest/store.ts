/**
 * .parley/suggestions.json: the recommender's settings for this workspace
 * and the spans each analyst rejected, so a rejected suggestion is not
 * proposed again. It lives in .parley/ because it is this machine's working
 * state: never shared, never exported.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Low } from 'lowdb';
import { z } from 'zod';
import { FORMAT_VERSION } from '../../core/model';
import { DEFAULT_SUGGEST_SETTINGS, RejectedSpanSchema, SuggestSettingsSchema, type SuggestSettings } from '../../core/suggest/settings';
import { spanKey, type RejectedSpan } from '../../core/suggest/types';
import { openFile, type FileKind } from '../store/repository';

const SuggestFileSchema = z.object({
  version: z.number().int(),
  settings: SuggestSettingsSchema,
  /** annotator → document id → rejected spans. */
  rejected: z.record(z.string(), z.record(z.string(), z.array(RejectedSpanSchema))),
});
type SuggestFile = z.infer<typeof SuggestFileSchema>;

const suggestKind: FileKind<SuggestFile> = { what: 'suggestion settings file', schema: SuggestFileSchema, migrations: {} };

export class SuggestStore {
  private db: Promise<Low<SuggestFile>> | null = null;

  constructor(private readonly root: string) {}

  get path(): string {
    return join(this.root, '.parley', 'suggestions.json');
  }

  private file(): Promise<Low<SuggestFile>> {
    this.db ??= openFile(this.path, this.path, suggestKind, () => ({ version: FORMAT_VERSION, settings: DEFAULT_SUGGEST_SETTINGS, rejected: {} }));
    this.db.catch(() => (this.db = null));
    return this.db;
  }

  private async save(db: Low<SuggestFile>): Promise<void> {
    await mkdir(join(this.root, '.parley'), { recursive: true });
    await db.write();
  }

  async settings(): Promise<SuggestSettings> {
    return (await this.file()).data.settings;
  }

  async saveSettings(settings: SuggestSettings): Promise<SuggestSettings> {
    const db = await this.file();
    db.data.settings = settings;
    await this.save(db);
    return settings;
  }

  async rejected(annotator: string, docId: string): Promise<RejectedSpan[]> {
    return (await this.file()).data.rejected[annotator]?.[docId] ?? [];
  }

  /** Remembers spans as rejected; returns how many were new. */
  async reject(annotator: string, docId: string, spans: readonly RejectedSpan[]): Promise<number> {
    const db = await this.file();
    const byDoc = (db.data.rejected[annotator] ??= {});
    const list = (byDoc[docId] ??= []);
    const known = new Set(list.map(spanKey));
    let added = 0;
    for (const s of spans) {
      if (known.has(spanKey(s))) continue;
      known.add(spanKey(s));
      list.push({ start: s.start, end: s.end, label: s.label });
      added++;
    }
    if (added > 0) await this.save(db);
    return added;
  }

  /** Forgets rejections (stream mode's undo). */
  async unreject(annotator: string, docId: string, spans: readonly RejectedSpan[]): Promise<void> {
    const db = await this.file();
    const list = db.data.rejected[annotator]?.[docId];
    if (!list) return;
    const drop = new Set(spans.map(spanKey));
    const next = list.filter((s) => !drop.has(spanKey(s)));
    if (next.length === list.length) return;
    db.data.rejected[annotator][docId] = next;
    await this.save(db);
  }
}
