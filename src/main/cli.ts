/**
 * `parley`: the command line. Runs on plain Node (never imports Electron).
 * Each command is one module of cli/commands/ (name, usage, options, run);
 * `--help` and the README's table are made from that table.
 * Exit codes: 0 done, 1 the input or workspace has problems, 2 usage or a missing workspace.
 */
import './heap';
import { parseArgs } from 'node:util';
import { formatError, ParleyError } from '../core/errors';
import type { CliValues } from './cli/command';
import { COMMANDS } from './cli/commands';
import { out, UsageError } from './cli/shared';
import { allOptions, usage } from './cli/usage';
import { diskFull } from './store/durable';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    out(usage());
    return command ? 0 : 2;
  }
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: allOptions() });
  const found = COMMANDS.find((c) => c.name === command);
  if (!found) throw new UsageError(`unknown command ${command}`);
  return found.run({ values: values as CliValues, positionals });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError || (e instanceof TypeError && (e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`parley: ${e.message}\n\n${usage()}\n`);
      process.exitCode = 2;
    } else if (e instanceof ParleyError || diskFull(e)) {
      // A full disk is an ordinary error: one line, whatever raised it.
      const err = e instanceof ParleyError ? e : diskFull(e)!;
      process.stderr.write(`parley: ${formatError(err)}\n`);
      process.exitCode = err.code === 'not_found' ? 2 : 1;
    } else {
      process.stderr.write(`parley: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 1;
    }
  },
);
