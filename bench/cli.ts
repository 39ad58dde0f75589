/**
 * Node's arguments that run the `parley` command line: the built CLI
 * (out/main/cli.js) when it is newer than every source file, else the source
 * through tsx. A built start costs about half a second less, which the tests
 * that run the CLI a hundred times feel; an edit not yet built is still what
 * runs.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const BUILT = join(ROOT, 'out/main/cli.js');

function newestSource(): number {
  let newest = 0;
  for (const name of readdirSync(join(ROOT, 'src'), { recursive: true }) as string[]) newest = Math.max(newest, statSync(join(ROOT, 'src', name)).mtimeMs);
  return newest;
}

function builtIsCurrent(): boolean {
  try {
    return statSync(BUILT).mtimeMs >= newestSource() && statSync(join(ROOT, 'out/renderer/index.html')).mtimeMs > 0;
  } catch {
    return false;
  }
}

export const CLI: string[] = builtIsCurrent() ? [BUILT] : ['--import', 'tsx', join(ROOT, 'src/main/cli.ts')];
