import { validateWorkspace } from '../../validate';
import { repairWorkspace } from '../../validate/repair';
import { workspaceOption, type CliCommand } from '../command';
import { openExisting, out, requireWorkspace } from '../shared';

export const validate: CliCommand = {
  name: 'validate',
  usage: `  parley validate --workspace DIR [--repair] check every file; exit 1 if any has a problem;
                                             --repair finishes interrupted changes and rebuilds
                                             the index, touching no file it cannot read`,
  table: [
    [
      'parley validate --workspace DIR [--repair]',
      'read every file and report each problem by path (the schema, the registry, the index and its journal against `documents/`, every document and layer, layer journals against their layers, mention offsets outside the text or inside a character); exit 1 if any, changing nothing. A bulk change cut short (a killed import) is one line, not damage: the next open finishes it. `--repair` finishes or rolls back such changes and adds the documents the index does not list, never touching a file it cannot read, and says each thing it did',
    ],
  ],
  options: { ...workspaceOption, repair: { type: 'boolean' } },
  async run({ values }) {
    const dir = requireWorkspace(values);
    if (values.repair) {
      const done = await repairWorkspace(dir);
      for (const line of done) out(`repaired: ${line}`);
      if (done.length === 0) out('Nothing to repair.');
    }
    const ws = await openExisting(dir, { readOnly: true });
    const { problems, unfinished, documents } = await validateWorkspace(ws);
    for (const line of unfinished) out(line);
    for (const p of problems) out(`${p.file}: ${p.message}`);
    const changed = values.repair ? 'no other file was changed' : 'no file was changed';
    out(problems.length === 0 ? `${ws.root}: ${documents} documents, no problems.` : `${problems.length} problem${problems.length === 1 ? '' : 's'} found; ${changed}.`);
    return problems.length === 0 ? 0 : 1;
  },
};
