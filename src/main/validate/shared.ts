/**
 * The label schema (schema.json) and the entity registry (entities.json),
 * checked as the workspace reads them and beyond: a file that parses but
 * names a label, frame type or entity twice is damaged too. A damaged one is
 * never rewritten by Parley (it costs only itself), so each problem says
 * what to do.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Problem } from '../../core/api/workspace';
import { checkSchema } from '../../core/validate';
import { entitiesKind, schemaFileKind } from '../store/kinds';
import { parseFile, type FileKind } from '../store/jsonFile';
import { problemOf, readIfPresent } from './problem';

const SCHEMA = 'schema.json';
const ENTITIES = 'entities.json';
const LEGACY = 'workspace.json';

const FIX = 'Parley keeps it as it is; fix it by hand or put back an earlier copy (parley restore --list shows the snapshots).';

/** The file parsed, or the problems that stop it being read. */
async function parsed<T>(path: string, kind: FileKind<T>, out: Problem[]): Promise<T | null> {
  try {
    const text = await readIfPresent(path, (p) => readFile(p, 'utf8'));
    if (text === null) {
      out.push({ file: path, message: `missing: the workspace's ${kind.what}. ${FIX}` });
      return null;
    }
    if (text.trim() === '') {
      out.push({ file: path, message: `empty: the ${kind.what} holds nothing. ${FIX}` });
      return null;
    }
    return parseFile(text, kind, path).data;
  } catch (e) {
    out.push(problemOf(path, e));
    return null;
  }
}

export async function checkSharedFiles(root: string, exists: (name: string) => boolean): Promise<Problem[]> {
  // An older workspace keeps all three in workspace.json, split on its first open for writing.
  if (!exists(SCHEMA) && exists(LEGACY)) return [];
  const out: Problem[] = [];
  const schemaPath = join(root, SCHEMA);
  const schema = await parsed(schemaPath, schemaFileKind, out);
  if (schema) {
    try {
      checkSchema(schema.schema);
    } catch (e) {
      out.push({ file: schemaPath, message: `${(e as Error).message}. ${FIX}` });
    }
  }
  const entitiesPath = join(root, ENTITIES);
  const registry = await parsed(entitiesPath, entitiesKind, out);
  if (registry) {
    const seen = new Set<string>();
    for (const e of registry.entities) {
      if (seen.has(e.id)) out.push({ file: entitiesPath, message: `two entities have the id ${e.id}; mentions linked to it are ambiguous. ${FIX}` });
      seen.add(e.id);
    }
  }
  return out;
}
