import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentRows, expect, mark, openDocument, selectText, startServer, stopServer, tagAsNewEntity, test } from './helpers';
import { layerOnDisk } from '../../bench/integrity/disk';

const KURDS = 'Russia and US fail to agree on Syria and Ukraine';

test('select a phrase, press a key: the highlight shows with its label, and survives a reload', async ({ app, server }) => {
  await openDocument(app, KURDS);
  await selectText(app, 'Sergei Lavrov');
  await app.keyboard.press('p');
  const lavrov = mark(app, 'Sergei Lavrov');
  await expect(lavrov).toHaveCount(1);
  await expect(lavrov).toHaveAttribute('data-label', 'PERSON');
  await expect(lavrov).toHaveAccessibleName('PERSON: Sergei Lavrov');
  // The palette button does the same as the key.
  await selectText(app, 'Geneva');
  await app.getByRole('toolbar', { name: 'Labels' }).getByRole('button', { name: /GPE/ }).click();
  await expect(mark(app, 'Geneva').first()).toHaveAttribute('data-label', 'GPE');
  await expect(documentRows(app).filter({ hasText: KURDS })).toContainText('2 mentions');
  await expect(documentRows(app).filter({ hasText: KURDS })).toContainText('In progress');

  await app.reload();
  await expect(mark(app, 'Sergei Lavrov')).toHaveAttribute('data-label', 'PERSON');
  await expect(mark(app, 'Geneva').first()).toHaveAttribute('data-label', 'GPE');
  // And on disk, in the analyst's layer file.
  const files = execFileSync('ls', [join(server.workspace, 'annotations')]).toString().trim().split('\n');
  const layer = (await layerOnDisk(server.workspace, files[0], '004_8524de8df0f8b196'))!;
  expect(layer.mentions.map((m: { quote: string; label: string }) => `${m.label}:${m.quote}`).sort()).toEqual(['GPE:Geneva', 'PERSON:Sergei Lavrov']);
});

test('palette buttons name their label and key', async ({ app }) => {
  await openDocument(app, KURDS);
  const person = app.getByRole('toolbar', { name: 'Labels' }).getByRole('button', { name: /PERSON/ });
  await expect(person).toHaveAttribute('aria-keyshortcuts', 'p');
  await expect(app.getByRole('toolbar', { name: 'Labels' }).getByRole('button')).toHaveCount(7);
});

test('selections snap to whole words unless snapping is off', async ({ app }) => {
  await openDocument(app, KURDS);
  await selectText(app, 'ergei Lavr');
  await app.keyboard.press('p');
  await expect(mark(app, 'Sergei Lavrov')).toHaveCount(1);
  await app.getByLabel('Snap to words').uncheck();
  await selectText(app, 'ohn Ker');
  await app.keyboard.press('p');
  await expect(app.locator('mark.mention', { hasText: /^ohn Ker$/ })).toHaveCount(1);
});

test('two overlapping mentions are drawn apart and each can be selected on its own', async ({ app }) => {
  await openDocument(app, KURDS);
  await selectText(app, 'Russian Foreign Minister Sergei Lavrov');
  await app.keyboard.press('p');
  await selectText(app, 'Russian Foreign Minister');
  await app.keyboard.press('o');
  const outer = app.locator('mark.mention[data-label="PERSON"]').filter({ hasText: 'Sergei Lavrov' });
  const inner = app.locator('mark.mention[data-label="ORG"]').filter({ hasText: 'Russian Foreign Minister' });
  await expect(outer).toHaveCount(1);
  await expect(inner).toHaveCount(1);
  // Stacked underlines: the two marks sit on different lanes.
  expect(await outer.getAttribute('data-lane')).not.toBe(await inner.getAttribute('data-lane'));

  const card = app.getByRole('region', { name: 'Selected mention' });
  await app.keyboard.press('Escape');
  await inner.click();
  await expect(card).toContainText('ORG');
  await expect(card).toContainText('Russian Foreign Minister');
  // Clicking the same place again selects the mention around it.
  await inner.click();
  await expect(card).toContainText('Russian Foreign Minister Sergei Lavrov');
  // And the outer one on its own part.
  await app.keyboard.press('Escape');
  await app.locator('mark.mention[data-label="PERSON"] span', { hasText: 'Sergei Lavrov' }).click();
  await expect(card).toContainText('PERSON');
  // Keyboard: ] steps through mentions in text order.
  await app.keyboard.press('Escape');
  await app.keyboard.press(']');
  await expect(card).toContainText('Russian Foreign Minister Sergei Lavrov');
  await app.keyboard.press(']');
  await expect(card.locator('.quote')).toHaveText('Russian Foreign Minister');
});

