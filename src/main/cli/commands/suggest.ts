import { jsonOption, workspaceOption, type CliCommand } from '../command';
import { openExisting, out, requireWorkspace, UsageError } from '../shared';

export const suggest: CliCommand = {
  name: 'suggest',
  usage: `  parley suggest --workspace DIR --doc ID [--from ANNOTATOR] [--json]
                                             suggested mentions and frames for one document,
                                             learned from the accepted labels; changes no file`,
  table: [
    [
      'parley suggest --workspace DIR --doc ID [--from ANNOTATOR] [--json]',
      "the suggested mentions (start, end, label, score, source) and frames (evidence, cue, polarity or status, role candidates) for one document, learned from every analyst's accepted labels (or only `--from`'s; while blind annotation is on, only this copy's analyst's, without gold); changes no file",
    ],
  ],
  options: { ...workspaceOption, ...jsonOption, doc: { type: 'string' }, from: { type: 'string' } },
  async run({ values }) {
    const ws = await openExisting(requireWorkspace(values), { readOnly: true });
    if (!values.doc) throw new UsageError('--doc ID is required (parley list shows the ids)');
    // Loaded here only: the recommender brings compromise's lexicon, which other commands need not pay for.
    const { runSuggest } = await import('../suggestText');
    out(await runSuggest(ws, values.doc, values.from, values.json === true));
    return 0;
  },
};
