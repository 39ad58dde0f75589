/**
 * The schemes Parley ships (`schemes/*.json` in the installation) and scheme
 * files a team shares, and a workspace's guidelines (`guidelines.md`, shared
 * through sync like the schema it explains).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ParleyError } from '../../core/errors';
import { parseScheme, type Scheme } from '../../core/schemes';
import { appRoot } from '../paths';
import { writeFileDurable } from '../store/durable';

export const GUIDELINES_FILE = 'guidelines.md';

export function schemesDir(): string {
  return join(appRoot(), 'schemes');
}

/** The shipped schemes, by name. */
export async function shippedSchemes(): Promise<Scheme[]> {
  const dir = schemesDir();
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const schemes = await Promise.all(files.map(async (f) => parseScheme(await readFile(join(dir, f), 'utf8'), join(dir, f))));
  // Parley's own default first, then the rest by name.
  return schemes.sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}

/** A shipped scheme by name, or a scheme file by path. */
export async function loadScheme(nameOrPath: string): Promise<Scheme> {
  if (/^[a-z0-9][a-z0-9-]*$/.test(nameOrPath) && !existsSync(nameOrPath)) {
    const file = join(schemesDir(), `${nameOrPath}.json`);
    if (!existsSync(file)) {
      const names = (await shippedSchemes()).map((s) => s.name).join(', ');
      throw new ParleyError('not_found', `no scheme named ${nameOrPath}; the shipped schemes are ${names} (parley schemes lists them), or give a scheme file's path`);
    }
    return parseScheme(await readFile(file, 'utf8'), file);
  }
  const file = resolve(nameOrPath);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ParleyError('not_found', 'cannot read this scheme file', file);
  }
  return parseScheme(text, file);
}

/** The workspace's guidelines, or an empty text where it has none. */
export async function readGuidelines(root: string): Promise<string> {
  try {
    return await readFile(join(root, GUIDELINES_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw e;
  }
}

export function writeGuidelines(root: string, text: string): Promise<void> {
  return writeFileDurable(join(root, GUIDELINES_FILE), text);
}
