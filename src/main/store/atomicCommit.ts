/**
 * A change of several files as one crash-atomic step, the way a database
 * journal works: every new file is first written whole into
 * .parley/staging/<id>/, then an intent record naming each target and its
 * staged copy is written (the commit point), then the staged files are
 * renamed into place and the record removed. A process killed before the
 * record exists leaves the workspace as before (the staging folder is
 * cleared at the next open); killed after, the next open finishes the
 * renames: as after. A rename is atomic, so no file is ever half written.
 *
 * Files the change creates (an import's documents and layers) are not
 * staged one by one: their contents go into the intent record itself, one
 * fsync for all of them. They are then written into place without an fsync
 * each, and a checkpoint in the background fsyncs them a batch at a time
 * before it removes the record; until then a crash is repaired from the
 * record, which rewrites every created file that is missing or torn (a torn
 * JSON file never parses) and leaves any that parse, so a later edit of one
 * is never overwritten. Appends to a journal (the document index's) are
 * written the same way, without an fsync, since the record holds them and
 * redoes them (cut to where the journal ended, then the same lines), and the
 * checkpoint fsyncs the journal with the created files: an import pays for
 * one fsync of its record, not for one of the folders it filled. The next
 * bulk change waits for the checkpoint, so a record never outlives a change
 * that removed its files.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { ParleyError } from '../../core/errors';
import { diskFull, syncDir, writeAll, writeFileDurable, type WriteHandle } from './durable';
import { PRIVATE_DIR } from './lock';

export interface StagedFile {
  /** Absolute path of the file to replace (or create). */
  path: string;
  /** Its new content; null removes the file. */
  text: string | null;
  /** Set for an append: the file is cut to this many bytes, then `text` is written after them (so a repeat does the same). */
  at?: number;
}

interface IntentRecord {
  id: string;
  what: string;
  createdAt: string;
  files: { target: string; staged: string | null }[];
  /** Files the change creates, with their contents. */
  created?: { target: string; text: string }[];
  /** Appends to journals (the document index's): cut to `at` bytes, then `text`. */
  appends?: { target: string; at: number; text: string }[];
}

/**
 * The record as written: one line of JSON naming the files, with only the
 * length of each created file's and append's text, then those texts one
 * after the other. Embedding them as JSON strings would escape every quote
 * of thousands of JSON documents again: on a busy machine, most of an
 * import's time.
 */
function encodeRecord(record: IntentRecord): string[] {
  const texts = [...(record.created ?? []), ...(record.appends ?? [])].map((f) => f.text);
  const head = {
    ...record,
    created: record.created?.map((f) => ({ target: f.target, length: f.text.length })),
    appends: record.appends?.map((a) => ({ target: a.target, at: a.at, length: a.text.length })),
  };
  // In parts, written one after the other: joined, a large import's record would be held twice.
  return [JSON.stringify(head) + '\n', ...texts];
}

/** The record from its text (also the whole-JSON form earlier versions wrote); throws when it is not whole. */
function decodeRecord(text: string): IntentRecord {
  const end = text.indexOf('\n');
  if (end < 0) return JSON.parse(text) as IntentRecord;
  type Sized<T> = Omit<T, 'text'> & { length: number };
  const head = JSON.parse(text.slice(0, end)) as Omit<IntentRecord, 'created' | 'appends'> & { created?: Sized<{ target: string; text: string }>[]; appends?: Sized<{ target: string; at: number; text: string }>[] };
  let at = end + 1;
  const take = (length: number) => text.slice(at, (at += length));
  const record: IntentRecord = { id: head.id, what: head.what, createdAt: head.createdAt, files: head.files };
  if (head.created) record.created = head.created.map((f) => ({ target: f.target, text: take(f.length) }));
  if (head.appends) record.appends = head.appends.map((a) => ({ target: a.target, at: a.at, text: take(a.length) }));
  if (at !== text.length) throw new Error('the record is not whole');
  return record;
}

/** Cuts the file to `at` bytes and writes `text` after them (made durable by the checkpoint). */
async function appendAt(path: string, at: number, text: string): Promise<void> {
  const fh = await open(path, existsSync(path) ? 'r+' : 'w');
  try {
    await fh.truncate(at);
    await writeAll(fh as WriteHandle, Buffer.from(text, 'utf8'), at);
  } finally {
    await fh.close();
  }
}

/** Checkpoints still running, by workspace folder. */
const checkpoints = new Map<string, Promise<void>>();

