/** A step's record (.parley/steps/<id>.json), damaged: its undo is refused by file and line and the record kept, never half done. */
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { undoStep } from '../../../src/main/steps';
import { makeDocument, Workspace } from '../../../src/main/workspace';
import { cut, expectRefused, lineOf, pretty, tempDir } from './damage';

const ID = 'step_0123456789abcdef';
const record = { id: ID, title: 'relabel', annotator: 'ana', changes: { d1: { op: 'setStatus', before: 'not_started', after: 'done' } } };

async function workspace(): Promise<Workspace> {
  return Workspace.create(join(await tempDir(), 'ws'), 'steps', [makeDocument('d1', 'One', 'Lavrov met Kerry.', {})]);
}

describe('a damaged step record', () => {
  it('cut short: the undo is refused by file and line, and the record kept', async () => {
    const ws = await workspace();
    await expectRefused(join(ws.root, '.parley', 'steps', `${ID}.json`), cut(pretty(record), 5), 5, () => undoStep(ws, ID));
    ws.close();
  });

  it('with changes of the wrong type: refused at their line, and kept', async () => {
    const ws = await workspace();
    const text = pretty({ ...record, changes: { d1: 'relabel' } });
    await expectRefused(join(ws.root, '.parley', 'steps', `${ID}.json`), text, lineOf(text, '"d1"'), () => undoStep(ws, ID));
    ws.close();
  });
});
