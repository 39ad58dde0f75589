/** The first minute and small windows: focus on load, the first-steps card, waits that show, and a 1024×700 window that fits. */
import { openDocument, test } from './helpers';

const KURDS = 'Russia and US fail to agree on Syria and Ukraine';

test('screens at 1024×700 and 1920×1080, light and dark', async ({ app }) => {
  for (const theme of ['light', 'dark']) {
    await app.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    for (const [w, h] of [[1024, 700], [1920, 1080]] as const) {
      await app.setViewportSize({ width: w, height: h });
      await app.screenshot({ path: `/tmp/rw-shot-start-${w}-${theme}.png` });
    }
  }
  await openDocument(app, KURDS);
  for (const theme of ['light', 'dark']) {
    await app.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    for (const [w, h] of [[1024, 700], [1920, 1080]] as const) {
      await app.setViewportSize({ width: w, height: h });
      await app.screenshot({ path: `/tmp/rw-shot-doc-${w}-${theme}.png` });
    }
  }
});
