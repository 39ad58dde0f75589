import { seedsDir } from '../../paths';
import { readSeeds, Workspace } from '../../workspace';
import { workspaceOption, type CliCommand } from '../command';
import { out, requireWorkspace } from '../shared';

export const init: CliCommand = {
  name: 'init',
  usage: `  parley init --workspace DIR [--empty]      create a workspace (with the sample corpus unless --empty)`,
  table: [['parley init --workspace DIR [--empty]', 'create a workspace, with the sample corpus unless `--empty`']],
  options: { ...workspaceOption, empty: { type: 'boolean' } },
  async run({ values }) {
    const dir = requireWorkspace(values);
    const docs = values.empty ? [] : await readSeeds(seedsDir());
    const ws = await Workspace.create(dir, dir.split(/[\\/]/).filter(Boolean).pop() ?? 'Workspace', docs);
    out(`Created workspace ${ws.root} with ${docs.length} document${docs.length === 1 ? '' : 's'}.`);
    return 0;
  },
};
