/** What the team commands of `parley` run (commands/share, join, sync, conflicts, history, and restore --sync): sharing through git. */
import { ParleyError } from '../../core/errors';
import { describeSummary, isEmpty, type ChangeSummary } from '../sync/report';
import type { SyncConflict } from '../../core/merge/files';
import { describeConflict, readConflicts, resolveConflict, type Choice } from '../sync/conflicts';
import { documentHistory, restoreLayerAt } from '../sync/history';
import { join, share, sync, type SyncReport } from '../sync/sync';
import { resolveThrough, runningServer, syncThrough, teamThrough } from '../sync/viaServer';
import { TeamPatchSchema, type TeamSettings } from '../../core/api/team';
import { analystOf } from '../settings/analyst';
import type { CliValues } from './command';
import { setTeamSettings, teamSettings } from '../team/teamFile';
import { Workspace } from '../workspace';

/** The options the team commands read: the CLI's, and the team settings' own. */
export type TeamOptions = Pick<CliValues, 'workspace' | 'remote' | 'annotator' | 'email' | 'token' | 'doc' | 'resolve' | 'take' | 'sync' | 'json'> & {
  blind?: string;
  lead?: string;
};

type Out = (line: string) => void;

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined || value === '') throw new ParleyError('invalid_argument', `${what} is required`);
  return value;
}

/** Runs a team command; null when `command` is not one of them (or, for restore, without --sync). */
export async function runTeamCommand(command: string, o: TeamOptions, positionals: string[], out: Out): Promise<number | null> {
  const token = o.token ?? process.env.PARLEY_GIT_TOKEN;
  const progress = process.stderr.isTTY ? (step: string) => process.stderr.write(`${step}…\n`) : undefined;
  switch (command) {
    case 'share': {
      const dir = need(o.workspace, '--workspace DIR');
      const report = await share(dir, need(o.remote, '--remote URL'), { token, progress, annotator: o.annotator, author: { name: o.annotator, email: o.email } });
      out(`Shared ${dir} to ${report.remote}: ${describeSummary(report.outgoing)}.`);
      if (o.annotator) out(`This copy analyses as ${o.annotator}.`);
      out(`Colleagues join with: parley join ${o.remote} DIR --annotator NAME`);
      return 0;
    }
    case 'join': {
      const [url, dir] = positionals;
      if (!url || !dir) throw new ParleyError('invalid_argument', 'usage: parley join URL DIR --annotator NAME');
      const annotator = need(o.annotator, '--annotator NAME');
      const report = await join(url, dir, { token, progress, annotator, author: { email: o.email } });
      out(`Joined ${report.remote} in ${dir} as ${annotator}: ${describeSummary(report.incoming)}.`);
      return 0;
    }
    case 'sync': {
      const dir = need(o.workspace, '--workspace DIR');
      // While parley serve writes the workspace, it syncs it: this command asks it to.
      const server = runningServer(dir);
      let report: SyncReport;
      if (server) {
        out(`The workspace is open in Parley (process ${server.pid}); it syncs it now.`);
        const r = await syncThrough(server, token);
        report = { remote: r.status.remote ?? '', incoming: r.incoming, outgoing: r.outgoing, newConflicts: [], conflicts: r.conflicts, attempts: 1, head: null };
      } else report = await sync(dir, { token, progress });
      if (o.json) out(JSON.stringify(report));
      else printSync(report, out, dir);
      return report.conflicts.length ? 1 : 0;
    }
    case 'conflicts': {
      const dir = need(o.workspace, '--workspace DIR');
      if (o.resolve) {
        const take = need(o.take, '--take ours|theirs') as Choice;
        if (!['ours', 'theirs', 'base'].includes(take)) throw new ParleyError('invalid_argument', `--take is ours, theirs or base, not ${take}`);
        const server = runningServer(dir);
        if (server && take !== 'base') {
          const before = await readConflicts(dir);
          const c = before.find((x) => x.id === o.resolve) ?? (/^\d+$/.test(o.resolve) ? before[Number(o.resolve) - 1] : undefined);
          if (!c) throw new ParleyError('not_found', `no open conflict ${o.resolve}; parley conflicts --workspace ${dir} lists them`);
          await resolveThrough(server, c.id, take);
          out(`Resolved ${describeConflict(c)} in the open Parley window: kept ${take === 'ours' ? (c.oursBy ?? 'ours') : (c.theirsBy ?? 'theirs')}'s version. The next sync shares it.`);
          return 0;
        }
        const c = await resolveConflict(dir, o.resolve, take);
        out(`Resolved ${describeConflict(c)}: kept ${take === 'ours' ? (c.oursBy ?? 'ours') : take === 'theirs' ? (c.theirsBy ?? 'theirs') : 'the common ancestor'}'s version. The next sync shares it.`);
        return 0;
      }
      const list = await readConflicts(dir);
      if (o.json) out(JSON.stringify(list));
      else printConflicts(list, out, dir);
      return list.length ? 1 : 0;
    }
    case 'team': {
      const dir = need(o.workspace, '--workspace DIR');
      const patch = TeamPatchSchema.safeParse({ ...(o.blind !== undefined && { blind: o.blind }), ...(o.lead !== undefined && { lead: o.lead }) });
      if (!patch.success) throw new ParleyError('invalid_argument', `--blind is auto, on or off and --lead an analyst's name: ${patch.error.issues[0].message}`);
      const changing = Object.keys(patch.data).length > 0;
      let settings: TeamSettings;
      const server = changing ? runningServer(dir) : null;
      if (server) {
        // The open window writes the workspace: it makes the change, as its analyst.
        out(`The workspace is open in Parley (process ${server.pid}); it changes the team settings now.`);
        settings = await teamThrough(server, patch.data);
      } else {
        const ws = await Workspace.open(dir, { readOnly: !changing });
        try {
          const me = await analystOf(ws.root);
          if (changing) await setTeamSettings(ws, patch.data, me);
          settings = await teamSettings(ws, me);
        } finally {
          ws.close();
        }
      }
      if (o.json) out(JSON.stringify(settings));
      else {
        out(`Blind double annotation: ${settings.blindOn ? 'on' : 'off'} (${settings.blind === 'auto' ? 'auto: on once two analysts have layers in a shared workspace' : `set ${settings.blind}`}).`);
        out(`Lead: ${settings.lead ?? 'nobody named'}. Analysts with layers: ${settings.analysts.join(', ') || 'none'}.`);
        if (changing) out('The next sync shares the change.');
      }
      return 0;
    }
    case 'history': {
      const entries = await documentHistory(need(o.workspace, '--workspace DIR'), need(o.doc, '--doc ID'));
      if (o.json) out(JSON.stringify(entries));
      else
        for (const e of entries) {
          const what = e.layer === 'document' ? 'text' : `${e.layer}'s layer`;
          const counts = e.problem ? `\tdamaged: ${e.problem}` : e.mentions === undefined ? '' : `\t${e.status}, ${e.mentions} mentions, ${e.frames} frames`;
          out(`${e.commit.slice(0, 10)}\t${e.at.slice(0, 19).replace('T', ' ')}\t${e.author}\t${what} ${e.change}${counts}`);
        }
      return 0;
    }
    case 'restore': {
      if (!o.sync) return null;
      const dir = need(o.workspace, '--workspace DIR');
      const annotator = need(o.annotator, '--annotator NAME');
      const doc = need(o.doc, '--doc ID');
      const r = await restoreLayerAt(dir, annotator, doc, o.sync);
      out(`Restored ${annotator}'s layer on ${doc} as at ${r.commit.slice(0, 10)}: ${r.mentions} mentions, ${r.frames} frames. The next sync shares it.`);
      return 0;
    }
    default:
      return null;
  }
}

