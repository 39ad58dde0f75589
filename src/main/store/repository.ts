/**
 * Opening one versioned JSON file through lowdb with an explicit read step:
 * parse, migrate to the current version, validate, or report why not.
 */
import { Low } from 'lowdb';
import type { z } from 'zod';
import { ParleyError } from '../../core/errors';
import { FORMAT_VERSION } from '../../core/model';
import { DurableJSONFile, jsonErrorLine } from './json-file';

/** Upgrades a parsed file from the version it names to the next one. */
export type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

export interface FileKind<T> {
  /** What the file is, in a person's words, for messages. */
  what: string;
  schema: z.ZodType<T>;
  /** migrations[v] upgrades version v to v + 1. Files with no version are version 0. */
  migrations: Record<number, Migration>;
}

export function migrate(data: unknown, kind: FileKind<unknown>, file: string): { data: unknown; migrated: boolean } {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ParleyError('corrupt_file', `expected a JSON object for the ${kind.what}`, file, 1);
  }
  let obj = data as Record<string, unknown>;
  let version = typeof obj.version === 'number' ? obj.version : 0;
  if (version > FORMAT_VERSION) {
    throw new ParleyError('corrupt_file', `the ${kind.what} has format version ${version}, newer than this Parley understands (${FORMAT_VERSION}); update Parley to open it`, file);
  }
  const migrated = version < FORMAT_VERSION;
  while (version < FORMAT_VERSION) {
    const step = kind.migrations[version];
    if (!step) throw new ParleyError('corrupt_file', `no migration from format version ${version} for the ${kind.what}`, file);
    obj = { ...step(obj), version: version + 1 };
    version++;
  }
  return { data: obj, migrated };
}

export function validate<T>(data: unknown, kind: FileKind<T>, file: string): T {
  const result = kind.schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new ParleyError('corrupt_file', `not a valid ${kind.what}${where}: ${issue.message}. The file was left as it is.`, file);
  }
  return result.data;
}

/** A file's text parsed, migrated to the current version and validated, or a ParleyError naming the file (and the line, for bad JSON). */
export function parseFile<T>(text: string, kind: FileKind<T>, file: string): { data: T; migrated: boolean } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ParleyError(
      'corrupt_file',
      `not valid JSON (${(e as Error).message}). The file was left as it is: restore it from a backup or fix it by hand, then reopen the workspace.`,
      file,
      jsonErrorLine(text, e),
    );
  }
  const { data, migrated } = migrate(raw, kind as FileKind<unknown>, file);
  return { data: validate(data, kind, file), migrated };
}

/**
 * Reads a file into a lowdb instance. Throws ParleyError('not_found') when
 * the file does not exist and no default is given; corrupt files throw and
 * are never written to.
 */
export async function openFile<T>(path: string, displayPath: string, kind: FileKind<T>, makeDefault?: () => T): Promise<Low<T>> {
  const adapter = new DurableJSONFile<T>(path, displayPath);
  const raw = await adapter.read();
  if (raw === null) {
    if (!makeDefault) throw new ParleyError('not_found', `missing ${kind.what}`, displayPath);
    return new Low<T>(adapter, makeDefault());
  }
  const { data } = migrate(raw, kind as FileKind<unknown>, displayPath);
  return new Low<T>(adapter, validate(data, kind, displayPath));
}
