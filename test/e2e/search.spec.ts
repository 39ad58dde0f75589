import { expect, mark, openDocument, test } from './helpers';

test('search the corpus, see the hits in context, and open one with it selected', async ({ app }) => {
  await app.keyboard.press('Control+Shift+F');
  const search = app.getByRole('region', { name: 'Search' });
  await search.getByRole('searchbox', { name: 'Search for' }).fill('kerry');
  await app.keyboard.press('Enter');
  await expect(search.getByRole('status')).toHaveText(/^\d+ hits in [2-9] documents$/);
  const hits = search.getByRole('listbox', { name: 'Hits' }).getByRole('option');
  await expect(hits.first()).toContainText('Kerry');
  const second = hits.nth(1);
  const title = (await second.locator('.hit-doc').textContent())!;
  await hits.first().click();
  await app.keyboard.press('ArrowDown');
  await expect(second).toHaveAttribute('aria-selected', 'true');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect.poll(() => app.evaluate(() => getSelection()?.toString())).toBe('Kerry');
  // The selection is the analyst's: a label key tags the hit.
  await app.keyboard.press('p');
  await expect(mark(app, 'Kerry').first()).toHaveAttribute('data-label', 'PERSON');

  // The search is where it was left.
  await app.keyboard.press('Control+Shift+F');
  await expect(search.getByRole('searchbox', { name: 'Search for' })).toHaveValue('kerry');
  await expect(second).toHaveAttribute('aria-selected', 'true');
});

test('a bad pattern says what is wrong; phrase and regex modes find what they should', async ({ app }) => {
  await app.getByRole('button', { name: 'Search', exact: true }).click();
  const search = app.getByRole('region', { name: 'Search' });
  const box = search.getByRole('searchbox', { name: 'Search for' });
  await search.getByRole('combobox', { name: 'Match' }).selectOption('regex');
  await box.fill('(Lavrov');
  await box.press('Enter');
  await expect(search.getByRole('alert')).toContainText('not a valid regular expression');
  await box.fill('Lavrov|Kerry');
  await box.press('Enter');
  await expect(search.getByRole('status')).toHaveText(/^\d+ hits in 5 documents$/);
  await search.getByRole('combobox', { name: 'Match' }).selectOption('phrase');
  await box.fill('foreign minister');
  await box.press('Enter');
  await expect(search.getByRole('status')).toHaveText(/^\d+ hits? in \d documents?$/);
  await expect(search.getByRole('listbox', { name: 'Hits' }).getByRole('option').first().locator('.hit-quote')).toHaveText(/foreign\s+minister/i);
});

test('tag every hit: preview, apply as one step, undo as one', async ({ app }) => {
  await app.keyboard.press('Control+Shift+F');
  const search = app.getByRole('region', { name: 'Search' });
  await search.getByRole('searchbox', { name: 'Search for' }).fill('Geneva');
  await app.keyboard.press('Enter');
  await expect(search.getByRole('status')).toHaveText(/^\d+ hits in \d+ documents$/);
  const count = Number(/^(\d+)/.exec((await search.getByRole('status').textContent())!)![1]);
  await search.getByRole('combobox', { name: 'Tag as label' }).selectOption('GPE');
  await search.getByRole('button', { name: 'Preview' }).click();
  const preview = search.getByLabel('Tagging preview');
  await expect(preview).toContainText(`${count} new mentions in`);
  await preview.getByRole('button', { name: `Tag ${count} hits` }).click();
  await expect(search).toContainText(`Tagged ${count} hits as GPE in`);

  await search.getByRole('button', { name: 'Back to the reader' }).click();
  await openDocument(app, 'Russia and US fail to agree on Syria and Ukraine');
  await expect(mark(app, 'Geneva').first()).toHaveAttribute('data-label', 'GPE');

  await app.keyboard.press('Control+Shift+F');
  await search.getByRole('button', { name: 'Undo' }).click();
  await expect(app.getByRole('status').filter({ hasText: /Undone in \d+ documents/ })).toBeVisible();
  await search.getByRole('button', { name: 'Back to the reader' }).click();
  await expect(app.locator('.doc-text')).toContainText('Geneva');
  await expect(mark(app, 'Geneva')).toHaveCount(0);
});
