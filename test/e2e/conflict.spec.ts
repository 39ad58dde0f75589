import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { layerOnDisk } from '../../bench/integrity/disk';
import type { Page } from '@playwright/test';
import { expect, mark, openDocument, selectText, test } from './helpers';

const KURDS = 'Russia and US fail to agree on Syria and Ukraine';
const LAYER_ID = '004_8524de8df0f8b196';

/** The analyst's labels on the document as saved: the layer file and the edits appended to its journal. */
async function labelsOnDisk(workspace: string): Promise<string[]> {
  const [annotator] = await readdir(join(workspace, 'annotations'));
  // The first save may not have made the analyst's folder yet.
  if (annotator === undefined) return [];
  const layer = await layerOnDisk(workspace, annotator, LAYER_ID);
  return (layer?.mentions ?? []).map((m) => `${m.label}:${m.quote}`);
}

/** Tab A labels John Kerry PERSON; tab B (prepared by `setUp` before it loads) opens the document and shows PERSON. */
async function twoTabs(a: Page, server: { url: string; workspace: string }, setUp?: (b: Page) => Promise<unknown>): Promise<Page> {
  await openDocument(a, KURDS);
  await selectText(a, 'John Kerry');
  await a.keyboard.press('p');
  await expect.poll(() => labelsOnDisk(server.workspace)).toEqual(['PERSON:John Kerry']);
  const b = await a.context().newPage();
  await setUp?.(b);
  await b.goto(server.url);
  await openDocument(b, KURDS);
  await expect(mark(b, 'John Kerry')).toHaveAttribute('data-label', 'PERSON');
  return b;
}

test('two tabs relabel the same mention: the second is told and shown the first, and the file keeps the first', async ({ app: a, server }) => {
  const b = await twoTabs(a, server);

  // A relabels the mention; its save lands.
  await mark(a, 'John Kerry').click();
  await a.keyboard.press('o');
  await expect(mark(a, 'John Kerry')).toHaveAttribute('data-label', 'ORG');
  await expect.poll(() => labelsOnDisk(server.workspace)).toEqual(['ORG:John Kerry']);

  // B, still showing PERSON, relabels the same mention: refused, reloaded, and told what changed.
  await mark(b, 'John Kerry').click();
  await b.keyboard.press('g');
  const toast = b.locator('.toast').filter({ hasText: 'changed elsewhere' });
  await expect(toast).toContainText(`“${KURDS}” was changed elsewhere`);
  await expect(toast).toContainText('Reloaded: 1 mention changed.');
  await expect(toast).toContainText('nothing was overwritten');
  await expect(mark(b, 'John Kerry')).toHaveAttribute('data-label', 'ORG');
  expect(await labelsOnDisk(server.workspace)).toEqual(['ORG:John Kerry']);

  // B's next change is made on the reloaded revision and is saved.
  await mark(b, 'John Kerry').click();
  await b.keyboard.press('g');
  await expect.poll(() => labelsOnDisk(server.workspace)).toEqual(['GPE:John Kerry']);
  await expect(b.locator('.toast').filter({ hasText: 'changed elsewhere' })).toHaveCount(1);
});

test('a tab that sends a relabel without its revision is still refused when the label it replaces is gone, and reloads', async ({ app: a, server }) => {
  // B's saves carry no base revision: only the change's own `before` (PERSON) can tell that B's view is stale.
  const b = await twoTabs(a, server, (page) =>
    page.route('**/api/annotations.change', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as Record<string, unknown>;
      delete body.baseRevision;
      await route.continue({ postData: JSON.stringify(body) });
    }),
  );

  await mark(a, 'John Kerry').click();
  await a.keyboard.press('o');
  await expect.poll(() => labelsOnDisk(server.workspace)).toEqual(['ORG:John Kerry']);

  await mark(b, 'John Kerry').click();
  await b.keyboard.press('g');
  const toast = b.locator('.toast').filter({ hasText: 'changed elsewhere' });
  await expect(toast).toContainText('Reloaded: 1 mention changed.');
  await expect(mark(b, 'John Kerry')).toHaveAttribute('data-label', 'ORG');
  expect(await labelsOnDisk(server.workspace)).toEqual(['ORG:John Kerry']);
});
