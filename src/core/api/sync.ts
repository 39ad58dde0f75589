/** The `sync.*` methods, team sync: state, sync on demand, conflicts, labellers per document. */
import { z } from 'zod';
import { AnnotatorNameSchema, type DocumentStatus } from '../model';
import type { SyncConflict } from '../merge/files';
import { method, none } from './method';

export type { SyncConflict };

export interface ChangeSummary {
  /** New or changed document texts, by id. */
  documents: string[];
  layers: { annotator: string; docId: string; change: 'added' | 'changed' | 'removed' }[];
  entities: { added: string[]; changed: string[]; removed: string[] };
  /** One line per schema change, e.g. "label POLITICIAN added". */
  schema: string[];
  /** Conflicts recorded (positive) or resolved (negative) in the shared list. */
  conflicts: number;
  files: number;
}

export type SyncPhase = 'not_shared' | 'up_to_date' | 'to_send' | 'to_fetch' | 'conflicts' | 'offline' | 'syncing';

export interface SyncStatus {
  phase: SyncPhase;
  remote: string | null;
  /** Files changed here since the last sync. */
  changesToSend: number;
  changesToFetch: boolean;
  conflicts: number;
  /** While a sync runs: what it is doing. */
  step: string | null;
  lastSyncAt: string | null;
  /** Why the last sync failed (offline, refused), if it did. */
  lastError: string | null;
  /** Whether an access token is held for this remote (its value never leaves main). */
  hasToken: boolean;
}

export interface SyncOutcome {
  incoming: ChangeSummary;
  outgoing: ChangeSummary;
  /** One line each, in an analyst's words. */
  incomingText: string;
  outgoingText: string;
  conflicts: SyncConflict[];
  status: SyncStatus;
}

export interface Labeller {
  annotator: string;
  status: DocumentStatus;
  mentions: number;
}

/** Where a team shares its workspace: a folder path (a shared drive), a file:// URL, or an http(s) git host. */
const RemoteSchema = z
  .string()
  .trim()
  .min(1, 'give a folder path or an http(s) URL')
  .max(4096)
  .refine((u) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(u) || /^(https?|file):\/\//i.test(u), 'a shared workspace is a folder path, a file:// URL or an http(s) URL');

export interface ShareOutcome {
  /** One line, in an analyst's words: what went out (share) or came in (join). */
  summary: string;
  remote: string;
  status: SyncStatus;
}

export const syncContract = {
  /** Shares the open workspace to a new shared repository, through the running server: no restart, the window's token keeps working. */
  'sync.share': method<ShareOutcome>()(z.object({ remote: RemoteSchema, annotator: AnnotatorNameSchema.optional(), token: z.string().max(4096).optional() }).strict()),
  /** Copies a shared workspace into a new folder as `annotator`, and opens it in this window in place of the open one. */
  'sync.join': method<ShareOutcome>()(
    z.object({ remote: RemoteSchema, dir: z.string().trim().min(1, 'give a new folder for your copy').max(4096), annotator: AnnotatorNameSchema, token: z.string().max(4096).optional() }).strict(),
  ),
  'sync.status': method<SyncStatus>()(none),
  'sync.run': method<SyncOutcome>()(none),
  'sync.conflicts': method<SyncConflict[]>()(none),
  'sync.resolve': method<SyncConflict[]>()(z.object({ id: z.string().min(1).max(10_000), take: z.enum(['ours', 'theirs']) }).strict()),
  'sync.setToken': method<SyncStatus>()(z.object({ token: z.string().max(4096) }).strict()),
  /** Per document: every analyst with a layer on it, and their status. */
  'sync.labellers': method<Record<string, Labeller[]>>()(none),
} as const;
