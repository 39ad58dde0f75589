/** One command of `parley`: its name, its lines in `--help` and in the README's table, its options, and what it runs. */
import type { ParseArgsConfig } from 'node:util';
import type { MigrateOptions } from '../schemes/cli';

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** Every option any command takes, as parsed (the options are one table: a command ignores the ones it does not read; a schema migration's are `MigrateOptions`). */
export interface CliValues extends MigrateOptions {
  workspace?: string;
  port?: string;
  /** A schema version (`parley schema undo`). */
  version?: string;
  empty?: boolean;
  format?: string;
  out?: string;
  annotator?: string;
  status?: string;
  labels?: string;
  split?: string;
  seed?: string;
  scheme?: string;
  offsets?: string;
  map?: string;
  'map-file'?: string;
  'skip-invalid'?: boolean;
  'tag-column'?: string;
  'text-field'?: string;
  'label-field'?: string;
  'add-labels'?: string;
  annotators?: string;
  'with-suggestions'?: boolean;
  json?: boolean;
  regex?: boolean;
  phrase?: boolean;
  case?: boolean;
  substring?: boolean;
  label?: string;
  entity?: string;
  frame?: string;
  attr?: string;
  remote?: string;
  email?: string;
  token?: string;
  doc?: string;
  resolve?: string;
  take?: string;
  sync?: string;
  'accept-agreed'?: boolean;
  'accept-link-differences'?: boolean;
  from?: string;
  list?: boolean;
  plan?: boolean;
  repair?: boolean;
  kind?: string;
  'frame-type'?: string;
  value?: string;
  'min-weight'?: string;
}

export interface CommandArgs {
  values: CliValues;
  positionals: string[];
}

export type { ParseArgsOptionsConfig };

export interface CliCommand {
  name: string;
  /** Its lines in `parley --help`, as printed. */
  usage: string;
  /** Its rows in the README's CLI table: the command line, and what it does (Markdown). */
  table: [string, string][];
  options: ParseArgsOptionsConfig;
  /** Runs the command; resolves to the exit code. */
  run(args: CommandArgs): Promise<number>;
}

export const workspaceOption = { workspace: { type: 'string', short: 'w' } } as const;
export const jsonOption = { json: { type: 'boolean' } } as const;
