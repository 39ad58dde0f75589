/**
 * Team sync on a 10,000-document shared workspace, through a bare
 * repository in a folder: a sync with nothing to do, and a sync that sends
 * 100 new layers while bringing in and merging 100 of a colleague's.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Mention } from '../src/core/model';
import { join as joinShared, share, sync } from '../src/main/sync/sync';
import { Workspace } from '../src/main/workspace';
import { article, writeWorkspace } from './generate';

const DOCS = 10_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function tagMany(dir: string, annotator: string, ids: string[]): Promise<void> {
  const ws = await Workspace.open(dir);
  for (const id of ids) {
    const text = (await ws.document(id)).text;
    const w = /[A-Za-z]+/.exec(text)!;
    const m: Mention = { id: `${annotator}-1`, label: 'PERSON', start: w.index, end: w.index + w[0].length, quote: w[0], origin: 'manual', author: annotator, createdAt: new Date().toISOString() };
    await ws.editLayer(annotator, id, (layer) => {
      layer.mentions.push(m);
      layer.status = 'in_progress';
    });
  }
  ws.close();
}

export async function benchSync(docs = DOCS): Promise<{ sync_noop_ms: number; sync_100_layers_ms: number; docs: number }> {
  const root = await mkdtemp(join(tmpdir(), 'parley-bench-sync-'));
  try {
    const lead = join(root, 'lead');
    await writeWorkspace(
      lead,
      Array.from({ length: docs }, (_, i) => ({ id: `d${i}`, title: `Document ${i}`, text: article(1_500, i + 1) })),
      'lead',
    );
    const remote = join(root, 'shared.git');
    await share(lead, remote, { author: { name: 'lead' } });
    const ana = join(root, 'ana');
    const ben = join(root, 'ben');
    await joinShared(remote, ana, { annotator: 'ana' });
    await joinShared(remote, ben, { annotator: 'ben' });
    await sync(ana);
    const noop: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await sync(ana);
      noop.push(performance.now() - t0);
    }
    await tagMany(ana, 'ana', Array.from({ length: 100 }, (_, i) => `d${(i * 7) % docs}`));
    await sync(ana);
    await tagMany(ben, 'ben', Array.from({ length: 100 }, (_, i) => `d${(i * 11 + 3) % docs}`));
    const t0 = performance.now();
    const report = await sync(ben);
    const hundred = performance.now() - t0;
    if (report.incoming.layers.length !== 100 || report.outgoing.layers.length !== 100) throw new Error(`sync moved ${report.incoming.layers.length} in and ${report.outgoing.layers.length} out, not 100 each`);
    return { sync_noop_ms: Math.round(median(noop)), sync_100_layers_ms: Math.round(hundred), docs };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('sync.ts')) {
  const docs = Number(process.argv[2] ?? DOCS);
  benchSync(docs).then((r) => process.stdout.write(`${JSON.stringify(r)}\n`));
}
