/** Failures are reported so a person can read them and act: readable, named, and there until dismissed. */
import AxeBuilder from '@axe-core/playwright';
import { documentRows, expect, test } from './helpers';

test('a failure shows a readable message that names what failed and stays until dismissed', async ({ app }) => {
  await app.getByRole('button', { name: 'Open workspace…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Open workspace' });
  await dialog.getByLabel('Workspace folder').fill('/nonexistent/parley/workspace');
  await dialog.getByRole('button', { name: 'Open' }).click();
  const alert = app.getByRole('alert').filter({ hasText: 'Opening the workspace failed' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('/nonexistent/parley/workspace');
  // Its text is not the colour of its background, and passes AA contrast.
  const colours = await alert.evaluate((el) => {
    const text = el.querySelector('.toast-text')!;
    return [getComputedStyle(text).color, getComputedStyle(el).backgroundColor];
  });
  expect(colours[0]).not.toBe(colours[1]);
  const contrast = await new AxeBuilder({ page: app }).include('.toasts').withRules(['color-contrast']).analyze();
  expect(contrast.violations).toEqual([]);
  // Still there after the analyst has moved on; gone when dismissed.
  await app.keyboard.press('Escape');
  await documentRows(app).first().click();
  await expect(app.getByRole('heading', { level: 1 })).not.toHaveText('No document open');
  await expect(alert).toBeVisible();
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toHaveCount(0);
});
