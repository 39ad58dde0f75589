/**
 * A brat folder imported through the Import dialog as an analyst does it: a
 * document with a bad line refuses the import, named by file and line, until
 * "Skip invalid records" leaves it out; the discontinuous mention of the
 * other document (brat's `T1 ORG 4 11;29 40`) is drawn as its two pieces,
 * the gap plain text, and a click on either piece selects the one mention.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, openDocument, test } from './helpers';

const TEXT = 'The Russian and the American delegations met in Geneva on Friday.';
const GAP = ' and the American ';

/** A colleague's brat folder: the talks document with a discontinuous mention, and one whose second line does not hold its text. */
async function bratFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-discontinuous-'));
  const [a, b] = [TEXT.indexOf('Russian'), TEXT.indexOf('delegations')];
  const geneva = TEXT.indexOf('Geneva');
  const american = TEXT.indexOf('American');
  await writeFile(join(dir, 'talks.txt'), TEXT);
  await writeFile(join(dir, 'talks.ann'), `T1\tORG ${a} ${a + 7};${b} ${b + 11}\tRussian delegations\nT2\tGPE ${geneva} ${geneva + 6}\tGeneva\nT3\tGPE ${american} ${american + 8}\tAmerican\n`);
  await writeFile(join(dir, 'minsk.txt'), 'Talks resumed in Minsk.');
  await writeFile(join(dir, 'minsk.ann'), 'T1\tGPE 17 22\tMinsk\nT2\tGPE 0 5\tMinsk\n');
  return dir;
}

async function click(page: Page, target: Locator): Promise<void> {
  const box = (await target.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

test('a bad brat line refuses the import by file and line until skipped; a discontinuous mention is two pieces, each selecting it', async ({ app }) => {
  test.setTimeout(180_000);
  const dir = await bratFolder();
  await app.getByRole('button', { name: 'Import…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Import' });
  await dialog.getByLabel('Files or folders to import').fill(dir);
  await dialog.getByLabel('Import format').selectOption('brat');

  // Without the option: refused whole, the file, line and problem named.
  await dialog.getByRole('button', { name: 'Check' }).click();
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('minsk.ann:2:');
  await expect(alert).toContainText('does not match the text at its offsets');
  await expect(alert).toContainText('Nothing was imported.');

  // With it: the plan lists the skipped document by line, and the other one is imported.
  await dialog.getByLabel(/Skip invalid records/).check();
  await dialog.getByRole('button', { name: 'Check' }).click();
  const plan = dialog.getByLabel('What will be imported');
  await expect(plan).toContainText(/skipped: .*minsk\.ann:2: the text of T2, "Minsk", does not match the text at its offsets, "Talks"/);
  await expect(plan.getByRole('row')).toHaveCount(2);
  await dialog.getByRole('button', { name: /^Import 1 document/ }).click();
  await expect(dialog.getByRole('status')).toContainText('Added 1 documents');
  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await openDocument(app, 'The Russian and the American');
  const pieces = app.locator('.doc-text mark.mention[data-label="ORG"]');
  await expect(pieces).toHaveCount(2);
  await expect(pieces.nth(0)).toHaveText('Russian');
  await expect(pieces.nth(1)).toHaveText('delegations');
  await expect(pieces.nth(0)).toHaveAttribute('data-piece', '1/2');
  await expect(pieces.nth(1)).toHaveAttribute('data-piece', '2/2');
  await expect(pieces.nth(0)).toHaveAttribute('aria-label', 'ORG: Russian … delegations, piece 1 of 2');
  await expect(pieces.nth(1)).toHaveAttribute('aria-label', 'ORG: Russian … delegations, piece 2 of 2');
  // The gap is not part of the mention: no ORG mark holds it, only the GPE mention inside it.
  const para = app.locator('.doc-text p.para').first();
  await expect(para).toContainText(`Russian${GAP}delegations`);
  const american = app.locator('.doc-text mark.mention').filter({ hasText: 'American' });
  await expect(american).toHaveCount(1);
  await expect(american).toHaveAttribute('data-label', 'GPE');
  // The label is drawn once, on the first piece.
  await expect(pieces.nth(0)).toHaveAttribute('data-first', '');
  await expect(pieces.nth(1)).not.toHaveAttribute('data-first', '');

  const card = app.getByRole('region', { name: 'Selected mention' });
  const outlined = (i: number) => pieces.nth(i).evaluate((el) => getComputedStyle(el).outlineStyle);
  for (const i of [1, 0]) {
    await click(app, pieces.nth(i));
    await expect(card).toBeVisible();
    await expect(card.locator('q.quote')).toHaveText('Russian … delegations');
    await expect(card).toContainText('4–11, 29–40');
    // Both pieces light up as the one selected mention.
    await expect.poll(() => outlined(0)).toBe('solid');
    await expect.poll(() => outlined(1)).toBe('solid');
    await app.keyboard.press('Escape');
    await expect(card).toBeHidden();
  }

  // A click in the gap finds only what is there: clicking American again does not cycle to the ORG mention around it.
  for (let i = 0; i < 2; i++) {
    await click(app, american);
    await expect(card.locator('q.quote')).toHaveText('American');
  }
  await app.keyboard.press('Escape');

  for (const scheme of ['light', 'dark'] as const) {
    await app.emulateMedia({ colorScheme: scheme });
    for (const [w, h] of [
      [1024, 700],
      [1920, 1080],
    ]) {
      await app.setViewportSize({ width: w, height: h });
      await click(app, pieces.nth(1));
      await app.screenshot({ path: `/tmp/discontinuous-${w}-${scheme}.png` });
    }
  }
  // The side list names the mention by its pieces too.
  await expect(app.getByRole('region', { name: 'Mentions' }).getByRole('button', { name: 'Russian … delegations' })).toBeVisible();
});
