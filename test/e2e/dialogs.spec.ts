/** The Export and Import dialogs open as they were left on this workspace; Ctrl+E works on every screen and offers gold on Review. */
import { expect, test } from './helpers';

test('Ctrl+E on every screen; the export dialog keeps its choices per workspace and offers gold on Review', async ({ app, server }) => {
  const exportDialog = app.getByRole('dialog', { name: 'Export dataset' });
  await app.keyboard.press('Control+e');
  await expect(exportDialog).toBeVisible();
  await expect(exportDialog.getByLabel('Whose labels')).not.toHaveValue('gold');
  await exportDialog.getByLabel('Format').selectOption('conll');
  await exportDialog.getByRole('checkbox', { name: 'Done' }).click();
  const out = `${server.workspace}-conll`;
  await exportDialog.getByLabel('Export to').click();
  await app.keyboard.press('Control+a');
  await app.keyboard.type(out);
  await app.keyboard.press('Escape');
  await expect(exportDialog).toBeHidden();

  // After a reload too, it opens as it was left.
  await app.reload();
  await expect(app.getByRole('listbox', { name: 'Documents', exact: true })).toBeVisible();
  await app.keyboard.press('Control+e');
  await expect(exportDialog.getByLabel('Format')).toHaveValue('conll');
  await expect(exportDialog.getByRole('checkbox', { name: 'Done' })).toBeChecked();
  await expect(exportDialog.getByLabel('Export to')).toHaveValue(out);
  await app.keyboard.press('Escape');

  // On Review it offers the adjudicated layer, with the other choices kept.
  await app.getByRole('button', { name: 'Review' }).click();
  await expect(app.getByRole('region', { name: 'Review' })).toBeVisible();
  await app.keyboard.press('Control+e');
  await expect(exportDialog.getByLabel('Whose labels')).toHaveValue('gold');
  await expect(exportDialog.getByLabel('Format')).toHaveValue('conll');
  await app.keyboard.press('Escape');
  await expect(exportDialog).toBeHidden();

  // And on the other screens.
  for (const screen of ['Corpus', 'Search', 'Network']) {
    await app.keyboard.press('Escape');
    await app.getByRole('button', { name: screen, exact: true }).click();
    await app.keyboard.press('Control+e');
    await expect(exportDialog, `Ctrl+E on ${screen}`).toBeVisible();
    await app.keyboard.press('Escape');
    await expect(exportDialog).toBeHidden();
  }
});

test('the import dialog keeps its files, format and annotator per workspace', async ({ app, server }) => {
  const importDialog = app.getByRole('dialog', { name: 'Import' });
  await app.keyboard.press('Control+i');
  await importDialog.getByLabel('Files or folders to import').click();
  await app.keyboard.type(`${server.workspace}-incoming`);
  await importDialog.getByLabel('Import format').selectOption('conll');
  await importDialog.getByLabel('Annotator of the imported labels').click();
  await app.keyboard.type('ben');
  await app.keyboard.press('Escape');
  await expect(importDialog).toBeHidden();
  await app.reload();
  await expect(app.getByRole('listbox', { name: 'Documents', exact: true })).toBeVisible();
  await app.keyboard.press('Control+i');
  await expect(importDialog.getByLabel('Files or folders to import')).toHaveValue(`${server.workspace}-incoming`);
  await expect(importDialog.getByLabel('Import format')).toHaveValue('conll');
  await expect(importDialog.getByLabel('Annotator of the imported labels')).toHaveValue('ben');
});
