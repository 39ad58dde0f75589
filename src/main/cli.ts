/**
 * `parley`: the command line. Runs on plain Node (never imports Electron).
 * Exit codes: 0 done, 1 the input or workspace has problems, 2 usage or a missing workspace.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { ExportOptionsSchema, ImportRequestSchema, type ExportResult, type ImportPlan, type ImportSummary } from '../core/api/datasets';
import type { SearchPage } from '../core/api/search';
import { formatError, ParleyError } from '../core/errors';
import { SearchQuerySchema, type SearchQuery } from '../core/search';
import { SearchService } from './search/service';
import { parseLabelMap, parseLabelMapFile, undecidedMessage } from '../core/formats/labelmap';
import { Cancelled } from './datasets/jobs';
import { runExport } from './datasets/export';
import { applyImport } from './datasets/apply';
import { prepareImport } from './datasets/import';
import { adjudicationText, chooseAnnotators, runAgreement } from './agreementCli';
import { adjudicateWorkspace } from './review';
import { GOLD } from '../core/model';
import { createHandlers } from './handlers';
import { startHost } from './host';
import { defaultWorkspaceDir, rendererDir, seedsDir } from './paths';
import { Session, openOrCreateDefault } from './session';
import { SettingsStore } from './settings';
import { listSnapshots, restoreSnapshot } from './store/snapshots';
import { settleBulk } from './store/bulk';
import { diskFull } from './store/durable';
import { Workspace, readSeeds } from './workspace';
import { validateWorkspace } from './validate';
import { repairWorkspace } from './validate/repair';
import { runTeamCommand, TEAM_USAGE } from './sync/cli';
import { advertiseServer } from './sync/viaServer';
import { exportScheme, historyCommand, importScheme, listSchemes, loadScheme, migrateCommand, migrationFromOptions, MIGRATE_USAGE, SCHEME_USAGE } from './schemes/cli';

const USAGE = `Parley: annotate entities, stances and agreements in news articles.

Usage:
  parley init --workspace DIR [--empty] [--scheme NAME|FILE]
                                             create a workspace (with the sample corpus unless
                                             --empty; Parley's default scheme unless --scheme)
  parley serve [--workspace DIR] [--port N]  open the workbench in a browser (127.0.0.1 only)
  parley import --workspace DIR [--format F] [--annotator NAME] PATH...
                                             import documents and labels from files or folders
                                             (format detected unless given; all or nothing)
               [--offsets utf16|codepoint|grapheme]
                                             Label Studio, doccano: files from a tool version
                                             that counts offsets another way
               [--map PER=PERSON,MISC=-,"a=b"=B] [--map-file MAP.json] [--add-labels A,B]
                                             labels the schema lacks: map, drop (-) or add them
               [--skip-invalid]              import the valid records, list the others
               [--tag-column N]              CoNLL: the column holding the tag (1 = first)
               [--text-field F --label-field F]
                                             doccano: a project's column_data, column_label
  parley export --workspace DIR --format F --out PATH [--annotator NAME|gold]
               [--status done,...] [--labels A,B] [--split 80,10,10 --seed N]
               [--scheme IOB2|BIOES] [--offsets utf16|codepoint]
                                             export one annotator's layers to a new folder,
                                             or to a .zip file; never overwrites
  parley list --workspace DIR                one line per document: id, title, status, counts
  parley agreement --workspace DIR [--annotators a,b,c] [--json]
                                             agreement between analysts: span F1, kappas, alpha
  parley adjudicate --workspace DIR --annotators a,b [--accept-agreed] [--json]
                                             put everything the analysts all agree on (mentions
                                             and frames) into gold; report what remains to decide
  parley validate --workspace DIR [--repair] check every file; exit 1 if any has a problem;
                                             --repair finishes interrupted changes and rebuilds
                                             the index, touching no file it cannot read
  parley search --workspace DIR [--regex|--phrase] [--case] [--substring]
               [--label L] [--entity E] [--frame T] [--attr NAME=VALUE]
               [--annotator NAME] [--status S] [--json] [QUERY]
                                             every hit: document, start, end, context; and the total
  parley suggest --workspace DIR --doc ID [--from ANNOTATOR] [--json]
                                             suggested mentions and frames for one document,
                                             learned from the accepted labels; changes no file
  parley restore --workspace DIR [--list] [SNAPSHOT]
                                             list the snapshots taken before bulk changes and
                                             migrations, or put one back (all or nothing)
${SCHEME_USAGE}
${MIGRATE_USAGE}
${TEAM_USAGE}

Formats: native (lossless JSONL), brat, conll, doccano, labelstudio, spacy,
webanno (WebAnno TSV 3.3, as INCEpTION exchanges it), csv (export only), text and html (import only); import also takes another
analyst's workspace folder (--format workspace) and adds their layers for
documents this workspace has with the same text.

Without --workspace, serve uses the default workspace in the app-data folder
(${defaultWorkspaceDir()}), created from the sample corpus on first start.`;

class UsageError extends Error {}

function out(line: string): void {
  process.stdout.write(line + '\n');
}

/** The label map from --map and --map-file (a JSON object); pairs on the command line win. */
async function labelMapOf(map: string | undefined, file: string | undefined): Promise<Record<string, string | null> | undefined> {
  if (map === undefined && file === undefined) return undefined;
  const fromFile = file === undefined ? {} : parseLabelMapFile(await readFile(resolve(file), 'utf8').catch(() => {
    throw new ParleyError('not_found', `cannot read the mapping file ${file}`);
  }), file);
  return { ...fromFile, ...(map === undefined ? {} : parseLabelMap(map)) };
}

