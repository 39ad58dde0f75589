/**
 * Where an export's files go. Writers hand over chunks per document; they are
 * appended to their files through a few open handles and small buffers, so
 * memory stays flat however large the corpus. The files are written into a
 * hidden temp folder beside the destination and moved into place only when
 * everything is written: a failed or cancelled export leaves nothing, and an
 * existing file or folder is never overwritten.
 */
import { randomBytes } from 'node:crypto';
import { close as closeCb, open as openCb, writeFile as writeFileCb } from 'node:fs';
import { link, mkdir, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ParleyError } from '../../core/errors';
import type { FileChunk } from '../../core/formats/types';

// Plain file descriptors, not fs/promises FileHandles: creating thousands of small files (brat) through FileHandles costs several times the system time.
const openFd = promisify(openCb);
const closeFd = promisify(closeCb);
/** With a descriptor, writeFile appends at the current position and retries short writes. */
const writeFd = promisify(writeFileCb) as (fd: number, data: string) => Promise<void>;

/** Open handles kept at once; brat writes three files per document, so older ones are closed as new ones come. */
const MAX_OPEN = 16;
/** Files being finished (written out and closed) in the background at once: creating small files one by one is slow. */
const MAX_CLOSING = 16;
/** Bytes (roughly: UTF-16 units) buffered per file before they are written out. */
const FLUSH_AT = 64 * 1024;

interface OpenFile {
  fd: number | null;
  pending: string[];
  size: number;
}

/**
 * Writes chunks under one folder, appending chunks with the same path in
 * order. A file that has not had a chunk for a while is finished in the
 * background while later documents are written; if a chunk comes for it
 * again, it is reopened for appending once that is done.
 */
export class OutputFiles {
  private readonly open = new Map<string, OpenFile>();
  private readonly closing = new Map<string, Promise<void>>();
  private readonly paths = new Set<string>();
  private readonly created = new Set<string>();
  private readonly folders = new Set<string>();
  private failure: unknown = null;

  constructor(private readonly root: string) {}

  /** Files written (or started) so far. */
  get count(): number {
    return this.paths.size;
  }

  async write(chunks: readonly FileChunk[]): Promise<void> {
    for (const c of chunks) {
      if (this.failure) throw this.failure;
      this.paths.add(c.path);
      let file = this.open.get(c.path);
      if (file) this.open.delete(c.path);
      else file = { fd: null, pending: [], size: 0 };
      this.open.set(c.path, file);
      if (c.data) {
        file.pending.push(c.data);
        file.size += c.data.length;
      }
      if (file.size >= FLUSH_AT) await this.flush(c.path, file);
      if (this.open.size > MAX_OPEN) {
        const [oldest, f] = this.open.entries().next().value as [string, OpenFile];
        this.open.delete(oldest);
        await this.finishLater(oldest, f);
      }
    }
  }

  /** Writes out every buffer and closes every file. */
  async close(): Promise<void> {
    const files = [...this.open];
    this.open.clear();
    for (const [path, f] of files) await this.finishLater(path, f);
    await Promise.all(this.closing.values());
    if (this.failure) throw this.failure;
  }

  /** Closes handles without writing more: for an export that failed or was cancelled. */
  async abandon(): Promise<void> {
    const files = [...this.open.values()];
    this.open.clear();
    await Promise.all([...this.closing.values()].map((p) => p.catch(() => undefined)));
    await Promise.all(files.map((f) => (f.fd === null ? undefined : closeFd(f.fd).catch(() => undefined))));
  }

  private async finishLater(path: string, f: OpenFile): Promise<void> {
    if (this.closing.size >= MAX_CLOSING) await Promise.race(this.closing.values());
    const done = (async () => {
      await this.flush(path, f);
      if (f.fd !== null) await closeFd(f.fd);
      f.fd = null;
    })().then(
      () => {
        if (this.closing.get(path) === done) this.closing.delete(path);
      },
      (e: unknown) => {
        if (this.closing.get(path) === done) this.closing.delete(path);
        this.failure ??= e;
      },
    );
    this.closing.set(path, done);
  }

  private async flush(path: string, f: OpenFile): Promise<void> {
    if (f.fd === null) {
      // The same file may still be finishing from an earlier round; appending must wait for it.
      await this.closing.get(path);
      const full = this.resolve(path);
      const dir = dirname(full);
      if (!this.folders.has(dir)) {
        await mkdir(dir, { recursive: true });
        this.folders.add(dir);
      }
      f.fd = await openFd(full, this.created.has(path) ? 'a' : 'wx');
      this.created.add(path);
    }
    if (f.pending.length === 0) return;
    const data = f.pending.length === 1 ? f.pending[0] : f.pending.join('');
    f.pending = [];
    f.size = 0;
    await writeFd(f.fd, data);
  }

  /** Writers name files with relative POSIX paths; anything that would leave the folder is a bug, not user data. */
  private resolve(path: string): string {
    if (path === '' || path.startsWith('/') || path.split('/').some((p) => p === '..' || p === '') || /^[A-Za-z]:/.test(path) || path.includes('\\')) {
      throw new ParleyError('internal', `a format asked to write ${JSON.stringify(path)}, which is not a relative path inside the export`);
    }
    return join(this.root, ...path.split('/'));
  }
}

/** True when `out` exists and is anything but an empty folder: export refuses to write there. */
export async function outIsTaken(out: string): Promise<boolean> {
  let info;
  try {
    info = await stat(out);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
  if (!info.isDirectory()) return true;
  return (await readdir(out)).length > 0;
}

export function isZipPath(out: string): boolean {
  return /\.zip$/i.test(out);
}

function taken(out: string): ParleyError {
  return new ParleyError('conflict', `${out} already exists and is not an empty folder; Parley never overwrites an export. Choose a new name, or move the old one away first.`, out);
}

/** Checks the destination and makes the temp folder beside it. */
export async function prepareOut(outPath: string): Promise<{ out: string; temp: string }> {
  const out = resolve(outPath);
  const parent = dirname(out);
  try {
    if (!(await stat(parent)).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new ParleyError('not_found', `the folder ${parent} does not exist; create it first or choose another place for the export`, parent);
  }
  if (await outIsTaken(out)) throw taken(out);
  // Not mkdtemp: its folder is private (0700), and this one becomes the export as it is.
  const temp = join(parent, `.${basename(out)}.parley-${randomBytes(6).toString('hex')}`);
  await mkdir(temp);
  return { out, temp };
}

/**
 * Moves the finished export into place without overwriting anything: a
 * folder by rename (which fails on a non-empty folder), a zip by hard link
 * (which fails when the name exists). Both are atomic: the export appears
 * whole or not at all.
 */
export async function placeOut(finished: string, out: string, kind: 'folder' | 'file'): Promise<void> {
  if (await outIsTaken(out)) throw taken(out);
  try {
    if (kind === 'folder') {
      // An empty folder may stand where the export goes; rename replaces it on POSIX, but not on Windows.
      if (process.platform === 'win32') await rmdir(out).catch(() => undefined);
      await rename(finished, out);
    } else {
      await rmdir(out).catch(() => undefined);
      await linkOrRename(finished, out);
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTEMPTY' || code === 'ENOTDIR' || code === 'EISDIR') throw taken(out);
    throw new ParleyError('io', `cannot move the export into place: ${(e as Error).message}`, out);
  }
}

async function linkOrRename(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // Some file systems (FAT, some network shares) have no hard links; the check above has to do.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw e;
    await rename(from, to);
    return;
  }
  await rm(from, { force: true });
}

export async function removeQuietly(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true }).catch(() => undefined);
}
