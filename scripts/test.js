// `npm test` after the build: the unit tests (vitest) and the end-to-end tests
// (Playwright) at the same time. Both spend most of their time waiting on child
// processes and the browser, so together they take little longer than the
// end-to-end tests alone. The end-to-end report is shown as it runs; the unit
// report is shown whole when the unit tests end. Exits 1 if either failed.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (pkg, file) => join(root, 'node_modules', pkg, file);

function run(label, args, { live }) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', live ? 'inherit' : 'pipe', live ? 'inherit' : 'pipe'], env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? (process.stdout.isTTY ? '1' : '0') } });
    const held = [];
    if (!live) {
      child.stdout.on('data', (d) => held.push(d));
      child.stderr.on('data', (d) => held.push(d));
    }
    child.on('close', (code) => {
      if (!live) process.stdout.write(`\n== ${label}\n${Buffer.concat(held).toString()}`);
      resolve(code ?? 1);
    });
  });
}

const unit = run('unit tests (vitest)', [bin('vitest', 'vitest.mjs'), 'run'], { live: false });
const e2e = run('end-to-end tests (Playwright)', [bin('@playwright/test', 'cli.js'), 'test'], { live: true });
const [u, e] = await Promise.all([unit, e2e]);
console.log(`\n== unit tests ${u === 0 ? 'passed' : 'FAILED'}; end-to-end tests ${e === 0 ? 'passed' : 'FAILED'}`);
process.exit(u === 0 && e === 0 ? 0 : 1);
