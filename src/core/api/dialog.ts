/** The `dialog.*` methods: the native file pickers, where there are any. */
import { z } from 'zod';
import { method } from './method';

export const PickArgsSchema = z
  .object({
    mode: z.enum(['files', 'folder', 'save']),
    title: z.string().max(200),
    /** For 'save': a suggested file name. */
    defaultName: z.string().max(200).optional(),
  })
  .strict();

export interface PickResult {
  /** False where there is no native dialog (the browser host): the UI asks for a path instead. */
  native: boolean;
  paths: string[];
}

export const dialogContract = {
  'dialog.pick': method<PickResult>()(PickArgsSchema),
} as const;
