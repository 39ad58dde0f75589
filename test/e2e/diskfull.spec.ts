/**
 * A full disk in the window: the save's answer is disk_full (the server's
 * answer, replayed here; the disk itself is filled in the unit tests and
 * `npm run bench:diskfull`). The notice stays under the top bar until a
 * later save succeeds.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { layerOnDisk } from '../../bench/integrity/disk';
import { expect, mark, openDocument, selectText, test } from './helpers';

const KURDS = 'Russia and US fail to agree on Syria and Ukraine';
const LAYER_ID = '004_8524de8df0f8b196';

async function labelsOnDisk(workspace: string): Promise<string[]> {
  const [annotator] = await readdir(join(workspace, 'annotations')).catch(() => ['']);
  if (!annotator) return [];
  return ((await layerOnDisk(workspace, annotator, LAYER_ID))?.mentions ?? []).map((m) => `${m.label}:${m.quote}`);
}

test('a save refused for a full disk shows a notice that stays until a later save succeeds; what is shown is what is saved', async ({ app, server }) => {
  await openDocument(app, KURDS);
  const folder = join(server.workspace, 'annotations');
  let full = true;
  await app.route('**/api/annotations.change', async (route) => {
    if (!full) return route.continue();
    const message = `the disk holding ${folder} is full: saving needs about 1 KB (0 bytes free). Nothing was changed; free some space and try again.`;
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'disk_full', message } }) });
  });

  // The page's clock, so the notice's staying can be checked without waiting for it.
  await app.clock.install();
  await selectText(app, 'John Kerry');
  await app.keyboard.press('p');
  const notice = app.getByRole('alert').filter({ hasText: 'Not saved: the disk is full.' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(`the disk holding ${folder} is full`);
  // Reloaded from disk: the refused label is not shown as if it were saved.
  await expect(mark(app, 'John Kerry')).toHaveCount(0);
  expect(await labelsOnDisk(server.workspace)).toEqual([]);
  await app.clock.fastForward(4000);
  await expect(notice).toBeVisible();

  if (process.env.PARLEY_SHOTS) {
    for (const [w, h] of [
      [1024, 700],
      [1920, 1080],
    ]) {
      for (const scheme of ['light', 'dark'] as const) {
        await app.setViewportSize({ width: w, height: h });
        await app.emulateMedia({ colorScheme: scheme });
        await app.screenshot({ path: `${process.env.PARLEY_SHOTS}/diskfull-${w}-${scheme}.png` });
      }
    }
  }

  // Space is back: the next save goes through and the notice goes.
  full = false;
  await selectText(app, 'John Kerry');
  await app.keyboard.press('p');
  await expect.poll(() => labelsOnDisk(server.workspace)).toEqual(['PERSON:John Kerry']);
  await expect(notice).toHaveCount(0);
});
