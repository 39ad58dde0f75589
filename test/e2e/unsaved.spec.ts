/**
 * Unsaved is visible: with the server stopped, a new mark is drawn as not
 * saved, a notice stays in view and the count leaves it out; nothing says
 * "saved". Started again at the same address, the page sends the change and
 * the mark is drawn as saved.
 */
import { randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { layerOnDisk } from '../../bench/integrity/disk';
import { expect, mark, openDocument, sampleWorkspace, selectText, startServer, stopServer, test, type Server } from './helpers';

const DOC = 'Russia and US fail to agree on Syria and Ukraine';
const LAYER_ID = '004_8524de8df0f8b196';

/** A port no one listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function labelsOnDisk(workspace: string): Promise<string[]> {
  const [annotator] = await readdir(join(workspace, 'annotations')).catch(() => ['']);
  if (!annotator) return [];
  return ((await layerOnDisk(workspace, annotator, LAYER_ID))?.mentions ?? []).map((m) => `${m.label}:${m.quote}`).sort();
}

test('a label made while the server is down is drawn as not saved, with a notice, and saved once the server is back', async ({ page }) => {
  const ws = await sampleWorkspace();
  // The server is started again below at the same address: port and token are fixed from the start.
  const address = { port: await freePort(), token: randomBytes(24).toString('hex') };
  let server: Server = await startServer(ws, address);
  try {
    await page.goto(server.url);
    await openDocument(page, DOC);
    const meta = page.locator('.reader-title .muted');
    await selectText(page, 'Syria');
    await page.keyboard.press('g');
    await expect(mark(page, 'Syria').first()).not.toHaveClass(/unsaved/);
    await expect(meta).toContainText(/^1 mention ·/);

    // The server dies (no clean exit).
    const exited = new Promise((r) => server.process.once('exit', r));
    server.process.kill('SIGKILL');
    await exited;

    // Russia, with a drag and a key.
    await selectText(page, 'Russia');
    await page.keyboard.press('g');
    const russia = mark(page, 'Russia').first();
    await expect(russia).toHaveClass(/unsaved/);
    await expect(russia).toHaveAttribute('title', /not saved yet/);
    await expect(russia).toHaveAccessibleName(/not saved yet/);
    const notice = page.getByRole('alert').filter({ hasText: 'Not saved yet: 1 change.' });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText("Parley's server is not answering");
    // The count says what is on disk; the waiting change is counted apart.
    await expect(meta).toContainText(/^1 mention ·/);
    await expect(meta).toContainText('1 not saved yet');
    // Tried again and again, still not saved: nothing on screen says it is.
    await page.waitForTimeout(2500);
    await expect(notice).toBeVisible();
    await expect(russia).toHaveClass(/unsaved/);
    await expect(page.getByText(/what is saved|is saved/)).toHaveCount(0);
    if (process.env.PARLEY_SHOTS) {
      for (const [w, h] of [
        [1024, 700],
        [1920, 1080],
      ]) {
        for (const scheme of ['light', 'dark'] as const) {
          await page.setViewportSize({ width: w, height: h });
          await page.emulateMedia({ colorScheme: scheme });
          await page.screenshot({ path: `${process.env.PARLEY_SHOTS}/unsaved-${w}-${scheme}.png` });
        }
      }
    }

    // Started again at the same address: the waiting save goes through with "Try now". Until then the page's own
    // tries are held back here as if the server were still away, so that it is "Try now" that saves: otherwise a
    // try due just as the server is back saves first, and the notice goes from under the pointer.
    let held = true;
    await page.route('**/api/annotations.change', (route) => (held ? route.abort('connectionrefused') : route.continue()));
    await stopServer(server);
    server = await startServer(ws, address);
    const tryNow = notice.getByRole('button', { name: 'Try now' });
    await expect(tryNow).toBeVisible();
    held = false;
    // Only a try of the page's own in the moment between these two lines can come first; then the notice has gone.
    await tryNow.click({ timeout: 10_000 }).catch(async (e: unknown) => {
      if (await notice.count()) throw e;
    });
    await expect(notice).toHaveCount(0);
    await expect(russia).not.toHaveClass(/unsaved/);
    await expect(page.getByRole('status').filter({ hasText: 'Saved “Russia”' })).toBeVisible();
    await expect(meta).toContainText('2 mentions');
    await expect(meta).not.toContainText('not saved');
    await expect.poll(() => labelsOnDisk(ws)).toEqual(['GPE:Russia', 'GPE:Syria']);
  } finally {
    await stopServer(server);
    await rm(join(ws, '..'), { recursive: true, force: true });
  }
});

test('a change waiting to be saved does not move the text under the mouse: the reader’s head keeps its height', async ({ app, server }) => {
  // This article's head is the one whose line of counts wrapped once "1 not saved yet" joined it, pushing the text down mid-drag.
  await openDocument(app, 'Lavrov and Kerry agreed to try to make a pause');
  const head = app.locator('.reader-head');
  const height = (await head.boundingBox())!.height;
  const exited = new Promise((r) => server.process.once('exit', r));
  server.process.kill('SIGKILL');
  await exited;
  await selectText(app, 'Lavrov', 2);
  await app.keyboard.press('p');
  await expect(app.locator('.reader-title .muted')).toContainText('1 not saved yet');
  expect((await head.boundingBox())!.height).toBe(height);
});
