/** Per-user settings in the app-data folder: the analyst's name and what was open last. */
import { copyFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { AppearanceSchema, type Appearance } from '../../core/api/settings';
import type { Problem } from '../../core/api/workspace';
import { AnnotatorNameSchema } from '../../core/model';
import { appDataDir } from '../paths';
import { Low } from 'lowdb';
import { saveError } from '../store/durable';
import { DurableAdapter } from '../store/lowdbAdapter';

const SettingsSchema = z.object({
  annotator: AnnotatorNameSchema.optional(),
  lastWorkspace: z.string().optional(),
  /** Last opened document per workspace folder. */
  lastDocuments: z.record(z.string(), z.string()).default({}),
  appearance: AppearanceSchema.optional(),
});
export type Settings = z.infer<typeof SettingsSchema>;

function defaultAnnotator(): string {
  try {
    const name = userInfo().username.replace(/[^A-Za-z0-9._-]/g, '');
    if (AnnotatorNameSchema.safeParse(name).success) return name;
  } catch {
    // no user name on this system
  }
  return 'analyst';
}

export class SettingsStore {
  private constructor(
    private readonly db: Low<Settings>,
    /** Why the settings file could not be used, when it could not; defaults are used meanwhile. */
    readonly problem: Problem | null,
  ) {}

  private get path(): string {
    return (this.db.adapter as DurableAdapter<Settings>).path;
  }

  private get data(): Settings {
    return this.db.data;
  }

  static async load(dir = appDataDir()): Promise<SettingsStore> {
    const adapter = new DurableAdapter<Settings>(join(dir, 'settings.json'), 2);
    const path = adapter.path;
    let raw: Settings | null;
    let why: string;
    try {
      raw = await adapter.read();
      // first start
      if (raw === null) return new SettingsStore(new Low(adapter, { lastDocuments: {} }), null);
      const parsed = SettingsSchema.safeParse(raw);
      if (parsed.success) return new SettingsStore(new Low(adapter, parsed.data), null);
      const issue = parsed.error.issues[0];
      why = `not valid settings${issue.path.length ? ` at ${issue.path.join('.')}` : ''}: ${issue.message}`;
    } catch (e) {
      // An unreadable file is a first start; one that is not JSON is reported.
      if (!(e instanceof SyntaxError)) return new SettingsStore(new Low(adapter, { lastDocuments: {} }), null);
      why = `not valid JSON (${e.message})`;
    }
    // Damaged settings never stop Parley: defaults are used, and the file is kept (copied aside before a new one is saved).
    return new SettingsStore(new Low(adapter, { lastDocuments: {} }), { file: path, message: `${why}; default settings are used and the file was left as it is` });
  }

  private keptAside = false;

  get annotator(): string {
    return this.data.annotator ?? defaultAnnotator();
  }
  get lastWorkspace(): string | undefined {
    return this.data.lastWorkspace;
  }
  get appearance(): Appearance {
    return this.data.appearance ?? AppearanceSchema.parse({});
  }
  lastDocument(workspace: string): string | null {
    return this.data.lastDocuments[workspace] ?? null;
  }

  async update(patch: (s: Settings) => void): Promise<void> {
    const before = JSON.stringify(this.data);
    patch(this.data);
    try {
      if (this.problem && !this.keptAside) {
        await copyFile(this.path, `${this.path}.damaged`).catch(() => undefined);
        this.keptAside = true;
      }
      await this.db.write();
    } catch (e) {
      // Not saved: the settings in use stay the ones on disk.
      this.db.data = JSON.parse(before) as Settings;
      throw saveError(e, this.path);
    }
  }
}
