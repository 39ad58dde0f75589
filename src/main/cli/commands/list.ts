import { workspaceOption, type CliCommand } from '../command';
import { currentAnnotator, openExisting, out, requireWorkspace } from '../shared';

export const list: CliCommand = {
  name: 'list',
  usage: `  parley list --workspace DIR                one line per document: id, title, status, counts`,
  table: [['parley list --workspace DIR', 'one line per document: id, title, status, mention counts per label']],
  options: { ...workspaceOption },
  async run({ values }) {
    const ws = await openExisting(requireWorkspace(values), { readOnly: true });
    const labels = ws.schema.labels.map((l) => l.name);
    for (const s of await ws.summaries(await currentAnnotator(ws.root))) {
      const counts = labels
        .filter((l) => s.labelCounts[l])
        .map((l) => `${l}=${s.labelCounts[l]}`)
        .join(' ');
      const extra = Object.keys(s.labelCounts).filter((l) => !labels.includes(l));
      const all = [counts, ...extra.map((l) => `${l}=${s.labelCounts[l]}`)].filter(Boolean).join(' ');
      out([s.id, s.title, s.status, `mentions=${s.mentionCount}`, `frames=${s.frameCount}`, all, s.problem ? `PROBLEM: ${s.problem}` : ''].filter(Boolean).join('\t'));
    }
    return 0;
  },
};
