import { jsonOption, workspaceOption, type CliCommand } from '../command';
import { runAgreement } from '../agreementText';
import { openExisting, out, requireWorkspace } from '../shared';

export const agreement: CliCommand = {
  name: 'agreement',
  usage: `  parley agreement --workspace DIR [--annotators a,b,c] [--json]
                                             agreement between analysts: span F1, kappas, alpha`,
  table: [
    [
      'parley agreement --workspace DIR [--annotators a,b,c] [--json]',
      "agreement between analysts: span F1 (exact, overlap), Cohen's and Fleiss' kappa, Krippendorff's alpha, per label and overall, and `frames`: F1 exact and through the entity registry per type and overall, per-role F1, kappa and alpha per attribute, polarity and status confusion tables",
    ],
  ],
  options: { ...workspaceOption, ...jsonOption, annotators: { type: 'string' } },
  async run({ values }) {
    const ws = await openExisting(requireWorkspace(values), { readOnly: true });
    out(await runAgreement(ws, values.annotators, values.json === true));
    return 0;
  },
};
