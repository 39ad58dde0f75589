/** The team commands: sharing a workspace through git (their work is in ../team.ts). */
import { jsonOption, workspaceOption, type CliCommand } from '../command';
import { out } from '../shared';
import { runTeamCommand } from '../team';

const teamOptions = { ...workspaceOption, ...jsonOption, remote: { type: 'string' }, annotator: { type: 'string' }, email: { type: 'string' }, token: { type: 'string' } } as const;

function teamCommand(name: string, usage: string, table: [string, string][], options: CliCommand['options'] = teamOptions): CliCommand {
  return {
    name,
    usage,
    table,
    options,
    run: async ({ values, positionals }) => (await runTeamCommand(name, values, positionals, out)) ?? 2,
  };
}

export const share = teamCommand(
  'share',
  `  parley share --workspace DIR --remote URL [--annotator NAME] [--email E]
                                             share a workspace through a new git repository
                                             (a folder path, file:// or https:// URL)`,
  [['parley share --workspace DIR --remote URL [--annotator NAME]', 'make the workspace a git repository and push it to a new shared one (a folder path, `file://` or `https://` URL)']],
);

export const join = teamCommand(
  'join',
  `  parley join URL DIR --annotator NAME [--email E]
                                             copy a shared workspace into a new folder`,
  [['parley join URL DIR --annotator NAME', 'copy a shared workspace into a new folder']],
);

export const sync = teamCommand(
  'sync',
  `  parley sync --workspace DIR [--token T]    send your changes, bring in your colleagues'`,
  [['parley sync --workspace DIR [--token T] [--json]', "send your changes, bring in your colleagues', merge record by record; exit 1 while conflicts are open"]],
);

export const conflicts = teamCommand(
  'conflicts',
  `  parley conflicts --workspace DIR [--resolve ID --take ours|theirs]
                                             list sync conflicts with both versions, or choose one`,
  [['parley conflicts --workspace DIR [--resolve N --take ours|theirs]', 'list sync conflicts with both versions, or choose one']],
  { ...teamOptions, resolve: { type: 'string' }, take: { type: 'string' } },
);

export const history = teamCommand(
  'history',
  `  parley history --workspace DIR --doc ID    who changed the document and its layers, when`,
  [['parley history --workspace DIR --doc ID', "who changed the document's text and layers, when (from the shared history)"]],
  { ...teamOptions, doc: { type: 'string' } },
);

export const team = teamCommand(
  'team',
  `  parley team --workspace DIR [--blind auto|on|off] [--lead NAME]
                                             blind double annotation and the lead: show them, or change them`,
  [
    [
      'parley team --workspace DIR [--blind auto|on|off] [--lead NAME] [--json]',
      "show or change blind double annotation (`auto`: on once two analysts have layers in a shared workspace; while on, each analyst's suggestions, search filters, Corpus view and document list use only their own layer, and suggestions learn without gold) and the lead, who sees all; once a lead is named only the lead changes them; shared by sync",
    ],
  ],
  { ...teamOptions, blind: { type: 'string' }, lead: { type: 'string' } },
);
