import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Debian's Chromium where it is installed (CI, build machines); elsewhere Playwright's own browser.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const executablePath = existsSync(chromium) ? chromium : undefined;

export default defineConfig({
  testDir: 'test/e2e',
  // One tsconfig for every file the tests import: the core project's maps its csv-stringify import to a declaration file, which must not be loaded as code.
  tsconfig: './tsconfig.test.json',
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  // Tests wait on the browser and the server more than they compute: three at once on 2 cores.
  workers: 3,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    // Recording a trace costs every test CPU (a DOM snapshot per action), most of it thrown away when
    // the test passes. CI retries a failed test once and records that retry; a run here keeps the
    // trace of a failure.
    trace: process.env.CI ? 'on-first-retry' : 'retain-on-failure',
  },
});
