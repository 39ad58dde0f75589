/**
 * Selections made with the mouse, as a person makes them: a drag can start
 * and end anywhere (on plain text, inside a mention, on a suggestion, on a
 * frame's evidence), and a label key tags what is selected.
 */
import { documentRows, expect, mark, openDocument, phraseEnds, selectText, tagAsNewEntity, test } from './helpers';

const KURDS = 'Russia and US fail to agree on Syria and Ukraine';
const LAVROV = 'Russian Foreign Minister Sergei Lavrov';

test('a drag inside a tagged name tags the dragged words and leaves the name as it was', async ({ app }) => {
  await openDocument(app, KURDS);
  await selectText(app, LAVROV);
  await app.keyboard.press('p');
  await expect(mark(app, LAVROV)).toHaveAttribute('data-label', 'PERSON');
  // The new PERSON mention is selected; the drag over part of it is what the next key applies to.
  await expect(app.getByRole('region', { name: 'Selected mention' })).toBeVisible();
  await selectText(app, 'Russian Foreign');
  await app.keyboard.press('o');
  await expect(app.locator('mark.mention[data-label="ORG"]').filter({ hasText: /^Russian Foreign$/ })).toHaveCount(1);
  await expect(app.locator('mark.mention[data-label="PERSON"]').filter({ hasText: 'Sergei Lavrov' })).toHaveCount(1);
  await expect(documentRows(app).filter({ hasText: KURDS })).toContainText('2 mentions');
});

test('a drag that starts where a mention starts makes a nested mention', async ({ app }) => {
  await openDocument(app, KURDS);
  await selectText(app, LAVROV);
  await app.keyboard.press('p');
  await selectText(app, 'Russian Foreign Minister');
  await app.keyboard.press('o');
  await selectText(app, 'Sergei Lavrov');
  await app.keyboard.press('p');
  await expect(app.locator('mark.mention[data-label="PERSON"]').filter({ hasText: /^Sergei Lavrov$/ })).toHaveCount(1);
  await expect(app.locator('mark.mention[data-label="ORG"]').filter({ hasText: /^Russian Foreign Minister$/ })).toHaveCount(1);
  await expect(documentRows(app).filter({ hasText: KURDS })).toContainText('3 mentions');
});

test('a label key with no text selected relabels the selected mention, and says so', async ({ app }) => {
  await openDocument(app, KURDS);
  await selectText(app, LAVROV);
  await app.keyboard.press('o');
  await mark(app, LAVROV).click();
  await app.keyboard.press('p');
  await expect(mark(app, LAVROV)).toHaveAttribute('data-label', 'PERSON');
  const toast = app.locator('.toast').filter({ hasText: 'ORG → PERSON' });
  await expect(toast).toContainText('Russian Foreign');
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(mark(app, LAVROV)).toHaveAttribute('data-label', 'ORG');
});

test('evidence that starts on a tagged name becomes a stance, the name stays a mention', async ({ app }) => {
  await openDocument(app, KURDS);
  await selectText(app, 'Lavrov', 1);
  await app.keyboard.press('p');
  await selectText(app, 'Lavrov stressed that Moscow and Washington managed to find');
  await app.keyboard.press('s');
  await expect(app.locator('mark.evidence').filter({ hasText: 'Lavrov stressed' })).toHaveCount(1);
  await expect(app.locator('mark.mention[data-label="PERSON"]').filter({ hasText: /^Lavrov$/ })).toHaveCount(1);
  await expect(app.getByRole('region', { name: 'Selected frame' })).toContainText('Stance');
});

test('a drag over a pending suggestion tags the selection and leaves the suggestion pending', async ({ app }) => {
  await openDocument(app, KURDS);
  // Tagged, and the entity made from it: the card shows the mention linked, as a person waits to see.
  await tagAsNewEntity(app, 'Staffan de Mistura', 'p', 'PERSON');
  await app.getByRole('tab', { name: 'Entities' }).click();
  await app.getByRole('region', { name: 'Entities' }).getByRole('button', { name: /Staffan de Mistura PERSON/ }).click();
  await app.getByLabel('Aliases').fill('Kerry');
  await app.getByRole('button', { name: 'Save', exact: true }).click();
  await app.getByRole('button', { name: 'Find other mentions' }).click();
  const pending = app.locator('mark.mention.pending');
  await expect(pending.first()).toBeVisible();
  const before = await pending.count();
  // The drag starts on the suggestion's first letter.
  await selectText(app, 'Kerry, opening the press');
  await app.keyboard.press('o');
  await expect(app.locator('mark.mention[data-label="ORG"]').filter({ hasText: 'Kerry, opening the press' })).toHaveCount(1);
  await expect(pending).toHaveCount(before);
});

test('a drag across a paragraph break asks before tagging', async ({ app }) => {
  await openDocument(app, KURDS);
  const drag = async () => {
    // The end is scrolled to the middle first; the start, two lines above, is then read where it stands.
    const [, to] = await phraseEnds(app, 'The talks');
    const [from] = await phraseEnds(app, 'opening the press conference', 0, '.doc-text', false);
    await app.mouse.move(from.x, from.y);
    await app.mouse.down();
    await app.mouse.move(to.x, to.y, { steps: 6 });
    await app.mouse.up();
    await app.keyboard.press('o');
  };
  await drag();
  const ask = app.getByRole('dialog', { name: /paragraph break/ });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(ask).toBeHidden();
  await expect(app.locator('mark.mention')).toHaveCount(0);
  await drag();
  await app.getByRole('dialog', { name: /paragraph break/ }).getByRole('button', { name: /Tag across/ }).click();
  // One mention, drawn in each of the two paragraphs.
  await expect(app.locator('mark.mention[data-label="ORG"]')).toHaveCount(2);
  await expect(documentRows(app).filter({ hasText: KURDS })).toContainText('1 mention');
});

test('a drag can start on the last character of a mention and end in plain text', async ({ app }) => {
  await openDocument(app, KURDS);
  await selectText(app, 'John Kerry');
  await app.keyboard.press('p');
  const [from] = await phraseEnds(app, 'y to make progress');
  const [, to] = await phraseEnds(app, 'to make progress');
  await app.mouse.move(from.x, from.y);
  await app.mouse.down();
  await app.mouse.move(to.x, to.y, { steps: 5 });
  await app.mouse.up();
  await app.keyboard.press('o');
  await expect(app.locator('mark.mention[data-label="ORG"]').first()).toHaveAttribute('aria-label', 'ORG: Kerry to make progress');
  await expect(app.locator('mark.mention[data-label="PERSON"]').filter({ hasText: /^John Kerry$/ })).toHaveCount(1);
});
