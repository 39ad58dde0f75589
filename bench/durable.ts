/**
 * Time until one new mention is durably on disk, in a workspace of 10 and of
 * 10,000 documents: the handler returns only after the layer file is
 * written, fsynced and renamed into place, and its folder fsynced.
 *
 * Both workspaces are generated first and flushed to disk (`sync`), so the
 * first saves do not pay for writing out the generated files; then saves
 * alternate between the two, so drift in the disk's speed falls on both alike.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Handlers } from '../src/core/api/contract';
import { createHandlers } from '../src/main/handlers';
import { Session } from '../src/main/session';
import { SettingsStore } from '../src/main/settings/settingsFile';
import { article, writeWorkspace } from './generate';

const SAVES = 61;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

interface Bench {
  handlers: Handlers;
  target: string;
  words: RegExpMatchArray[];
  times: number[];
}

async function workspaceOf(root: string, docCount: number, text: string): Promise<Bench> {
  const dir = join(root, `ws${docCount}`);
  await writeWorkspace(dir, Array.from({ length: docCount }, (_, i) => ({ id: `d${i}`, title: `Document ${i}`, text })), 'bench');
  const settings = await SettingsStore.load(join(root, `home${docCount}`));
  await settings.update((s) => (s.annotator = 'bench'));
  const handlers = createHandlers(await Session.start(dir, {}, settings));
  const target = `d${Math.floor(docCount / 2)}`;
  await handlers['documents.open']({ docId: target });
  return { handlers, target, words: [...text.matchAll(/[A-Za-z]+/g)], times: [] };
}

async function save(b: Bench, i: number): Promise<void> {
  const w = b.words[i * 3];
  const mention = { id: `m${i}`, label: 'PERSON', start: w.index!, end: w.index! + w[0].length, quote: w[0], origin: 'manual' as const, author: 'bench', createdAt: new Date().toISOString() };
  const t0 = performance.now();
  await b.handlers['annotations.change']({ docId: b.target, change: { op: 'addMention', mention } });
  // The first save creates the annotator's folder: not what is measured.
  if (i > 0) b.times.push(performance.now() - t0);
}

export async function benchDurable(): Promise<{ add_mention_durable_ms_10: number; add_mention_durable_ms_10000: number }> {
  const root = await mkdtemp(join(tmpdir(), 'parley-bench-durable-'));
  try {
    const text = article(3_000, 5);
    const small = await workspaceOf(root, 10, text);
    const large = await workspaceOf(root, 10_000, text);
    execFileSync('sync');
    for (let i = 0; i < SAVES; i++) {
      await save(small, i);
      await save(large, i);
    }
    const round = (x: number) => Math.round(x * 100) / 100;
    return { add_mention_durable_ms_10: round(median(small.times)), add_mention_durable_ms_10000: round(median(large.times)) };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
