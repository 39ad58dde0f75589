/**
 * The `team.*` methods: how a team works in one shared workspace. Blind
 * double annotation keeps each analyst to their own layer (suggestions,
 * search filters, the Corpus view and the document list) until the lead
 * adjudicates; the lead, or anyone while it is off, sees every layer.
 */
import { z } from 'zod';
import { AnnotatorNameSchema } from '../model';
import { method, none } from './method';

/** `auto`: on once two or more analysts have layers in a shared workspace (one nobody shares is one reviewer's); `on` and `off` as the team chose. */
export const BlindModeSchema = z.enum(['auto', 'on', 'off']);
export type BlindMode = z.infer<typeof BlindModeSchema>;

/** What the shared `team.json` holds (merged record by record by a sync, like the schema). */
export interface TeamFile {
  version: 1;
  blind: BlindMode;
  /** Who adjudicates: sees every layer while blind is on. Null: nobody named yet. */
  lead: string | null;
}

export interface TeamSettings extends TeamFile {
  /** Whether blind annotation holds now (`auto` decided by `analysts`). */
  blindOn: boolean;
  /** Analysts with layers in the workspace (gold not counted). */
  analysts: string[];
  /** Who writes in this window. */
  me: string;
  /** Whether this window may see colleagues' layers and gold: blind is off, or this window is the lead's. */
  seesAll: boolean;
}

export const TeamPatchSchema = z.object({ blind: BlindModeSchema.optional(), lead: AnnotatorNameSchema.nullable().optional() }).strict();
export type TeamPatch = z.infer<typeof TeamPatchSchema>;

export const teamContract = {
  'team.settings': method<TeamSettings>()(none),
  'team.setSettings': method<TeamSettings>()(TeamPatchSchema),
} as const;
