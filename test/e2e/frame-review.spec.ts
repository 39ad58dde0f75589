import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './helpers';

const DOC = '004_8524de8df0f8b196';
const TITLE = 'Russia and US fail to agree on Syria and Ukraine';

/** Two analysts' layers on one article: the same stance with another holder mention of the same person and another polarity; an agreement where one left a party out. */
async function twoAnalysts(workspace: string): Promise<void> {
  const doc = JSON.parse(await readFile(join(workspace, 'documents', `${DOC}.json`), 'utf8'));
  const text: string = doc.text;
  const at = (quote: string, after = 0) => {
    const start = text.indexOf(quote, after);
    if (start < 0) throw new Error(`not in the text: ${quote}`);
    return { start, end: start + quote.length, quote };
  };
  const sentence = at('Lavrov stressed that Moscow and Washington managed to find');
  const stanceEvidence = { ...sentence, end: text.indexOf('on Syria.', sentence.start) + 'on Syria'.length };
  stanceEvidence.quote = text.slice(stanceEvidence.start, stanceEvidence.end);
  const agreementEvidence = at('Moscow and Washington managed to find', sentence.start);
  const agreementEnd = text.indexOf('common ground', agreementEvidence.start) + 'common ground'.length;
  const agreementSpan = { start: agreementEvidence.start, end: agreementEnd, quote: text.slice(agreementEvidence.start, agreementEnd) };
  const m = (id: string, label: string, span: { start: number; end: number; quote: string }, entityId?: string) => ({
    id, label, ...span, origin: 'manual', author: id.slice(0, 3), createdAt: '2026-11-20T10:00:00.000Z', ...(entityId ? { entityId } : {}),
  });
  const frame = (id: string, type: string, evidence: object, roles: object, attrs: object) => ({
    id, type, evidence, roles, attrs, origin: 'manual', author: id.slice(0, 3), createdAt: '2026-11-20T10:00:00.000Z',
  });
  const moscow = at('Moscow', sentence.start);
  const washington = at('Washington', sentence.start);
  const layers = {
    ana: {
      mentions: [m('ana-lavrov', 'PERSON', at('Lavrov', sentence.start), 'lavrov'), m('ana-moscow', 'GPE', moscow, 'russia'), m('ana-washington', 'GPE', washington, 'usa')],
      frames: [
        frame('ana-s', 'Stance', stanceEvidence, { Holder: [{ kind: 'mention', mentionId: 'ana-lavrov' }], Target: [{ kind: 'topic', text: 'Syria' }] }, { Polarity: 'favor' }),
        frame('ana-a', 'Agreement', agreementSpan, { Party: [{ kind: 'mention', mentionId: 'ana-moscow' }, { kind: 'mention', mentionId: 'ana-washington' }], Topic: [{ kind: 'topic', text: 'common ground on Syria' }] }, { Status: 'reached' }),
      ],
    },
    ben: {
      // The holder is the earlier "Sergei Lavrov", linked to the same entity; polarity neutral; Washington left out.
      mentions: [m('ben-lavrov', 'PERSON', at('Sergei Lavrov'), 'lavrov'), m('ben-moscow', 'GPE', moscow, 'russia')],
      frames: [
        frame('ben-s', 'Stance', stanceEvidence, { Holder: [{ kind: 'mention', mentionId: 'ben-lavrov' }], Target: [{ kind: 'topic', text: 'syria ' }] }, { Polarity: 'neutral' }),
        frame('ben-a', 'Agreement', agreementSpan, { Party: [{ kind: 'mention', mentionId: 'ben-moscow' }], Topic: [{ kind: 'topic', text: 'Common ground on Syria' }] }, { Status: 'reached' }),
      ],
    },
  };
  for (const [annotator, l] of Object.entries(layers)) {
    await mkdir(join(workspace, 'annotations', annotator), { recursive: true });
    const layer = { version: 1, docId: DOC, annotator, textHash: doc.sha256, status: 'done', ...l, fields: {}, updatedAt: '2026-11-20T10:00:00.000Z', history: { undo: [], redo: [] } };
    await writeFile(join(workspace, 'annotations', annotator, `${DOC}.json`), JSON.stringify(layer));
  }
}

