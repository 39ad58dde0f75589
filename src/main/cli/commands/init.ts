import { seedsDir } from '../../paths';
import { loadScheme } from '../../schemes/cli';
import { checkAnalystName, readSeeds, Workspace, writeIdentity } from '../../workspace';
import { workspaceOption, type CliCommand } from '../command';
import { out, requireWorkspace } from '../shared';

export const init: CliCommand = {
  name: 'init',
  usage: `  parley init --workspace DIR [--empty] [--scheme NAME|FILE] [--annotator NAME]
                                             create a workspace (with the sample corpus unless
                                             --empty; Parley's default scheme unless --scheme)`,
  table: [
    [
      'parley init --workspace DIR [--empty] [--scheme NAME|FILE] [--annotator NAME]',
      "create a workspace, with the sample corpus unless `--empty`, under Parley's default scheme or the one named (see `parley schemes`) with its guidelines; `--annotator` names who analyses in this copy (else the user's settings decide)",
    ],
  ],
  options: { ...workspaceOption, empty: { type: 'boolean' }, scheme: { type: 'string' }, annotator: { type: 'string' } },
  async run({ values }) {
    const dir = requireWorkspace(values);
    if (values.annotator !== undefined) checkAnalystName(values.annotator);
    const docs = values.empty ? [] : await readSeeds(seedsDir());
    const scheme = await loadScheme(values.scheme ?? 'default');
    const ws = await Workspace.create(dir, dir.split(/[\\/]/).filter(Boolean).pop() ?? 'Workspace', docs, scheme);
    if (values.annotator !== undefined) await writeIdentity(ws.root, values.annotator);
    out(`Created workspace ${ws.root} with ${docs.length} document${docs.length === 1 ? '' : 's'}, under the scheme ${scheme.name} (${scheme.title})${values.annotator ? `, analysed here as ${values.annotator}` : ''}.`);
    return 0;
  },
};
