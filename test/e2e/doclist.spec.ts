import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { makeDocument, Workspace } from '../../src/main/workspace';
import { expect, openDocument as openDocumentRow, selectText, startServer, stopServer, test as withApp, writeColleagueLayer } from './helpers';

const COUNT = 3_000;

const test = base.extend<{ big: { url: string } }>({
  // eslint-disable-next-line no-empty-pattern
  big: async ({}, use) => {
    const root = await mkdtemp(join(tmpdir(), 'parley-doclist-'));
    const dir = join(root, 'ws');
    const docs = Array.from({ length: COUNT }, (_, i) => makeDocument(`a${String(i).padStart(4, '0')}`, `Article ${i}`, `Text of article ${i}. Lavrov met Kerry.`, { outlet: `Outlet ${i % 7}` }));
    await Workspace.create(dir, 'big list', docs);
    Workspace.release(dir);
    // Two colleagues labelled article 5 differently; one of them also article 6.
    await writeColleagueLayer(dir, 'a0005', 'ben', [['b1', 'Lavrov', 'PERSON']]);
    await writeColleagueLayer(dir, 'a0005', 'cy', [['c1', 'Kerry', 'PERSON']]);
    await writeColleagueLayer(dir, 'a0006', 'ben', [['b2', 'Kerry', 'PERSON']]);
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
  await expect(page.locator('.doclist .pane-head')).toContainText(COUNT.toLocaleString('en-US'));
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
  // The list has come to rest (its rows are drawn as it scrolls) before a row is read and clicked, as a person waits.
  let rest = -1;
  await expect.poll(async () => {
    const top = await list.evaluate((el) => el.scrollTop);
    const still = top === rest;
    rest = top;
    return still;
  }).toBe(true);
  const title = (await list.getByRole('option').nth(5).locator('.doc-title').textContent())!;
  const far = list.getByRole('option', { name: new RegExp(`^${title}\\b`) });
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

test('the list sorts and filters in main; the filter and the place stay while documents are opened, and after a reload', async ({ page, big }) => {
  await page.goto(big.url);
  const list = page.getByRole('listbox', { name: 'Documents' });
  const count = page.locator('.doclist .pane-head');
  await expect(list.getByRole('option').first()).toContainText('Article 0');

  // Ctrl+Shift+L goes to the filter; every word typed must be in the title or the outlet.
  await page.keyboard.press('Control+Shift+L');
  await expect(page.getByLabel('Filter documents by title or outlet')).toBeFocused();
  await page.keyboard.type('article 29');
  const matching = Array.from({ length: 3_000 }, (_, i) => i).filter((i) => String(i).includes('29'));
  await expect(count).toContainText(`${matching.length} of 3,000`);
  await expect(list.getByRole('option').first()).toContainText('Article 29');

  // By title, descending: numbers in titles sort as numbers.
  await page.getByLabel('Sort documents by').selectOption('title');
  await page.getByRole('button', { name: 'Descending order' }).click();
  await expect(list.getByRole('option').first()).toHaveText(/^Article 2999/);

  // Open the last one by key, then the first: the filter and the sort stay.
  await page.keyboard.press('Control+1');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Article 29');
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Article 2999');
  await expect(page.getByLabel('Filter documents by title or outlet')).toHaveValue('article 29');
  await expect(count).toContainText(`${matching.length} of 3,000`);

  // Tag a mention: with the status filter on "In progress", only that document is left.
  await selectText(page, 'Lavrov');
  await page.keyboard.press('p');
  await expect(page.locator('.doc-text mark.mention')).toHaveCount(1);
  await page.getByRole('button', { name: 'Filters' }).click();
  await page.getByLabel('Filter by status').selectOption('in_progress');
  await expect(count).toContainText('1 of 3,000');
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(list.getByRole('option')).toContainText('1 mention');

  // A reload keeps the view and comes back to the open document.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Article 2999');
  await expect(page.getByLabel('Filter documents by title or outlet')).toHaveValue('article 29');
  await expect(page.getByLabel('Sort documents by')).toHaveValue('title');
  await expect(page.getByRole('button', { name: 'Descending order' })).toHaveAttribute('aria-pressed', 'true');
  await expect(count).toContainText('1 of 3,000');

  // Nothing matches: one button brings every document back.
  await page.getByLabel('Filter documents by title or outlet').fill('');
  await page.keyboard.type('zzz');
  await expect(page.getByText('No document matches.')).toBeVisible();
  await page.getByRole('button', { name: 'Show every document' }).click();
  await expect(count).toHaveText(/Documents\s*3,000$/);
  await expect(page.getByLabel('Filter documents by title or outlet')).toHaveValue('');

  // Colleagues' work: labelled by ben, and the documents review has left undecided, most first.
  await page.getByRole('button', { name: 'Filters' }).click();
  await page.getByLabel('Filter by colleague').selectOption('ben');
  await expect(list.getByRole('option').locator('.doc-title')).toHaveText(['Article 5', 'Article 6']);
  await expect(list.getByRole('option').first()).toContainText('ben: done, cy: done');
  await page.getByLabel('Filter by colleague').selectOption('');
  await page.getByLabel('With undecided review items').check();
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(list.getByRole('option')).toContainText('Article 5');
  await expect(list.getByRole('option')).toContainText('2 undecided');
});

withApp('a filter chosen while a label is still being saved counts that label once the save is in', async ({ app }) => {
  // A slow save, as on a loaded machine: the filter is chosen before main has the new mention.
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  await app.route('**/api/annotations.change', async (route) => {
    await held;
    await route.continue();
  });
  await openDocumentRow(app, 'fail to agree');
  await selectText(app, 'Lavrov');
  await app.keyboard.press('p');
  await expect(app.locator('.doc-text mark.mention.unsaved')).toHaveCount(1);
  await app.getByRole('button', { name: 'Filters' }).click();
  await app.getByLabel('Filter by status').selectOption('in_progress');
  release();
  await expect(app.locator('.doc-text mark.mention.unsaved')).toHaveCount(0);
  const list = app.getByRole('listbox', { name: 'Documents' });
  await expect(app.locator('.doclist .pane-head')).toContainText('1 of 5');
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(list.getByRole('option')).toContainText('fail to agree');
});
