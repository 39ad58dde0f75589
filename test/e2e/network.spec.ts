import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { Page } from '@playwright/test';
import { expect, kerryFavoursUnifiedSyria, mark, openDocument, sampleWorkspace, selectText, startServer, stopServer, test } from './helpers';

const GENEVA_AUGUST = 'Russia and US fail to agree on Syria and Ukraine';
const GENEVA_AUGUST_ID = '004_8524de8df0f8b196';
const GENEVA_SEPTEMBER = 'Lavrov, Kerry to discuss details of possible agreement on Syria';

test('two stances by mouse and keys make one edge; the date slider replays it and a click on it opens the evidence', async ({ app }) => {
  // 27 August: Kerry for a unified Syria, with the target as a TOPIC mention.
  await kerryFavoursUnifiedSyria(app);
  const card = app.getByRole('region', { name: 'Selected frame' });

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
  // On a busy machine the camera may still be moving to frame them after the replay: a person clicks again once it rests.
  const box = (await view.getByTestId('network-canvas').boundingBox())!;
  const details = view.getByRole('complementary', { name: 'Network details' });
  await expect(async () => {
    await app.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(details).toContainText('stance · favor · weight 2', { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(details.locator('.network-frames li')).toHaveCount(2);
  // The later frame is shown as not yet made at this point of the replay.
  await expect(details.locator('.network-frames li.later')).toContainText('Lavrov and Kerry brokered');

  await details.getByRole('button', { name: /Open “Kerry said the United States/ }).click();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText(GENEVA_AUGUST);
  await expect(app.getByRole('region', { name: 'Selected frame' })).toContainText('Complete');
  await expect(app.locator('mark.evidence').filter({ hasText: 'in favor of a unified Syria' })).toBeInViewport();
});

test('the node list is reachable by Tab and arrow keys and lists what an actor favours; the Export dialog writes the network', async ({ app, server }) => {
  await kerryFavoursUnifiedSyria(app);
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

/** A colleague's finished layer on the 27 August article, written before the server opens the workspace: Kerry favours a unified Syria (as in mine), Lavrov opposes it (not in mine). */
async function bensStances(ws: string): Promise<void> {
  const doc = JSON.parse(await readFile(join(ws, 'documents', `${GENEVA_AUGUST_ID}.json`), 'utf8'));
  const text: string = doc.text;
  const span = (quote: string, occurrence = 0) => {
    let start = -1;
    for (let i = 0; i <= occurrence; i++) start = text.indexOf(quote, start + 1);
    return { start, end: start + quote.length, quote };
  };
  const made = { origin: 'manual', author: 'ben', createdAt: '2026-11-20T10:00:00.000Z' };
  const stance = (id: string, holder: string, evidence: string, polarity: string) => ({
    id,
    type: 'Stance',
    evidence: span(evidence),
    roles: { Holder: [{ kind: 'mention', mentionId: holder }], Target: [{ kind: 'topic', text: 'a unified Syria' }] },
    attrs: { Polarity: polarity },
    ...made,
  });
  const layer = {
    version: 1,
    docId: GENEVA_AUGUST_ID,
    annotator: 'ben',
    textHash: doc.sha256,
    status: 'done',
    mentions: [
      { id: 'b1', label: 'PERSON', ...span('Kerry', 9), ...made },
      { id: 'b2', label: 'PERSON', ...span('Lavrov'), ...made },
    ],
    frames: [stance('bf1', 'b1', 'Kerry said the United States in favor of a unified Syria', 'favor'), stance('bf2', 'b2', 'Sergei Lavrov', 'against')],
    fields: {},
    updatedAt: '2026-11-20T10:00:00.000Z',
    history: { undo: [], redo: [] },
  };
  await mkdir(join(ws, 'annotations', 'ben'), { recursive: true });
  await writeFile(join(ws, 'annotations', 'ben', `${GENEVA_AUGUST_ID}.json`), JSON.stringify(layer));
}

/** Pixels of a PNG file, decoded by the browser: its size and how many are green (favour edges) or red (against). */
async function pngPixels(page: Page, file: string): Promise<{ width: number; height: number; green: number; red: number }> {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const g = canvas.getContext('2d')!;
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, canvas.width, canvas.height).data;
    let green = 0;
    let red = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 1] > d[i] + 40 && d[i + 1] > d[i + 2] + 20) green++;
      if (d[i] > d[i + 1] + 60 && d[i] > d[i + 2] + 30) red++;
    }
    return { width: canvas.width, height: canvas.height, green, red };
  }, (await readFile(file)).toString('base64'));
}

