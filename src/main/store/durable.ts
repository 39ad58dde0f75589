/**
 * Atomic, durable file replacement: write a temp file beside the target,
 * fsync it, rename it over the target, then fsync the folder so the rename
 * itself survives a power cut. A reader sees the old file or the new one,
 * never a torn one. (steno, lowdb's own writer, renames but never fsyncs.)
 *
 * A write the disk has no room for (ENOSPC, EDQUOT) is answered here, in one
 * place, as `disk_full`: which folder, how much more it needs; the temp file
 * is removed, so the target is as it was.
 */
import { statfsSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { diskFullError, isNoSpace, ParleyError } from '../../core/errors';

/** What the writers here need of an open file (node's FileHandle has it all). */
export interface WriteHandle {
  write(buffer: Uint8Array, offset: number, length: number, position: number | null): Promise<{ bytesWritten: number }>;
  truncate(length: number): Promise<void>;
  sync(): Promise<void>;
  datasync(): Promise<void>;
  stat(): Promise<{ size: number }>;
  close(): Promise<void>;
}

/**
 * How the writers here open files: the seam a test replaces with a disk that
 * writes short or fills at a chosen byte, without touching node:fs.
 */
export const writeIo = {
  open: (path: string, flags: string, mode?: number): Promise<WriteHandle> => open(path, flags, mode) as Promise<WriteHandle>,
};

/** Writes all of `data` at `position` (or the file's own position), whatever number of bytes each write takes. */
export async function writeAll(fh: WriteHandle, data: Uint8Array, position: number | null = null): Promise<void> {
  let done = 0;
  while (done < data.length) {
    const { bytesWritten } = await fh.write(data, done, data.length - done, position === null ? null : position + done);
    // No progress and no error: a disk that takes nothing more.
    if (bytesWritten <= 0) throw Object.assign(new Error(`no room for the last ${data.length - done} bytes`), { code: 'ENOSPC' });
    done += bytesWritten;
  }
}

/** Bytes free to this process on the disk holding `path`, or undefined when that cannot be asked. */
export function freeBytes(path: string): number | undefined {
  try {
    const s = statfsSync(path);
    return s.bavail * s.bsize;
  } catch {
    return undefined;
  }
}

/** ENOSPC or EDQUOT as `disk_full` (naming `path`'s folder and the room the write needs), or null for any other error. */
export function diskFull(e: unknown, path?: string, needed?: number): ParleyError | null {
  if (e instanceof ParleyError) return e.code === 'disk_full' ? e : null;
  if (!isNoSpace(e)) return null;
  const err = e as { path?: string; dest?: string };
  const target = path ?? err.dest ?? err.path;
  if (!target) return diskFullError('the workspace', needed);
  const folder = dirname(target);
  return diskFullError(folder, needed, freeBytes(folder));
}

/** A failed save as the error to answer: a ParleyError as it is, a full disk as `disk_full`, anything else as `io` naming the file. */
export function saveError(e: unknown, path: string, needed?: number): ParleyError {
  if (e instanceof ParleyError) return e;
  return diskFull(e, path, needed) ?? new ParleyError('io', `cannot save: ${(e as Error).message}`, path);
}

let counter = 0;

/** Characters of a file given in parts written at once. */
const WRITE_CHUNK = 1 << 20;

/** The bytes of `data`, a part at a time: a file given in parts (a bulk change's record can be hundreds of megabytes) is never joined whole. */
function* chunksOf(data: string | Uint8Array | readonly string[]): Generator<Uint8Array> {
  if (typeof data === 'string') yield Buffer.from(data, 'utf8');
  else if (data instanceof Uint8Array) yield data;
  else {
    // Joined a megabyte or so at a time: one write per part would cost a call for every small file of an import.
    let batch: string[] = [];
    let size = 0;
    for (const part of data) {
      batch.push(part);
      size += part.length;
      if (size < WRITE_CHUNK) continue;
      yield Buffer.from(batch.join(''), 'utf8');
      batch = [];
      size = 0;
    }
    if (batch.length) yield Buffer.from(batch.join(''), 'utf8');
  }
}

function byteLength(data: string | Uint8Array | readonly string[]): number {
  if (typeof data === 'string') return Buffer.byteLength(data, 'utf8');
  if (data instanceof Uint8Array) return data.length;
  return data.reduce((n, part) => n + Buffer.byteLength(part, 'utf8'), 0);
}

export async function writeFileDurable(path: string, data: string | Uint8Array | readonly string[]): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${counter++}.tmp`);
  let fh: WriteHandle;
  try {
    fh = await writeIo.open(tmp, 'w', 0o644);
  } catch (e) {
    throw diskFull(e, path, byteLength(data)) ?? e;
  }
  try {
    for (const chunk of chunksOf(data)) await writeAll(fh, chunk);
    await fh.sync();
  } catch (e) {
    await fh.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw diskFull(e, path, byteLength(data)) ?? e;
  }
  await fh.close();
  try {
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw diskFull(e, path, byteLength(data)) ?? e;
  }
  await syncDir(dir);
}

export async function syncDir(dir: string): Promise<void> {
  // Folders cannot be opened for fsync on Windows; there the rename is already durable enough.
  if (process.platform === 'win32') return;
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
