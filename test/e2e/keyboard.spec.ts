/** The keyboard alone: Tab and Ctrl+2 reach the text, arrows move a caret, Shift+arrows select, Esc backs out, F1 everywhere. */
import { expect, mark, openDocument, test } from './helpers';

const KURDS = 'Russia and US fail to agree on Syria and Ukraine';

test('Tab reaches the reader; arrows move a visible caret; Shift+Ctrl+arrows select; a label key tags', async ({ app }) => {
  await openDocument(app, KURDS);
  const reader = app.locator('.reader-scroll');
  let presses = 0;
  while (!(await reader.evaluate((el) => el === document.activeElement)) && presses++ < 30) await app.keyboard.press('Tab');
  await expect(reader).toBeFocused();
  await app.keyboard.press('ArrowRight');
  await expect(app.locator('.caret')).toBeVisible();
  await app.keyboard.press('Control+Shift+ArrowRight');
  await app.keyboard.press('g');
  await expect(mark(app, 'Russia')).toHaveCount(1);
  await expect(mark(app, 'Russia')).toHaveAttribute('data-label', 'GPE');
});

test('Ctrl+2 focuses the reader in a document without mentions, and Shift+arrows select from the caret', async ({ app }) => {
  await openDocument(app, 'Lavrov and Kerry agreed to try');
  await app.keyboard.press('Control+2');
  await expect(app.locator('.reader-scroll')).toBeFocused();
  await app.keyboard.press('Shift+ArrowRight');
  await app.keyboard.press('Shift+ArrowRight');
  await app.keyboard.press('o');
  await expect(app.locator('mark.mention[data-label="ORG"]')).toHaveCount(1);
});

test('Escape backs out one level: the selection, then the mention; in Review, back to the reader; F1 works there', async ({ app }) => {
  await openDocument(app, KURDS);
  await app.keyboard.press('Control+2');
  await app.keyboard.press('Shift+ArrowRight');
  await app.keyboard.press('p');
  await expect(app.getByRole('region', { name: 'Selected mention' })).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(app.getByRole('region', { name: 'Selected mention' })).toBeHidden();
  await app.getByRole('button', { name: 'Review' }).click();
  await expect(app.getByRole('region', { name: 'Review' })).toBeVisible();
  await app.keyboard.press('F1');
  const sheet = app.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toContainText('Next item');
  await app.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(app.getByRole('region', { name: 'Review' })).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(app.getByRole('region', { name: 'Review' })).toBeHidden();
  await expect(app.getByRole('listbox', { name: 'Documents' })).toBeVisible();
});

test('the first minute: keys reach the list at once, the frame keys are on screen, F1 opens on the current screen', async ({ app }) => {
  // No click first: the list has the focus on load, so j and Enter open a document.
  const list = app.getByRole('listbox', { name: 'Documents', exact: true });
  await expect(list).toBeFocused();
  await app.keyboard.press('j');
  await app.keyboard.press('Enter');
  const selected = list.locator('[aria-selected="true"]');
  await expect(selected).toHaveCount(1);
  await expect(app.getByRole('heading', { level: 1 })).toHaveText((await selected.getAttribute('title'))!);

  // The label bar shows the frame keys after the labels.
  const frames = app.getByRole('toolbar', { name: 'Frames' });
  await expect(frames.getByRole('button', { name: /Stance/ })).toHaveAttribute('aria-keyshortcuts', 's');
  await expect(frames.getByRole('button', { name: /Agreement/ })).toHaveAttribute('aria-keyshortcuts', 'a');

  // F1 in the reader: its sections first, one row per label with its key.
  await app.keyboard.press('F1');
  const sheet = app.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet.locator('.shortcuts-section').first()).toContainText('Labels');
  const person = sheet.getByRole('row', { name: /PERSON: tag/ });
  await expect(person).toHaveCount(1);
  await expect(person.locator('kbd')).toHaveText('p');
  await expect(sheet.getByRole('row', { name: /GPE: tag/ })).toHaveCount(1);
  await app.keyboard.press('Escape');

  // F1 on Review opens on Review's keys.
  await app.getByRole('button', { name: 'Review' }).click();
  await expect(app.getByRole('region', { name: 'Review' })).toBeVisible();
  await app.keyboard.press('F1');
  await expect(sheet.locator('.shortcuts-section').first()).toContainText('Review');
});