/** Resolves once every created file of every bulk change so far is durable and its record removed. */
export async function settleBulk(root: string): Promise<void> {
  for (;;) {
    const pending = checkpoints.get(root);
    if (!pending) return;
    await pending;
  }
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

let tmpCounter = 0;

/**
 * Writes created files (temp file and rename, no fsync: the intent record
 * holds their contents). Synchronous calls, a batch between yields: for
 * thousands of small files they cost a fifth of the thread pool's round trips.
 */
async function writeCreated(root: string, created: { target: string; text: string }[], recovering: boolean): Promise<void> {
  for (let i = 0; i < created.length; i++) {
    if (i % WRITE_BATCH === WRITE_BATCH - 1) await new Promise((r) => setImmediate(r));
    const target = join(root, created[i].target);
    if (recovering) {
      let now: string | null = null;
      try {
        now = readFileSync(target, 'utf8');
      } catch {
        // missing: written below
      }
      if (now !== null && parses(now)) continue;
    }
    const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${tmpCounter++}.tmp`);
    try {
      writeFileSync(tmp, created[i].text);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
    renameSync(tmp, target);
  }
}

/** Makes the created files and the appends of a record durable, then removes the record. */
async function checkpoint(root: string, record: IntentRecord): Promise<void> {
  const created = [...(record.created ?? []), ...(record.appends ?? [])];
  await inBatches(created, WRITE_BATCH, async (f) => {
    const fh = await open(join(root, f.target), 'r+').catch(() => null);
    if (!fh) return;
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  });
  const dirs = new Set(created.map((f) => dirname(join(root, f.target))));
  for (const d of dirs) if (existsSync(d)) await syncDir(d);
  await rm(recordPath(root, record.id), { force: true });
}

function intentsDir(root: string): string {
  return join(root, PRIVATE_DIR, 'intents');
}

/** Records are not JSON files (see encodeRecord). */
const RECORD_EXT = '.intent';

function recordPath(root: string, id: string): string {
  return join(intentsDir(root), `${id}${RECORD_EXT}`);
}

function stagingDir(root: string): string {
  return join(root, PRIVATE_DIR, 'staging');
}

/** A path inside the workspace, relative and with forward slashes, or an error for anything outside it. */
function inside(root: string, path: string): string {
  const rel = relative(root, path);
  if (!rel || rel.startsWith('..') || resolve(root, rel) !== resolve(path)) throw new ParleyError('internal', `a bulk change may only write inside the workspace, not ${path}`);
  return rel.split(sep).join('/');
}

/** Files written, renamed or synced at once: the disk and the kernel overlap them, and one flush covers many. */
export const WRITE_BATCH = 256;

/** `work` on every item, `size` at a time. */
async function inBatches<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

/** Writes and fsyncs one staged file (no rename: the staging folder is private until the intent exists). */
async function writeStaged(path: string, text: string): Promise<void> {
  const fh = await open(path, 'w', 0o644);
  try {
    await fh.writeFile(text);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Writes the created files and the appends, renames each staged file into
 * place (or removes the target), then fsyncs the folders of the renames
 * (the checkpoint makes the rest durable).
 */
async function applyRecord(root: string, record: IntentRecord, recovering: boolean): Promise<void> {
  const dirs = new Set(record.files.map((f) => dirname(join(root, f.target))));
  const created = record.created ?? [];
  const createdDirs = new Set([...created, ...(record.appends ?? [])].map((f) => dirname(join(root, f.target))));
  for (const d of new Set([...dirs, ...createdDirs])) await mkdir(d, { recursive: true });
  // Created files first, so a reader that sees the new index finds the files it lists.
  await writeCreated(root, created, recovering);
  for (const a of record.appends ?? []) await appendAt(join(root, a.target), a.at, a.text);
  // Targets are distinct, so the renames of a batch do not depend on each other.
  await inBatches(record.files, WRITE_BATCH, async (f) => {
    const target = join(root, f.target);
    if (f.staged === null) {
      await rm(target, { force: true });
      return;
    }
    const staged = join(root, f.staged);
    // Already moved by an earlier attempt that was cut short.
    if (!existsSync(staged)) return;
    await rename(staged, target);
  });
  for (const d of dirs) if (existsSync(d)) await syncDir(d);
}

/** Room a change needs: its files staged, and the created ones written into place besides the record. */
function needed(files: StagedFile[]): number {
  return files.reduce((n, f) => n + 2 * Buffer.byteLength(f.text ?? ''), 0);
}

/** Takes back what applyRecord wrote before any rename: the created files (none existed before) and the appends. */
async function unplace(root: string, record: IntentRecord): Promise<void> {
  for (const c of record.created ?? []) await rm(join(root, c.target), { force: true });
  for (const a of record.appends ?? []) {
    const path = join(root, a.target);
    if (!existsSync(path)) continue;
    const fh = await open(path, 'r+');
    try {
      await fh.truncate(a.at);
      await fh.sync();
    } finally {
      await fh.close();
    }
  }
}

/**
 * Writes all `files` or none. `what` names the operation in the intent
 * record. Resolves once every file is in place and durable.
 */
export async function commitFiles(root: string, what: string, files: StagedFile[]): Promise<void> {
  if (files.length === 0) return;
  await settleBulk(root);
  const id = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}`;
  const staging = join(stagingDir(root), id);
  const record: IntentRecord = { id, what, createdAt: new Date().toISOString(), files: [] };
  try {
    await mkdir(staging, { recursive: true });
    let n = 0;
    const writes: { path: string; text: string }[] = [];
    for (const f of files) {
      const target = inside(root, f.path);
      if (f.text === null) {
        record.files.push({ target, staged: null });
        continue;
      }
      if (f.at !== undefined) {
        (record.appends ??= []).push({ target, at: f.at, text: f.text });
        continue;
      }
      if (!existsSync(f.path)) {
        (record.created ??= []).push({ target, text: f.text });
        continue;
      }
      const staged = join(staging, `${n++}.json`);
      writes.push({ path: staged, text: f.text });
      record.files.push({ target, staged: inside(root, staged) });
    }
    // Written and fsynced a batch at a time; one fsync of the folder then makes every name durable.
    await inBatches(writes, WRITE_BATCH, (w) => writeStaged(w.path, w.text));
    await syncDir(staging);
    await mkdir(intentsDir(root), { recursive: true });
    // The commit point: from here on, the next open finishes the change.
    await writeFileDurable(recordPath(root, id), encodeRecord(record));
  } catch (e) {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw diskFull(e, join(staging, 'x'), needed(files)) ?? new ParleyError('io', `cannot stage the ${what}: ${(e as Error).message}; nothing was changed`, root);
  }
  try {
    await applyRecord(root, record, false);
  } catch (e) {
    const full = diskFull(e, join(root, 'x'), needed(files));
    // Full before any staged file moved: the created files and appends come off again, and the change is as if never made.
    if (!full || !record.files.every((f) => f.staged === null || existsSync(join(root, f.staged)))) throw full ?? e;
    await unplace(root, record);
    await rm(recordPath(root, id), { force: true });
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw full;
  }
  await rm(staging, { recursive: true, force: true });
  if (!record.created && !record.appends) {
    await rm(recordPath(root, id), { force: true });
    return;
  }
  const run = checkpoint(root, record)
    .catch(() => undefined)
    .finally(() => {
      if (checkpoints.get(root) === run) checkpoints.delete(root);
    });
  checkpoints.set(root, run);
}

/**
 * At open, with the lock held: finishes every bulk change whose intent
 * record was written, and clears staged files of changes that never reached
 * that point. Returns what was finished, for the log.
 */
export async function recoverBulk(root: string): Promise<string[]> {
  await settleBulk(root);
  const finished: string[] = [];
  let names: string[] = [];
  try {
    // `.json`: a record written whole as JSON by an earlier version.
    names = (await readdir(intentsDir(root))).filter((n) => (n.endsWith(RECORD_EXT) || n.endsWith('.json')) && !n.startsWith('.')).sort();
  } catch {
    // no intents folder: nothing was ever committed in bulk
  }
  for (const name of names) {
    const path = join(intentsDir(root), name);
    let record: IntentRecord;
    try {
      record = decodeRecord(await readFile(path, 'utf8'));
    } catch {
      // A record is renamed into place whole; one that does not read back whole was never the commit point.
      await rm(path, { force: true });
      continue;
    }
    await applyRecord(root, record, true);
    await checkpoint(root, record);
    await rm(path, { force: true });
    finished.push(record.what);
  }
  await rm(stagingDir(root), { recursive: true, force: true });
  return finished;
}

/** A bulk change committed (its intent record written) but not yet finished: what it is and the files it writes, relative to the folder. */
export interface PendingBulk {
  what: string;
  targets: string[];
}

/** Bulk changes the next open will finish, read without changing anything (`parley validate`). */
export async function pendingBulk(root: string): Promise<PendingBulk[]> {
  let names: string[];
  try {
    names = (await readdir(intentsDir(root))).filter((n) => (n.endsWith(RECORD_EXT) || n.endsWith('.json')) && !n.startsWith('.')).sort();
  } catch {
    return [];
  }
  const out: PendingBulk[] = [];
  for (const name of names) {
    let record: IntentRecord;
    try {
      record = decodeRecord(await readFile(join(intentsDir(root), name), 'utf8'));
    } catch {
      // Not whole: never the commit point, so the change never happened (the next open removes it).
      continue;
    }
    const targets = [...record.files, ...(record.created ?? []), ...(record.appends ?? [])].map((f) => f.target);
    out.push({ what: record.what, targets });
  }
  return out;
}
