/**
 * Atomic, durable file replacement: write a temp file beside the target,
 * fsync it, rename it over the target, then fsync the folder so the rename
 * itself survives a power cut. A reader sees the old file or the new one,
 * never a torn one. (steno, lowdb's own writer, renames but never fsyncs.)
 */
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

let counter = 0;

/** Characters of a file given in parts written at once. */
const WRITE_CHUNK = 1 << 20;

/** `data` in parts is written part by part, never joined: a bulk change's record can be hundreds of megabytes. */
export async function writeFileDurable(path: string, data: string | Uint8Array | readonly string[]): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${counter++}.tmp`);
  const fh = await open(tmp, 'w', 0o644);
  try {
    if (typeof data === 'string' || data instanceof Uint8Array) await fh.writeFile(data);
    else {
      // Joined a megabyte or so at a time: one write per part would cost a call for every small file of an import.
      let batch: string[] = [];
      let size = 0;
      for (const part of data) {
        batch.push(part);
        size += part.length;
        if (size < WRITE_CHUNK) continue;
        await fh.writeFile(batch.join(''));
        batch = [];
        size = 0;
      }
      if (batch.length) await fh.writeFile(batch.join(''));
    }
    await fh.sync();
  } catch (e) {
    await fh.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw e;
  }
  await fh.close();
  try {
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
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
