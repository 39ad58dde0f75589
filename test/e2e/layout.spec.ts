/** Any window from 1024×700 to 2560×1440: readable title, text above the fold, a top bar that stays, panels that fold away. */
import { expect, openDocument, selectText, test } from './helpers';

const KURDS = 'Russia and US fail to agree on Syria and Ukraine';

for (const [width, height] of [
  [1024, 700],
  [2560, 1440],
] as const) {
  test(`at ${width}×${height} the title is readable, the text starts above the fold and the top bar stays`, async ({ app }) => {
    await app.setViewportSize({ width, height });
    await openDocument(app, KURDS);
    const title = app.getByRole('heading', { level: 1 });
    const box = (await title.boundingBox())!;
    const lineHeight = await title.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
    // Two lines at most for this title: no one-word lines.
    expect(box.height).toBeLessThanOrEqual(lineHeight * 2 + 1);
    const firstPara = app.locator('.doc-text p.para').first();
    expect((await firstPara.boundingBox())!.y).toBeLessThan(height * 0.75);
    await app.locator('.reader-scroll').hover();
    await app.mouse.wheel(0, 3000);
    await expect(app.getByRole('navigation', { name: 'Workbench' })).toBeInViewport();
    expect(await app.evaluate(() => document.scrollingElement!.scrollTop)).toBe(0);
  });
}

test('side panels fold away and come back; their widths are kept', async ({ app }) => {
  await app.setViewportSize({ width: 1024, height: 700 });
  await openDocument(app, KURDS);
  const reader = app.getByRole('main', { name: 'Reader' });
  const before = (await reader.boundingBox())!.width;
  // At 1024 px the sidebar starts folded, for want of room beside the list; with the list hidden it has room again.
  await expect(app.getByRole('button', { name: 'Show the sidebar' })).toBeVisible();
  await app.getByRole('button', { name: 'Hide the document list' }).click();
  await app.getByRole('button', { name: 'Hide the sidebar' }).click();
  await expect(app.getByRole('listbox', { name: 'Documents' })).toBeHidden();
  expect((await reader.boundingBox())!.width).toBeGreaterThan(before + 250);
  // A divider can be dragged with the mouse, too.
  await app.getByRole('button', { name: 'Show the sidebar' }).click();
  const handle = app.getByRole('separator', { name: 'Width of the sidebar' });
  const h = (await handle.boundingBox())!;
  await app.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
  await app.mouse.down();
  await app.mouse.move(h.x + h.width / 2 - 100, h.y + h.height / 2, { steps: 4 });
  await app.mouse.up();
  await expect(handle).toHaveAttribute('aria-valuenow', '430');
  await app.reload();
  await expect(app.getByRole('listbox', { name: 'Documents' })).toBeHidden();
  await expect(app.getByRole('separator', { name: 'Width of the sidebar' })).toHaveAttribute('aria-valuenow', '430');
  await app.getByRole('button', { name: 'Show the document list' }).click();
  await expect(app.getByRole('listbox', { name: 'Documents' })).toBeVisible();
});

test('dark theme and text size are chosen in Settings and kept for the user', async ({ app }) => {
  await openDocument(app, KURDS);
  await selectText(app, 'Sergei Lavrov');
  await app.keyboard.press('p');
  // The label tag on a mention is at least 11px.
  const tagSize = await app
    .locator('mark.mention[data-first]')
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el, '::before').fontSize));
  expect(tagSize).toBeGreaterThanOrEqual(11);
  await app.getByRole('button', { name: /Annotator/ }).click();
  const dialog = app.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('Dark').check();
  await dialog.getByLabel('Text size').fill('20');
  await app.keyboard.press('Escape');
  const bg = () => app.evaluate(() => getComputedStyle(document.querySelector('.reader')!).backgroundColor);
  expect(await bg()).toBe('rgb(28, 33, 39)');
  await app.reload();
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(app.locator('.doc-text')).toHaveCSS('font-size', '20px');
});

test('the theme follows the system until one is chosen', async ({ app }) => {
  await app.emulateMedia({ colorScheme: 'dark' });
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
  await app.emulateMedia({ colorScheme: 'light' });
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'light');
});
