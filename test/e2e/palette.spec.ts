/** The command palette, by key presses only: it reads the same registry as the menu and the shortcuts sheet. */
import { expect, openDocument, tagAsNewEntity, test } from './helpers';

const KURDS = 'Russia and US fail to agree on Syria and Ukraine';

test('Ctrl+Shift+P runs an action by name and shows its shortcut; Esc closes', async ({ app }) => {
  await openDocument(app, KURDS);
  await app.keyboard.press('Control+Shift+P');
  const palette = app.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  await expect(palette.getByRole('combobox')).toBeFocused();
  // With nothing typed, the menu's actions are there with their keys.
  await expect(palette.getByRole('option', { name: /Export/ })).toContainText('Ctrl+E');
  await app.keyboard.type('expo');
  const options = palette.getByRole('option');
  await expect(options.first()).toContainText('Export');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await app.keyboard.press('Enter');
  await expect(palette).toHaveCount(0);
  await expect(app.getByRole('dialog', { name: 'Export dataset' })).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(app.getByRole('dialog', { name: 'Export dataset' })).toHaveCount(0);

  // Esc closes the palette and nothing else happens.
  await app.keyboard.press('Control+k');
  await expect(palette).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(palette).toHaveCount(0);
  await expect(app.getByRole('heading', { level: 1 })).toContainText(KURDS);
});

test('Ctrl+K opens a document and an entity; arrows choose', async ({ app }) => {
  await openDocument(app, KURDS);
  await tagAsNewEntity(app, 'Sergei Lavrov', 'p', 'PERSON');
  await app.keyboard.press('Escape');

  const palette = app.getByRole('dialog', { name: 'Command palette' });
  await app.keyboard.press('Control+k');
  await app.keyboard.type('talks syr');
  const docs = palette.getByRole('group', { name: 'Documents' }).getByRole('option');
  await expect(docs).not.toHaveCount(0);
  const second = (await docs.nth(1).locator('.palette-title').textContent())!;
  const actionCount = await palette.getByRole('group', { name: 'Actions' }).getByRole('option').count();
  for (let i = 0; i < actionCount + 1; i++) await app.keyboard.press('ArrowDown');
  await expect(docs.nth(1)).toHaveAttribute('aria-selected', 'true');
  await app.keyboard.press('ArrowUp');
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('Enter');
  await expect(palette).toHaveCount(0);
  await expect(app.getByRole('heading', { level: 1 })).toHaveText(second);

  await app.keyboard.press('Control+Shift+P');
  await app.keyboard.type('lavr');
  const entity = palette.getByRole('group', { name: 'Entities' }).getByRole('option');
  await expect(entity).toHaveText(/Sergei Lavrov\s*PERSON/);
  for (let i = 0; i < 30; i++) if ((await entity.getAttribute('aria-selected')) !== 'true') await app.keyboard.press('ArrowDown');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('tab', { name: 'Entities' })).toHaveAttribute('aria-selected', 'true');
  await expect(app.getByLabel('Entity name', { exact: true })).toHaveValue('Sergei Lavrov');
});

test('the shortcuts sheet and the palette list the same palette keys', async ({ app }) => {
  await app.keyboard.press('F1');
  const sheet = app.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet.getByRole('row', { name: /Command palette/ })).toContainText('Ctrl+Shift+P or Ctrl+K');
  await app.keyboard.press('Escape');
  await app.keyboard.press('Control+k');
  await app.keyboard.type('shortcuts');
  await expect(app.getByRole('dialog', { name: 'Command palette' }).getByRole('option').first()).toContainText('F1');
});
