import { ExportOptionsSchema, type ExportResult } from '../../../core/api/datasets';
import { runExport } from '../../datasets/export';
import { workspaceOption, type CliCommand } from '../command';
import { cancellable, checked, currentAnnotator, list, openExisting, out, plural, requireWorkspace, showProgress, UsageError } from '../shared';

export const exportCommand: CliCommand = {
  name: 'export',
  usage: `  parley export --workspace DIR --format F --out PATH [--annotator NAME|gold]
               [--status done,...] [--labels A,B] [--split 80,10,10 --seed N]
               [--scheme IOB2|BIOES] [--offsets utf16|codepoint]
                                             export one annotator's layers to a new folder,
                                             or to a .zip file; never overwrites`,
  table: [
    [
      'parley export --workspace DIR --format F --out PATH [--annotator NAME|gold] [--status done,…] [--labels A,B] [--split 80,10,10 --seed N] [--scheme IOB2|BIOES] [--offsets utf16|codepoint]',
      'write a layer as `native`, `brat`, `conll`, `doccano`, `labelstudio`, `spacy`, `webanno` or `csv` (stances.csv and agreements.csv) to a new folder, or a `.zip`; never overwrites',
    ],
  ],
  options: {
    ...workspaceOption,
    format: { type: 'string', short: 'f' },
    out: { type: 'string', short: 'o' },
    annotator: { type: 'string' },
    status: { type: 'string' },
    labels: { type: 'string' },
    split: { type: 'string' },
    seed: { type: 'string' },
    scheme: { type: 'string' },
    offsets: { type: 'string' },
  },
  async run({ values, positionals }) {
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
    const annotator = await currentAnnotator(ws.root);
    const result = await cancellable((signal) => runExport(ws, request, annotator, { signal, progress: showProgress('exporting') }));
    printExportSummary(result, request.format);
    return 0;
  },
};

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
