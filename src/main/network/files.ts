/**
 * Writes a network's file(s) as they are produced, part by part, each to a
 * temporary name renamed into place once whole, so a failed write leaves no
 * half file behind.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { dirname, join, resolve } from 'node:path';
import { networkFiles, type Network, type NetworkFormat } from '../../core/network';

async function writeParts(path: string, parts: Iterable<string>): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  // Parts gathered to about a megabyte a write: a wait for the disk per small part costs more than the file.
  const stream = createWriteStream(tmp, { highWaterMark: 4 << 20 });
  try {
    let batch = '';
    for (const part of parts) {
      batch += part;
      if (batch.length < 1 << 20) continue;
      const ok = stream.write(batch);
      batch = '';
      if (!ok) await once(stream, 'drain');
    }
    stream.end(batch);
    await once(stream, 'finish');
    await rename(tmp, path);
  } catch (e) {
    stream.destroy();
    await rm(tmp, { force: true });
    throw e;
  }
}

/** The paths written: one file, or for CSV nodes.csv and edges.csv in the folder `out`. */
export async function writeNetwork(format: NetworkFormat, net: Network, out: string): Promise<string[]> {
  const target = resolve(out);
  const files = networkFiles(format, net);
  const written: string[] = [];
  if (format === 'csv') await mkdir(target, { recursive: true });
  else await mkdir(dirname(target), { recursive: true });
  for (const f of files) {
    const path = f.suffix ? join(target, `${f.suffix}.csv`) : target;
    await writeParts(path, f.parts);
    written.push(path);
  }
  return written;
}
