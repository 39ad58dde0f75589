/**
 * A schema change that touches labels already made, from the Schema dialog:
 * its plan counted over every analyst's layers and gold, applied on confirm
 * to all of them, and undone as one step by the toast's Undo or Ctrl+Z.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, kerryFavoursUnifiedSyria, mark, openDocument, sampleWorkspace, selectText, startServer, stopServer, test, writeColleagueLayer } from './helpers';

const DOC = '004_8524de8df0f8b196';
const TITLE = 'Russia and US fail to agree on Syria and Ukraine';

async function labelsOnDisk(ws: string, annotator: string): Promise<string[]> {
  const layer = JSON.parse(await readFile(join(ws, 'annotations', annotator, `${DOC}.json`), 'utf8'));
  return layer.mentions.map((m: { quote: string; label: string }) => `${m.quote}:${m.label}`);
}

/** Types a new name over a label's name in the Schema dialog and presses Enter, as a person edits the field. */
async function renameByKeys(app: Page, from: string, to: string): Promise<void> {
  const field = app.getByRole('dialog', { name: 'Label schema' }).getByLabel(`Name of ${from}`);
  await field.click();
  await app.keyboard.press('Control+A');
  await app.keyboard.type(to);
  await app.keyboard.press('Enter');
}

test('a rename and a merge in the Schema dialog show their plan over every layer, apply on confirm, and a rename is undone', async ({ page }) => {
  test.setTimeout(120_000);
  const ws = await sampleWorkspace();
  await writeColleagueLayer(ws, DOC, 'ben', [
    ['b1', 'Sergei Lavrov', 'PERSON'],
    ['b2', 'Geneva', 'GPE'],
  ]);
  await writeColleagueLayer(ws, DOC, 'gold', [['g1', 'Sergei Lavrov', 'PERSON']]);
  const server = await startServer(ws);
  try {
    await page.goto(server.url);
    await openDocument(page, TITLE);
    await selectText(page, 'Kerry');
    await page.keyboard.press('p');
    await expect(mark(page, 'Kerry')).toHaveAttribute('data-label', 'PERSON');
    await page.getByRole('button', { name: 'Schema…' }).click();

    // Cancelled: nothing changes anywhere.
    await renameByKeys(page, 'PERSON', 'PER');
    let plan = page.getByRole('dialog', { name: 'Apply this schema change?' });
    await expect(plan).toContainText('Rename the label PERSON to PER: 3 layers of 1 document change');
    await expect(plan.getByRole('list', { name: 'What the change touches' })).toHaveText('3 mentions relabelled');
    await expect(plan.getByRole('table', { name: 'By analyst' }).getByRole('row')).toHaveText([/Analyst/, /ben\s*1\s*1\s*0/, /gold\s*1\s*1\s*0/, /1\s*1\s*0/]);
    await expect(plan).toContainText('Undo in the message that follows, Ctrl+Z or Recent changes (Ctrl+Shift+H) puts back every mention and frame it changes');
    await plan.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('dialog', { name: 'Label schema' }).getByLabel('Name of PERSON')).toHaveValue('PERSON');
    expect(await labelsOnDisk(ws, 'ben')).toEqual(['Sergei Lavrov:PERSON', 'Geneva:GPE']);

    // Applied: every analyst's layer and gold, and the open document.
    await renameByKeys(page, 'PERSON', 'PER');
    plan = page.getByRole('dialog', { name: 'Apply this schema change?' });
    await plan.getByRole('button', { name: 'Apply to 3 layers' }).click();
    const toast = page.locator('.toast', { hasText: 'Schema version 1: rename the label PERSON to PER, in 3 layers of 1 document.' });
    await expect(toast).toBeVisible();
    await expect(page.getByRole('dialog', { name: 'Label schema' }).getByLabel('Name of PER', { exact: true })).toBeVisible();
    expect(await labelsOnDisk(ws, 'ben')).toEqual(['Sergei Lavrov:PER', 'Geneva:GPE']);
    expect(await labelsOnDisk(ws, 'gold')).toEqual(['Sergei Lavrov:PER']);
    await expect(mark(page, 'Kerry')).toHaveAttribute('data-label', 'PER');

    // Undo puts it back, as a step of its own in the history.
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect(page.locator('.toast', { hasText: 'Undone: rename the label PERSON to PER.' })).toBeVisible();
    await expect(mark(page, 'Kerry')).toHaveAttribute('data-label', 'PERSON');
    expect(await labelsOnDisk(ws, 'ben')).toEqual(['Sergei Lavrov:PERSON', 'Geneva:GPE']);

    // A merge: undone as one step too, every mention back under the label it had.
    await page.getByRole('dialog', { name: 'Label schema' }).getByLabel('Merge GPE into').focus();
    await page.getByRole('dialog', { name: 'Label schema' }).getByLabel('Merge GPE into').selectOption('LOC');
    plan = page.getByRole('dialog', { name: 'Apply this schema change?' });
    await expect(plan).toContainText('Merge GPE into LOC: 1 layer of 1 document change');
    await page.keyboard.press('Enter');
    await expect(page.locator('.toast', { hasText: 'Schema version 3: merge GPE into LOC' }).getByRole('button', { name: 'Undo' })).toBeVisible();
    expect(await labelsOnDisk(ws, 'ben')).toEqual(['Sergei Lavrov:PERSON', 'Geneva:LOC']);
    const schema = JSON.parse(await readFile(join(ws, 'schema.json'), 'utf8'));
    expect(schema.migrations.map((m: { version: number; op: { op: string } }) => `${m.version} ${m.op.op}`)).toEqual(['1 renameLabel', '2 revertMigration', '3 mergeLabels']);
    expect(schema.schema.labels.map((l: { name: string }) => l.name)).not.toContain('GPE');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('toolbar', { name: 'Labels' }).getByRole('button', { name: /GPE/ })).toHaveCount(0);
    await page.keyboard.press('Control+z');
    await expect(page.locator('.toast', { hasText: 'Undone: merge GPE into LOC.' })).toBeVisible();
    expect(await labelsOnDisk(ws, 'ben')).toEqual(['Sergei Lavrov:PERSON', 'Geneva:GPE']);
    await expect(page.getByRole('toolbar', { name: 'Labels' }).getByRole('button', { name: /GPE/ })).toHaveCount(1);
  } finally {
    await stopServer(server);
  }
});

