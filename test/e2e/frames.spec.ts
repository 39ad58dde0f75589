import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { layerOnDisk } from '../../bench/integrity/disk';
import { expect, mark, openDocument, selectText, test } from './helpers';

/** The values a document field has in the layers on disk. */
async function fieldOnDisk(workspace: string, name: string): Promise<string[]> {
  const out: string[] = [];
  for (const annotator of await readdir(join(workspace, 'annotations'))) {
    for (const file of await readdir(join(workspace, 'annotations', annotator))) {
      if (!file.endsWith('.json')) continue;
      const layer = await layerOnDisk(workspace, annotator, file.slice(0, -'.json'.length));
      const value = (layer as { fields?: Record<string, string> } | null)?.fields?.[name];
      if (value) out.push(value);
    }
  }
  return out;
}

const GENEVA_AUGUST = 'Russia and US fail to agree on Syria and Ukraine';
const FEBRUARY_PAUSE = 'Lavrov and Kerry agreed to try to make a pause in the intra-Syrian talks short';

test("record Kerry's stance against Kurdish independence, and see it in the corpus table after a reload", async ({ app }) => {
  await openDocument(app, GENEVA_AUGUST);
  // The holder and the target as mentions first.
  await selectText(app, 'Secretary of State Kerry');
  await app.keyboard.press('p');
  await selectText(app, 'the independence of the Kurds');
  await app.keyboard.press('t');
  // The evidence, then S.
  await selectText(app, 'we do not support the independence of the Kurds');
  await app.keyboard.press('s');
  const card = app.getByRole('region', { name: 'Selected frame' });
  await expect(card).toContainText('Stance');
  await expect(card.getByRole('list', { name: 'What this frame still needs' })).toContainText('Holder is missing');
  await expect(app.locator('mark.evidence[data-frame-type="Stance"]')).toHaveCount(1);

  // Holder is armed first: click Kerry, then the target.
  await mark(app, 'Secretary of State Kerry').click();
  await mark(app, 'the independence of the Kurds').last().click();
  await app.keyboard.press('2');
  await expect(card.getByRole('radio', { name: /against/ })).toHaveAttribute('aria-checked', 'true');
  await expect(card).toContainText('Complete');
  await expect(card.locator('[data-role="Holder"]')).toContainText('Secretary of State Kerry');
  await expect(card.locator('[data-role="Target"]')).toContainText('the independence of the Kurds');

  await app.reload();
  await app.getByRole('button', { name: 'Corpus' }).click();
  const row = app.getByRole('row').filter({ hasText: 'we do not support the independence of the Kurds' });
  await expect(row).toContainText('Stance');
  await expect(row).toContainText('Secretary of State Kerry');
  await expect(row).toContainText('the independence of the Kurds');
  await expect(row).toContainText('against');
  await expect(row).toContainText(GENEVA_AUGUST);
  await app.getByRole('tab', { name: 'Stance matrix' }).click();
  await expect(app.getByRole('table', { name: 'Stance matrix' })).toContainText('1 against');
  // A click on the row opens the document at the evidence, with the frame selected.
  await app.getByRole('tab', { name: 'Table' }).click();
  await row.click();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText(GENEVA_AUGUST);
  await expect(app.getByRole('region', { name: 'Selected frame' })).toContainText('Complete');
  await expect(app.locator('mark.evidence').filter({ hasText: 'we do not support' })).toBeInViewport();
});

