import { documentRows, expect, test } from './helpers';

test('lists the five sample articles with title, outlet and status', async ({ app }) => {
  const docs = documentRows(app);
  await expect(docs).toHaveCount(5);
  await expect(docs.nth(0)).toContainText('Lavrov and Kerry agreed to try to make a pause in the intra-Syrian talks short');
  // Headlines, not the page boilerplate the files open with.
  await expect(docs.nth(1)).toContainText('Lavrov: Russia and USA will not take part');
  await expect(docs.nth(3)).toContainText('TASS');
  await expect(docs.nth(4)).toContainText('Fort Russ News');
  await expect(docs.nth(4)).toContainText('Not started');
  await expect(docs.nth(4)).toContainText('0 mentions');
});

test('opens an article with its paragraphs, by mouse and by keyboard', async ({ app }) => {
  await documentRows(app).filter({ hasText: 'fail to agree on Syria and Ukraine' }).click();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Russia and US fail to agree on Syria and Ukraine');
  const paras = app.locator('.doc-text p.para');
  await expect(paras.first()).toHaveText('Russia and US fail to agree on Syria and Ukraine');
  await expect(paras.filter({ hasText: 'RIA, translated by J. Flores' })).toHaveCount(1);
  expect(await paras.count()).toBeGreaterThan(20);

  // Keyboard: focus the list, move up with k, open with Enter.
  await app.getByRole('listbox', { name: 'Documents' }).focus();
  await app.keyboard.press('k');
  await app.keyboard.press('k');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('United States and Russian Federation report progress but no deal reached on Syria');
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Lavrov, Kerry to discuss details of possible agreement on Syria');
});

test('a reload keeps the open document', async ({ app }) => {
  await documentRows(app).filter({ hasText: 'Lavrov, Kerry to discuss' }).click();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Lavrov, Kerry to discuss details of possible agreement on Syria');
  await app.reload();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Lavrov, Kerry to discuss details of possible agreement on Syria');
  // Also without the #doc in the address: the workspace remembers the last document.
  await app.goto(app.url().replace(/#.*$/, ''));
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Lavrov, Kerry to discuss details of possible agreement on Syria');
});

test('opens another workspace folder from a path', async ({ app, server }) => {
  await app.getByRole('button', { name: 'Open workspace…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Open workspace' });
  await dialog.getByLabel('Workspace folder').fill(`${server.workspace}-second`);
  await dialog.getByText('Create an empty workspace').click();
  await dialog.getByRole('button', { name: 'Open' }).click();
  await expect(documentRows(app)).toHaveCount(0);
  await expect(app.locator('.workspace-name')).toHaveText('workspace-second');
});

test('the browser host refuses API calls without the token', async ({ app, server }) => {
  const origin = new URL(server.url).origin;
  const res = await app.request.post(`${origin}/api/documents.list`, { data: {} });
  expect(res.status()).toBe(401);
});
