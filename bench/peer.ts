/**
 * A peer in the same run: Label Studio's own frontend (label-studio@1.0.1)
 * opening a generated 200 KB article with 5,000 mentions, beside Parley
 * opening the same article, in the same headless Chromium. Absolute times
 * differ from machine to machine; the ratio is what is held.
 *
 * Parley: a click on the article in the document list until its first
 * screen is painted with highlights (the app already loaded, as the analyst
 * has it). Label Studio: from creating its editor on the task (its script
 * already loaded) until the text is painted with its first highlight, and
 * until every region is drawn.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { serve } from './corpus';
import { article, mentions, writeWorkspace } from './generate';
import { exportedTask, openInLabelStudio } from './labelstudio';

export interface PeerFigures {
  open_200k_first_paint_ms: number;
  peer_ls_open_200k_ms: number;
  peer_ls_all_regions_ms: number;
  peer_ls_ratio: number;
  peer_chars: number;
  peer_mentions: number;
}

const RUNS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Click on the article in the list until its first screen is painted with highlights. */
async function parleyOpen(page: Page, url: string, title: string): Promise<number> {
  await page.goto('about:blank');
  await page.goto(url.replace(/#.*/, '') + '#doc=small');
  await page.getByRole('heading', { level: 1, name: 'A short article' }).waitFor({ timeout: 30_000 });
  return page.evaluate(async (title) => {
    const option = [...document.querySelectorAll<HTMLElement>('.doclist [role="option"]')].find((o) => o.textContent?.includes(title))!;
    const t0 = performance.now();
    option.click();
    await new Promise<void>((resolve) => {
      const check = () => (document.querySelector('h1')?.textContent === title && document.querySelector('.doc-text mark.mention') ? resolve() : requestAnimationFrame(check));
      check();
    });
    return new Promise<number>((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now() - t0), 0)));
  }, title);
}

/** Label Studio on the same article: until the first highlight is painted, and until all regions are. */
async function labelStudioOpen(page: Page, config: string, task: unknown, regions: number): Promise<{ first: number; all: number }> {
  await page.goto('about:blank');
  await openInLabelStudio(page, config, task, 'commit');
  await page.locator('span[class*="htx-highlight"]').first().waitFor({ state: 'attached', timeout: 600_000 });
  const first = await page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now() - (window as unknown as { lsStarted: number }).lsStarted), 0))));
  await page.waitForFunction((n) => document.querySelectorAll('span[class*="htx-highlight"]').length >= n, regions, { timeout: 600_000, polling: 100 });
  const all = await page.evaluate(() => performance.now() - (window as unknown as { lsStarted: number }).lsStarted);
  return { first, all };
}

export async function benchPeer(): Promise<PeerFigures> {
  const root = await mkdtemp(join(tmpdir(), 'parley-bench-peer-'));
  const home = join(root, 'home');
  await mkdir(home, { recursive: true });
  await writeFile(join(home, 'settings.json'), JSON.stringify({ annotator: 'bench', lastDocuments: {} }));
  const text = article(200_000, 5);
  const ms = mentions(text, 5_000, 500, 6);
  const title = 'A 200 KB article';
  await writeWorkspace(join(root, 'ws'), [
    { id: 'small', title: 'A short article', text: article(2_000, 9) },
    { id: 'peer', title, text, mentions: ms },
  ], 'bench');
  // The generated text is ASCII: UTF-16 units (which the 1.0 frontend counts) and code points agree.
  const { config, task } = exportedTask({ document: { id: 'peer', title, text, source: {} }, annotator: 'bench', status: 'done', mentions: ms, frames: [], fields: {} }, { offsets: 'utf16' });

  const server = await serve(join(root, 'ws'), home);
  const executablePath = existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') ? (process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') : undefined;
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript('window.__name = (f) => f');
    const parley: number[] = [];
    for (let i = 0; i < RUNS; i++) parley.push(await parleyOpen(page, server.pageUrl, title));
    const ls: { first: number; all: number }[] = [];
    // One run: it takes minutes.
    for (let i = 0; i < 1; i++) ls.push(await labelStudioOpen(await browser.newPage({ viewport: { width: 1440, height: 900 } }), config, task, ms.length));
    const open_200k_first_paint_ms = Math.round(median(parley));
    const peer_ls_open_200k_ms = Math.round(median(ls.map((x) => x.first)));
    return {
      open_200k_first_paint_ms,
      peer_ls_open_200k_ms,
      peer_ls_all_regions_ms: Math.round(median(ls.map((x) => x.all))),
      peer_ls_ratio: Math.round((peer_ls_open_200k_ms / Math.max(1, open_200k_first_paint_ms)) * 10) / 10,
      peer_chars: text.length,
      peer_mentions: ms.length,
    };
  } finally {
    await browser.close();
    server.stop();
    await rm(root, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('peer.ts')) void benchPeer().then((f) => console.log(f));
