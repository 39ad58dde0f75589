import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { expect, mark, openDocument, selectText, test } from './helpers';

const GENEVA_AUGUST = 'Russia and US fail to agree on Syria and Ukraine';
const GENEVA_SEPTEMBER = 'Lavrov, Kerry to discuss details of possible agreement on Syria';

test('two stances by mouse and keys make one edge; the date slider replays it and a click on it opens the evidence', async ({ app }) => {
  // 27 August: Kerry for a unified Syria, with the target as a TOPIC mention.
  await openDocument(app, GENEVA_AUGUST);
  await selectText(app, 'Kerry said the United States in favor of a unified Syria');
  await app.keyboard.press('Escape');
  await selectText(app, 'Kerry', 9);
  await app.keyboard.press('p');
  await selectText(app, 'a unified Syria');
  await app.keyboard.press('t');
  await selectText(app, 'Kerry said the United States in favor of a unified Syria');
  await app.keyboard.press('s');
  const card = app.getByRole('region', { name: 'Selected frame' });
  await mark(app, 'Kerry').last().click();
  await mark(app, 'a unified Syria').last().click();
  await app.keyboard.press('1');
  await expect(card).toContainText('Complete');

  // 8 September: Kerry again, the same target typed as a topic; it is the same node.
  await openDocument(app, GENEVA_SEPTEMBER);
  await selectText(app, 'Kerry', 2);
  await app.keyboard.press('p');
  await selectText(app, 'Lavrov and Kerry brokered an agreement');
  await app.keyboard.press('s');
  await mark(app, 'Kerry').last().click();
  await card.getByLabel('Target: type a topic').fill('A unified Syria');
  await card.getByLabel('Target: type a topic').press('Enter');
  await app.keyboard.press('1');
  await expect(card).toContainText('Complete');

  await app.getByRole('button', { name: 'Network' }).click();
  const view = app.getByRole('region', { name: 'Network view' });
  await expect(view.getByRole('listbox', { name: /Nodes/ })).toContainText('Kerry');
  await expect(view.locator('[data-layout="rest"]')).toBeVisible({ timeout: 20_000 });
  await expect(view).toContainText('2 of 2: 2016-09-08');

  // The slider back to the first article, by key.
  const slider = view.getByRole('slider', { name: 'Articles up to' });
  await slider.focus();
  await app.keyboard.press('ArrowLeft');
  await expect(view).toContainText('1 of 2: 2016-08-27');

  // Two nodes and one edge: the drawing is framed on them, so the edge crosses its middle.
  const box = (await view.getByTestId('network-canvas').boundingBox())!;
  await app.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const details = view.getByRole('complementary', { name: 'Network details' });
  await expect(details).toContainText('stance · favor · weight 2');
  await expect(details.locator('.network-frames li')).toHaveCount(2);
  // The later frame is shown as not yet made at this point of the replay.
  await expect(details.locator('.network-frames li.later')).toContainText('Lavrov and Kerry brokered');

  await details.getByRole('button', { name: /Open “Kerry said the United States/ }).click();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText(GENEVA_AUGUST);
  await expect(app.getByRole('region', { name: 'Selected frame' })).toContainText('Complete');
  await expect(app.locator('mark.evidence').filter({ hasText: 'in favor of a unified Syria' })).toBeInViewport();
});

test('the node list is reachable by Tab and arrow keys and lists what an actor favours; the Export dialog writes the network', async ({ app, server }) => {
  await openDocument(app, GENEVA_AUGUST);
  await selectText(app, 'Kerry', 9);
  await app.keyboard.press('p');
  await selectText(app, 'a unified Syria');
  await app.keyboard.press('t');
  await selectText(app, 'Kerry said the United States in favor of a unified Syria');
  await app.keyboard.press('s');
  await mark(app, 'Kerry').last().click();
  await mark(app, 'a unified Syria').last().click();
  await app.keyboard.press('1');
  await app.getByRole('button', { name: 'Network' }).click();
  const list = app.getByRole('listbox', { name: /Nodes/ });
  await expect(list).toContainText('Kerry');
  for (let i = 0; i < 40 && !(await list.evaluate((el) => el === document.activeElement)); i++) await app.keyboard.press('Tab');
  await expect(list).toBeFocused();
  // The heaviest first, ties by name: a unified Syria, then Kerry.
  await app.keyboard.press('ArrowDown');
  const details = app.getByRole('complementary', { name: 'Network details' });
  await expect(details.getByRole('heading', { level: 2 })).toHaveText('Kerry');
  await expect(details).toContainText('Favours');
  await expect(details).toContainText('a unified Syria');

  // The same network from the Export dialog, as GraphML, read back by another parser.
  await app.getByRole('button', { name: 'Export…' }).click();
  await app.getByLabel('Format').selectOption('network:graphml');
  const out = join(server.workspace, '..', 'net.graphml');
  await app.getByLabel('Export to').fill(out);
  await app.getByRole('button', { name: 'Export network' }).click();
  await expect(app.getByRole('status')).toContainText('Wrote 2 nodes and 1 edge from 1 complete frame');
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(await readFile(out, 'utf8'));
  expect(doc.graphml.graph.edge['@source']).toBe('text:kerry');
});
