// `npm start`: build if needed, then open the Electron window on the default
// workspace; where Electron's binary is missing, run the browser host instead.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function newest(dir) {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

const built = join(root, 'out', 'main', 'index.js');
if (!existsSync(built) || newest(join(root, 'src')) > statSync(built).mtimeMs) {
  console.log('Building Parley…');
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

let electron;
try {
  // The electron package exports the binary's path, and throws when the binary was never downloaded.
  electron = require('electron');
  if (typeof electron !== 'string' || !existsSync(electron)) electron = null;
} catch {
  electron = null;
}

if (electron) {
  const child = spawn(electron, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log("Electron's binary is not installed here, so Parley opens in your browser instead (the same workbench, served on 127.0.0.1 only):");
  const child = spawn(process.execPath, [join(root, 'bin', 'parley.js'), 'serve', ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
