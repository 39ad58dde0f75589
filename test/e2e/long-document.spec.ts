import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { layerOnDisk } from '../../bench/integrity/disk';
import { SettingsStore } from '../../src/main/settings/settingsFile';
import { makeDocument, Workspace } from '../../src/main/workspace';
import { expect, mark, openDocument, selectText, startServer, stopServer } from './helpers';

/** Long enough (over 300,000 characters) to open with its first screens and receive the rest afterwards. */
const PARAGRAPHS = 3_000;
const LAST = 'The last word went to Kerry, who closed the talks in Geneva.';
const TEXT = [...Array.from({ length: PARAGRAPHS }, (_, i) => `In paragraph ${i} the minister met the envoy in Geneva to discuss the ceasefire and humanitarian access.`), LAST].join('\n\n');

const test = base.extend<{ long: { url: string; workspace: string; annotator: string } }>({
  // eslint-disable-next-line no-empty-pattern
  long: async ({}, use) => {
    const root = await mkdtemp(join(tmpdir(), 'parley-long-'));
    const dir = join(root, 'ws');
    // The server's user folder is fresh, so it works as the default analyst, as this one does.
    const annotator = (await SettingsStore.load(join(root, 'home'))).annotator;
    const ws = await Workspace.create(dir, 'long', [makeDocument('long', 'A long article', TEXT, {}), makeDocument('note', 'A short note', 'Lavrov and Kerry met briefly.', {})]);
    // Every "Geneva" is tagged, the one in the last paragraph too.
    await ws.editLayer(annotator, 'long', (layer) => {
      for (const m of TEXT.matchAll(/Geneva/g)) {
        layer.mentions.push({ id: `g${m.index}`, label: 'GPE', start: m.index, end: m.index + 6, quote: 'Geneva', origin: 'imported', author: annotator, createdAt: '2026-01-01T00:00:00Z' });
      }
      layer.status = 'in_progress';
    });
    ws.close();
    Workspace.release(dir);
    const server = await startServer(dir);
    await use({ url: server.url, workspace: dir, annotator });
    await stopServer(server);
    await rm(root, { recursive: true, force: true, maxRetries: 3 });
  },
});

/** Turns the mouse wheel over the text until the last paragraph is on screen (the text may still be arriving). */
async function wheelToEnd(page: Page): Promise<void> {
  const box = (await page.locator('.reader-scroll').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const last = page.locator('.doc-text p.para').filter({ hasText: 'The last word went to Kerry' });
  for (let i = 0; i < 200 && (await last.count()) === 0; i++) {
    await page.mouse.wheel(0, 50_000);
    await page.waitForTimeout(100);
  }
  await expect(last).toBeInViewport();
}

test('a long article opens with its first screens, and its end, reached with the wheel, shows its mentions and can be tagged and saved', async ({ page, long }) => {
  test.setTimeout(120_000);
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(long.url);
  await openDocument(page, 'A long article');
  await expect(mark(page, 'Geneva').first()).toHaveAttribute('data-label', 'GPE');
  // The whole length is told from the start, while the rest of the text is still arriving.
  await expect(page.locator('.reader-title')).toContainText(`${TEXT.length.toLocaleString('en-US')} characters`);

  await wheelToEnd(page);
  const last = page.locator('.doc-text p.para').filter({ hasText: 'The last word went to Kerry' });
  await expect(last.locator('mark.mention')).toHaveAttribute('data-label', 'GPE');
  await expect(last.locator('mark.mention')).toHaveText('Geneva');
  await expect(page.locator('.reader-title')).toContainText(`${PARAGRAPHS + 1} mentions`);

  // Tagging in the part that arrived after the first screens.
  await selectText(page, 'Kerry');
  await page.keyboard.press('p');
  await expect(mark(page, 'Kerry')).toHaveAttribute('data-label', 'PERSON');
  await expect(page.locator('.reader-title')).toContainText(`${PARAGRAPHS + 2} mentions`);
  await expect(async () => {
    const layer = (await layerOnDisk(long.workspace, long.annotator, 'long'))!;
    const kerry = layer.mentions.find((m) => m.label === 'PERSON');
    expect(kerry && TEXT.slice(kerry.start, kerry.end)).toBe('Kerry');
    expect(layer.mentions).toHaveLength(PARAGRAPHS + 2);
  }).toPass({ timeout: 10_000 });

  // And after a reload, the end of the article shows it again.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('A long article');
  await wheelToEnd(page);
  await expect(mark(page, 'Kerry')).toHaveAttribute('data-label', 'PERSON');
});

test('another document opened while a long one is still arriving is the one shown, and the one a reload opens', async ({ page, long }) => {
  await page.goto(long.url);
  await page.getByRole('option').filter({ hasText: 'A long article' }).click();
  await page.getByRole('option').filter({ hasText: 'A short note' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('A short note');
  await expect(page.locator('.doc-text')).toHaveText('Lavrov and Kerry met briefly.');
  await expect(page.locator('.doc-text')).toHaveAttribute('aria-busy', 'false');
  // Whatever of the long article was still on its way arrives into nothing.
  await page.waitForTimeout(1_000);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('A short note');
  await expect(page.locator('.doc-text')).toHaveText('Lavrov and Kerry met briefly.');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('A short note');
});
