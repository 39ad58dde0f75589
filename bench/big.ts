/**
 * Saving on a big layer: time until one new mention is durably on disk on
 * the 1 MB article with 20,000 mentions (the handler returns once the
 * change is appended to the layer's journal and fsynced), against a
 * 3,000-character article with none, in the same workspace.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHandlers } from '../src/main/handlers';
import { Session } from '../src/main/session';
import { SettingsStore } from '../src/main/settings/settingsFile';
import { article, mentions, writeWorkspace } from './generate';

const SAVES = 41;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function benchBigSave(): Promise<{ add_mention_durable_ms_big: number; add_mention_durable_ms_small: number }> {
  const root = await mkdtemp(join(tmpdir(), 'parley-bench-big-'));
  try {
    const big = article(1_000_000);
    const small = article(3_000, 5);
    await writeWorkspace(join(root, 'ws'), [
      { id: 'big', title: 'A 1 MB article', text: big, mentions: mentions(big, 20_000, 2_000) },
      { id: 'small', title: 'A short article', text: small, mentions: mentions(small, 3, 0) },
    ], 'bench');
    const settings = await SettingsStore.load(join(root, 'home'));
    await settings.update((s) => (s.annotator = 'bench'));
    const handlers = createHandlers(await Session.start(join(root, 'ws'), {}, settings));
    execFileSync('sync');
    const times: Record<'big' | 'small', number[]> = { big: [], small: [] };
    for (let i = 0; i < SAVES; i++) {
      for (const [docId, text] of [['big', big], ['small', small]] as const) {
        const w = [...text.slice(i * 40, i * 40 + 40).matchAll(/[A-Za-z]+/g)][1];
        const start = i * 40 + w.index!;
        const mention = { id: `b${i}`, label: 'PERSON', start, end: start + w[0].length, quote: w[0], origin: 'manual' as const, author: 'bench', createdAt: new Date().toISOString() };
        const t0 = performance.now();
        await handlers['annotations.change']({ docId, change: { op: 'addMention', mention } });
        // The first save creates the journal: not what is measured.
        if (i > 0) times[docId].push(performance.now() - t0);
      }
    }
    const round = (x: number) => Math.round(x * 100) / 100;
    return { add_mention_durable_ms_big: round(median(times.big)), add_mention_durable_ms_small: round(median(times.small)) };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('big.ts')) void benchBigSave().then((f) => console.log(f));