function requireWorkspace(values: { workspace?: string }): string {
  if (!values.workspace) throw new UsageError('--workspace DIR is required');
  return values.workspace;
}

/** Reading commands open the folder read-only, so they work while another process writes it. */
async function openExisting(dir: string, options: { readOnly?: boolean } = {}): Promise<Workspace> {
  return Workspace.open(dir, options);
}

async function currentAnnotator(): Promise<string> {
  return (await SettingsStore.load()).annotator;
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
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      annotator: { type: 'string' },
      status: { type: 'string' },
      labels: { type: 'string' },
      split: { type: 'string' },
      seed: { type: 'string' },
      scheme: { type: 'string' },
      offsets: { type: 'string' },
      map: { type: 'string' },
      'map-file': { type: 'string' },
      'skip-invalid': { type: 'boolean' },
      'tag-column': { type: 'string' },
      'text-field': { type: 'string' },
      'label-field': { type: 'string' },
      'add-labels': { type: 'string' },
      annotators: { type: 'string' },
      json: { type: 'boolean' },
      regex: { type: 'boolean' },
      phrase: { type: 'boolean' },
      case: { type: 'boolean' },
      substring: { type: 'boolean' },
      label: { type: 'string' },
      entity: { type: 'string' },
      frame: { type: 'string' },
      attr: { type: 'string' },
      remote: { type: 'string' },
      email: { type: 'string' },
      token: { type: 'string' },
      doc: { type: 'string' },
      resolve: { type: 'string' },
      take: { type: 'string' },
      rename: { type: 'string' },
      to: { type: 'string' },
      merge: { type: 'string' },
      into: { type: 'string' },
      delete: { type: 'string' },
      'relabel-to': { type: 'string' },
      op: { type: 'string' },
      plan: { type: 'boolean' },
      sync: { type: 'string' },
      'accept-agreed': { type: 'boolean' },
      from: { type: 'string' },
      list: { type: 'boolean' },
      repair: { type: 'boolean' },
    },
  });
  const team = await runTeamCommand(command, values, positionals, out);
  if (team !== null) return team;

  switch (command) {
    case 'init': {
      const dir = requireWorkspace(values);
      const scheme = await loadScheme(values.scheme ?? 'default');
      const docs = values.empty ? [] : await readSeeds(seedsDir());
      const ws = await Workspace.create(dir, dir.split(/[\\/]/).filter(Boolean).pop() ?? 'Workspace', docs, scheme);
      out(`Created workspace ${ws.root} with ${docs.length} document${docs.length === 1 ? '' : 's'}, under the scheme ${scheme.name} (${scheme.title}).`);
      return 0;
    }
    case 'schemes':
      return listSchemes(out);
    case 'schema': {
      const [verb, file] = positionals;
      if (verb === 'export') {
        if (!values.out) throw new UsageError('--out FILE is required: the scheme file to write');
        return exportScheme(await openExisting(requireWorkspace(values), { readOnly: true }), values.out, out);
      }
      if (verb === 'import') {
        if (!file || positionals.length > 2) throw new UsageError('name one scheme file (or a shipped scheme\'s name) to import');
        const scheme = await loadScheme(file);
        return importScheme(await openExisting(requireWorkspace(values)), scheme, out);
      }
      if (verb === 'history') return historyCommand(await openExisting(requireWorkspace(values), { readOnly: true }), out);
      if (verb === 'migrate') {
        const op = migrationFromOptions(values);
        const ws = await openExisting(requireWorkspace(values), { readOnly: values.plan === true });
        return migrateCommand(ws, op, values.plan === true, await currentAnnotator(), out);
      }
      throw new UsageError('parley schema export|import|history|migrate: see parley --help');
    }
    case 'serve': {
      const dir = resolve(values.workspace ?? defaultWorkspaceDir());
      const port = values.port === undefined ? 0 : Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not ${values.port}`);
      const ws = await openOrCreateDefault(dir);
      const session = await Session.start(ws.root);
      session.startSearch();
      const host = await startHost({ handlers: createHandlers(session), staticDir: rendererDir(), port });
      await advertiseServer(ws.root, host.port, host.token);
      out(`Parley is serving ${ws.root} at ${host.url}`);
      await new Promise<void>((done) => {
        const stop = () => void host.close().then(done);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      // Ctrl+C or a kill ends the process: worker threads and timers left running must not keep it (or its lock) alive.
      await session.close();
      return process.exit(0);
    }
    case 'import': {
      const ws = await openExisting(requireWorkspace(values));
      if (positionals.length === 0) throw new UsageError('name at least one file or folder to import');
      const request = checked(ImportRequestSchema, {
        paths: positionals,
        format: values.format,
        annotator: values.annotator,
        offsets: values.offsets,
        labelMap: await labelMapOf(values.map, values['map-file']),
        addLabels: list(values['add-labels']),
        skipInvalid: values['skip-invalid'],
        tagColumn: values['tag-column'] === undefined ? undefined : Number(values['tag-column']),
        textField: values['text-field'],
        labelField: values['label-field'],
      });
      const holder = { workspace: ws };
      const annotator = await currentAnnotator();
      const summary = await cancellable(async (signal) => {
        const prepared = await prepareImport(ws, request, annotator, { signal });
        const undecided = undecidedMessage(prepared.plan.labels);
        if (undecided) throw new ParleyError('bad_input', undecided);
        printPlan(prepared.plan);
        return applyImport(holder, prepared, { signal });
      });
      // The import is durable already; this lets the background checkpoint finish before the process ends.
      await settleBulk(ws.root);
      printImportSummary(summary, ws.root);
      return 0;
    }
    case 'export': {
      const ws = await openExisting(requireWorkspace(values), { readOnly: true });
      if (positionals.length > 0) throw new UsageError(`unexpected ${positionals.join(' ')}; export writes to --out PATH`);
      if (!values.format) throw new UsageError('--format is required (native, brat, conll, doccano, labelstudio, spacy, webanno or csv)');
      if (!values.out) throw new UsageError('--out PATH is required: a new folder, or a file ending in .zip');
      const request = checked(ExportOptionsSchema, {
        format: values.format,
        out: values.out,
        annotator: values.annotator,
        statuses: list(values.status),
        labels: list(values.labels),
        split: splitOption(values.split, values.seed),
        tagScheme: values.scheme?.toUpperCase(),
        offsets: values.offsets,
      });
      const annotator = await currentAnnotator();
      const result = await cancellable((signal) => runExport(ws, request, annotator, { signal, progress: showProgress('exporting') }));
      printExportSummary(result, request.format);
      return 0;
    }
    case 'agreement': {
      const ws = await openExisting(requireWorkspace(values), { readOnly: true });
      out(await runAgreement(ws, values.annotators, values.json === true));
      return 0;
    }
    case 'adjudicate': {
      const dir = requireWorkspace(values);
      if (!values.annotators) throw new UsageError('--annotators a,b is required: the analysts whose labels are adjudicated into gold');
      // One workspace object for reading and writing gold, so each document's decisions are seen at once.
      const session = await Session.start((await openExisting(dir)).root);
      const ws = session.workspace;
      const annotators = await chooseAnnotators(ws, values.annotators);
      if (annotators.includes(GOLD)) throw new UsageError('gold is what adjudication builds; name the analysts to compare');
      const handlers = createHandlers(session);
      const summary = await adjudicateWorkspace(ws, annotators, values['accept-agreed'] === true, (docId, change) => handlers['annotations.change']({ docId, change, layer: 'gold' }));
      out(values.json ? JSON.stringify(summary, null, 2) : adjudicationText(summary, values['accept-agreed'] === true));
      return 0;
    }
    case 'list': {
      const ws = await openExisting(requireWorkspace(values), { readOnly: true });
      const labels = ws.schema.labels.map((l) => l.name);
      for (const s of await ws.summaries(await currentAnnotator())) {
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
    }
    case 'search': {
      // Read only: no lock, so it runs while the app has the workspace open.
      const ws = await openExisting(requireWorkspace(values), { readOnly: true });
      return runSearch(ws, await currentAnnotator(), searchQuery(values, positionals, ws), values.json === true);
    }
    case 'suggest': {
      const ws = await openExisting(requireWorkspace(values), { readOnly: true });
      if (!values.doc) throw new UsageError('--doc ID is required (parley list shows the ids)');
      // Loaded here only: the recommender brings compromise's lexicon, which other commands need not pay for.
      const { runSuggest } = await import('./suggestCli');
      out(await runSuggest(ws, values.doc, values.from, values.json === true));
      return 0;
    }
    case 'restore': {
      const dir = requireWorkspace(values);
      if (values.list || positionals.length === 0) {
        const ws = await openExisting(dir, { readOnly: true });
        const all = await listSnapshots(ws.root);
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
    }
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}

function searchQuery(values: Record<string, string | boolean | undefined>, positionals: string[], ws: Workspace): SearchQuery {
  if (values.regex && values.phrase) throw new UsageError('--regex and --phrase cannot go together');
  let frameAttr: { name: string; value: string } | undefined;
  if (typeof values.attr === 'string') {
    const [name, ...value] = values.attr.split('=');
    if (!name || value.length === 0) throw new UsageError(`--attr takes NAME=VALUE, e.g. polarity=against (not ${values.attr})`);
    frameAttr = { name, value: value.join('=') };
  }
  return checked(SearchQuerySchema, {
    text: positionals.join(' '),
    mode: values.regex ? 'regex' : values.phrase ? 'phrase' : 'text',
    wholeWord: !values.substring,
    caseSensitive: values.case === true,
    label: values.label,
    entityId: typeof values.entity === 'string' ? entityIdOf(ws, values.entity) : undefined,
    frameType: values.frame,
    frameAttr,
    annotator: values.annotator,
    status: values.status,
  });
}

/** An entity by id, name or alias (any case). */
function entityIdOf(ws: Workspace, key: string): string {
  const lower = key.toLowerCase();
  const e = ws.entities.find((x) => x.id === key) ?? ws.entities.find((x) => [x.name, ...x.aliases].some((n) => n.toLowerCase() === lower));
  if (!e) throw new UsageError(`no entity with the id, name or alias ${key}`);
  return e.id;
}

/** Prints hits as they are found, then the total. Reads only: another process may hold the workspace meanwhile. */
async function runSearch(ws: Workspace, annotator: string, query: SearchQuery, json: boolean): Promise<number> {
  const search = new SearchService(ws.root, ws.entries, { writable: false, inline: true });
  const id = search.start(query, annotator);
  const stop = () => search.cancel(id);
  process.once('SIGINT', stop);
  let offset = 0;
  let page: SearchPage;
  if (json) process.stdout.write('{"hits":[');
  for (;;) {
    page = await search.page(id, offset, 1_000);
    if (page.error) throw new ParleyError(page.error.code as ParleyError['code'], page.error.message);
    for (const h of page.hits) {
      if (json) process.stdout.write((offset > 0 ? ',' : '') + JSON.stringify(h));
      else out(`${h.docId}\t${h.start}\t${h.end}\t${h.left}[${h.quote}]${h.right}`);
      offset++;
    }
    if (page.done && offset >= page.total) break;
    if (page.hits.length === 0) await new Promise((r) => setTimeout(r, 5));
  }
  process.off('SIGINT', stop);
  if (json) process.stdout.write(`],"total":${page.total},"documents":${page.documents}${page.cancelled ? ',"cancelled":true' : ''}}\n`);
  else out(`${plural(page.total, 'hit')} in ${plural(page.documents, 'document')}${page.cancelled ? ' (cancelled)' : ''}.`);
  await search.close();
  return 0;
}

/** "a,b, c" → ["a", "b", "c"]; absent → undefined. */
function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

function splitOption(split: string | undefined, seed: string | undefined): unknown {
  if (split === undefined) {
    if (seed !== undefined) throw new UsageError('--seed goes with --split, e.g. --split 80,10,10 --seed 1');
    return undefined;
  }
  const parts = split.split(/[,/]/).map((x) => Number(x.trim()));
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n))) throw new UsageError(`--split takes three percentages for train, dev and test, e.g. 80,10,10 (not ${split})`);
  const n = seed === undefined ? 0 : Number(seed);
  if (!Number.isInteger(n)) throw new UsageError(`--seed must be a whole number, not ${seed}`);
  return { train: parts[0], dev: parts[1], test: parts[2], seed: n };
}

/** Checks options against the API's own schema, so the CLI and the UI accept the same requests. */
function checked<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const clean = Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined));
  const result = schema.safeParse(clean);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const option = { statuses: 'status', tagScheme: 'scheme', paths: 'PATH', entityId: 'entity', frameType: 'frame', frameAttr: 'attr', text: 'QUERY' }[String(issue.path[0])] ?? String(issue.path[0] ?? '');
  throw new UsageError(`${option ? `--${option}: ` : ''}${issue.message}`);
}

/** Runs work that Ctrl+C cancels; the work removes what it wrote before it stops. */
async function cancellable<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const abort = new AbortController();
  const stop = () => abort.abort();
  process.once('SIGINT', stop);
  try {
    return await work(abort.signal);
  } catch (e) {
    if (e instanceof Cancelled || abort.signal.aborted) throw new ParleyError('io', 'cancelled; nothing was written');
    throw e;
  } finally {
    process.off('SIGINT', stop);
  }
}

/** A progress line on a terminal; nothing when the output goes to a file or pipe. */
function showProgress(what: string): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (now - last < 200 && done < total) return;
    last = now;
    process.stderr.write(`\r${what} ${done}/${total} documents${done === total ? '\n' : ''}`);
  };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

function printExportSummary(r: ExportResult, format: string): void {
  const { report } = r;
  out(`Exported ${plural(report.documents, 'document')}, ${plural(report.mentions, 'mention')} and ${plural(report.frames, 'frame')} as ${format} to ${r.out} (${plural(r.files, 'file')}).`);
  if (report.dropped.length) {
    out('Left out, because the format cannot hold them:');
    for (const d of report.dropped) out(`  ${d.count.toLocaleString('en')}\t${d.reason}`);
  }
  for (const d of report.droppedMentions ?? []) {
    out(`Dropped in ${d.document}: ${d.label} ${JSON.stringify(d.quote)} at ${d.start}–${d.end}, overlapped by ${d.winner.label} ${JSON.stringify(d.winner.quote)} at ${d.winner.start}–${d.winner.end} (UTF-16 offsets)`);
  }
  for (const n of report.notes) out(`Note: ${n}`);
}

function printPlan(plan: ImportPlan): void {
  const conflicts = plan.documents.filter((d) => d.action === 'conflict');
  const labelled = plan.documents.some((d) => d.mentions > 0 || d.frames > 0);
  out(`Read ${plural(plan.files, 'file')} as ${plan.format}${plan.detected ? ' (detected)' : ''}: ${plural(plan.documents.length, 'document')}${labelled ? `, labels for ${plan.annotator}` : ''}.`);
  for (const w of plan.warnings) out(`warning: ${w}`);
  for (const d of conflicts) out(`skipped ${d.id}: ${d.reason ?? 'conflict'}`);
  for (const d of plan.documents) {
    if (d.action === 'add') out(`imported ${d.id}\t${d.title}`);
    else if (d.action === 'layer') out(`labels for ${d.id}\t${plural(d.mentions, 'mention')}, ${plural(d.frames, 'frame')}${d.reason ? ` (${d.reason})` : ''}`);
  }
}

function printImportSummary(s: ImportSummary, root: string): void {
  const parts = [...(s.labelsAdded?.length ? [`label${s.labelsAdded.length === 1 ? '' : 's'} ${s.labelsAdded.join(', ')} added to the schema`] : []), plural(s.documentsAdded, 'document') + ' added', plural(s.layersWritten, 'layer') + ' written', plural(s.entitiesAdded, 'entity', 'entities') + ' added'];
  out(`${parts.join(', ')}${s.skipped.length ? `; ${plural(s.skipped.length, 'document')} skipped (see above)` : ''}. Workspace: ${root}.`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError || (e instanceof TypeError && (e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`parley: ${e.message}\n\n${USAGE}\n`);
      process.exitCode = 2;
    } else if (e instanceof ParleyError || diskFull(e)) {
      // A full disk is an ordinary error: one line, whatever raised it.
      const err = e instanceof ParleyError ? e : diskFull(e)!;
      process.stderr.write(`parley: ${formatError(err)}\n`);
      process.exitCode = err.code === 'not_found' ? 2 : 1;
    } else {
      process.stderr.write(`parley: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 1;
    }
  },
);

