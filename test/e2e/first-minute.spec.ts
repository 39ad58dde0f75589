/** The first minute and small windows: focus on load, the first-steps card, waits that show, and a 1024×700 window that fits. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { documentRows, expect, openDocument, phraseEnds, selectText, test } from './helpers';

const KURDS = 'Russia and US fail to agree on Syria and Ukraine';

const card = (page: Page) => page.getByRole('region', { name: 'First steps' });

/** The tops of the visible elements: one row when they all share one. */
async function tops(items: Locator): Promise<number[]> {
  const out: number[] = [];
  for (const el of await items.all()) {
    if (!(await el.isVisible())) continue;
    out.push(Math.round((await el.boundingBox())!.y));
  }
  return out;
}

/** Holds every call of an API method back for `ms` before it reaches the server: a slow machine, as the analyst would meet one. */
async function slow(page: Page, method: string, ms: number): Promise<void> {
  await page.route(`**/api/${method}`, async (route) => {
    await new Promise((r) => setTimeout(r, ms));
    await route.continue();
  });
}

test('focus starts on the document list: j and Enter open a document', async ({ app }) => {
  const list = app.getByRole('listbox', { name: 'Documents' });
  await expect(list).toBeFocused();
  // As a person does: the rows are there to move over before j is pressed.
  await expect(list.getByRole('option').nth(1)).toBeVisible();
  await app.keyboard.press('j');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 1 })).toHaveText(/Lavrov: Russia and USA will not take part/);
});

test('a first-steps card names the analyst and shows the five keys; Esc puts it away for good, F1 brings it back', async ({ app }) => {
  // The name is read once the top bar shows one, as a person reads it.
  await expect(app.getByRole('button', { name: /Annotator\s*\S/ })).toBeVisible();
  const who = (await app.getByRole('button', { name: /Annotator/ }).innerText()).replace(/^Annotator\s*/, '').trim();
  await expect(card(app)).toBeVisible();
  await expect(card(app).getByRole('heading')).toHaveText(`Welcome, ${who}`);
  await expect(card(app)).toContainText(`You are labelling as ${who}`);
  const keys = card(app).getByRole('table', { name: 'The five keys that matter' });
  await expect(keys.getByRole('row')).toHaveCount(5);
  for (const k of ['p', 's', 'a', 'Ctrl+Z', 'F1']) await expect(keys.locator('kbd', { hasText: new RegExp(`^${k.replace('+', '\\+')}$`) }).first()).toBeVisible();
  // The list keeps the keyboard: Esc puts the card away, and it stays away on this workspace.
  await expect(app.getByRole('listbox', { name: 'Documents' })).toBeFocused();
  await app.keyboard.press('Escape');
  await expect(card(app)).toBeHidden();
  await app.reload();
  await expect(documentRows(app).first()).toBeVisible();
  await expect(app.getByText('Choose an article from the list')).toBeVisible();
  await expect(card(app)).toBeHidden();
  // F1 lists the keys, and opens the card again.
  await app.keyboard.press('F1');
  const sheet = app.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await sheet.getByRole('button', { name: /First steps/ }).click();
  const again = app.getByRole('dialog', { name: 'First steps' });
  await expect(again).toContainText(`You are labelling as ${who}`);
  await expect(again.locator('kbd', { hasText: 'Ctrl+Z' })).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(again).toBeHidden();
});

test('the label bar shows the stance and agreement keys, and F1 gives each label a row of its own', async ({ app }) => {
  await openDocument(app, KURDS);
  const frames = app.getByRole('toolbar', { name: 'Frames' });
  await expect(frames.getByRole('button', { name: /Stance/ }).locator('kbd')).toHaveText('s');
  await expect(frames.getByRole('button', { name: /Agreement/ }).locator('kbd')).toHaveText('a');
  await app.keyboard.press('F1');
  const sheet = app.getByRole('dialog', { name: 'Keyboard shortcuts' });
  const labels = ['PERSON', 'ORG', 'GPE', 'LOC', 'DATE', 'EVENT', 'TOPIC'];
  const rows: string[] = [];
  for (const label of labels) {
    const row = sheet.getByRole('row').filter({ hasText: new RegExp(`\\b${label}\\b`) });
    await expect(row.first()).toBeVisible();
    rows.push(await row.first().innerText());
  }
  // One row per label, each saying something of its own.
  expect(new Set(rows).size).toBe(labels.length);
});

