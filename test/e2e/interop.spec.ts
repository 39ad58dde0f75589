import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './helpers';

/** A CoNLL-2003 file, as shared tasks hand them out: PER/LOC/ORG/MISC tags in the last of four columns. */
async function conll2003(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-conll-'));
  const file = join(dir, 'eng.testa');
  const lines = ['-DOCSTART- -X- -X- O', '', 'Lavrov NNP B-NP B-PER', 'met VBD B-VP O', 'Kerry NNP B-NP B-PER', 'in IN B-PP O', 'Geneva NNP B-NP B-LOC', 'on IN B-PP O', 'Syrian JJ B-NP B-MISC', 'talks NNS I-NP O', '. . O O', ''];
  await writeFile(file, lines.join('\n'));
  return file;
}

test('import lists the labels the schema lacks and imports only once each has a decision', async ({ app }) => {
  test.setTimeout(180_000);
  const file = await conll2003();
  await app.getByRole('button', { name: 'Import…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Import' });
  await dialog.getByLabel('Files or folders to import').fill(file);
  await dialog.getByLabel('Import format').selectOption('conll');
  await dialog.getByRole('button', { name: 'Check' }).click();
  const labels = dialog.getByLabel('Labels the schema lacks');
  await expect(labels).toContainText('2 labels in these files are not in the schema');
  await expect(labels.getByRole('row', { name: /PER/ })).toContainText('2');
  await expect(dialog.getByRole('button', { name: /^Import 0 documents/ })).toBeDisabled();

  await labels.getByLabel('What to do with PER').selectOption({ label: 'Map to PERSON' });
  await expect(labels).toContainText('1 label in these files is not in the schema');
  await labels.getByLabel('What to do with MISC').selectOption({ label: 'Drop its mentions' });
  await expect(labels).toContainText('Labels not in the schema:');
  const plan = dialog.getByLabel('What will be imported');
  await expect(plan).toContainText('2 PER mention(s) imported as PERSON');
  await expect(plan).toContainText('1 MISC mention(s) dropped');
  await dialog.getByRole('button', { name: /^Import 1 document/ }).click();
  await expect(dialog.getByRole('status')).toContainText('Added 1 documents');
});

/** A colleague's brat folder whose annotation.conf declares an event type the workspace lacks. */
async function bratFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-brat-'));
  await writeFile(join(dir, 'annotation.conf'), '[entities]\nPERSON\n[relations]\n[events]\nTalks\tParty{2-10}:PERSON\n[attributes]\nVenue\tArg:Talks, Value:Geneva|Minsk\n');
  await writeFile(join(dir, 'talks.txt'), 'Kerry met Lavrov in Geneva.');
  await writeFile(join(dir, 'talks.ann'), 'T1\tPERSON 0 5\tKerry\nT2\tPERSON 10 16\tLavrov\nT3\tTalks 6 9\tmet\nE1\tTalks:T3 Party1:T1 Party2:T2\nA1\tVenue E1 Geneva\n');
  return dir;
}

test('a brat folder\'s new event type is offered as a frame type, added with its roles, or dropped', async ({ app }) => {
  test.setTimeout(180_000);
  const dir = await bratFolder();
  await app.getByRole('button', { name: 'Import…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Import' });
  await dialog.getByLabel('Files or folders to import').fill(dir);
  await dialog.getByRole('button', { name: 'Check' }).click();
  const labels = dialog.getByLabel('Labels the schema lacks');
  await expect(labels).toContainText('1 label in these files is not in the schema');
  await expect(labels.getByRole('row', { name: /Talks \(frame type\)/ })).toContainText('1');
  // A frame type cannot become a mention label: only adding or dropping it is offered.
  const choice = labels.getByLabel('What to do with Talks');
  await expect(choice.locator('option')).toHaveText(['Choose…', 'Add Talks to the schema', 'Drop its frames']);
  await expect(dialog.getByRole('button', { name: /^Import 0 documents/ })).toBeDisabled();
  await choice.selectOption({ label: 'Add Talks to the schema' });
  await expect(dialog.getByLabel('What will be imported')).toContainText('frame type Talks added to the schema as annotation.conf declares it (1 frame(s))');
  await dialog.getByRole('button', { name: /^Import 1 document/ }).click();
  await expect(dialog.getByRole('status')).toContainText('Added 1 documents');
});

test('a doccano file with one bad record is refused, and with "Skip invalid records" the rest is imported and the bad line named', async ({ app }) => {
  test.setTimeout(180_000);
  const dir = await mkdtemp(join(tmpdir(), 'parley-doccano-'));
  const file = join(dir, 'export.jsonl');
  const records = [
    { text: 'Lavrov met Kerry in Geneva.', label: [[0, 6, 'PERSON']] },
    { text: 'Kerry left.', label: [[0, 40, 'PERSON']] },
    { text: 'Talks in Minsk.', label: [[9, 14, 'LOC']] },
  ];
  await writeFile(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  await app.getByRole('button', { name: 'Import…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Import' });
  await dialog.getByLabel('Files or folders to import').fill(file);
  await dialog.getByRole('button', { name: 'Check' }).click();
  await expect(dialog.getByRole('alert')).toContainText('export.jsonl:2: offsets 0–40 fall outside the text');
  await dialog.getByLabel(/Skip invalid records/).check();
  await dialog.getByRole('button', { name: 'Check' }).click();
  const plan = dialog.getByLabel('What will be imported');
  await expect(plan).toContainText('skipped: ');
  await expect(plan).toContainText('export.jsonl:2');
  await dialog.getByRole('button', { name: /^Import 2 documents/ }).click();
  await expect(dialog.getByRole('status')).toContainText('Added 2 documents');
});
