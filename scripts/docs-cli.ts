/**
 * `npm run docs:cli`: rewrites the README's table of commands (between the
 * cli-table markers) from the command table, src/main/cli/commands/.
 * test/unit/cli-docs.test.ts fails while the README is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { replaceCliTable } from '../src/main/cli/readme';

const readme = fileURLToPath(new URL('../README.md', import.meta.url));
const before = readFileSync(readme, 'utf8');
const after = replaceCliTable(before);
if (after === before) console.log('README.md: the CLI table is up to date.');
else {
  writeFileSync(readme, after);
  console.log('README.md: the CLI table was rewritten from src/main/cli/commands/.');
}
