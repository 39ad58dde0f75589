/** Frames and the corpus view: what their commands run. */
import { PRIORITY } from '../../../core/commands';
import { onDocument, registerActionSource, registerActions } from '../../app/registry';
import { startRelation } from '../relations/actions';
import { addFiller, createFrame, setFirstAttrByNumber, toggleCorpus } from './actions';

registerActions({
  corpus: { pressed: (s) => s.screen === 'corpus', run: toggleCorpus },
  'corpus-close': { run: (app) => app.showScreen('reader') },
  'frame-attribute': {
    when: (c) => c.state.frameId !== null,
    run: (app, e) => {
      // A number never falls through to a label key while a frame is selected.
      if (e) setFirstAttrByNumber(app, Number(e.key));
      return true;
    },
  },
  'fill-role': {
    when: (c) => c.state.armedRole !== null && c.state.focusedId !== null,
    run: (app) => addFiller(app, app.state.armedRole!, { kind: 'mention', mentionId: app.state.focusedId! }),
  },
});

// A key per frame type, from the schema: the selection (or the selected mention) becomes its evidence;
// a relation type's key takes the selected mention as its source and waits for a click on the target.
registerActionSource((state) =>
  (state.info?.schema.frameTypes ?? [])
    .filter((t) => t.key)
    .map((t) => ({
      id: `frame:${t.name}` as const,
      title: t.relation
        ? `${t.name}: a relation from the selected mention; then click the other mention`
        : `Create a ${t.name.toLowerCase()} on the selected evidence; then click mentions to fill the armed role`,
      section: 'Frames',
      keys: [`Shift?+${t.key}`],
      scope: 'document' as const,
      priority: PRIORITY.frameTypeKeys,
      when: onDocument,
      run: (app) => (t.relation ? startRelation(app, t.name) : createFrame(app, t.name)),
    })),
);
