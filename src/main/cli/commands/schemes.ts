import { exportScheme, historyCommand, importScheme, listSchemes, loadScheme, migrateCommand, migrationFromOptions, MIGRATE_USAGE, SCHEME_USAGE, undoCommand } from '../../schemes/cli';
import { workspaceOption, type CliCommand } from '../command';
import { currentAnnotator, openExisting, out, requireWorkspace, UsageError } from '../shared';

const [schemesLine, ...schemaLines] = SCHEME_USAGE.split('\n');

export const schemes: CliCommand = {
  name: 'schemes',
  usage: schemesLine,
  table: [['parley schemes', 'the schemes Parley ships: default, stance, media-frames, propaganda, claims ([docs/schemes.md](docs/schemes.md))']],
  options: {},
  run: async () => listSchemes(out),
};

export const schema: CliCommand = {
  name: 'schema',
  usage: [...schemaLines, MIGRATE_USAGE].join('\n'),
  table: [
    [
      'parley schema export --workspace DIR --out FILE` / `parley schema import --workspace DIR FILE|NAME',
      "write the workspace's schema and guidelines as a scheme file a team shares, or take one (refused while the layers use a label or frame type it lacks)",
    ],
    ['parley schema history --workspace DIR', 'every schema migration: version, when, who, what'],
    [
      'parley schema migrate --workspace DIR [--plan] (--rename OLD --to NEW | --merge A,B --into C | --delete L [--relabel-to M] | --op JSON)',
      "change the schema and every layer (all analysts' and gold) as one step; `--plan` counts what it would change",
    ],
    ['parley schema undo --workspace DIR [--version N]', 'put the newest schema step back: every mention and frame it changed, exactly, as a step of its own that sync carries'],
  ],
  options: {
    ...workspaceOption,
    out: { type: 'string', short: 'o' },
    rename: { type: 'string' },
    to: { type: 'string' },
    merge: { type: 'string' },
    into: { type: 'string' },
    delete: { type: 'string' },
    'relabel-to': { type: 'string' },
    op: { type: 'string' },
    plan: { type: 'boolean' },
    version: { type: 'string' },
  },
  async run({ values, positionals }) {
    const [verb, file] = positionals;
    if (verb === 'export') {
      if (!values.out) throw new UsageError('--out FILE is required: the scheme file to write');
      return exportScheme(await openExisting(requireWorkspace(values), { readOnly: true }), values.out, out);
    }
    if (verb === 'import') {
      if (!file || positionals.length > 2) throw new UsageError("name one scheme file (or a shipped scheme's name) to import");
      const scheme = await loadScheme(file);
      return importScheme(await openExisting(requireWorkspace(values)), scheme, out);
    }
    if (verb === 'history') return historyCommand(await openExisting(requireWorkspace(values), { readOnly: true }), out);
    if (verb === 'migrate') {
      const op = migrationFromOptions(values);
      const ws = await openExisting(requireWorkspace(values), { readOnly: values.plan === true });
      return migrateCommand(ws, op, values.plan === true, await currentAnnotator(ws.root), out);
    }
    if (verb === 'undo') {
      const version = values.version === undefined ? undefined : Number(values.version);
      if (version !== undefined && !(Number.isInteger(version) && version > 0)) throw new UsageError(`--version takes a schema version (1, 2, …), not ${values.version}`);
      const ws = await openExisting(requireWorkspace(values));
      return undoCommand(ws, version, await currentAnnotator(ws.root), out);
    }
    throw new UsageError('parley schema export|import|history|migrate|undo: see parley --help');
  },
};
