/**
 * Reader speed in headless Chromium through the browser host, on a 1 MB
 * article with 20,000 mentions of which 2,000 overlap others.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { article, mentions, writeWorkspace } from './generate';

export interface ReaderFigures {
  open_first_paint_ms: number;
  open_interactive_ms: number;
  open_10mb_first_paint_ms: number;
  add_mention_paint_ms: number;
  article_chars: number;
  article_mentions: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export async function benchReader(): Promise<ReaderFigures> {
  const root = await mkdtemp(join(tmpdir(), 'parley-bench-reader-'));
  const home = join(root, 'home');
  await mkdir(home, { recursive: true });
  await writeFile(join(home, 'settings.json'), JSON.stringify({ annotator: 'bench', lastDocuments: {} }));
  const text = article(1_000_000);
  const ms = mentions(text, 20_000, 2_000);
  const huge = article(10_000_000, 3);
  await writeWorkspace(join(root, 'ws'), [
    { id: 'small', title: 'A short article', text: article(2_000, 9) },
    { id: 'big', title: 'A 1 MB article', text, mentions: ms },
    { id: 'huge', title: 'A 10 MB article', text: huge, mentions: mentions(huge, 20_000, 2_000, 4) },
  ], 'bench');

  const server = spawn(process.execPath, ['bin/parley.js', 'serve', '--workspace', join(root, 'ws')], { env: { ...process.env, PARLEY_HOME: home }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[a-f0-9]+)/.exec(out);
      if (m) resolve(m[1]);
    });
    server.on('exit', (c) => reject(new Error(`server exited ${c}`)));
  });
  const executablePath = existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') ? (process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') : undefined;
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // tsx names functions with a helper that does not exist inside the page.
    await page.addInitScript('window.__name = (f) => f');
    page.on('pageerror', (e) => process.stderr.write(`page error: ${e.message}\n`));
    page.on('console', (m) => m.type() === 'error' && !m.text().includes('frame-ancestors') && process.stderr.write(`page console: ${m.text()}\n`));
    const firstPaints: number[] = [];
    const interactives: number[] = [];
    for (let run = 0; run < 5; run++) {
      await page.goto('about:blank');
      await page.goto(url.replace(/#.*/, '') + '#doc=small');
      await page.getByRole('heading', { level: 1, name: 'A short article' }).waitFor({ timeout: 10_000 }).catch(async (e) => {
        await page.screenshot({ path: '/tmp/bench-fail.png' });
        throw e;
      });
      const t = await page.evaluate(async () => {
        const nextPaint = () => new Promise<number>((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0)));
        const option = [...document.querySelectorAll<HTMLElement>('[role="option"]')].find((o) => o.textContent?.includes('A 1 MB article'))!;
        const t0 = performance.now();
        option.click();
        // First screen: the big article's first paragraphs with their highlights.
        await new Promise<void>((resolve) => {
          const check = () => {
            const h = document.querySelector('h1')?.textContent;
            if (h === 'A 1 MB article' && document.querySelector('.doc-text mark.mention')) resolve();
            else requestAnimationFrame(check);
          };
          const mo = new MutationObserver(() => {
            if (document.querySelector('h1')?.textContent === 'A 1 MB article' && document.querySelector('.doc-text mark.mention')) {
              mo.disconnect();
              resolve();
            }
          });
          mo.observe(document.body, { childList: true, subtree: true, characterData: true });
          check();
        });
        const firstPaint = (await nextPaint()) - t0;
        // Interactive: the whole text and every mention have arrived; jump to the very end, and the last paragraph is drawn with its highlights, ready to tag.
        await new Promise<void>((resolve) => {
          const check = () => (document.querySelector('.doc-text')?.getAttribute('aria-busy') === 'false' ? resolve() : requestAnimationFrame(check));
          check();
        });
        const scroller = document.querySelector<HTMLElement>('.reader-scroll')!;
        scroller.scrollTop = scroller.scrollHeight;
        const chunks = document.querySelectorAll('.chunk');
        const last = chunks[chunks.length - 1];
        await new Promise<void>((resolve) => {
          const check = () => (last.querySelector('mark.mention') ? resolve() : requestAnimationFrame(check));
          check();
        });
        const interactive = (await nextPaint()) - t0;
        return { firstPaint, interactive };
      });
      firstPaints.push(t.firstPaint);
      interactives.push(t.interactive);
    }

    // Adding a mention: key press to the new highlight painted, 20 times on words not yet tagged.
    await page.evaluate(() => {
      document.querySelector<HTMLElement>('.reader-scroll')!.scrollTop = 0;
    });
    await page.waitForTimeout(300);
    const adds: number[] = [];
    for (let i = 0; i < 20; i++) {
      const ms = await page.evaluate(async (i) => {
        const spans = [...document.querySelectorAll<HTMLElement>('.doc-text p.para > span[data-start]')].filter((s) => (s.textContent ?? '').length > 30);
        const span = spans[(i * 7) % spans.length];
        const text = span.firstChild as Text;
        const m = /[A-Za-z]{4,}/.exec(text.data.slice(2));
        const at = (m?.index ?? 0) + 2;
        const range = document.createRange();
        range.setStart(text, at);
        range.setEnd(text, at + (m?.[0].length ?? 3));
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(range);
        const before = document.querySelectorAll('.doc-text mark.mention').length;
        const t0 = performance.now();
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'p', bubbles: true }));
        if (document.querySelectorAll('.doc-text mark.mention').length <= before) throw new Error('no highlight was added');
        await new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return performance.now() - t0;
      }, i);
      adds.push(ms);
      await page.waitForTimeout(50);
    }
    // The 10 MB article with 20,000 mentions: click in the list to its first screen painted with highlights.
    const hugePaints: number[] = [];
    for (let run = 0; run < 3; run++) {
      await page.goto('about:blank');
      await page.goto(url.replace(/#.*/, '') + '#doc=small');
      await page.getByRole('heading', { level: 1, name: 'A short article' }).waitFor({ timeout: 10_000 });
      hugePaints.push(
        await page.evaluate(async () => {
          const option = [...document.querySelectorAll<HTMLElement>('[role="option"]')].find((o) => o.textContent?.includes('A 10 MB article'))!;
          const t0 = performance.now();
          option.click();
          await new Promise<void>((resolve) => {
            const check = () => (document.querySelector('h1')?.textContent === 'A 10 MB article' && document.querySelector('.doc-text mark.mention') ? resolve() : requestAnimationFrame(check));
            check();
          });
          return new Promise<number>((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now() - t0), 0)));
        }),
      );
    }

    return {
      open_first_paint_ms: Math.round(median(firstPaints)),
      open_interactive_ms: Math.round(median(interactives)),
      open_10mb_first_paint_ms: Math.round(median(hugePaints)),
      add_mention_paint_ms: Math.round(median(adds) * 10) / 10,
      article_chars: text.length,
      article_mentions: ms.length,
    };
  } finally {
    await browser.close();
    // It settles the layer's journal as it exits: the folder goes once it is gone.
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    await rm(root, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('reader.ts')) void benchReader().then((f) => console.log(f));
