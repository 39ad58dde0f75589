/** The `workspace.*` methods: which workspace is open, and opening or creating one. */
import { z } from 'zod';
import { AnnotatorNameSchema, type LabelSchema } from '../model';
import { method, none } from './method';

/** A file in the workspace that could not be read; it is left untouched. */
export interface Problem {
  file: string;
  message: string;
}

export interface WorkspaceInfo {
  path: string;
  name: string;
  /** Who writes in this window. */
  annotator: string;
  /** Where that name comes from: this clone's own analyst (set by init, share, join or a confirmed rename) or the user's settings. */
  annotatorFrom?: 'workspace' | 'settings';
  schema: LabelSchema;
  documentCount: number;
  problems: Problem[];
  /** The document open when this workspace was last used. */
  lastDocId: string | null;
}

export const workspaceContract = {
  'workspace.info': method<WorkspaceInfo>()(none),
  'workspace.pickFolder': method<{ native: boolean; path: string | null }>()(none),
  'workspace.open': method<WorkspaceInfo>()(
    // `scheme`: a shipped scheme's name for a workspace created here (Parley's default without).
    z.object({ path: z.string().min(1).max(4096), create: z.boolean(), scheme: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(60).optional() }).strict(),
  ),
  /** Changes who analyses in this copy of the workspace; refused unless `confirm` is true, since edits then go to another layer. */
  'workspace.setAnnotator': method<WorkspaceInfo>()(z.object({ annotator: AnnotatorNameSchema, confirm: z.boolean().optional() }).strict()),
} as const;
