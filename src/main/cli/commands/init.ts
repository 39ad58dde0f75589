import { seedsDir } from '../../paths';
import { loadScheme } from '../../schemes/cli';
import { readSeeds, Workspace } from '../../workspace';
import { workspaceOption, type CliCommand } from '../command';
import { out, requireWorkspace } from '../shared';

export const init: CliCommand = {
  name: 'init',
  usage: `  parley init --workspace DIR [--empty] [--scheme NAME|FILE]
                                             create a workspace (with the sample corpus unless
                                             --empty; Parley's default scheme unless --scheme)`,
  table: [
    [
      'parley init --workspace DIR [--empty] [--scheme NAME|FILE]',
      "create a workspace, with the sample corpus unless `--empty`, under Parley's default scheme or the one named (see `parley schemes`) with its guidelines",
    ],
  ],
  options: { ...workspaceOption, empty: { type: 'boolean' }, scheme: { type: 'string' } },
  async run({ values }) {
    const dir = requireWorkspace(values);
    const docs = values.empty ? [] : await readSeeds(seedsDir());
    const scheme = await loadScheme(values.scheme ?? 'default');
    const ws = await Workspace.create(dir, dir.split(/[\\/]/).filter(Boolean).pop() ?? 'Workspace', docs, scheme);
    out(`Created workspace ${ws.root} with ${docs.length} document${docs.length === 1 ? '' : 's'}, under the scheme ${scheme.name} (${scheme.title}).`);
    return 0;
  },
};
