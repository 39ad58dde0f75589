/**
 * The shared team settings, `team.json` at the workspace's root: whether
 * annotation is blind and who leads. Shared by sync (merged record by
 * record), written as one bulk change of the open workspace so a sync
 * moving files at the same moment waits for it. A file that does not parse
 * is reported, never overwritten.
 */
import type { Dir } from 'node:fs';
import { opendir } from 'node:fs/promises';
import { join } from 'node:path';
import { BlindModeSchema, type TeamFile, type TeamPatch, type TeamSettings } from '../../core/api/team';
import { ParleyError } from '../../core/errors';
import { AnnotatorNameSchema, GOLD } from '../../core/model';
import { checkAnalystName, type Workspace } from '../workspace';
import { isRepository, readRemoteUrl } from '../sync/remote';
import { parseFile, readJsonFile, type FileKind } from '../store/jsonFile';
import { z } from 'zod';

export const TEAM_FILE = 'team.json';

const TeamFileSchema = z.object({
  version: z.literal(1),
  blind: BlindModeSchema.default('auto'),
  lead: AnnotatorNameSchema.nullable().default(null),
});

const DEFAULTS: TeamFile = { version: 1, blind: 'auto', lead: null };

/** How a team file that cannot be used is put right. */
const TEAM_ADVICE = { advice: '; fix it or remove it (blind annotation then follows who has layers)' };

export const teamKind: FileKind<TeamFile> = { what: 'team settings file', schema: TeamFileSchema };

export async function readTeamFile(root: string): Promise<TeamFile> {
  return (await readJsonFile(join(root, TEAM_FILE), teamKind, TEAM_ADVICE))?.data ?? { ...DEFAULTS };
}

/** Whether `annotator` has a layer: the folder is read only up to its first layer file (it may hold 100,000). */
async function hasLayer(root: string, annotator: string): Promise<boolean> {
  let dir: Dir;
  try {
    dir = await opendir(join(root, 'annotations', annotator));
  } catch {
    return false;
  }
  try {
    for await (const e of dir) if (e.name.endsWith('.json') && !e.name.startsWith('.')) return true;
    return false;
  } finally {
    await dir.close().catch(() => undefined);
  }
}

/** Analysts with at least one layer in the workspace (gold is not an analyst). */
export async function analystsWithLayers(ws: Workspace): Promise<string[]> {
  const out: string[] = [];
  for (const a of await ws.annotators()) if (a !== GOLD && (await hasLayer(ws.root, a))) out.push(a);
  return out.sort();
}

async function isShared(root: string): Promise<boolean> {
  return (await isRepository(root)) && (await readRemoteUrl(join(root, '.git'))) !== null;
}

/**
 * The team settings as seen from the window of `me`. `auto` holds in a
 * shared workspace (a git repository with a remote: each analyst works in
 * a copy of their own) once two analysts have layers there; a workspace
 * nobody shares is one person's, who imported colleagues' labels to review.
 */
export async function teamSettings(ws: Workspace, me: string): Promise<TeamSettings> {
  const file = await readTeamFile(ws.root);
  const analysts = await analystsWithLayers(ws);
  const blindOn = file.blind === 'on' || (file.blind === 'auto' && analysts.length >= 2 && (await isShared(ws.root)));
  return { ...file, blindOn, analysts, me, seesAll: !blindOn || file.lead === me };
}

/**
 * Changes the team settings as `me`; the change is shared by the next sync.
 * Once a lead is named only the lead changes them, so an analyst cannot
 * lift blind annotation for themselves.
 */
export async function setTeamSettings(ws: Workspace, patch: TeamPatch, me: string): Promise<void> {
  if (patch.lead) checkAnalystName(patch.lead);
  await ws.bulk('team settings', async (tx) => {
    const now = await tx.file(TEAM_FILE);
    const current = now === null ? { ...DEFAULTS } : parseFile(now, teamKind, join(ws.root, TEAM_FILE), TEAM_ADVICE).data;
    if (current.lead && current.lead !== me) throw new ParleyError('invalid_argument', `only the lead, ${current.lead}, changes the team settings (blind annotation, the lead); this copy analyses as ${me}`);
    const next: TeamFile = { version: 1, blind: patch.blind ?? current.blind, lead: patch.lead === undefined ? current.lead : patch.lead };
    tx.setFile(TEAM_FILE, JSON.stringify(next, null, 2) + '\n');
  });
}

/** Whether the window of `me` may read colleagues' layers and gold: blind annotation is off, or `me` leads. */
export async function seesAll(ws: Workspace, me: string): Promise<boolean> {
  return (await teamSettings(ws, me)).seesAll;
}

/** Refuses to show `me` another analyst's layer (or gold) while blind annotation keeps them to their own. */
export async function checkMayRead(ws: Workspace, me: string, layer: string): Promise<void> {
  if (layer === me || (await seesAll(ws, me))) return;
  throw new ParleyError('invalid_argument', `blind annotation is on: ${me} sees only their own layer, not ${layer === GOLD ? 'gold' : layer === 'all' ? "every analyst's" : `${layer}'s`}, until the lead turns it off`);
}
