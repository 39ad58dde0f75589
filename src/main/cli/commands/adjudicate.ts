import { GOLD } from '../../../core/model';
import { createHandlers } from '../../handlers';
import { adjudicateWorkspace } from '../../review/service';
import { Session } from '../../session';
import { adjudicationText, chooseAnnotators } from '../agreementText';
import { jsonOption, workspaceOption, type CliCommand } from '../command';
import { openExisting, out, requireWorkspace, UsageError } from '../shared';

export const adjudicate: CliCommand = {
  name: 'adjudicate',
  usage: `  parley adjudicate --workspace DIR --annotators a,b [--accept-agreed [--accept-link-differences]] [--json]
                                             put everything the analysts all agree on (mentions
                                             and frames) into gold; report what remains to decide
                                             (with those differing only in an entity link or note)`,
  table: [
    [
      'parley adjudicate --workspace DIR --annotators a,b [--accept-agreed [--accept-link-differences]] [--json]',
      'with `--accept-agreed`, put everything the analysts all agree on in every field (mentions one by one, frames each with its mentions) into gold as one undoable step per document; report what remains to decide per document, and apart the mentions agreed on span and label that differ only in an entity link or note, which `--accept-link-differences` accepts too',
    ],
  ],
  options: { ...workspaceOption, ...jsonOption, annotators: { type: 'string' }, 'accept-agreed': { type: 'boolean' }, 'accept-link-differences': { type: 'boolean' } },
  async run({ values }) {
    const dir = requireWorkspace(values);
    if (!values.annotators) throw new UsageError('--annotators a,b is required: the analysts whose labels are adjudicated into gold');
    // One workspace object for reading and writing gold, so each document's decisions are seen at once.
    const session = await Session.start((await openExisting(dir)).root);
    const ws = session.workspace;
    const annotators = await chooseAnnotators(ws, values.annotators);
    if (annotators.includes(GOLD)) throw new UsageError('gold is what adjudication builds; name the analysts to compare');
    const handlers = createHandlers(session);
    const linkDifferences = values['accept-link-differences'] === true;
    if (linkDifferences && values['accept-agreed'] !== true) throw new UsageError('--accept-link-differences goes with --accept-agreed');
    const summary = await adjudicateWorkspace(ws, annotators, values['accept-agreed'] === true, (docId, change) => handlers['annotations.change']({ docId, change, layer: 'gold' }), { linkDifferences, by: session.annotator });
    out(values.json ? JSON.stringify(summary, null, 2) : adjudicationText(summary, values['accept-agreed'] === true));
    return 0;
  },
};
