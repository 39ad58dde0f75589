/** The bundled sample corpus's manifest, damaged: refused by file and line (it is part of Parley), never an empty first workspace. */
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { readSeeds } from '../../../src/main/workspace';
import { cut, expectRefused, lineOf, pretty, tempDir } from './damage';

const manifest = { documents: [{ file: '000_a.txt', title: 'Lavrov and Kerry', date: '4 February' }] };

describe('a damaged sample corpus manifest', () => {
  it('cut short is refused by file and line', async () => {
    const dir = await tempDir();
    await expectRefused(join(dir, 'manifest.json'), cut(pretty(manifest), 4), 4, () => readSeeds(dir));
  });

  it('naming a file outside its folder is refused at its line', async () => {
    const dir = await tempDir();
    const text = pretty({ documents: [{ ...manifest.documents[0], file: '../secret.txt' }] });
    await expectRefused(join(dir, 'manifest.json'), text, lineOf(text, '"file"'), () => readSeeds(dir));
  });
});
