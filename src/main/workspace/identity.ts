/**
 * Who analyses in this copy of a workspace: the annotator name kept in the
 * clone's private .parley/identity.json (never shared by sync), set by
 * `parley init`, `share` or `join --annotator`, or by the window's explicit,
 * confirmed rename. It wins over the user's settings, so two clones of one
 * shared workspace on one machine never write one layer.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ParleyError } from '../../core/errors';
import { AnnotatorNameSchema, GOLD } from '../../core/model';
import { writeFileDurable } from '../store/durable';
import { readJsonFileSync, type FileKind } from '../store/jsonFile';
import { PRIVATE_DIR } from '../store/lock';

export const IDENTITY_FILE = 'identity.json';

export function identityPath(root: string): string {
  return join(root, PRIVATE_DIR, IDENTITY_FILE);
}

const identityKind: FileKind<{ annotator: string; since?: string }> = {
  what: "clone's analyst file",
  schema: z.object({ annotator: AnnotatorNameSchema, since: z.string().optional() }),
};

/**
 * The clone's analyst, or null when none was set here (the user's settings
 * decide then). A damaged file is refused by file and line, never taken for
 * "no analyst": the window would then write another analyst's layer.
 */
export function readIdentity(root: string): string | null {
  const file = readJsonFileSync(identityPath(root), identityKind, { advice: '; write {"annotator": "NAME"} or remove the file' });
  return file ? file.data.annotator : null;
}

export function checkAnalystName(name: string): string {
  const parsed = AnnotatorNameSchema.safeParse(name);
  if (!parsed.success) throw new ParleyError('invalid_argument', `${JSON.stringify(name)} is not an analyst's name: ${parsed.error.issues[0].message}`);
  if (parsed.data === GOLD) throw new ParleyError('invalid_argument', `"${GOLD}" is the adjudicated layer, not an analyst's name`);
  return parsed.data;
}

/** Records `name` as the analyst of the clone at `root`. */
export async function writeIdentity(root: string, name: string): Promise<void> {
  const annotator = checkAnalystName(name);
  mkdirSync(join(root, PRIVATE_DIR), { recursive: true });
  await writeFileDurable(identityPath(root), JSON.stringify({ annotator, since: new Date().toISOString() }, null, 2) + '\n');
}
