#!/usr/bin/env node
// `parley`: runs the built CLI, building the app first if this checkout has not been built yet.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'out', 'main', 'cli.js');
if (!existsSync(cli) || !existsSync(join(root, 'out', 'renderer', 'index.html'))) {
  process.stderr.write('parley: building the app first (one time, about 10 seconds)…\n');
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) {
    process.stderr.write('parley: the build failed; run `npm run build` to see why.\n');
    process.exit(1);
  }
}
await import(pathToFileURL(cli).href);
