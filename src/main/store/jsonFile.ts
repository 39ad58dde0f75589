/**
 * The one read path for the workspace's JSON files: read the text, parse it,
 * bring it to the current format version and validate it against its zod
 * schema. Whatever is wrong comes back as a ParleyError naming the file, the
 * line (of the syntax error, or of the value that does not fit) and the
 * problem; the file itself is never touched. Owners, the lowdb adapter,
 * exports, searches, imports and `parley validate` all read through here.
 */
import { readFile, readFileSync } from 'node:fs';
import type { z } from 'zod';
import { formatError, ParleyError } from '../../core/errors';
import { lineOfPath } from '../../core/formats/json';
import { FORMAT_VERSION } from '../../core/model';

/** Upgrades a parsed file from the version it names to the next one. */
export type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

export interface FileKind<T> {
  /** What the file is, in a person's words, for messages. */
  what: string;
  schema: z.ZodType<T>;
  /**
   * migrations[v] upgrades version v to v + 1. Files with no version are
   * version 0. Absent: the file carries no format version (the user's settings).
   */
  migrations?: Record<number, Migration>;
}

/** What follows the problem in a message, unless the reader says otherwise. */
const KEPT = '. The file was left as it is.';
const KEPT_FIX = '. The file was left as it is: restore it from a backup or fix it by hand, then reopen the workspace.';

/** Where JSON.parse stopped, as a 1-based line, when the engine says so. */
function jsonErrorLine(text: string, error: unknown): number | undefined {
  const msg = error instanceof Error ? error.message : String(error);
  // A file cut short (a torn write, a truncated copy) stops at its last line.
  if (/end of JSON input/.test(msg)) return text.trimEnd().split('\n').length;
  const pos = /position (\d+)/.exec(msg);
  if (pos) return text.slice(0, Number(pos[1])).split('\n').length;
  const line = /line (\d+)/.exec(msg);
  return line ? Number(line[1]) : undefined;
}

/** The text parsed, or `corrupt_file` naming the file and the line where parsing stopped. `advice` follows the problem (default: the file was kept, how to fix it). */
function parseJsonText(text: string, file: string, advice = KEPT_FIX): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ParleyError('corrupt_file', `not valid JSON (${(e as Error).message})${advice}`, file, jsonErrorLine(text, e));
  }
}

function migrate(data: unknown, kind: FileKind<unknown>, file: string): { data: unknown; migrated: boolean } {
  if (!kind.migrations) return { data, migrated: false };
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

/** The data checked against the kind's schema; `text`, when given, is the file's, to name the line of the value that does not fit. */
function validate<T>(data: unknown, kind: FileKind<T>, file: string, text?: string, advice = KEPT): T {
  const result = kind.schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue.path.length ? ` at ${issue.path.join('.')}` : '';
  throw new ParleyError('corrupt_file', `not a valid ${kind.what}${where}: ${issue.message}${advice}`, file, text === undefined ? undefined : lineIn(text, issue.path));
}

function lineIn(text: string, path: readonly PropertyKey[]): number | undefined {
  try {
    return lineOfPath(text, path.filter((p): p is string | number => typeof p !== 'symbol'));
  } catch {
    return undefined;
  }
}

/** How a reader words a damaged file's message. */
export interface ReadAdvice {
  /** Follows the problem in the message, for text that does not parse and for data that does not fit alike. */
  advice?: string;
}

/** A file's text parsed, migrated to the current version and validated, or a ParleyError naming the file, the line and the problem. */
export function parseFile<T>(text: string, kind: FileKind<T>, file: string, options: ReadAdvice = {}): { data: T; migrated: boolean } {
  const raw = parseJsonText(text, file, options.advice);
  const { data, migrated } = migrate(raw, kind as FileKind<unknown>, file);
  return { data: validate(data, kind, file, text, options.advice), migrated };
}

/** A file as read: its data, checked, and the text it was read from. */
export interface JsonFile<T> {
  data: T;
  text: string;
  /** The data was upgraded from an older format version (the text is the old one). */
  migrated: boolean;
}

/** The callback form of readFile: on Node 20 it costs half of fs/promises' one, which a 100,000-file check or export feels. */
function readText(path: string): Promise<string> {
  return new Promise((resolveText, reject) => readFile(path, 'utf8', (e, text) => (e ? reject(e) : resolveText(text))));
}

/** The file read, parsed, migrated and validated; null when there is no file. A file that cannot be read is `io`, one that is damaged `corrupt_file`. */
export async function readJsonFile<T>(path: string, kind: FileKind<T>, options: ReadAdvice = {}): Promise<JsonFile<T> | null> {
  let text: string;
  try {
    text = await readText(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ParleyError('io', `cannot read: ${(e as Error).message}`, path);
  }
  return { ...parseFile(text, kind, path, options), text };
}

/** As readJsonFile, for the few readers that cannot wait (the clone's analyst, a running server's address). */
export function readJsonFileSync<T>(path: string, kind: FileKind<T>, options: ReadAdvice = {}): JsonFile<T> | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ParleyError('io', `cannot read: ${(e as Error).message}`, path);
  }
  return { ...parseFile(text, kind, path, options), text };
}

/** As readJsonFile, for a file that must be there: a missing one is `not_found`. */
export async function readRequired<T>(path: string, kind: FileKind<T>, options: ReadAdvice = {}): Promise<JsonFile<T>> {
  const file = await readJsonFile(path, kind, options);
  if (!file) throw new ParleyError('not_found', `missing ${kind.what}`, path);
  return file;
}

/**
 * A cache file's data (the search index's lists, sync's record of file
 * stamps), or null when there is none or it is damaged: then the log names
 * the file, line and problem, and says it is built again from `source`.
 * The damaged file is left for the rebuild to replace.
 */
export async function readCacheFile<T>(path: string, kind: FileKind<T>, source: string): Promise<T | null> {
  try {
    return (await readJsonFile(path, kind, { advice: `; it is a cache, so it is built again from ${source}` }))?.data ?? null;
  } catch (e) {
    if (!(e instanceof ParleyError)) throw e;
    console.warn(`parley: ${formatError(e)}`);
    return null;
  }
}