test('undo and redo cover every change and survive a reload', async ({ app }) => {
  await openDocument(app, KURDS);
  await selectText(app, 'John Kerry');
  await app.keyboard.press('p');
  await expect(mark(app, 'John Kerry')).toHaveCount(1);
  // Relabel with a key while the mention is selected.
  await app.keyboard.press('o');
  await expect(mark(app, 'John Kerry')).toHaveAttribute('data-label', 'ORG');
  await app.keyboard.press('Control+z');
  await expect(mark(app, 'John Kerry')).toHaveAttribute('data-label', 'PERSON');
  await app.keyboard.press('Control+z');
  await expect(mark(app, 'John Kerry')).toHaveCount(0);
  await app.reload();
  await expect(app.getByRole('button', { name: 'Redo' })).toBeEnabled();
  await app.keyboard.press('Control+Shift+z');
  await expect(mark(app, 'John Kerry')).toHaveAttribute('data-label', 'PERSON');
  // Delete is undoable too.
  await mark(app, 'John Kerry').click();
  await app.keyboard.press('Delete');
  await expect(mark(app, 'John Kerry')).toHaveCount(0);
  await app.keyboard.press('Control+z');
  await expect(mark(app, 'John Kerry')).toHaveCount(1);
});

test('keyboard selection: Shift+arrows extend from a selected mention, Ctrl for words', async ({ app }) => {
  await openDocument(app, KURDS);
  await selectText(app, 'Sergei');
  await app.keyboard.press('p');
  await app.keyboard.press('Control+Shift+ArrowRight');
  await app.keyboard.press('Control+Shift+ArrowRight');
  await app.keyboard.press('g');
  await expect(app.locator('mark.mention[data-label="GPE"]').filter({ hasText: 'Sergei Lavrov' })).toHaveCount(1);
});

test('link two mentions to one entity; focusing the entity highlights both', async ({ app }) => {
  await openDocument(app, KURDS);
  await tagAsNewEntity(app, 'Sergei Lavrov', 'p', 'PERSON');
  const card = app.getByRole('region', { name: 'Selected mention' });

  await selectText(app, 'Lavrov stressed');
  await app.keyboard.press('Escape');
  await selectText(app, 'Lavrov', 1);
  await app.keyboard.press('p');
  await card.getByLabel('Find or create an entity').fill('Sergei');
  await card.getByRole('button', { name: /Link to Sergei Lavrov/ }).click();
  await expect(card.getByRole('button', { name: 'Sergei Lavrov', exact: true })).toBeVisible();

  await app.getByRole('tab', { name: 'Entities' }).click();
  await app.getByRole('button', { name: /Sergei Lavrov PERSON · 2 here/ }).click();
  const linked = app.locator('mark.mention[data-entity-id]');
  await expect(linked).toHaveCount(2);
  const id = await linked.first().getAttribute('data-entity-id');
  await expect(app.locator(`mark.mention[data-entity-id="${id}"]`)).toHaveCount(2);
  // Linking added no alias; the way the second mention is written becomes one when asked.
  await expect(app.getByLabel('Aliases')).toHaveValue('');
  await mark(app, 'Lavrov').nth(1).click();
  await card.getByRole('button', { name: 'Add “Lavrov” as an alias' }).click();
  await app.getByRole('button', { name: /Sergei Lavrov PERSON/ }).click();
  await app.getByRole('button', { name: /Sergei Lavrov PERSON/ }).click();
  await expect(app.getByLabel('Aliases')).toHaveValue('Lavrov');
});

