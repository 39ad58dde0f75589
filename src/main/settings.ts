/** Per-user settings in the app-data folder: the analyst's name and what was open last. */
import { mkdir, readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { AppearanceSchema, type Appearance } from '../core/api';
import { AnnotatorNameSchema } from '../core/model';
import { appDataDir } from './paths';
import { writeFileDurable } from './store/durable';

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
    private readonly path: string,
    private data: Settings,
  ) {}

  static async load(dir = appDataDir()): Promise<SettingsStore> {
    const path = join(dir, 'settings.json');
    let data: Settings = { lastDocuments: {} };
    try {
      const parsed = SettingsSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
      // Unreadable settings fall back to defaults; the file is rewritten only when a setting changes.
      if (parsed.success) data = parsed.data;
    } catch {
      // first start
    }
    return new SettingsStore(path, data);
  }

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
    patch(this.data);
    await mkdir(join(this.path, '..'), { recursive: true });
    await writeFileDurable(this.path, JSON.stringify(this.data, null, 2));
  }
}
