/** The `settings.*` methods: the user's name as an analyst, the last document open, and how the workbench looks. */
import { z } from 'zod';
import { AnnotatorNameSchema, DocIdSchema } from '../model';
import { method, none } from './method';
import type { WorkspaceInfo } from './workspace';

export const AppearanceSchema = z
  .object({
    theme: z.enum(['system', 'light', 'dark']).default('system'),
    textSize: z.number().int().min(13).max(26).default(17),
    documentsWidth: z.number().int().min(160).max(640).default(290),
    sidebarWidth: z.number().int().min(240).max(720).default(330),
    documentsHidden: z.boolean().default(false),
    sidebarHidden: z.boolean().default(false),
  })
  .strict();

/** How the workbench looks for this user: theme, text size, side panels. Stored with the user's settings. */
export type Appearance = z.output<typeof AppearanceSchema>;

export const settingsContract = {
  'settings.setAnnotator': method<WorkspaceInfo>()(z.object({ annotator: AnnotatorNameSchema }).strict()),
  'settings.setLastDocument': method<null>()(z.object({ docId: DocIdSchema }).strict()),
  'settings.appearance': method<Appearance>()(none),
  'settings.setAppearance': method<Appearance>()(z.object({ appearance: AppearanceSchema }).strict()),
} as const;
