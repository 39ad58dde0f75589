import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ImportRequestSchema, type ImportPlan, type ImportSummary } from '../../../core/api/datasets';
import { ParleyError } from '../../../core/errors';
import { parseLabelMap, parseLabelMapFile, undecidedMessage } from '../../../core/formats/labelmap';
import { applyImport } from '../../datasets/apply';
import { prepareImport } from '../../datasets/import';
import { settleBulk } from '../../store/atomicCommit';
import { workspaceOption, type CliCommand } from '../command';
import { cancellable, checked, currentAnnotator, list, openExisting, out, plural, requireWorkspace, UsageError } from '../shared';

export const importCommand: CliCommand = {
  name: 'import',
  usage: `  parley import --workspace DIR [--format F] [--annotator NAME] PATH...
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
                                             doccano: a project's column_data, column_label`,
  table: [
    [
      'parley import --workspace DIR [--format F] [--annotator NAME] [--offsets utf16|codepoint|grapheme] [--map PER=PERSON,MISC=-,"a=b"=B] [--map-file MAP.json] [--add-labels A,B] [--skip-invalid] [--tag-column N] [--text-field F] [--label-field F] PATH…',
      "import documents and labels: plain text, HTML articles, any dataset format below, or another analyst's workspace (`--format workspace`); the format is detected when left out; labels the schema lacks must be mapped, dropped (`-`) or added (any label text: quoted, or a JSON mapping file); all or nothing, or with `--skip-invalid` the valid records, each skipped one listed with its line; `--tag-column` for CoNLL with the tag elsewhere than last (detected when only one column holds tags); `--text-field`/`--label-field` for a doccano project's renamed columns",
    ],
  ],
  options: { ...workspaceOption, format: { type: 'string', short: 'f' }, annotator: { type: 'string' }, offsets: { type: 'string' }, map: { type: 'string' },
    'map-file': { type: 'string' },
    'skip-invalid': { type: 'boolean' },
    'tag-column': { type: 'string' },
    'text-field': { type: 'string' },
    'label-field': { type: 'string' },
    'add-labels': { type: 'string' },
  },
  async run({ values, positionals }) {
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
    const annotator = await currentAnnotator(ws.root);
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
  },
};

/** The label map from --map and --map-file (a JSON object); pairs on the command line win. */
async function labelMapOf(map: string | undefined, file: string | undefined): Promise<Record<string, string | null> | undefined> {
  if (map === undefined && file === undefined) return undefined;
  const fromFile =
    file === undefined
      ? {}
      : parseLabelMapFile(
          await readFile(resolve(file), 'utf8').catch(() => {
            throw new ParleyError('not_found', `cannot read the mapping file ${file}`);
          }),
          file,
        );
  return { ...fromFile, ...(map === undefined ? {} : parseLabelMap(map)) };
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
