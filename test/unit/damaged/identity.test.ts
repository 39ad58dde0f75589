/** The clone's analyst file, damaged: refused by file and line, never taken for "no analyst" (the window would write another analyst's layer). */
import { describe, it } from 'vitest';
import { identityPath, readIdentity } from '../../../src/main/workspace';
import { cut, expectRefused, lineOf, pretty, tempDir } from './damage';

describe('a damaged .parley/identity.json', () => {
  it('cut short is refused by file and line, and kept', async () => {
    const root = await tempDir();
    const text = pretty({ annotator: 'dana', since: '2026-01-01T00:00:00.000Z' });
    await expectRefused(identityPath(root), cut(text, 2), 2, () => readIdentity(root));
  });

  it('with a name that is not a name is refused at its line, and kept', async () => {
    const root = await tempDir();
    const text = pretty({ since: '2026-01-01T00:00:00.000Z', annotator: 42 });
    await expectRefused(identityPath(root), text, lineOf(text, '"annotator"'), () => readIdentity(root));
  });
});
