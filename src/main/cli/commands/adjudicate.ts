import { GOLD } from '../../../core/model';
import { createHandlers } from '../../handlers';
import { adjudicateWorkspace } from '../../review/service';
import { Session } from '../../session';
import { adjudicationText, chooseAnnotators } from '../agreementText';
import { jsonOption, workspaceOption, type CliCommand } from '../command';
import { openExisting, out, requireWorkspace, UsageError } from '../shared';

export const adjudicate: CliCommand = {
  name: 'adjudicate',
  usage: `  parley adjudicate --workspace DIR --annotators a,b [--accept-agreed] [--json]
                                             put everything the analysts all agree on (mentions
                                             and frames) into gold; report what remains to decide`,
  table: [
    [
      'parley adjudicate --workspace DIR --annotators a,b [--accept-agreed] [--json]',
      'with `--accept-agreed`, put everything the analysts all agree on (mentions and frames, each frame with its mentions) into gold as one undoable step per document; report what remains to decide per document',
    ],
  ],
  options: { ...workspaceOption, ...jsonOption, annotators: { type: 'string' }, 'accept-agreed': { type: 'boolean' } },
  async run({ values }) {
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
  },
};
