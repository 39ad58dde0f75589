import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatError, ParleyError, printable } from '../../../src/core/errors';
import { prepareImport } from '../../../src/main/datasets/import';
import { Workspace } from '../../../src/main/workspace';
import { removeTempDirs, tempDir } from './fixtures';

afterAll(removeTempDirs);

async function importError(name: string, text: string, besides: Record<string, string> = {}): Promise<ParleyError> {
  const root = await tempDir();
  const ws = await Workspace.create(join(root, 'ws'), 'bad input', []);
  const paths = [];
  for (const [n, t] of Object.entries({ [name]: text, ...besides })) {
    paths.push(join(root, n));
    await writeFile(join(root, n), t);
  }
  try {
    await prepareImport(ws, { paths }, 'ana');
  } catch (e) {
    return e as ParleyError;
  } finally {
    ws.close();
  }
  throw new Error(`${name} was imported`);
}

/** What a terminal acts on: ESC, BEL, backspace, carriage return, DEL, C1 controls. */
// eslint-disable-next-line no-control-regex -- these characters are what the test looks for
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('bad input, clear words', () => {
  for (const [what, text] of [
    ['an empty HTML file', ''],
    ['a whitespace-only HTML file', '  \n\t\n  '],
  ] as const) {
    it(`${what} gets "no article text found in FILE", not a stack trace`, async () => {
      const e = await importError('page.html', text);
      expect(e).toBeInstanceOf(ParleyError);
      expect(e.code).toBe('bad_input');
      expect(e.message).toMatch(/^no article text found in page\.html/);
      expect(e.file).toMatch(/page\.html$/);
    });
  }

  it('a message quoting a file escapes its control characters', async () => {
    const conll = await importError('esc.conll', 'Lavrov\tB-PERSON\nmet\tX\u009b2J\u007f\n');
    const brat = await importError('esc.ann', 'T1\tPERSON 0 6\tLavrov\u009b2K\u007f\n', { 'esc.txt': 'Lavrov met Kerry.' });
    for (const e of [conll, brat]) {
      expect(formatError(e)).not.toMatch(TERMINAL_CONTROL);
    }
    expect(conll.message).toContain('X\\u009b2J\\u007f');
    expect(brat.message).toContain('Lavrov\\u009b2K\\u007f');
  });

  it('printable writes every terminal control as \\u escape and keeps line breaks and tabs', () => {
    expect(printable('a\u001b[31mb\u0007c\u0008d\re\u007f\u009b\u202e\n\tf')).toBe('a\\u001b[31mb\\u0007c\\u0008d\\u000de\\u007f\\u009b\\u202e\n\tf');
    expect(new ParleyError('bad_input', 'tag \u001b[2J').message).toBe('tag \\u001b[2J');
  });
});
