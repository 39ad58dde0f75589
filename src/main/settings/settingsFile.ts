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
import { ParleyError } from '../../core/errors';
import { saveError } from '../store/durable';
import type { FileKind } from '../store/jsonFile';
import { DurableAdapter } from '../store/lowdbAdapter';

const SettingsSchema = z.object({
  annotator: AnnotatorNameSchema.optional(),
  lastWorkspace: z.string().optional(),
  /** Last opened document per workspace folder. */
  lastDocuments: z.record(z.string(), z.string()).default({}),
  appearance: AppearanceSchema.optional(),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** Carries no format version: a field it does not know is kept out, one it misses takes its default. */
const settingsKind: FileKind<Settings> = { what: 'settings file', schema: SettingsSchema };

/** Damaged settings never stop Parley: defaults are used, and the file is kept (copied aside before a new one is saved). */
const DAMAGED = { advice: '; default settings are used and the file was left as it is', indent: 2 };

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
    private readonly db: Low<Settings | null>,
    /** Why the settings file could not be used, when it could not; defaults are used meanwhile. */
    readonly problem: Problem | null,
  ) {}

  private get path(): string {
    return (this.db.adapter as DurableAdapter<Settings>).path;
  }

  private get data(): Settings {
    return this.db.data!;
  }

  static async load(dir = appDataDir()): Promise<SettingsStore> {
    // No file (a first start) leaves the defaults in place.
    const db = new Low<Settings | null>(new DurableAdapter(join(dir, 'settings.json'), settingsKind, DAMAGED), { lastDocuments: {} });
    try {
      await db.read();
      return new SettingsStore(db, null);
    } catch (e) {
      // An unreadable file is a first start too; a damaged one is reported.
      const damaged = e instanceof ParleyError && e.code === 'corrupt_file';
      return new SettingsStore(db, damaged ? { file: e.file ?? join(dir, 'settings.json'), message: e.message } : null);
    }
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
