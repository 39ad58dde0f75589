/** Frames and the corpus view: the actions a person runs by key or menu. */
import { onDocument, registerActionSource, registerActions } from '../../app/registry';
import { addFiller, createFrame, setFirstAttrByNumber, toggleCorpus } from './actions';

registerActions([
  {
    id: 'corpus',
    title: 'Every stance and agreement in the workspace',
    section: 'Frames',
    menu: { label: 'Corpus', order: 20, pressed: (s) => s.screen === 'corpus' },
    run: toggleCorpus,
  },
  {
    id: 'frame-attribute',
    title: 'Set the selected frame’s first attribute (polarity, status)',
    section: 'Frames',
    keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
    keyHint: '1–9 on a selected frame',
    when: (c) => onDocument(c) && c.state.frameId !== null,
    run: (app, e) => {
      // A number never falls through to a label key while a frame is selected.
      if (e) setFirstAttrByNumber(app, Number(e.key));
      return true;
    },
  },
  {
    id: 'fill-role',
    title: 'Put the selected mention into the armed role',
    section: 'Frames',
    keys: ['Enter'],
    when: (c) => onDocument(c) && c.state.armedRole !== null && c.state.focusedId !== null,
    run: (app) => addFiller(app, app.state.armedRole!, { kind: 'mention', mentionId: app.state.focusedId! }),
  },
]);

// A key per frame type, from the schema: the selection (or the selected mention) becomes its evidence.
registerActionSource((state) =>
  (state.info?.schema.frameTypes ?? [])
    .filter((t) => t.key)
    .map((t) => ({
      id: `frame:${t.name}`,
      title: `Create a ${t.name.toLowerCase()} on the selected evidence; then click mentions to fill the armed role`,
      section: 'Frames',
      keys: [`Shift?+${t.key}`],
      when: onDocument,
      run: (app) => createFrame(app, t.name),
    })),
);
