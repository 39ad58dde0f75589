/**
 * A change of several files as one crash-atomic step, the way a database
 * journal works: every new file is first written whole into
 * .parley/staging/<id>/, then an intent record naming each target and its
 * staged copy is written (the commit point), then the staged files are
 * renamed into place and the record removed. A process killed before the
 * record exists leaves the workspace as before (the staging folder is
 * cleared at the next open); killed after, the next open finishes the
 * renames: as after. A rename is atomic, so no file is ever half written.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { ParleyError } from '../../core/errors';
import { syncDir, writeFileDurable } from './durable';
import { PRIVATE_DIR } from './lock';

export interface StagedFile {
  /** Absolute path of the file to replace (or create). */
  path: string;
  /** Its new content; null removes the file. */
  text: string | null;
}

interface IntentRecord {
  id: string;
  what: string;
  createdAt: string;
  files: { target: string; staged: string | null }[];
}

function intentsDir(root: string): string {
  return join(root, PRIVATE_DIR, 'intents');
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

/** Renames each staged file into place (or removes the target), then fsyncs every folder touched. */
async function applyRecord(root: string, record: IntentRecord): Promise<void> {
  const dirs = new Set<string>();
  for (const f of record.files) {
    const target = join(root, f.target);
    dirs.add(dirname(target));
    if (f.staged === null) {
      await rm(target, { force: true });
      continue;
    }
    const staged = join(root, f.staged);
    // Already moved by an earlier attempt that was cut short.
    if (!existsSync(staged)) continue;
    await mkdir(dirname(target), { recursive: true });
    await rename(staged, target);
  }
  for (const d of dirs) if (existsSync(d)) await syncDir(d);
}

/**
 * Writes all `files` or none. `what` names the operation in the intent
 * record. Resolves once every file is in place and durable.
 */
export async function commitFiles(root: string, what: string, files: StagedFile[]): Promise<void> {
  if (files.length === 0) return;
  const id = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}`;
  const staging = join(stagingDir(root), id);
  const record: IntentRecord = { id, what, createdAt: new Date().toISOString(), files: [] };
  try {
    await mkdir(staging, { recursive: true });
    let n = 0;
    for (const f of files) {
      const target = inside(root, f.path);
      if (f.text === null) {
        record.files.push({ target, staged: null });
        continue;
      }
      const staged = join(staging, `${n++}.json`);
      await writeFileDurable(staged, f.text);
      record.files.push({ target, staged: inside(root, staged) });
    }
    await mkdir(intentsDir(root), { recursive: true });
    // The commit point: from here on, the next open finishes the change.
    await writeFileDurable(join(intentsDir(root), `${id}.json`), JSON.stringify(record));
  } catch (e) {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw new ParleyError('io', `cannot stage the ${what}: ${(e as Error).message}; nothing was changed`, root);
  }
  await applyRecord(root, record);
  await rm(join(intentsDir(root), `${id}.json`), { force: true });
  await rm(staging, { recursive: true, force: true });
}

/**
 * At open, with the lock held: finishes every bulk change whose intent
 * record was written, and clears staged files of changes that never reached
 * that point. Returns what was finished, for the log.
 */
export async function recoverBulk(root: string): Promise<string[]> {
  const finished: string[] = [];
  let names: string[] = [];
  try {
    names = (await readdir(intentsDir(root))).filter((n) => n.endsWith('.json')).sort();
  } catch {
    // no intents folder: nothing was ever committed in bulk
  }
  for (const name of names) {
    const path = join(intentsDir(root), name);
    let record: IntentRecord;
    try {
      record = JSON.parse(await readFile(path, 'utf8')) as IntentRecord;
    } catch {
      // A record is renamed into place whole; one that does not parse was never the commit point.
      await rm(path, { force: true });
      continue;
    }
    await applyRecord(root, record);
    await rm(path, { force: true });
    finished.push(record.what);
  }
  await rm(stagingDir(root), { recursive: true, force: true });
  return finished;
}
