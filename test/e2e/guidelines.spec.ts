import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, mark, openDocument, selectText, test } from './helpers';

/** The PERSON card is showing: it holds the definition and the deciding question, and stays while the hand moves onto its link, which opens the guidelines there. */
async function followPersonGuide(app: Page): Promise<void> {
  const card = app.getByRole('tooltip');
  await expect(card).toContainText('A person named in the text');
  await expect(card).toContainText('Could you look this person up by this name?');
  const link = card.getByRole('button', { name: 'In the guidelines ›' });
  const at = (await link.boundingBox())!;
  await app.mouse.move(at.x + at.width / 2, at.y + at.height / 2, { steps: 4 });
  await app.mouse.click(at.x + at.width / 2, at.y + at.height / 2);
  await expect(app.getByRole('tab', { name: 'Guidelines' })).toHaveAttribute('aria-selected', 'true');
  await expect(app.locator('.guidelines-body #guide-person')).toBeInViewport();
}

test('a label’s definition shows on hover, and its link opens the guidelines at that heading', async ({ app }) => {
  await openDocument(app, 'fail to agree on Syria and Ukraine');
  const person = app.getByRole('toolbar', { name: 'Labels' }).getByRole('button', { name: /PERSON/ });
  const box = (await person.boundingBox())!;
  await app.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(app.getByRole('tooltip')).toContainText('Sergei Lavrov');
  await followPersonGuide(app);
  await expect(app.locator('.guidelines-body')).toContainText('A named person. Leave titles out');
});

test('a mention’s label definition shows on hover over the mention in the text, and a drag over it shows none', async ({ app }) => {
  await openDocument(app, 'fail to agree on Syria and Ukraine');
  await selectText(app, 'Lavrov');
  await app.keyboard.press('p');
  const lavrov = mark(app, 'Lavrov').first();
  await expect(lavrov).toBeVisible();
  await app.keyboard.press('Escape');
  await app.mouse.move(0, 0);
  await expect(app.getByRole('tooltip')).toHaveCount(0);
  // Onto the word itself (its last box, should the mention wrap).
  const rects = await lavrov.evaluate((el) => [...el.getClientRects()].filter((r) => r.width > 0).map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })));
  const box = rects[rects.length - 1];
  await app.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
  await expect(app.getByRole('tooltip')).toContainText('PERSON');
  await followPersonGuide(app);
  await app.mouse.move(0, 0);
  await expect(app.getByRole('tooltip')).toHaveCount(0);

  // A drag that starts on the mention selects text and raises no card.
  const again = (await lavrov.boundingBox())!;
  await app.mouse.move(again.x + 2, again.y + again.height / 2);
  await app.mouse.down();
  await app.mouse.move(again.x + again.width + 60, again.y + again.height / 2, { steps: 6 });
  await app.waitForTimeout(600);
  await expect(app.getByRole('tooltip')).toHaveCount(0);
  await app.mouse.up();
});

test('a role’s and a value’s definitions show on hover in the frame card', async ({ app }) => {
  await openDocument(app, 'fail to agree on Syria and Ukraine');
  const words = app.locator('.doc-text p.para').first();
  const w = (await words.boundingBox())!;
  // Drag over the headline as evidence, then press s for a stance.
  await app.mouse.move(w.x + 2, w.y + w.height / 2);
  await app.mouse.down();
  await app.mouse.move(w.x + w.width - 4, w.y + w.height / 2, { steps: 8 });
  await app.mouse.up();
  await app.keyboard.press('s');
  const holder = app.locator('.frame-card .role-name', { hasText: 'Holder' });
  await expect(holder).toBeVisible();
  const h = (await holder.boundingBox())!;
  await app.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
  await expect(app.getByRole('tooltip')).toContainText('Who holds the position');
  await app.mouse.move(0, 0);
  await expect(app.getByRole('tooltip')).toHaveCount(0);
  const against = app.getByRole('radio', { name: /against/ });
  const a = (await against.boundingBox())!;
  await app.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await expect(app.getByRole('tooltip')).toContainText('The holder opposes, rejects or criticises the target.');
});

test('the guidelines are edited in place and saved to guidelines.md; HTML in them is shown as text, never run', async ({ app, server }) => {
  await app.keyboard.press('Control+Shift+G');
  await app.getByRole('button', { name: 'Edit guidelines' }).click();
  const draft = app.getByLabel('Guidelines (Markdown)');
  await draft.click();
  await app.keyboard.press('Control+End');
  await app.keyboard.type('\n\n## Hard cases\n\n<img src=x onerror="window.pwned=1"><script>window.pwned=2</script> **Aleppo** is a GPE.\n');
  await app.keyboard.press('Control+S');
  await expect(app.getByRole('heading', { name: 'Hard cases' })).toBeVisible();
  await expect(app.locator('.guidelines-body')).toContainText('<img src=x onerror="window.pwned=1">');
  expect(await app.locator('.guidelines-body img, .guidelines-body script').count()).toBe(0);
  expect(await app.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  const file = await readFile(join(server.workspace, 'guidelines.md'), 'utf8');
  expect(file).toContain('## Hard cases');
  expect(file).toMatch(/^# Guidelines: entities, stances and agreements/);
});

test('a new workspace opened from the window starts under the scheme chosen there, with its guidelines', async ({ app, server }) => {
  await app.getByRole('button', { name: 'Open workspace…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Open workspace' });
  await dialog.getByLabel('Workspace folder').click();
  await app.keyboard.press('End');
  await app.keyboard.type('-propaganda');
  await dialog.getByText('Create an empty workspace').click();
  await dialog.getByLabel('Scheme').selectOption({ label: 'Propaganda techniques (18)' });
  await expect(dialog).toContainText('18 labels, with definitions and guidelines');
  await dialog.getByRole('button', { name: 'Open' }).click();
  await expect(app.locator('.workspace-name')).toHaveText('workspace-propaganda');
  expect(JSON.parse(await readFile(join(`${server.workspace}-propaganda`, 'schema.json'), 'utf8')).schema.labels).toHaveLength(18);
  await app.keyboard.press('Control+Shift+G');
  await expect(app.locator('.guidelines-body h1')).toHaveText('Guidelines: propaganda techniques');
});

test('the shortcuts sheet gives each label key its definition', async ({ app }) => {
  await openDocument(app, 'fail to agree on Syria and Ukraine');
  await app.keyboard.press('F1');
  const sheet = app.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet.getByRole('row').filter({ hasText: 'PERSON: tag the selection' })).toContainText('A person named in the text');
  await expect(sheet.getByRole('row').filter({ hasText: 'Create a stance' })).toContainText('A position an actor takes toward a target');
});

test('the guidelines asked for while the workspace is still loading show, and stay', async ({ page, server }) => {
  // The workspace's first rows come late, as on a loaded machine; the guidelines are asked for meanwhile.
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/api/entities.list', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(server.url);
  await expect(page.getByRole('button', { name: /Annotator/ })).toContainText(/\w/);
  await page.keyboard.press('Control+Shift+G');
  await expect(page.locator('.guidelines-body h1')).toHaveText(/^Guidelines: entities, stances and agreements/);
  release();
  await expect(page.getByRole('listbox', { name: 'Documents' }).getByRole('option').first()).toBeVisible();
  await expect(page.locator('.guidelines-body h1')).toHaveText(/^Guidelines: entities, stances and agreements/);
  await expect(page.getByRole('button', { name: 'Edit guidelines' })).toBeVisible();
});
