import { workspaceOption, type CliCommand } from '../command';
import { openExisting, out, requireWorkspace } from '../shared';

export const validate: CliCommand = {
  name: 'validate',
  usage: `  parley validate --workspace DIR            check every file; exit 1 if any has a problem`,
  table: [['parley validate --workspace DIR', 'read every file and report each problem by path; exit 1 if any, changing nothing']],
  options: { ...workspaceOption },
  async run({ values }) {
    const ws = await openExisting(requireWorkspace(values), { readOnly: true });
    const problems = await ws.check();
    for (const p of problems) out(`${p.file}: ${p.message}`);
    out(problems.length === 0 ? `${ws.root}: ${ws.entries.length} documents, no problems.` : `${problems.length} problem${problems.length === 1 ? '' : 's'} found; no file was changed.`);
    return problems.length === 0 ? 0 : 1;
  },
};
