/**
 * One writer per workspace: `.parley/lock` names the process that writes the
 * folder (pid, host, start time, what it runs). It appears whole: written to a
 * file of the taker's own, then hard-linked into place, which fails when a
 * lock is there. A lock left by a process that no longer runs on this host is
 * removed by one process at a time (see `takeOver`), so of several processes
 * racing over it exactly one takes it; the lock is removed when the process exits.
 * Readers never lock.
 */
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ParleyError } from '../../core/errors';
import { diskFull } from './durable';

export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

export const PRIVATE_DIR = '.parley';

export function lockPath(root: string): string {
  return join(root, PRIVATE_DIR, 'lock');
}

/** Locks this process holds, by workspace folder, with how many opens share each. */
const held = new Map<string, { count: number; path: string }>();
let exitHook = false;

function processStart(): string {
  return new Date(Date.now() - process.uptime() * 1000).toISOString();
}

function commandName(): string {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const name = args.find((a) => !a.includes('/') && !a.includes('\\') && !a.endsWith('.ts') && !a.endsWith('.js'));
  return name ? `parley ${name}` : 'Parley';
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock file with no holder in it younger than this is another process's, being written (by a Parley before locks appeared whole). */
const BEING_WRITTEN_MS = 10_000;

/** What the lock file says: its text, and the holder in it when it names one. */
function readLock(path: string): { text: string; holder: LockHolder | null } | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  try {
    const holder = JSON.parse(text) as LockHolder;
    if (typeof holder?.pid === 'number' && typeof holder.host === 'string') return { text, holder };
  } catch {
    // No holder in it (yet).
  }
  return { text, holder: null };
}

function stillHeld(root: string, holder: LockHolder): boolean {
  return !(holder.host === hostname() && (!alive(holder.pid) || (holder.pid === process.pid && !held.has(root))));
}

/** Who holds the lock on this folder now, or null when nobody does (or the holder has died). */
export function lockHolder(root: string): LockHolder | null {
  const lock = readLock(lockPath(root));
  return lock?.holder && stillHeld(root, lock.holder) ? lock.holder : null;
}

export function describeHolder(h: LockHolder): string {
  const where = h.host === hostname() ? '' : ` on ${h.host}`;
  return `${h.command} (process ${h.pid}${where}, since ${h.startedAt})`;
}

function refusal(root: string, h: LockHolder): ParleyError {
  return new ParleyError(
    'conflict',
    `this workspace is open for writing in ${describeHolder(h)}. Make the change there, or close it first; reading commands (list, validate, agreement, export) work meanwhile.`,
    root,
  );
}

/**
 * Takes the lock on `root` for this process (again, if it holds it already).
 * Throws ParleyError('conflict') naming the holder when another live process has it.
 */
export function acquireLock(root: string): void {
  const mine = held.get(root);
  if (mine) {
    mine.count++;
    return;
  }
  const path = lockPath(root);
  const me: LockHolder = { pid: process.pid, host: hostname(), startedAt: processStart(), command: commandName() };
  const text = Buffer.from(JSON.stringify(me), 'utf8');
  try {
    mkdirSync(join(root, PRIVATE_DIR), { recursive: true });
  } catch (e) {
    throw diskFull(e, path, text.length) ?? new ParleyError('io', `cannot lock the workspace: ${(e as Error).message}`, path);
  }
  const mineFile = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeOwnLock(mineFile, text);
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(mineFile, path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw diskFull(e, path, text.length) ?? new ParleyError('io', `cannot lock the workspace: ${(e as Error).message}`, path);
        const lock = readLock(path);
        if (!lock) continue; // released meanwhile
        if (lock.holder && stillHeld(root, lock.holder)) throw refusal(root, lock.holder);
        if (!lock.holder && Date.now() - modifiedAt(path) < BEING_WRITTEN_MS) {
          throw new ParleyError('conflict', 'another process is taking the lock on this workspace at this moment. Try again in a few seconds.', path);
        }
        if (!takeOver(path, mineFile, lock.text)) throw new ParleyError('conflict', 'another process is taking the lock on this workspace at this moment. Try again in a few seconds.', path);
        continue;
      }
      held.set(root, { count: 1, path });
      break;
    }
  } finally {
    rmSync(mineFile, { force: true });
  }
  if (held.has(root)) {
    if (!exitHook) {
      exitHook = true;
      process.once('exit', releaseAll);
    }
    return;
  }
  const holder = lockHolder(root);
  throw holder ? refusal(root, holder) : new ParleyError('io', 'cannot lock the workspace: another process keeps taking the lock', path);
}

function modifiedAt(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Removes a dead holder's lock, as the one process allowed to: the taker of
 * `lock.takeover` (taken as the lock is, whole or not at all). Nobody else
 * removes a lock but its holder, so the lock read as dead is the one removed.
 * Returns false when another process is taking over at this moment.
 */
function takeOver(path: string, mineFile: string, deadText: string): boolean {
  const guard = `${path}.takeover`;
  try {
    linkSync(mineFile, guard);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    // A taker that died mid-way leaves its guard; after a while it is removed.
    if (Date.now() - modifiedAt(guard) > BEING_WRITTEN_MS) rmSync(guard, { force: true });
    return false;
  }
  try {
    if (readLock(path)?.text === deadText) rmSync(path, { force: true });
  } finally {
    rmSync(guard, { force: true });
  }
  return true;
}

/** Writes the whole lock into a file of this process's own; never a partial one left behind. */
function writeOwnLock(file: string, text: Buffer): void {
  let fd: number | null = null;
  try {
    fd = openSync(file, 'wx', 0o644);
    let done = 0;
    while (done < text.length) {
      const n = writeSync(fd, text, done, text.length - done);
      if (n <= 0) throw Object.assign(new Error('the disk took no more bytes'), { code: 'ENOSPC' });
      done += n;
    }
    closeSync(fd);
  } catch (e) {
    if (fd !== null) closeSync(fd);
    rmSync(file, { force: true });
    throw diskFull(e, file, text.length) ?? new ParleyError('io', `cannot lock the workspace: ${(e as Error).message}`, file);
  }
}

/** Gives up one open's share of the lock; the file goes when the last share does. */
export function releaseLock(root: string): void {
  const mine = held.get(root);
  if (!mine) return;
  if (--mine.count > 0) return;
  held.delete(root);
  rmSync(mine.path, { force: true });
}

function releaseAll(): void {
  for (const { path } of held.values()) rmSync(path, { force: true });
  held.clear();
}