test('record the Lavrov-Kerry agreement on humanitarian deliveries by air, status reached', async ({ app }) => {
  await openDocument(app, FEBRUARY_PAUSE);
  await selectText(app, 'Lavrov', 2);
  await app.keyboard.press('p');
  await selectText(app, 'Kerry', 2);
  await app.keyboard.press('p');
  await selectText(app, 'Lavrov and Kerry agreed to coordinate joint actions for the delivery of humanitarian assistance to blocked areas of Syria by air');
  await app.keyboard.press('a');
  const card = app.getByRole('region', { name: 'Selected frame' });
  await expect(card).toContainText('Agreement');
  await expect(card).toContainText('Party needs at least 2 (has 0)');
  // Parties: click both mentions inside the evidence.
  await app.locator('mark.mention[data-label="PERSON"]', { hasText: 'Lavrov' }).last().click();
  await app.locator('mark.mention[data-label="PERSON"]', { hasText: 'Kerry' }).last().click();
  await expect(card.locator('[data-role="Party"] .filler')).toHaveCount(2);
  await card.getByLabel('Topic: type a topic').fill('coordinating humanitarian deliveries to blocked areas by air');
  await card.getByLabel('Topic: type a topic').press('Enter');
  // Straight on by key: 1 is the first status, reached.
  await app.keyboard.press('1');
  await expect(card.getByRole('radio', { name: /reached/ })).toHaveAttribute('aria-checked', 'true');
  await expect(card).toContainText('Complete');

  // Incomplete frames can be saved, and are marked.
  await selectText(app, 'pause in the intra-Syrian talks was as short as possible');
  await app.keyboard.press('Escape');
  await selectText(app, 'pause in the intra-Syrian talks was as short as possible');
  await app.keyboard.press('a');
  await app.getByRole('tab', { name: 'Frames' }).click();
  await expect(app.getByRole('region', { name: 'Frames' }).locator('.badge.warn')).toHaveCount(1);

  await app.reload();
  await app.getByRole('button', { name: 'Corpus' }).click();
  const row = app.getByRole('row').filter({ hasText: 'delivery of humanitarian assistance' });
  await expect(row).toContainText('Agreement');
  await expect(row).toContainText('Lavrov, Kerry');
  await expect(row).toContainText('coordinating humanitarian deliveries to blocked areas by air');
  await expect(row).toContainText('reached');
  await app.getByRole('tab', { name: 'Agreements by status' }).click();
  await expect(app.getByLabel('Agreements by status per document')).toContainText(FEBRUARY_PAUSE);
});

test('deleting a mention a frame uses removes it from the frame too, and undo restores both', async ({ app }) => {
  await openDocument(app, GENEVA_AUGUST);
  await selectText(app, 'Kerry', 1);
  await app.keyboard.press('p');
  await selectText(app, 'said Kerry, opening the press conference');
  await app.keyboard.press('s');
  await mark(app, 'Kerry').first().click();
  const card = app.getByRole('region', { name: 'Selected frame' });
  await expect(card.locator('[data-role="Holder"] .filler')).toHaveCount(1);
  await app.keyboard.press('Escape');
  await app.keyboard.press('Escape');
  await mark(app, 'Kerry').first().click();
  await app.keyboard.press('Delete');
  await expect(mark(app, 'Kerry')).toHaveCount(0);
  await app.locator('mark.evidence').first().click();
  await expect(card.locator('[data-role="Holder"] .filler')).toHaveCount(0);
  await app.keyboard.press('Control+z');
  await expect(mark(app, 'Kerry')).toHaveCount(1);
  await app.locator('mark.evidence').first().click();
  await expect(card.locator('[data-role="Holder"] .filler')).toHaveCount(1);
});

test('a frame type added in the schema editor can be created with its key', async ({ app, server }) => {
  await app.getByRole('button', { name: 'Schema…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Label schema' });
  await dialog.getByLabel('New frame type name').fill('Accusation');
  await dialog.getByRole('button', { name: 'Add frame type' }).click();
  const type = dialog.getByRole('group', { name: 'Frame type Accusation' });
  await type.getByLabel('Key of Accusation').fill('c');
  await expect(type.getByLabel('Key of Accusation')).toHaveValue('c');
  await type.getByLabel('New role of Accusation').fill('Accuser');
  await type.getByRole('button', { name: 'Add' }).first().click();
  await expect(type.getByRole('cell', { name: 'Accuser', exact: true })).toBeVisible();
  await dialog.getByLabel('New document field name').fill('Region');
  await dialog.getByRole('button', { name: 'Add field' }).click();
  await app.keyboard.press('Escape');
  await expect(app.getByRole('dialog')).toHaveCount(0);

  await openDocument(app, GENEVA_AUGUST);
  await selectText(app, 'the deep mistrust that exists on all sides');
  await app.keyboard.press('c');
  const card = app.getByRole('region', { name: 'Selected frame' });
  await expect(card.locator('.chip')).toHaveText('Accusation');
  await expect(card.locator('[data-role="Accuser"]')).toBeVisible();
  await app.getByRole('tab', { name: 'Frames' }).click();
  await app.getByRole('textbox', { name: 'Region' }).fill('Middle East');
  await app.getByRole('textbox', { name: 'Region' }).blur();
  // Saved before the reload, as the reader's head says once it drops "not saved yet" (a reload mid-save asks first).
  await expect.poll(() => fieldOnDisk(server.workspace, 'Region')).toEqual(['Middle East']);
  await app.reload();
  await app.getByRole('tab', { name: 'Frames' }).click();
  await expect(app.getByRole('textbox', { name: 'Region' })).toHaveValue('Middle East');
  await expect(app.getByRole('region', { name: 'Frames' })).toContainText('Accusation');
});
