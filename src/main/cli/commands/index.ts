/** The commands of `parley`, in the order `--help` and the README list them. Add a command: a module here, and a line below. */
import type { CliCommand } from '../command';
import { adjudicate } from './adjudicate';
import { agreement } from './agreement';
import { exportCommand } from './export';
import { importCommand } from './import';
import { init } from './init';
import { list } from './list';
import { networkCommand } from './network';
import { restore } from './restore';
import { schema, schemes } from './schemes';
import { search } from './search';
import { serve } from './serve';
import { suggest } from './suggest';
import { conflicts, history, join, share, sync, team } from './team';
import { validate } from './validate';

export const COMMANDS: readonly CliCommand[] = [init, schemes, schema, serve, importCommand, exportCommand, list, agreement, adjudicate, networkCommand, validate, search, suggest, restore, share, join, sync, team, conflicts, history];
