/**
 * Time until one new mention is durably on disk, in a workspace of 10 and of
 * 10,000 documents: the handler returns only after the layer file is
 * written, fsynced and renamed into place.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHandlers } from '../src/main/handlers';
import { Session } from '../src/main/session';
import { SettingsStore } from '../src/main/settings';
import { article, writeWorkspace } from './generate';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function durableAdd(docCount: number): Promise<number> {
  const root = await mkdtemp(join(tmpdir(), 'parley-bench-durable-'));
  try {
    const text = article(3_000, 5);
    const docs = Array.from({ length: docCount }, (_, i) => ({ id: `d${i}`, title: `Document ${i}`, text }));
    await writeWorkspace(join(root, 'ws'), docs, 'bench');
    const settings = await SettingsStore.load(join(root, 'home'));
    await settings.update((s) => (s.annotator = 'bench'));
    const handlers = createHandlers(await Session.start(join(root, 'ws'), {}, settings));
    const target = `d${Math.floor(docCount / 2)}`;
    await handlers['documents.open']({ docId: target });
    const words = [...text.matchAll(/[A-Za-z]+/g)];
    const times: number[] = [];
    for (let i = 0; i < 41; i++) {
      const w = words[i * 3];
      const mention = { id: `m${i}`, label: 'PERSON', start: w.index, end: w.index + w[0].length, quote: w[0], origin: 'manual' as const, author: 'bench', createdAt: new Date().toISOString() };
      const t0 = performance.now();
      await handlers['annotations.change']({ docId: target, change: { op: 'addMention', mention } });
      if (i > 0) times.push(performance.now() - t0);
    }
    return median(times);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

export async function benchDurable(): Promise<{ add_mention_durable_ms_10: number; add_mention_durable_ms_10000: number }> {
  const small = await durableAdd(10);
  const large = await durableAdd(10_000);
  return { add_mention_durable_ms_10: Math.round(small * 100) / 100, add_mention_durable_ms_10000: Math.round(large * 100) / 100 };
}
