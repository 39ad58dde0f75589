/**
 * One writer per workspace: `.parley/lock`, created atomically (O_EXCL),
 * names the process that writes the folder (pid, host, start time, what it
 * runs). A lock left by a process that no longer runs on this host is taken
 * over; the lock is removed when the process exits. Readers never lock.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
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

/** Who holds the lock on this folder now, or null when nobody does (or the holder has died). */
export function lockHolder(root: string): LockHolder | null {
  let holder: LockHolder;
  try {
    holder = JSON.parse(readFileSync(lockPath(root), 'utf8')) as LockHolder;
  } catch {
    return null;
  }
  if (typeof holder?.pid !== 'number' || typeof holder.host !== 'string') return null;
  if (holder.host === hostname() && (!alive(holder.pid) || (holder.pid === process.pid && !held.has(root)))) return null;
  return holder;
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
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o644);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw diskFull(e, path, text.length) ?? new ParleyError('io', `cannot lock the workspace: ${(e as Error).message}`, path);
      const holder = lockHolder(root);
      if (holder) throw refusal(root, holder);
      // The holder died (or its lock file is unreadable): take the lock over.
      rmSync(path, { force: true });
      continue;
    }
    try {
      writeLock(fd, text);
    } catch (e) {
      // Never an empty or half-written lock: the next open would read nobody in it.
      closeSync(fd);
      rmSync(path, { force: true });
      throw diskFull(e, path, text.length) ?? new ParleyError('io', `cannot lock the workspace: ${(e as Error).message}`, path);
    }
    closeSync(fd);
    held.set(root, { count: 1, path });
    if (!exitHook) {
      exitHook = true;
      process.once('exit', releaseAll);
    }
    return;
  }
  const holder = lockHolder(root);
  throw holder ? refusal(root, holder) : new ParleyError('io', 'cannot lock the workspace: another process keeps taking the lock', path);
}

/** Writes the whole lock, however many writes it takes. */
function writeLock(fd: number, text: Buffer): void {
  let done = 0;
  while (done < text.length) {
    const n = writeSync(fd, text, done, text.length - done);
    if (n <= 0) throw Object.assign(new Error('the disk took no more bytes'), { code: 'ENOSPC' });
    done += n;
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
