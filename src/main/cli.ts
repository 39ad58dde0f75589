/**
 * `parley`: the command line. Runs on plain Node (never imports Electron).
 * Exit codes: 0 done, 1 the input or workspace has problems, 2 usage or a missing workspace.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatError, ParleyError } from '../core/errors';
import { createHandlers } from './handlers';
import { startHost } from './host';
import { collectFiles, readTextDocuments } from './importing';
import { defaultWorkspaceDir, rendererDir, seedsDir } from './paths';
import { Session, openOrCreateDefault } from './session';
import { Workspace, readSeeds } from './workspace';

const USAGE = `Parley: annotate entities, stances and agreements in news articles.

Usage:
  parley init --workspace DIR [--empty]      create a workspace (with the sample corpus unless --empty)
  parley serve [--workspace DIR] [--port N]  open the workbench in a browser (127.0.0.1 only)
  parley import --workspace DIR PATH...      add .txt files or folders of them as documents
  parley list --workspace DIR                one line per document: id, title, status, counts
  parley validate --workspace DIR            check every file; exit 1 if any has a problem

Without --workspace, serve uses the default workspace in the app-data folder
(${defaultWorkspaceDir()}), created from the sample corpus on first start.`;

class UsageError extends Error {}

function out(line: string): void {
  process.stdout.write(line + '\n');
}

function requireWorkspace(values: { workspace?: string }): string {
  if (!values.workspace) throw new UsageError('--workspace DIR is required');
  return values.workspace;
}

async function openExisting(dir: string): Promise<Workspace> {
  return Workspace.open(dir);
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    out(USAGE);
    return command ? 0 : 2;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      workspace: { type: 'string', short: 'w' },
      port: { type: 'string' },
      empty: { type: 'boolean' },
    },
  });

  switch (command) {
    case 'init': {
      const dir = requireWorkspace(values);
      const docs = values.empty ? [] : await readSeeds(seedsDir());
      const ws = await Workspace.create(dir, dir.split(/[\\/]/).filter(Boolean).pop() ?? 'Workspace', docs);
      out(`Created workspace ${ws.root} with ${docs.length} document${docs.length === 1 ? '' : 's'}.`);
      return 0;
    }
    case 'serve': {
      const dir = resolve(values.workspace ?? defaultWorkspaceDir());
      const port = values.port === undefined ? 0 : Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not ${values.port}`);
      const ws = await openOrCreateDefault(dir);
      const session = await Session.start(ws.root);
      const host = await startHost({ handlers: createHandlers(session), staticDir: rendererDir(), port });
      out(`Parley is serving ${ws.root} at ${host.url}`);
      await new Promise<void>((done) => {
        const stop = () => void host.close().then(done);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      return 0;
    }
    case 'import': {
      const ws = await openExisting(requireWorkspace(values));
      if (positionals.length === 0) throw new UsageError('name at least one .txt file or folder to import');
      const files = await collectFiles(positionals, ['.txt']);
      if (files.length === 0) throw new ParleyError('bad_input', `no .txt files found in ${positionals.join(', ')}`);
      const docs = await readTextDocuments(files, ws.entries.map((e) => e.id));
      await ws.addDocuments(docs);
      for (const d of docs) out(`imported ${d.id}\t${d.title}`);
      out(`${docs.length} document${docs.length === 1 ? '' : 's'} imported into ${ws.root}.`);
      return 0;
    }
    case 'list': {
      const ws = await openExisting(requireWorkspace(values));
      const session = await Session.start(ws.root);
      const labels = ws.schema.labels.map((l) => l.name);
      for (const s of await ws.summaries(session.annotator)) {
        const counts = labels
          .filter((l) => s.labelCounts[l])
          .map((l) => `${l}=${s.labelCounts[l]}`)
          .join(' ');
        const extra = Object.keys(s.labelCounts).filter((l) => !labels.includes(l));
        const all = [counts, ...extra.map((l) => `${l}=${s.labelCounts[l]}`)].filter(Boolean).join(' ');
        out([s.id, s.title, s.status, `mentions=${s.mentionCount}`, `frames=${s.frameCount}`, all, s.problem ? `PROBLEM: ${s.problem}` : ''].filter(Boolean).join('\t'));
      }
      return 0;
    }
    case 'validate': {
      const ws = await openExisting(requireWorkspace(values));
      const problems = await ws.check();
      for (const p of problems) out(`${p.file}: ${p.message}`);
      out(problems.length === 0 ? `${ws.root}: ${ws.entries.length} documents, no problems.` : `${problems.length} problem${problems.length === 1 ? '' : 's'} found; no file was changed.`);
      return problems.length === 0 ? 0 : 1;
    }
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError || (e instanceof TypeError && (e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`parley: ${e.message}\n\n${USAGE}\n`);
      process.exitCode = 2;
    } else if (e instanceof ParleyError) {
      process.stderr.write(`parley: ${formatError(e)}\n`);
      process.exitCode = e.code === 'not_found' ? 2 : 1;
    } else {
      process.stderr.write(`parley: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 1;
    }
  },
);

