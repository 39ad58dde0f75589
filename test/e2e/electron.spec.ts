import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { documentRows } from './helpers';

const require = createRequire(import.meta.url);
function electronBinary(): string | null {
  try {
    const path = require('electron') as unknown as string;
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}
const binary = electronBinary();

test.skip(!binary, "Electron's binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD); the browser-host tests cover the same flows");

test('the Electron window lists the sample corpus, opens an article and keeps it across a reload', async () => {
  const home = await mkdtemp(join(tmpdir(), 'parley-electron-'));
  const app = await electron.launch({
    executablePath: binary!,
    args: ['.', '--workspace', join(home, 'workspace')],
    env: { ...process.env, PARLEY_HOME: home },
  });
  const page = await app.firstWindow();
  // Only the contract is exposed to the page: no Node, no ipcRenderer.
  expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
  expect(await page.evaluate(() => Object.keys((window as unknown as { api: object }).api).sort())).toContain('documents');
  await expect(documentRows(page)).toHaveCount(5);
  await documentRows(page).filter({ hasText: 'fail to agree on Syria and Ukraine' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Russia and US fail to agree on Syria and Ukraine');
  await expect(page.locator('.doc-text p.para').first()).toHaveText('Russia and US fail to agree on Syria and Ukraine');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Russia and US fail to agree on Syria and Ukraine');
  await app.close();
});
