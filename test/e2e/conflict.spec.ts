import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { layerOnDisk } from '../../bench/integrity/disk';
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

test('two tabs relabel the same mention: the second is told and shown the first, and the file keeps the first', async ({ app: a, server }) => {
  await openDocument(a, KURDS);
  await selectText(a, 'John Kerry');
  await a.keyboard.press('p');
  await expect.poll(() => labelsOnDisk(server.workspace)).toEqual(['PERSON:John Kerry']);

  const b = await a.context().newPage();
  await b.goto(server.url);
  await openDocument(b, KURDS);
  await expect(mark(b, 'John Kerry')).toHaveAttribute('data-label', 'PERSON');

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
