/** Where Parley keeps things on this machine. */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The OS app-data folder, the same one Electron's userData resolves to for an
 * app named Parley, so the CLI and the window share the default workspace.
 * PARLEY_HOME overrides it (tests, portable installs).
 */
export function appDataDir(): string {
  if (process.env.PARLEY_HOME) return process.env.PARLEY_HOME;
  const home = homedir();
  switch (process.platform) {
    case 'win32':
      return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Parley');
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Parley');
    default:
      return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Parley');
  }
}

export function defaultWorkspaceDir(): string {
  return join(appDataDir(), 'workspace');
}

/** The project folder (holding package.json, seeds/ and the built out/), found from this module's location. */
export function appRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'seeds', 'manifest.json')) && existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find the Parley installation folder (seeds/manifest.json)');
}

export function seedsDir(): string {
  return join(appRoot(), 'seeds');
}

export function rendererDir(): string {
  return join(appRoot(), 'out', 'renderer');
}
