import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, openDocument, selectText, test, writeColleagueLayer } from './helpers';

const DOC = '004_8524de8df0f8b196';
const TITLE = 'Russia and US fail to agree on Syria and Ukraine';

/** A second analyst, ben, labels the same article in their own workspace and exports it. */
async function bensExport(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'parley-ben-'));
  const ws = join(root, 'ws');
  execFileSync(process.execPath, ['bin/parley.js', 'init', '--workspace', ws]);
  // Agrees on Sergei Lavrov and Geneva; says PERSON where ana says ORG; a longer Kerry span; no Friday; an extra Moscow.
  await writeColleagueLayer(ws, DOC, 'ben', [
    ['b1', 'Geneva', 'GPE'],
    ['b2', 'Russian Foreign Minister', 'PERSON'],
    ['b3', 'Sergei Lavrov', 'PERSON'],
    ['b4', 'US Secretary of State John Kerry', 'PERSON'],
    ['b5', 'Moscow', 'GPE'],
  ]);
  const out = join(root, 'ben.jsonl');
  execFileSync(process.execPath, ['bin/parley.js', 'export', '--workspace', ws, '--format', 'native', '--annotator', 'ben', '--out', join(root, 'ben-export')]);
  const files = await readdir(join(root, 'ben-export'));
  await writeFile(out, await readFile(join(root, 'ben-export', files.find((f) => f.endsWith('.jsonl'))!), 'utf8'));
  return out;
}

test("import a second analyst's export, see the disagreements, adjudicate three and find them in the gold export", async ({ app, server }) => {
  // Two command-line runs and many steps: more time than the default on a busy machine.
  test.setTimeout(180_000);
  // I am ana.
  await app.getByRole('button', { name: /Annotator/ }).click();
  await app.getByLabel('Annotator name').fill('ana');
  await app.getByRole('button', { name: 'Save' }).click();
  await expect(app.getByRole('button', { name: /Annotator/ })).toContainText('ana');
  await expect(app).toHaveTitle(/ana/);

  await openDocument(app, TITLE);
  for (const [phrase, key] of [
    ['Geneva', 'g'],
    ['Russian Foreign Minister', 'o'],
    ['Sergei Lavrov', 'p'],
    ['John Kerry', 'p'],
    ['Friday', 'd'],
  ] as const) {
    await selectText(app, phrase);
    await app.keyboard.press(key);
  }
  await expect(app.locator('.doc-text mark.mention')).toHaveCount(5);

  // Import ben's labels.
  const file = await bensExport();
  await app.getByRole('button', { name: 'Import…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Import' });
  await dialog.getByLabel('Files or folders to import').fill(file);
  await dialog.getByRole('button', { name: 'Check' }).click();
  const plan = dialog.getByLabel('What will be imported');
  await expect(plan).toContainText('detected');
  await expect(plan).toContainText('ben');
  await expect(plan.getByRole('row').filter({ hasText: TITLE })).toContainText('labels for a document already here');
  await dialog.getByRole('button', { name: /^Import 1 document/ }).click();
  await expect(dialog.getByRole('status')).toContainText('wrote 1 layers');
  await dialog.getByRole('button', { name: 'Done' }).click();

  // Review: the disagreements are marked.
  await app.getByRole('button', { name: 'Review' }).click();
  const review = app.getByRole('region', { name: 'Review' });
  await review.getByRole('option', { name: TITLE }).click();
  const text = review.locator('.review-text');
  // One mark per span: Geneva and Sergei Lavrov agreed; the minister and both Kerry spans differ; Friday and Moscow one only.
  await expect(text.locator('mark.mention[data-status="agreed"]')).toHaveCount(2);
  await expect(text.locator('mark.mention[data-status="differs"]')).toHaveCount(3);
  await expect(text.locator('mark.mention[data-status="one-only"]')).toHaveCount(2);
  const side = app.getByRole('complementary', { name: 'Decisions' });
  await expect(side).toContainText('0 of 6 decided');

  // Three decisions, by keyboard: ben's label for the minister (2), ana's Kerry (1), ana's lone Friday (1).
  const item = side.getByRole('region', { name: 'Current item' });
  await expect(item).toContainText('same span, other label');
  await app.keyboard.press('2');
  await expect(side).toContainText('1 of 6 decided');
  await app.keyboard.press('n');
  await expect(item).toContainText('overlapping spans');
  await app.keyboard.press('1');
  await expect(side).toContainText('2 of 6 decided');
  await app.keyboard.press('n');
  await expect(item).toContainText('Friday');
  await app.keyboard.press('1');
  await expect(side).toContainText('3 of 6 decided');

  // Export gold and find the three decisions in it.
  await app.getByRole('button', { name: 'Back to the reader' }).click();
  await app.getByRole('button', { name: 'Export…' }).click();
  const exp = app.getByRole('dialog', { name: 'Export dataset' });
  await exp.getByLabel('Whose labels').selectOption('gold');
  const out = join(server.workspace, '..', 'gold-export');
  await exp.getByLabel('Export to').fill(out);
  await expect(exp.getByText(/Will write/)).toContainText('1 documents');
  await exp.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(exp.getByRole('status')).toContainText('Wrote 1 documents');
  const written = (await readdir(out)).find((f) => f.endsWith('.jsonl'))!;
  const lines = (await readFile(join(out, written), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
  const record = lines.find((l) => l.document?.id === DOC || l.id === DOC);
  const mentions: { quote: string; label: string; attrs?: Record<string, string> }[] = record.mentions;
  expect(mentions.map((x) => `${x.label}:${x.quote}:${x.attrs?.adjudicated}`).sort()).toEqual([
    'DATE:Friday:accept:ana',
    'PERSON:John Kerry:accept:ana',
    'PERSON:Russian Foreign Minister:accept:ben',
  ]);
});

test('with only one analyst, Review says what to do, in line with its heading', async ({ app }) => {
  await app.setViewportSize({ width: 1920, height: 1080 });
  await app.getByRole('button', { name: 'Review' }).click();
  const review = app.getByRole('region', { name: 'Review' });
  const advice = review.getByText('Choose at least two annotators to compare.');
  await expect(advice).toBeVisible();
  const heading = (await review.getByRole('heading', { name: 'Review and adjudicate' }).boundingBox())!;
  const text = (await advice.boundingBox())!;
  expect(Math.abs(text.x - heading.x)).toBeLessThan(2);
});
