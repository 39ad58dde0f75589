/**
 * axe-core over the main screens, in the light and the dark theme: no
 * serious or critical violations. Each screen is reached by keys and clicks
 * as a person would, with a second analyst's layer so Review has items.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openDocument, sampleWorkspace, selectText, startServer, stopServer, test, writeColleagueLayer } from './helpers';

const DOC = '004_8524de8df0f8b196';
const TITLE = 'Russia and US fail to agree on Syria and Ukraine';

/** A workspace where a colleague, ben, has labelled the article, so Review shows items. */
async function workspaceWithColleague(): Promise<string> {
  const ws = await sampleWorkspace('parley-a11y-');
  await writeColleagueLayer(ws, DOC, 'ben', [
    ['b1', 'Geneva', 'GPE'],
    ['b2', 'Sergei Lavrov', 'PERSON'],
    ['b3', 'Moscow', 'GPE'],
  ]);
  return ws;
}

/** Serious and critical violations on what is on screen now, one line each. */
async function violations(page: Page, screen: string): Promise<string[]> {
  // Only the violations are read: axe need not gather the nodes of every passing check.
  const r = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  if (process.env.PARLEY_A11Y_LOG) console.log(screen, r.violations.map((v) => `${v.id}/${v.impact}/${v.nodes.length} ${v.impact === 'serious' ? v.nodes[0].failureSummary : ''}`).join(' '));
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${screen}: ${v.id} (${v.impact}) ${v.nodes.length}× ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}`);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`the main screens have no serious accessibility violations (${scheme})`, async ({ page }) => {
    // axe reads every element of a dozen screens: slow on a shared 2-core machine.
    test.setTimeout(360_000);
    const ws = await workspaceWithColleague();
    const server = await startServer(ws);
    try {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(server.url);
      await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
      const found: string[] = [];

      // Reader and document list, with a mention selected and its card open.
      await openDocument(page, TITLE);
      await selectText(page, 'Sergei Lavrov');
      await page.keyboard.press('p');
      await expect(page.getByRole('region', { name: 'Selected mention' })).toBeVisible();
      // The list's sort and filters open too.
      await page.getByRole('button', { name: 'Filters' }).click();
      await expect(page.getByRole('group', { name: 'Filters' })).toBeVisible();
      found.push(...(await violations(page, 'reader')));
      await page.getByRole('tab', { name: 'Entities' }).click();
      found.push(...(await violations(page, 'entities')));
      await page.getByRole('tab', { name: 'Suggestions' }).click();
      found.push(...(await violations(page, 'suggestions')));

      await page.keyboard.press('Control+k');
      await expect(page.getByRole('dialog', { name: 'Command palette' })).toBeVisible();
      found.push(...(await violations(page, 'palette')));
      await page.keyboard.press('Escape');

      await page.keyboard.press('F1');
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
      found.push(...(await violations(page, 'shortcuts')));
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: /Annotator/ }).click();
      await expect(page.getByRole('dialog').first()).toBeVisible();
      found.push(...(await violations(page, 'settings')));
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'Schema…' }).click();
      await expect(page.getByRole('dialog', { name: 'Label schema' })).toBeVisible();
      found.push(...(await violations(page, 'schema')));
      await page.keyboard.press('Escape');

      await page.keyboard.press('Control+e');
      await expect(page.getByRole('dialog', { name: 'Export dataset' })).toContainText('Will write');
      found.push(...(await violations(page, 'export')));
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+i');
      await expect(page.getByRole('dialog').first()).toBeVisible();
      found.push(...(await violations(page, 'import')));
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByLabel('Search for').fill('Lavrov');
      await page.keyboard.press('Enter');
      await expect(page.getByRole('region', { name: 'Search' })).toContainText('Lavrov');
      found.push(...(await violations(page, 'search')));

      await page.getByRole('button', { name: 'Corpus' }).click();
      await expect(page.getByRole('region', { name: 'Corpus view' })).toBeVisible();
      found.push(...(await violations(page, 'corpus')));

      await page.getByRole('button', { name: 'Review' }).click();
      await expect(page.getByRole('region', { name: 'Review' })).toBeVisible();
      found.push(...(await violations(page, 'review')));

      expect(found).toEqual([]);
    } finally {
      await stopServer(server);
      await rm(join(ws, '..'), { recursive: true, force: true, maxRetries: 3 });
    }
  });
}
