/**
 * The schema is honoured: a brat folder whose annotation.conf (brat's own,
 * with no <OVERLAP> rule) is imported makes the workspace refuse a second
 * label on a span that has one, and offer the relabel instead.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, mark, openDocument, selectText, test } from './helpers';

test('under an imported brat annotation.conf, the same span with another label is refused and offered as a relabel', async ({ app }) => {
  test.setTimeout(120_000);
  const dir = await mkdtemp(join(tmpdir(), 'parley-brat-'));
  await writeFile(join(dir, 'annotation.conf'), '[entities]\nPERSON\nORG\nGPE\nLOC\n[relations]\n[events]\n[attributes]\n');
  await writeFile(join(dir, 'ceasefire.txt'), 'Ceasefire talks on Syria\n\nRussia and the United States agreed on a ceasefire in Syria on Friday.\n');
  await writeFile(join(dir, 'ceasefire.ann'), '');
  await app.getByRole('button', { name: 'Import…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Import' });
  await dialog.getByLabel('Files or folders to import').fill(dir);
  await dialog.getByRole('button', { name: 'Check' }).click();
  await expect(dialog.getByLabel('What will be imported')).toContainText('allows mentions to overlap only as its <OVERLAP> rules say (no overlap at all)');
  await dialog.getByRole('button', { name: /^Import 1 document/ }).click();
  await expect(dialog.getByRole('status')).toContainText('Added 1 documents');
  await app.keyboard.press('Escape');

  await openDocument(app, 'Ceasefire talks on Syria');
  await selectText(app, 'Syria', 1);
  await app.keyboard.press('g');
  await expect(mark(app, 'Syria')).toHaveAttribute('data-label', 'GPE');

  // Exactly the same span, another label's key: refused, with the relabel offered.
  await selectText(app, 'Syria', 1);
  await app.keyboard.press('o');
  const toast = app.getByRole('status').filter({ hasText: 'ORG “Syria” may not have the same span as GPE “Syria”' });
  await expect(toast).toBeVisible();
  await expect(mark(app, 'Syria')).toHaveCount(1);
  await expect(mark(app, 'Syria')).toHaveAttribute('data-label', 'GPE');
  await toast.getByRole('button', { name: 'Relabel as ORG' }).click();
  await expect(mark(app, 'Syria')).toHaveCount(1);
  await expect(mark(app, 'Syria')).toHaveAttribute('data-label', 'ORG');

  // A mention inside another is refused too: the conf has no rule that allows it.
  await selectText(app, 'United States');
  await app.keyboard.press('g');
  await selectText(app, 'States');
  await app.keyboard.press('l');
  await expect(app.getByRole('status').filter({ hasText: 'LOC “States” may not lie inside GPE “United States”' })).toBeVisible();
  await expect(mark(app, 'States')).toHaveCount(1);
});
