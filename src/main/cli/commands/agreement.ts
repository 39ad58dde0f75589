import { jsonOption, workspaceOption, type CliCommand } from '../command';
import { GOLD } from '../../../core/model';
import { agreementFor } from '../../review/service';
import { agreementTable, chooseAnnotators, runAgreement } from '../agreementText';
import { openExisting, out, requireWorkspace } from '../shared';

export const agreement: CliCommand = {
  name: 'agreement',
  usage: `  parley agreement --workspace DIR [--annotators a,b,c] [--with-suggestions] [--json]
                                             agreement between analysts: span F1, kappas, alpha`,
  table: [
    [
      'parley agreement --workspace DIR [--annotators a,b,c] [--json]',
      "agreement between analysts: span F1 (exact, overlap), Cohen's and Fleiss' kappa, Krippendorff's alpha, per label and overall, and `frames`: F1 exact and through the entity registry per type and overall, per-role F1, kappa and alpha per attribute, polarity and status confusion tables",
    ],
    [
      'parley agreement --workspace DIR --with-suggestions [--annotators a,b,c] [--json]',
      'also the recommender as a pseudo-annotator (trained on the other documents in 5 folds, its layer never saved): span F1 and kappa with each analyst; and, from this machine only, seconds per accepted suggestion and per hand-made mention, and the share of answered suggestions accepted per label and per score band (`suggestions` in JSON)',
    ],
  ],
  options: { ...workspaceOption, ...jsonOption, annotators: { type: 'string' }, 'with-suggestions': { type: 'boolean' } },
  async run({ values }) {
    const ws = await openExisting(requireWorkspace(values), { readOnly: true });
    const json = values.json === true;
    if (values['with-suggestions'] !== true) {
      out(await runAgreement(ws, values.annotators, json));
      return 0;
    }
    // Loaded here only: the recommender brings compromise's lexicon, which other commands need not pay for.
    const { suggestionMeasures, measuresTable } = await import('../suggestMeasuresText');
    const analysts = values.annotators?.split(',').map((a) => a.trim()).filter(Boolean);
    const suggestions = await suggestionMeasures(ws, analysts);
    // With one analyst there is no agreement between analysts, only with the recommender.
    const others = (await ws.annotators()).filter((a) => a !== GOLD);
    const between = (analysts?.length ?? others.length) >= 2 ? await agreementFor(ws, await chooseAnnotators(ws, values.annotators)) : null;
    out(json ? JSON.stringify({ ...(between ?? {}), suggestions }, null, 2) : [between ? agreementTable(between) : 'Only one analyst: no agreement between analysts.', '', measuresTable(suggestions)].join('\n'));
    return 0;
  },
};