test('new values for an attribute that drop one in use show the frames they change, rename it in place on confirm, and Undo puts it back', async ({ app, server }) => {
  await kerryFavoursUnifiedSyria(app);
  await app.keyboard.press('Escape');

  await app.getByRole('button', { name: 'Schema…' }).click();
  const values = app.getByRole('dialog', { name: 'Label schema' }).getByLabel('Values of Stance Polarity');
  await values.click();
  await app.keyboard.press('Control+A');
  await app.keyboard.type('support, against, neutral, unclear');
  await app.keyboard.press('Tab');
  const plan = app.getByRole('dialog', { name: 'Apply this schema change?' });
  await expect(plan).toContainText("Change Stance.Polarity's values to support, against, neutral, unclear: 1 layer of 1 document change");
  await expect(plan.getByRole('list', { name: 'What the change touches' })).toContainText('1 frames changed');
  await plan.getByRole('button', { name: 'Apply to 1 layer' }).click();
  const toast = app.locator('.toast', { hasText: "Schema version 1: change Stance.Polarity's values" });
  await expect(toast).toBeVisible();
  const layer = async () => JSON.parse(await readFile(join(server.workspace, 'annotations', (await readdir(join(server.workspace, 'annotations')))[0], `${DOC}.json`), 'utf8'));
  expect((await layer()).frames.map((f: { attrs: Record<string, string> }) => f.attrs.Polarity)).toEqual(['support']);
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(app.locator('.toast', { hasText: 'Undone' })).toBeVisible();
  expect((await layer()).frames.map((f: { attrs: Record<string, string> }) => f.attrs.Polarity)).toEqual(['favor']);
  await expect(app.getByRole('dialog', { name: 'Label schema' }).getByLabel('Values of Stance Polarity')).toHaveValue('favor, against, neutral, unclear');
});
