import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { expect, startServer, stopServer } from './helpers';

const DOC = '004_8524de8df0f8b196';
const parley = (...args: string[]) => execFileSync(process.execPath, ['bin/parley.js', ...args], { encoding: 'utf8' });

/** A layer file as the reader writes it: one analyst's mentions of `quotes` on the article. */
async function writeLayer(ws: string, annotator: string, quotes: [string, string][]): Promise<void> {
  const doc = JSON.parse(await readFile(join(ws, 'documents', `${DOC}.json`), 'utf8'));
  const mentions = quotes.map(([quote, label], i) => {
    const start = (doc.text as string).indexOf(quote);
    return { id: `${annotator}${i}`, label, start, end: start + quote.length, quote, origin: 'manual', author: annotator, createdAt: '2026-11-20T10:00:00.000Z' };
  });
  const layer = { version: 1, docId: DOC, annotator, textHash: doc.sha256, status: 'done', mentions, frames: [], fields: {}, updatedAt: '2026-11-20T10:00:00.000Z', history: { undo: [], redo: [] } };
  await mkdir(join(ws, 'annotations', annotator), { recursive: true });
  await writeFile(join(ws, 'annotations', annotator, `${DOC}.json`), JSON.stringify(layer));
}

base("sync from the window: a colleague's new layer comes in and Review shows it", async ({ page }) => {
  base.setTimeout(180_000);
  const root = await mkdtemp(join(tmpdir(), 'parley-team-'));
  const remote = join(root, 'shared.git');
  parley('init', '--workspace', join(root, 'lead'));
  // The team works openly: each analyst sees the others' progress (blind double annotation, on by default once two have layers, would hide it).
  parley('team', '--workspace', join(root, 'lead'), '--blind', 'off');
  parley('share', '--workspace', join(root, 'lead'), '--remote', remote, '--annotator', 'lead');
  parley('join', remote, join(root, 'ana'), '--annotator', 'ana');
  parley('join', remote, join(root, 'ben'), '--annotator', 'ben');
  // Ben labels the article on his machine and syncs; ana has labelled it on hers.
  await writeLayer(join(root, 'ben'), 'ben', [['Geneva', 'GPE'], ['Sergei Lavrov', 'PERSON'], ['Moscow', 'GPE']]);
  parley('sync', '--workspace', join(root, 'ben'));
  await writeLayer(join(root, 'ana'), 'ana', [['Geneva', 'GPE'], ['Sergei Lavrov', 'PERSON']]);

  const server = await startServer(join(root, 'ana'));
  try {
    await page.goto(server.url);
    const sync = page.getByRole('group', { name: 'Team sync' });
    await expect(sync.getByRole('button', { name: '1 change to send' })).toBeVisible();
    await sync.getByRole('button', { name: '1 change to send' }).click();
    await expect(page.getByRole('status')).toContainText('came in: 1 layer (ben 1); went out: 1 layer (ana 1)');
    await expect(sync.getByRole('button', { name: 'Up to date' })).toBeVisible();
    // The window is ana's: her clone says so, whatever the user settings hold. The document list says who else has labelled the article, and how far they are.
    await expect(page.getByRole('button', { name: /^Annotator/ })).toHaveText('Annotator ana');
    await expect(page.locator(`[data-doc-id="${DOC}"]`).getByLabel('Also labelled by')).toHaveText('ben: done');

    await page.getByRole('button', { name: 'Review', exact: true }).click();
    const annotators = page.getByRole('group', { name: 'Annotators to compare' });
    await expect(annotators).toContainText('ana');
    await expect(annotators).toContainText('ben (3)');
    // And ben's copy now has ana's layer: the exchange went both ways.
    parley('sync', '--workspace', join(root, 'ben'));
    expect(JSON.parse(await readFile(join(root, 'ben', 'annotations', 'ana', `${DOC}.json`), 'utf8')).mentions).toHaveLength(2);
  } finally {
    await stopServer(server);
    await rm(root, { recursive: true, force: true, maxRetries: 3 });
  }
});
