/**
 * Layer journals against their layers: a journal holds the edits saved since
 * its layer file was last written whole, replayed on top of that file. One
 * whose layer file is gone cannot be replayed (its steps are splices of the
 * missing file), so the document opens without those labels: damage the
 * layer check cannot see, since it looks for layer files.
 */
import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from '../../core/api/workspace';
import { completeLines } from '../store/journal';
import { readIfPresent } from './problem';

export async function checkLayerJournals(root: string, pending: ReadonlySet<string>): Promise<Problem[]> {
  const out: Problem[] = [];
  let annotators: string[];
  try {
    annotators = (await readdir(join(root, 'annotations'), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch {
    return out;
  }
  for (const annotator of annotators) {
    const dir = join(root, 'annotations', annotator);
    for (const name of (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.journal') && !n.startsWith('.')).sort()) {
      const docId = name.slice(0, -'.journal'.length);
      const layerRel = `annotations/${annotator}/${docId}.json`;
      if (existsSync(join(dir, `${docId}.json`)) || pending.has(layerRel)) continue;
      const path = join(dir, name);
      const text = await readIfPresent(path, (p) => readFile(p, 'utf8')).catch(() => '');
      const steps = completeLines(text ?? '').lines.length;
      const mentions = (text ?? '').includes('"mentions"') ? ', mentions among them' : '';
      out.push({
        file: path,
        message: `holds ${steps} saved change${steps === 1 ? '' : 's'} of ${annotator}'s layer on ${docId}${mentions}, but the layer file ${docId}.json is missing, so the document opens without them. Put the layer back from a backup or a snapshot (parley restore --list); the journal is kept as it is.`,
      });
    }
  }
  return out;
}
