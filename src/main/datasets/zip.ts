/**
 * Packs a finished export folder into a zip file. yazl streams each file
 * from disk into the archive, so memory does not grow with the export.
 */
import { createWriteStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { checkCancelled } from './jobs';

/** Every file under `dir`, as sorted relative POSIX paths. */
export async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(join(dir, e.name), rel)));
    else if (e.isFile()) out.push(rel);
  }
  return out;
}

/** Writes `zipPath` holding the files under `dir`; returns how many. */
export async function zipFolder(dir: string, zipPath: string, signal?: AbortSignal): Promise<number> {
  checkCancelled(signal);
  const files = await listFiles(dir);
  const zip = new ZipFile();
  const output = zip.outputStream as Readable;
  // yazl reports a file it cannot read on the ZipFile, not on its stream; pass it on so the pipeline fails.
  zip.on('error', (e: Error) => output.destroy(e));
  for (const rel of files) zip.addFile(join(dir, ...rel.split('/')), rel, { compress: true });
  zip.end();
  // pipeline rejects on a yazl error or an abort, and closes the file either way.
  await pipeline(output, createWriteStream(zipPath, { flags: 'wx' }), { signal });
  return files.length;
}
