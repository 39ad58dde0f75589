/** The README's table of commands lives between these markers; `npm run docs:cli` rewrites it from the command table. */
import { ParleyError } from '../../core/errors';
import { cliTable } from './usage';

export const CLI_TABLE_START = '<!-- cli-table: made by npm run docs:cli from src/main/cli/commands/ -->';
export const CLI_TABLE_END = '<!-- /cli-table -->';

/** The README with its table of commands as the command table has it. */
export function replaceCliTable(readme: string): string {
  const start = readme.indexOf(CLI_TABLE_START);
  const end = readme.indexOf(CLI_TABLE_END);
  if (start < 0 || end < start) throw new ParleyError('bad_input', `README.md has no ${CLI_TABLE_START} ... ${CLI_TABLE_END} markers around its table of commands`);
  return `${readme.slice(0, start + CLI_TABLE_START.length)}\n${cliTable()}\n${readme.slice(end)}`;
}