test('at 1024×700 the bars keep to one row, the text column is 560 px or more, and a tag never moves the words', async ({ app }) => {
  await app.setViewportSize({ width: 1024, height: 700 });
  await openDocument(app, KURDS);
  const topRow = await tops(app.getByRole('navigation', { name: 'Workbench' }).getByRole('button'));
  expect(topRow.length).toBeGreaterThan(2);
  expect(Math.max(...topRow) - Math.min(...topRow)).toBeLessThanOrEqual(2);
  const labelRow = await tops(app.locator('.label-bar').getByRole('button'));
  expect(labelRow.length).toBeGreaterThan(4);
  expect(Math.max(...labelRow) - Math.min(...labelRow)).toBeLessThanOrEqual(2);
  expect((await app.locator('.doc-text').boundingBox())!.width).toBeGreaterThanOrEqual(560);

  // What does not fit is one click away, and the text selection survives the click.
  await app.getByRole('button', { name: 'More commands' }).click();
  await expect(app.getByRole('menu', { name: 'More commands' }).getByRole('menuitem', { name: /Shortcuts/ })).toBeVisible();
  await app.keyboard.press('Escape');
  await selectText(app, 'Geneva');
  await app.getByRole('button', { name: 'More labels' }).click();
  await app.getByRole('menu', { name: 'More labels' }).getByRole('menuitem', { name: /^EVENT/ }).click();
  await expect(app.locator('.doc-text mark.mention[data-label="EVENT"]')).toHaveText('Geneva');

  // A label's tag is drawn over the text: the words after the mention stay where they were.
  await selectText(app, 'Sergei Lavrov');
  const before = await phraseEnds(app, 'and US Secretary of State', 0, '.doc-text', false);
  await app.keyboard.press('p');
  await expect(app.locator('.doc-text mark.mention[data-label="PERSON"]')).toHaveText('Sergei Lavrov');
  const after = await phraseEnds(app, 'and US Secretary of State', 0, '.doc-text', false);
  for (const i of [0, 1]) {
    expect(after[i].x).toBeCloseTo(before[i].x, 0);
    expect(after[i].y).toBeCloseTo(before[i].y, 0);
  }

  // Both side panes do not fit beside a 560 px column: showing the sidebar folds the document list.
  await app.getByRole('button', { name: 'Show the sidebar' }).click();
  await expect(app.getByRole('tablist')).toBeVisible();
  await expect(app.getByRole('listbox', { name: 'Documents' })).toBeHidden();
  expect((await app.locator('.doc-text').boundingBox())!.width).toBeGreaterThanOrEqual(560);
  await app.getByRole('button', { name: 'Show the document list' }).click();
  await expect(app.getByRole('listbox', { name: 'Documents' })).toBeVisible();
  expect((await app.locator('.doc-text').boundingBox())!.width).toBeGreaterThanOrEqual(560);
});

test('a wait shows: suggestions and an import check say they are working, and Check keeps its label', async ({ app, server }) => {
  await openDocument(app, KURDS);
  // Long enough that a loaded machine still sees the tray between two checks.
  await slow(app, 'suggestions.recommend', 4_000);
  await app.keyboard.press('Alt+s');
  const tray = app.getByLabel('Working');
  await expect(tray).toContainText('Finding suggestions…');
  await expect(tray).not.toContainText('Finding suggestions', { timeout: 15_000 });
  await expect(app.locator('.doc-text mark.suggestion').first()).toBeVisible();

  const file = join(server.workspace, '..', 'wait.txt');
  await writeFile(file, 'Kerry met Lavrov in Geneva.');
  await slow(app, 'datasets.importPlan', 4_000);
  await app.keyboard.press('Escape');
  await app.keyboard.press('Control+i');
  const dialog = app.getByRole('dialog', { name: 'Import' });
  await dialog.getByLabel('Files or folders to import').fill(file);
  await dialog.getByRole('button', { name: 'Check' }).click();
  await expect(dialog.getByRole('status', { name: 'Checking the files…' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Check' })).toBeVisible();
  await expect(tray).toContainText('Checking the files to import…');
  await expect(dialog.getByLabel('What will be imported')).toContainText('new document', { timeout: 15_000 });
  await expect(dialog.getByRole('status', { name: 'Checking the files…' })).toBeHidden();
});

test('screens at 1024×700 and 1920×1080, light and dark', async ({ app }) => {
  const shoot = async (name: string) => {
    for (const theme of ['light', 'dark']) {
      await app.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
      for (const [w, h] of [[1024, 700], [1920, 1080]] as const) {
        await app.setViewportSize({ width: w, height: h });
        await app.screenshot({ path: `/tmp/rw-shot-${name}-${w}-${theme}.png` });
      }
    }
  };
  await shoot('start');
  await openDocument(app, KURDS);
  await selectText(app, 'Sergei Lavrov');
  await app.keyboard.press('p');
  await shoot('doc');
});