test('find other mentions of an entity and accept a suggestion', async ({ app }) => {
  await openDocument(app, KURDS);
  await selectText(app, 'Staffan de Mistura');
  await app.keyboard.press('p');
  const card = app.getByRole('region', { name: 'Selected mention' });
  await card.getByRole('button', { name: /Create entity “Staffan de Mistura”/ }).click();
  await app.getByRole('tab', { name: 'Entities' }).click();
  await app.getByRole('button', { name: /Staffan de Mistura PERSON/ }).click();
  await app.getByLabel('Aliases').fill('de Mistura\nDe Mistura');
  await app.getByRole('button', { name: 'Save', exact: true }).click();
  await app.getByRole('button', { name: 'Find other mentions' }).click();

  const panel = app.getByRole('region', { name: 'Suggestions' });
  await expect(panel).toContainText('In this document');
  await expect(panel).toContainText('In other documents');
  const pending = app.locator('mark.mention.pending');
  const before = await pending.count();
  expect(before).toBeGreaterThan(0);
  await panel.getByRole('button', { name: /^Accept “/ }).first().click();
  await expect(pending).toHaveCount(before - 1);
  await expect(app.locator('mark.mention:not(.pending)')).toHaveCount(2);
  // Reject all the rest here; other documents keep theirs.
  await panel.getByRole('button', { name: 'Reject all' }).first().click();
  await expect(pending).toHaveCount(0);
  await expect(panel).toContainText('In other documents');
  await app.reload();
  await expect(app.locator('mark.mention:not(.pending)')).toHaveCount(2);
});

test('document status is set from the reader and shown in the list', async ({ app }) => {
  await openDocument(app, KURDS);
  await app.getByLabel('Document status').selectOption('done');
  await expect(documentRows(app).filter({ hasText: KURDS })).toContainText('Done');
  await app.reload();
  await expect(app.getByLabel('Document status')).toHaveValue('done');
});

test('deleting a label that has mentions asks what to do with them', async ({ app }) => {
  await openDocument(app, KURDS);
  await selectText(app, 'Friday');
  await app.keyboard.press('d');
  await expect(mark(app, 'Friday')).toHaveAttribute('data-label', 'DATE');
  await app.getByRole('button', { name: 'Schema…' }).click();
  await app.getByRole('button', { name: 'Delete DATE' }).click();
  const question = app.getByRole('dialog', { name: 'Delete label DATE?' });
  await expect(question).toContainText('DATE is used by 1 mention in 1 document');
  await question.getByLabel('Move the mentions to').selectOption('EVENT');
  await question.getByRole('button', { name: 'Move and delete DATE' }).click();
  await expect(app.getByRole('dialog', { name: 'Label schema' })).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(mark(app, 'Friday')).toHaveAttribute('data-label', 'EVENT');
  await expect(app.getByRole('toolbar', { name: 'Labels' }).getByRole('button', { name: /DATE/ })).toHaveCount(0);
  // Ctrl+Z undoes the deletion as one step: the label and its mention's label come back.
  await app.keyboard.press('Control+z');
  await expect(app.locator('.toast', { hasText: 'Undone: delete the label DATE, moving its mentions to EVENT.' })).toBeVisible();
  await expect(mark(app, 'Friday')).toHaveAttribute('data-label', 'DATE');
  await expect(app.getByRole('toolbar', { name: 'Labels' }).getByRole('button', { name: /DATE/ })).toHaveCount(1);
});

test('the schema editor renames, recolours and re-keys a label, keeping its mentions', async ({ app }) => {
  await openDocument(app, KURDS);
  await selectText(app, 'Kerry');
  await app.keyboard.press('p');
  await app.getByRole('button', { name: 'Schema…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Label schema' });
  await dialog.getByLabel('Name of PERSON').fill('PER');
  await dialog.getByLabel('Name of PERSON').press('Enter');
  // PERSON has a mention: the rename shows what it touches and runs on confirm.
  await app.getByRole('dialog', { name: 'Apply this schema change?' }).getByRole('button', { name: 'Apply to 1 layer' }).click();
  // Typed at once, while the rename is still being saved.
  await dialog.locator('.key-input').first().fill('x');
  await expect(dialog.getByLabel('Key of PER', { exact: true })).toHaveValue('x');
  await app.keyboard.press('Escape');
  await expect(app.getByRole('toolbar', { name: 'Labels' }).getByRole('button', { name: /PER/ })).toHaveAttribute('aria-keyshortcuts', 'x');
  await expect(mark(app, 'Kerry').first()).toHaveAttribute('data-label', 'PER');
  await selectText(app, 'Lavrov');
  await app.keyboard.press('x');
  await expect(mark(app, 'Lavrov').first()).toHaveAttribute('data-label', 'PER');
});

