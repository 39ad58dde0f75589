/**
 * A list of recent changes one key away: every change saved from the window,
 * newest first, each with Undo, which undoes that change and no other.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, mark, openDocument, selectText, test } from './helpers';

/** The rows of the list of recent changes, newest first. */
const recentItems = (app: Page) => app.getByRole('dialog', { name: 'Recent changes' }).getByRole('list', { name: 'Recent changes, newest first' }).getByRole('listitem');

test('Ctrl+Shift+H lists the changes made, and Undo on an older one undoes that one only', async ({ app }) => {
  await openDocument(app, 'Russia and US fail to agree on Syria and Ukraine');
  await selectText(app, 'Russia');
  await app.keyboard.press('g');
  await selectText(app, 'Syria');
  await app.keyboard.press('g');
  // Relabel the selected Syria, then tag Ukraine.
  await expect(mark(app, 'Syria')).not.toHaveClass(/unsaved/);
  await app.keyboard.press('l');
  await expect(mark(app, 'Syria')).toHaveAttribute('data-label', 'LOC');
  await selectText(app, 'Ukraine');
  await app.keyboard.press('g');
  await expect(mark(app, 'Ukraine')).not.toHaveClass(/unsaved/);

  await app.keyboard.press('Control+Shift+H');
  const items = recentItems(app);
  await expect(items).toHaveCount(4);
  await expect(items.nth(0)).toContainText('add GPE “Ukraine”');
  await expect(items.nth(1)).toContainText('relabel GPE → LOC “Syria”');
  await expect(items.nth(3)).toContainText('add GPE “Russia”');
  await expect(items.nth(3)).toContainText('in Russia and US fail to agree');

  // The oldest: Russia goes, the later changes stay.
  await items.nth(3).getByRole('button', { name: 'Undo add GPE “Russia”' }).click();
  await expect(mark(app, 'Russia')).toHaveCount(0);
  await expect(mark(app, 'Syria')).toHaveAttribute('data-label', 'LOC');
  await expect(mark(app, 'Ukraine')).toHaveCount(1);

  await app.keyboard.press('Control+Shift+H');
  await expect(items).toHaveCount(5);
  await expect(items.nth(0)).toContainText('delete GPE “Russia”');
  await expect(items.nth(4)).toContainText('undone');
  if (process.env.PARLEY_SHOTS) {
    for (const [w, h] of [
      [1024, 700],
      [1920, 1080],
    ]) {
      for (const scheme of ['light', 'dark'] as const) {
        await app.setViewportSize({ width: w, height: h });
        await app.emulateMedia({ colorScheme: scheme });
        await app.screenshot({ path: `${process.env.PARLEY_SHOTS}/recent-${w}-${scheme}.png` });
      }
    }
    await app.setViewportSize({ width: 1280, height: 720 });
  }
  // Another older one: undone by saving its inverse, the later changes kept.
  await items.nth(2).getByRole('button', { name: 'Undo relabel GPE → LOC “Syria”' }).click();
  await expect(mark(app, 'Syria')).toHaveAttribute('data-label', 'GPE');
  await expect(mark(app, 'Ukraine')).toHaveCount(1);

  // F1 names the key.
  await app.keyboard.press('F1');
  await expect(app.getByRole('dialog', { name: /shortcuts/i })).toContainText('Recent changes');
});

test('the list of recent changes outlives a reload of the window, and its Undo still works', async ({ app, server }) => {
  await openDocument(app, 'Russia and US fail to agree on Syria and Ukraine');
  for (const name of ['Russia', 'Syria', 'Ukraine']) {
    await selectText(app, name);
    await app.keyboard.press('g');
  }
  await expect(mark(app, 'Ukraine')).not.toHaveClass(/unsaved/);

  await app.reload();
  await expect(app.getByRole('heading', { level: 1 })).toContainText('Russia and US fail to agree');
  await expect(mark(app, 'Ukraine')).toHaveCount(1);
  await app.keyboard.press('Control+Shift+H');
  const items = recentItems(app);
  await expect(items).toHaveCount(3);
  await expect(items.nth(0)).toContainText('add GPE “Ukraine”');
  await expect(items.nth(2)).toContainText('add GPE “Russia”');

  // The newest goes back through the layer's undo history, which the reload kept too.
  await items.nth(0).getByRole('button', { name: 'Undo add GPE “Ukraine”' }).click();
  await expect(mark(app, 'Ukraine')).toHaveCount(0);
  await expect(mark(app, 'Syria')).toHaveCount(1);
  // An older one by saving its inverse.
  await app.keyboard.press('Control+Shift+H');
  await items.filter({ hasText: 'add GPE “Russia”' }).getByRole('button', { name: 'Undo add GPE “Russia”' }).click();
  await expect(mark(app, 'Russia')).toHaveCount(0);
  await expect(mark(app, 'Syria')).toHaveCount(1);

  // What was undone is listed as undone after another reload; the list is the analyst's own, in the workspace.
  await app.reload();
  await expect(app.getByRole('heading', { level: 1 })).toContainText('Russia and US fail to agree');
  await app.keyboard.press('Control+Shift+H');
  await expect(items.filter({ hasText: 'add GPE “Ukraine”' })).toContainText('undone');
  await expect(items.filter({ hasText: 'add GPE “Russia”' })).toContainText('undone');
  await expect(items.filter({ hasText: 'add GPE “Syria”' }).getByRole('button', { name: 'Undo add GPE “Syria”' })).toBeVisible();
  // Kept in the workspace, one file for the analyst, as its list stands.
  const [annotator] = await readdir(join(server.workspace, 'annotations'));
  const kept = JSON.parse(await readFile(join(server.workspace, '.parley', 'recent', `${annotator}.json`), 'utf8')) as { recent: { change: { op: string }; undone: boolean }[] };
  expect(kept.recent.filter((r) => r.change.op === 'addMention').map((r) => r.undone)).toEqual([true, false, true]);
});