test('PNG and SVG save what the drawing shows; Compare with lists the edges only one analyst has', async ({ page }) => {
  test.setTimeout(120_000);
  const ws = await sampleWorkspace();
  await bensStances(ws);
  const server = await startServer(ws);
  const out = await mkdtemp(join(tmpdir(), 'parley-pictures-'));
  try {
    await page.goto(server.url);
    await kerryFavoursUnifiedSyria(page);
    await page.getByRole('button', { name: 'Network' }).click();
    const view = page.getByRole('region', { name: 'Network view' });
    await expect(view.locator('[data-layout="rest"]')).toBeVisible({ timeout: 20_000 });
    const me = await view.getByLabel('Whose').inputValue();
    const canvas = (await view.getByTestId('network-canvas').boundingBox())!;

    // PNG: the drawing as it is on screen, its favour edge green, nothing red (mine has no stance against).
    const [png] = await Promise.all([page.waitForEvent('download'), view.getByRole('button', { name: 'PNG' }).click()]);
    expect(png.suggestedFilename()).toBe(`network-${me}.png`);
    await png.saveAs(join(out, 'network.png'));
    const bytes = await readFile(join(out, 'network.png'));
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const pixels = await pngPixels(page, join(out, 'network.png'));
    expect(pixels.width).toBe(Math.round(canvas.width));
    expect(pixels.height).toBe(Math.round(canvas.height));
    expect(pixels.green).toBeGreaterThan(20);
    expect(pixels.red).toBe(0);

    // SVG: the same nodes and edge, with their labels, read back by an XML parser.
    const [svg] = await Promise.all([page.waitForEvent('download'), view.getByRole('button', { name: 'SVG' }).click()]);
    expect(svg.suggestedFilename()).toBe(`network-${me}.svg`);
    await svg.saveAs(join(out, 'network.svg'));
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['line', 'circle', 'text'].includes(name) }).parse(await readFile(join(out, 'network.svg'), 'utf8'));
    expect(doc.svg['@width']).toBe(String(Math.round(canvas.width)));
    expect(doc.svg.line.map((l: Record<string, string>) => l['@stroke'])).toEqual(['#2e9d5a']);
    expect(doc.svg.circle).toHaveLength(2);
    expect(doc.svg.g.text.map((t: Record<string, string>) => t['#text']).sort()).toEqual(['Kerry', 'a unified Syria']);

    // Compare with ben, chosen by key: his Lavrov against a unified Syria is an edge only he has; Kerry's is in both.
    await view.getByLabel('Compare with').focus();
    await page.keyboard.press('ArrowDown');
    await expect(view.getByLabel('Compare with')).toHaveValue('ben');
    const compare = view.getByLabel('Comparison');
    await expect(compare.getByRole('heading').first()).toHaveText(`Only ${me}: 0 · only ben: 1 · different weight: 0 · same: 1`);
    await expect(compare.getByRole('heading', { name: 'Only ben', exact: true })).toBeVisible();
    await expect(compare.getByRole('listitem')).toHaveText(['Lavrov → a unified Syria · stance against ×1']);

    // The other way round: ben's network, compared with mine.
    await view.getByLabel('Whose').focus();
    await page.keyboard.press('ArrowDown');
    await expect(view.getByLabel('Whose')).toHaveValue('ben');
    await view.getByLabel('Compare with').focus();
    await page.keyboard.press('ArrowDown');
    await expect(view.getByLabel('Compare with')).toHaveValue(me);
    await expect(compare.getByRole('heading').first()).toHaveText(`Only ben: 1 · only ${me}: 0 · different weight: 0 · same: 1`);
    await expect(compare.getByRole('listitem')).toHaveText([/^Lavrov → a unified Syria stance against ×1 · 2016-08-27/]);
  } finally {
    await stopServer(server);
    await rm(out, { recursive: true, force: true });
  }
});