test('mentions over emoji, flags, ZWJ sequences and combining accents cover exactly their characters', async ({ page }) => {
  const root = await mkdtemp(join(tmpdir(), 'parley-emoji-'));
  const ws = join(root, 'ws');
  execFileSync(process.execPath, ['bin/parley.js', 'init', '--workspace', ws, '--empty']);
  const text = 'Talks in Gene\u0300va 🇷🇺🇺🇸: Mu\u0308ller 👩‍👩‍👧 met Lavrov 😀 today.\n';
  await writeFile(join(root, 'emoji.txt'), text);
  execFileSync(process.execPath, ['bin/parley.js', 'import', '--workspace', ws, join(root, 'emoji.txt')]);
  const server = await startServer(ws);
  try {
    await page.goto(server.url);
    await documentRows(page).first().click();
    await selectText(page, 'ller 👩');
    await page.keyboard.press('p');
    await selectText(page, '🇷🇺');
    await page.keyboard.press('g');
    await selectText(page, 'Gene');
    await page.keyboard.press('l');
    await expect(page.locator('mark.mention[data-label="PERSON"]')).toHaveText('Mu\u0308ller 👩‍👩‍👧');
    await expect(page.locator('mark.mention[data-label="GPE"]')).toHaveText('🇷🇺');
    await expect(page.locator('mark.mention[data-label="LOC"]')).toHaveText('Gene\u0300va');
    const layer = (await layerOnDisk(ws, execFileSync('ls', [join(ws, 'annotations')]).toString().trim(), 'emoji'))!;
    for (const m of layer.mentions) expect(text.slice(m.start, m.end)).toBe(m.quote);
    expect(layer.mentions.map((m: { quote: string }) => m.quote).sort()).toEqual(['Gene\u0300va', 'Mu\u0308ller 👩‍👩‍👧', '🇷🇺']);
  } finally {
    await stopServer(server);
  }
});

test('a label key never changes a mention scrolled out of view; the relabel toast stays under the pointer', async ({ app }) => {
  await app.setViewportSize({ width: 1024, height: 700 });
  await openDocument(app, KURDS);
  await selectText(app, 'Sergei Lavrov');
  await app.keyboard.press('p');
  const lavrov = mark(app, 'Sergei Lavrov');
  await expect(lavrov).toHaveAttribute('data-label', 'PERSON');
  // The page's clock from here on, so the toast's time can be passed over instead of waited for.
  await app.clock.install();
  // In view, a key relabels the focused mention and says so, with Undo.
  await app.keyboard.press('o');
  await expect(lavrov).toHaveAttribute('data-label', 'ORG');
  const toast = app.locator('.toast', { hasText: 'PERSON → ORG' });
  await expect(toast).toBeVisible();
  // The toast stays while the pointer rests on it, long past its usual time.
  await toast.hover();
  await app.clock.fastForward(9_000);
  await expect(toast).toBeVisible();
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(lavrov).toHaveAttribute('data-label', 'PERSON');

  // Scrolled away with the wheel, the same key does nothing and says why.
  await lavrov.click();
  const box = (await app.locator('.reader-scroll').boundingBox())!;
  await app.mouse.move(box.x + box.width / 2, box.y + box.height - 20);
  // Turn the wheel until the mention has left the view (the text below may still be drawing).
  await expect(async () => {
    await app.mouse.wheel(0, 1_500);
    await expect(lavrov).not.toBeInViewport({ timeout: 500 });
  }).toPass();
  await app.keyboard.press('g');
  await expect(app.locator('.toast', { hasText: 'Select text or a mention first' })).toBeVisible();
  await expect(lavrov).toHaveAttribute('data-label', 'PERSON');
});
