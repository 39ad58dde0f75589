import { ImportRequestSchema, type ImportPlan, type ImportSummary } from '../../../core/api/datasets';
import { ParleyError } from '../../../core/errors';
import { parseLabelMap, undecidedMessage } from '../../../core/formats/labelmap';
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
               [--offsets utf16|codepoint]   Label Studio, doccano: files from a tool version
                                             that counts offsets the other way
               [--map PER=PERSON,MISC=-] [--add-labels A,B]
                                             labels the schema lacks: map, drop (-) or add them`,
  table: [
    [
      'parley import --workspace DIR [--format F] [--annotator NAME] [--offsets utf16|codepoint] [--map PER=PERSON,MISC=-] [--add-labels A,B] PATH…',
      "import documents and labels: plain text, HTML articles, any dataset format below, or another analyst's workspace (`--format workspace`); the format is detected when left out; labels the schema lacks must be mapped, dropped (`-`) or added; all or nothing",
    ],
  ],
  options: { ...workspaceOption, format: { type: 'string', short: 'f' }, annotator: { type: 'string' }, offsets: { type: 'string' }, map: { type: 'string' }, 'add-labels': { type: 'string' } },
  async run({ values, positionals }) {
    const ws = await openExisting(requireWorkspace(values));
    if (positionals.length === 0) throw new UsageError('name at least one file or folder to import');
    const request = checked(ImportRequestSchema, {
      paths: positionals,
      format: values.format,
      annotator: values.annotator,
      offsets: values.offsets,
      labelMap: values.map === undefined ? undefined : parseLabelMap(values.map),
      addLabels: list(values['add-labels']),
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
