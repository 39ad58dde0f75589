/**
 * Splitting a label from the Schema dialog, by review (each mention given
 * its new label with 1 and 2, moving with the arrows) and by rule (counted
 * as the rule is typed), previewed before it runs; then undone as one step
 * by Ctrl+Z (after a reload too) and from the list of recent changes, every
 * layer put back. Removing a role in use is such a step too.
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

/** The analyst of the window: the one layer folder that is not named in the test. */
/** The analyst's own layer folder, once the first save has made it (a mark is drawn before its save lands). */
async function ownLayer(ws: string, others: string[]): Promise<string> {
  const mine = async () => (await readdir(join(ws, 'annotations'))).find((a) => !others.includes(a));
  await expect.poll(mine).toBeTruthy();
  return (await mine())!;
}

async function schemaOnDisk(ws: string): Promise<{ labels: string[]; steps: string[] }> {
  const file = JSON.parse(await readFile(join(ws, 'schema.json'), 'utf8'));
  return { labels: file.schema.labels.map((l: { name: string }) => l.name), steps: (file.migrations ?? []).map((m: { version: number; op: { op: string } }) => `${m.version} ${m.op.op}`) };
}

/** Types over a field's text, as a person replaces it. */
async function typeOver(page: Page, field: ReturnType<Page['getByLabel']>, text: string): Promise<void> {
  await field.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

async function tag(page: Page, phrase: string, key: string, label: string): Promise<void> {
  await selectText(page, phrase);
  await page.keyboard.press(key);
  await expect(mark(page, phrase).first()).toHaveAttribute('data-label', label);
}

test('a label split by review with 1 and 2 reaches every layer, and Ctrl+Z puts it all back', async ({ page }) => {
  const ws = await sampleWorkspace();
  await writeColleagueLayer(ws, DOC, 'ben', [
    ['b1', 'Russia', 'GPE'],
    ['b2', 'Geneva', 'GPE'],
    ['b3', 'Moscow', 'GPE'],
  ]);
  const server = await startServer(ws);
  try {
    await page.goto(server.url);
    await openDocument(page, TITLE);
    await tag(page, 'Geneva', 'g', 'GPE');
    const mine = await ownLayer(ws, ['ben']);

    await page.getByRole('button', { name: 'Schema…' }).click();
    await page.getByRole('dialog', { name: 'Label schema' }).getByRole('button', { name: 'Split GPE' }).click();
    const split = page.getByRole('dialog', { name: 'Split GPE' });
    await typeOver(page, split.getByLabel('First new label'), 'COUNTRY');
    await typeOver(page, split.getByLabel('Second new label'), 'CITY');
    const list = split.getByRole('listbox', { name: 'Mentions of GPE' });
    await expect(list.getByRole('option')).toHaveCount(4);
    await expect(split.getByLabel('Split counts')).toHaveText('4 → COUNTRY · 0 → CITY');

    // Down the list by keys: 2 gives a city to CITY (and moves on), ↓ passes a country.
    await list.getByRole('option').first().click();
    for (let i = 0; i < 4; i++) {
      const quote = await list.locator('[role="option"][aria-selected="true"] mark').textContent();
      await page.keyboard.press(quote === 'Russia' ? 'ArrowDown' : '2');
    }
    await expect(split.getByLabel('Split counts')).toHaveText('1 → COUNTRY · 3 → CITY');
    // A change of mind: back up to Moscow and give it 1, then 2 again.
    while ((await list.locator('[role="option"][aria-selected="true"] mark').textContent()) !== 'Moscow') await page.keyboard.press('ArrowUp');
    await page.keyboard.press('1');
    await expect(split.getByLabel('Split counts')).toHaveText('2 → COUNTRY · 2 → CITY');
    // 1 moved on to the next mention: back up once more.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('2');
    await expect(list.getByRole('option').filter({ has: page.locator('mark', { hasText: 'Moscow' }) })).toContainText('2 CITY');
    // Enter applies: the step's plan comes first.
    await page.keyboard.press('Enter');

    const plan = page.getByRole('dialog', { name: 'Apply this schema change?' });
    await expect(plan).toContainText('Split GPE into COUNTRY and CITY (by review; the rest to COUNTRY): 2 layers of 1 document change');
    await expect(plan.getByRole('list', { name: 'Where the mentions go' }).getByRole('listitem')).toHaveText(['1 → COUNTRY', '3 → CITY']);
    await expect(plan).toContainText('Ctrl+Z');
    await plan.getByRole('button', { name: 'Apply to 2 layers' }).click();
    await expect(page.locator('.toast', { hasText: 'Schema version 1: split GPE into COUNTRY and CITY' })).toBeVisible();
    expect(await labelsOnDisk(ws, 'ben')).toEqual(['Russia:COUNTRY', 'Geneva:CITY', 'Moscow:CITY']);
    expect(await labelsOnDisk(ws, mine)).toEqual(['Geneva:CITY']);
    await expect(mark(page, 'Geneva').first()).toHaveAttribute('data-label', 'CITY');
    expect((await schemaOnDisk(ws)).labels).toEqual(expect.arrayContaining(['COUNTRY', 'CITY']));

    // Even after a reload, Ctrl+Z in a document the split changed undoes the whole split, in every layer, as one step of the schema's history.
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Undo', description: /^Undo schema version 1: split GPE/ })).toBeEnabled();
    await page.reload();
    await openDocument(page, TITLE);
    await expect(mark(page, 'Geneva').first()).toHaveAttribute('data-label', 'CITY');
    await expect(page.getByRole('button', { name: 'Undo', description: /^Undo schema version 1: split GPE/ })).toBeEnabled();
    await page.keyboard.press('Control+z');
    await expect(page.locator('.toast', { hasText: 'Undone: split GPE into COUNTRY and CITY (by review; the rest to COUNTRY).' })).toBeVisible();
    await expect(mark(page, 'Geneva').first()).toHaveAttribute('data-label', 'GPE');
    expect(await labelsOnDisk(ws, 'ben')).toEqual(['Russia:GPE', 'Geneva:GPE', 'Moscow:GPE']);
    expect(await labelsOnDisk(ws, mine)).toEqual(['Geneva:GPE']);
    const after = await schemaOnDisk(ws);
    expect(after.labels).toContain('GPE');
    expect(after.labels).not.toContain('CITY');
    expect(after.steps).toEqual(['1 splitLabel', '2 revertMigration']);
    await expect(page.getByRole('toolbar', { name: 'Labels' }).getByRole('button', { name: /CITY/ })).toHaveCount(0);
  } finally {
    await stopServer(server);
  }
});

test('a label split by a rule shows how many go each way as the rule is typed, and Recent changes undoes it', async ({ app, server }) => {
  await openDocument(app, TITLE);
  for (const city of ['Geneva', 'Moscow', 'Washington']) await tag(app, city, 'g', 'GPE');
  const mine = await ownLayer(server.workspace, []);

  await app.getByRole('button', { name: 'Schema…' }).click();
  await app.getByRole('dialog', { name: 'Label schema' }).getByRole('button', { name: 'Split GPE' }).click();
  const split = app.getByRole('dialog', { name: 'Split GPE' });
  await split.getByRole('radio', { name: 'By rule' }).click();
  const counts = split.getByLabel('Split counts');
  await split.getByLabel('Texts').click();
  await app.keyboard.type('geneva');
  await app.keyboard.press('Enter');
  await app.keyboard.type('  MOSCOW ');
  await expect(counts).toHaveText('1 → GPE_1 · 2 → GPE_2');

  // A regular expression instead; one that does not compile is named, and nothing can be applied.
  await split.getByLabel('Rule', { exact: true }).selectOption('regex');
  await split.getByLabel('Regular expression').click();
  await app.keyboard.type('^(wash');
  await expect(split.getByRole('alert')).toContainText('is not a valid regular expression');
  await expect(split.getByRole('button', { name: 'Apply…' })).toBeDisabled();
  await app.keyboard.type('|gen)');
  await expect(counts).toHaveText('1 → GPE_1 · 2 → GPE_2');
  await typeOver(app, split.getByLabel('First new label'), 'CAPITAL');
  await typeOver(app, split.getByLabel('Second new label'), 'OTHER');
  await expect(counts).toHaveText('1 → CAPITAL · 2 → OTHER');
  await split.getByRole('button', { name: 'Apply…' }).click();

  const plan = app.getByRole('dialog', { name: 'Apply this schema change?' });
  await expect(plan).toContainText('Split GPE into CAPITAL and OTHER (by rule; the rest to CAPITAL)');
  await expect(plan.getByRole('list', { name: 'Where the mentions go' }).getByRole('listitem')).toHaveText(['1 → CAPITAL', '2 → OTHER']);
  await plan.getByRole('button', { name: 'Apply to 1 layer' }).click();
  await expect(app.locator('.toast', { hasText: 'Schema version 1: split GPE' })).toBeVisible();
  expect(await labelsOnDisk(server.workspace, mine)).toEqual(['Geneva:OTHER', 'Moscow:CAPITAL', 'Washington:OTHER']);

  await app.keyboard.press('Escape');
  await app.keyboard.press('Control+Shift+H');
  const recent = app.getByRole('dialog', { name: 'Recent changes' });
  await recent.getByRole('button', { name: /^Undo schema version 1: split GPE/ }).click();
  await expect(app.locator('.toast', { hasText: 'Undone: split GPE into CAPITAL and OTHER' })).toBeVisible();
  expect(await labelsOnDisk(server.workspace, mine)).toEqual(['Geneva:GPE', 'Moscow:GPE', 'Washington:GPE']);
  await expect(mark(app, 'Moscow').first()).toHaveAttribute('data-label', 'GPE');
  await app.keyboard.press('Control+Shift+H');
  await expect(app.getByRole('dialog', { name: 'Recent changes' }).locator('li', { hasText: 'schema version 1' })).toContainText('undone');
});

test('removing a role in use shows how many frames lose a filler, runs as a schema step, and Ctrl+Z gives the fillers back', async ({ app, server }) => {
  await kerryFavoursUnifiedSyria(app);
  await app.keyboard.press('Escape');
  const mine = await ownLayer(server.workspace, []);
  // Read after a schema step, which writes each layer it changes whole (single edits go to the layer's journal first).
  const targets = async () => {
    const layer = JSON.parse(await readFile(join(server.workspace, 'annotations', mine, `${DOC}.json`), 'utf8'));
    return layer.frames.map((f: { roles: Record<string, unknown[]> }) => f.roles.Target?.length ?? null);
  };

  await app.getByRole('button', { name: 'Schema…' }).click();
  await app.getByRole('dialog', { name: 'Label schema' }).getByRole('button', { name: 'Remove role Target' }).click();
  const plan = app.getByRole('dialog', { name: 'Apply this schema change?' });
  await expect(plan).toContainText("Remove Stance's role Target: 1 layer of 1 document change");
  await expect(plan.getByRole('list', { name: 'What the change touches' })).toContainText('1 frames changed');
  await expect(plan.getByRole('list', { name: 'What the change touches' })).toContainText('1 frame fillers dropped');
  await plan.getByRole('button', { name: 'Apply to 1 layer' }).click();
  await expect(app.locator('.toast', { hasText: "Schema version 1: remove Stance's role Target" })).toBeVisible();
  expect(await targets()).toEqual([null]);
  expect((await schemaOnDisk(server.workspace)).steps).toEqual(['1 removeRole']);

  await app.keyboard.press('Escape');
  await app.keyboard.press('Control+z');
  await expect(app.locator('.toast', { hasText: "Undone: remove Stance's role Target." })).toBeVisible();
  expect(await targets()).toEqual([1]);
  expect((await schemaOnDisk(server.workspace)).steps).toEqual(['1 removeRole', '2 revertMigration']);
});