test('adjudicate two analysts’ stances and agreements field by field with the keyboard, and find them in a gold brat export', async ({ app, server }) => {
  // Many steps, each waiting on the server: more time than the default on a busy machine.
  test.setTimeout(180_000);
  await twoAnalysts(server.workspace);

  await app.getByRole('button', { name: 'Review' }).click();
  const review = app.getByRole('region', { name: 'Review' });
  await review.getByRole('option', { name: TITLE }).click();
  const side = app.getByRole('complementary', { name: 'Decisions' });
  const item = side.getByRole('region', { name: 'Current item' });
  const docRow = review.getByRole('option', { name: TITLE });
  await expect(docRow).toContainText('undecided');

  // Step with n to the stance: its holders are the same person, only the polarity differs.
  for (let i = 0; i < 12 && !(await item.textContent())?.includes('Stance'); i++) await app.keyboard.press('n');
  await expect(item).toContainText('frames differ');
  const fields = item.getByRole('table', { name: 'Fields' });
  await expect(fields.getByRole('row', { name: 'Holder' })).not.toContainText('≠');
  await expect(fields.getByRole('row', { name: 'Polarity' })).toContainText('≠');

  // Accept ana's stance whole (1), then take ben's polarity: down to Polarity, 2.
  await app.keyboard.press('1');
  await expect(item.getByLabel('In gold')).toContainText('Stance as ana.');
  for (let i = 0; i < 4; i++) await app.keyboard.press('ArrowDown');
  await expect(fields.getByRole('row', { name: 'Polarity' })).toHaveAttribute('aria-selected', 'true');
  await app.keyboard.press('2');
  await expect(fields.getByLabel('Gold Polarity')).toHaveValue('neutral');

  // Undo and redo the polarity by key.
  await app.keyboard.press('Control+z');
  await expect(fields.getByLabel('Gold Polarity')).toHaveValue('favor');
  await app.keyboard.press('Control+Shift+z');
  await expect(fields.getByLabel('Gold Polarity')).toHaveValue('neutral');

  // The agreement: ben left Washington out. Accept ben's (2), then the parties from ana: down to Party, 1.
  for (let i = 0; i < 12 && !(await item.textContent())?.includes('Agreement'); i++) await app.keyboard.press('n');
  await expect(fields.getByRole('row', { name: 'Party' })).toContainText('≠');
  await app.keyboard.press('2');
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('1');
  await expect(fields.getByRole('row', { name: 'Party' }).locator('.gold-cell')).toContainText('Washington');
  // What gold holds, in words: ben's agreement with ana's parties is ana's agreement in every field (the topics differ only in case).
  await expect(item.getByLabel('In gold')).toContainText('Agreement as ana.');

  // Side by side: the two frames are decided; the decisions survive a reload.
  await app.keyboard.press('v');
  const grid = review.getByRole('table', { name: 'Side by side' });
  await expect(grid.locator('tr[data-state="decided"]')).toHaveCount(2);
  await app.reload();
  await app.getByRole('button', { name: 'Review' }).click();
  await review.getByRole('option', { name: TITLE }).click();
  await app.keyboard.press('v');
  await expect(grid.locator('tr[data-state="decided"]').filter({ hasText: 'Stance' })).toContainText('Polarity: neutral');
  await expect(grid.locator('tr[data-state="decided"]').filter({ hasText: 'Agreement' })).toContainText('Washington');

  // The agreement report: frame F1 and a polarity confusion table (ana favor, ben neutral).
  await review.getByRole('button', { name: 'Agreement report' }).click();
  const report = app.getByRole('dialog', { name: 'Agreement report' });
  await expect(report.getByRole('table', { name: 'Frame agreement' })).toContainText('Stance');
  const polarity = report.getByRole('table', { name: 'Polarity confusion' });
  await expect(polarity).toContainText('favor');
  await expect(polarity).toContainText('neutral');
  await expect(report.getByRole('table', { name: 'Status confusion' })).toContainText('reached');
  await app.keyboard.press('Escape');
  await expect(report).toBeHidden();
  await app.keyboard.press('Escape');

  // Export gold as brat and find both frames with their roles and attributes.
  await app.getByRole('button', { name: 'Export…' }).click();
  const exp = app.getByRole('dialog', { name: 'Export dataset' });
  await exp.getByLabel('Whose labels').selectOption('gold');
  await exp.getByLabel('Format').selectOption('brat');
  const out = join(server.workspace, '..', 'gold-brat');
  await exp.getByLabel('Export to').fill(out);
  await exp.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(exp.getByRole('status')).toContainText('Wrote 1 documents');
  const annFile = (await readdir(out)).find((f) => f.endsWith('.ann'))!;
  const ann = await readFile(join(out, annFile), 'utf8');
  const tOf = (label: string, quote: string) => new RegExp(`^(T\\d+)\\t${label} \\d+ \\d+\\t${quote}$`, 'm').exec(ann)?.[1];
  const lavrov = tOf('PERSON', 'Lavrov');
  const moscow = tOf('GPE', 'Moscow');
  const washington = tOf('GPE', 'Washington');
  expect([lavrov, moscow, washington].every(Boolean)).toBe(true);
  // Each mention once, however many frames point at it.
  expect(ann.match(/\tGPE \d+ \d+\tMoscow$/gm)).toHaveLength(1);
  const stance = new RegExp(`^(E\\d+)\\tStance:T\\d+ Holder:${lavrov}$`, 'm').exec(ann);
  expect(stance).not.toBeNull();
  expect(ann).toMatch(new RegExp(`^A\\d+\\tPolarity ${stance![1]} neutral$`, 'm'));
  // Repeated arguments numbered as brat writes them: Party, Party2.
  const agreement = new RegExp(`^(E\\d+)\\tAgreement:T\\d+ Party:${moscow} Party2:${washington}$`, 'm').exec(ann);
  expect(agreement).not.toBeNull();
  expect(ann).toMatch(new RegExp(`^A\\d+\\tStatus ${agreement![1]} reached$`, 'm'));
});
