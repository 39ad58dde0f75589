import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { makeDocument, Workspace } from '../../src/main/workspace';
import { expect, startServer, stopServer } from './helpers';

const COUNT = 3_000;

const test = base.extend<{ big: { url: string } }>({
  // eslint-disable-next-line no-empty-pattern
  big: async ({}, use) => {
    const root = await mkdtemp(join(tmpdir(), 'parley-doclist-'));
    const dir = join(root, 'ws');
    const docs = Array.from({ length: COUNT }, (_, i) => makeDocument(`a${String(i).padStart(4, '0')}`, `Article ${i}`, `Text of article ${i}. Lavrov met Kerry.`, { outlet: `Outlet ${i % 7}` }));
    await Workspace.create(dir, 'big list', docs);
    Workspace.release(dir);
    const server = await startServer(dir);
    await use({ url: server.url });
    await stopServer(server);
    await rm(root, { recursive: true, force: true, maxRetries: 3 });
  },
});

test('a list of thousands of documents: only the rows in view are drawn; keys and the wheel scroll it; a document opened and closed leaves it where it was', async ({ page, big }) => {
  await page.goto(big.url);
  const list = page.getByRole('listbox', { name: 'Documents' });
  await expect(list.getByRole('option').first()).toContainText('Article 0');
  await expect(page.locator('.doclist .pane-head')).toContainText(String(COUNT));
  expect(await list.getByRole('option').count()).toBeLessThan(100);

  // Keys: the cursor moves down and the list follows it.
  await list.getByRole('option').first().click();
  await list.focus();
  for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowDown');
  await expect(list.locator('.doc.cursor')).toContainText('Article 30');
  await expect(list.locator('.doc.cursor')).toBeInViewport();

  // The wheel: far down the list, rows are drawn there and the first ones are gone from the page.
  const box = (await list.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 20; i++) await page.mouse.wheel(0, 2_000);
  await expect(list.getByRole('option', { name: /Article 0\b/ })).toHaveCount(0);
  const far = list.getByRole('option').nth(5);
  const title = (await far.locator('.doc-title').textContent())!;
  expect(Number(title.replace('Article ', ''))).toBeGreaterThan(300);
  expect(await list.getByRole('option').count()).toBeLessThan(100);

  // Open it, open another by key, come back: the list is where it was.
  await far.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  const scrolled = await list.evaluate((el) => el.scrollTop);
  await list.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(title);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(list.getByRole('option', { name: title })).toBeInViewport();
  expect(Math.abs((await list.evaluate((el) => el.scrollTop)) - scrolled)).toBeLessThan(200);
});