function printSummary(title: string, s: ChangeSummary, out: Out): void {
  out(`${title}: ${describeSummary(s)}`);
  if (isEmpty(s)) return;
  const by = new Map<string, string[]>();
  for (const l of s.layers) by.set(l.annotator, [...(by.get(l.annotator) ?? []), l.docId]);
  for (const [a, docs] of by) out(`  ${a}: ${docs.slice(0, 8).join(', ')}${docs.length > 8 ? `, and ${docs.length - 8} more` : ''}`);
  if (s.documents.length) out(`  documents: ${s.documents.slice(0, 8).join(', ')}${s.documents.length > 8 ? `, and ${s.documents.length - 8} more` : ''}`);
  for (const [k, ids] of Object.entries(s.entities)) if (ids.length) out(`  entities ${k}: ${ids.join(', ')}`);
}

export function printSync(r: SyncReport, out: Out, dir?: string): void {
  printSummary('Came in', r.incoming, out);
  printSummary('Went out', r.outgoing, out);
  if (r.attempts > 1) out(`(a colleague synced at the same moment; merged again and sent on attempt ${r.attempts})`);
  if (r.conflicts.length) printConflicts(r.conflicts, out, dir);
  else out(`Up to date with ${r.remote}.`);
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '(deleted)';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

function printConflicts(list: SyncConflict[], out: Out, dir: string | undefined): void {
  if (list.length === 0) {
    out('No conflicts.');
    return;
  }
  out(`${list.length} conflict${list.length === 1 ? '' : 's'} to resolve (until then both versions are kept):`);
  list.forEach((c, i) => {
    out(`${i + 1}. ${describeConflict(c)}  [${c.id}]`);
    out(`   ours (${c.oursBy ?? 'this copy'}):   ${show(c.ours)}`);
    out(`   theirs (${c.theirsBy ?? 'the other'}): ${show(c.theirs)}`);
  });
  out(`Choose with: parley conflicts --workspace ${dir ?? 'DIR'} --resolve N --take ours|theirs`);
}
