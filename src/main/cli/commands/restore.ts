import { formatError, type ParleyError } from '../../../core/errors';
import { listSnapshots, restoreSnapshot } from '../../store/snapshots';
import { workspaceOption, type CliCommand } from '../command';
import { openExisting, out, plural, requireWorkspace, UsageError } from '../shared';
import { runTeamCommand } from '../team';

/** Two restores: a snapshot taken before a bulk change, or (with --sync) a layer as it was at an earlier sync. */
export const restore: CliCommand = {
  name: 'restore',
  usage: `  parley restore --workspace DIR [--list] [SNAPSHOT]
                                             list the snapshots taken before bulk changes and
                                             migrations, or put one back (all or nothing)
  parley restore --workspace DIR --sync COMMIT --annotator NAME --doc ID
                                             bring back a layer as it was at an earlier sync`,
  table: [
    ['parley restore --workspace DIR --sync COMMIT --annotator NAME --doc ID', 'bring back a layer as it was at an earlier sync'],
    ['parley restore --workspace DIR [--list] [SNAPSHOT]', 'list the snapshots taken before each bulk change and migration (in `.parley/snapshots/`), or put one back, all or nothing'],
  ],
  options: { ...workspaceOption, list: { type: 'boolean' }, sync: { type: 'string' }, annotator: { type: 'string' }, doc: { type: 'string' } },
  async run({ values, positionals }) {
    const team = await runTeamCommand('restore', values, positionals, out);
    if (team !== null) return team;
    const dir = requireWorkspace(values);
    if (values.list || positionals.length === 0) {
      const ws = await openExisting(dir, { readOnly: true });
      const damaged: ParleyError[] = [];
      const all = await listSnapshots(ws.root, damaged);
      for (const e of damaged) out(formatError(e));
      for (const s of all) out([s.id, s.reason, `${plural(s.copied.length, 'file')} kept, ${plural(s.created.length, 'file')} created since`].join('\t'));
      out(all.length ? `Put one back with: parley restore --workspace ${dir} SNAPSHOT` : `${ws.root} has no snapshots yet.`);
      return 0;
    }
    if (positionals.length > 1) throw new UsageError('name one snapshot to restore (see --list)');
    // Restoring writes: it takes the lock, and finishes any bulk change a kill left first.
    const ws = await openExisting(dir);
    const info = await restoreSnapshot(ws.root, positionals[0]);
    out(`Restored ${info.id} (${info.reason}): ${plural(info.copied.length, 'file')} put back, ${plural(info.created.length, 'file')} removed. The state before the restore is a snapshot too.`);
    return 0;
  },
};
