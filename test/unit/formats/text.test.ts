import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../../src/core/formats';
import { context } from './helpers';

describe('plain text import', () => {
  it('makes one document per file: id from the file name, title from the first line', () => {
    const { documents } = FORMATS.text.read(
      [
        { path: 'news/Lavrov in Geneva.txt', text: '\uFEFF\n  Lavrov arrives in Geneva  \n\nThe minister 🇷🇺 said…' },
        { path: 'other/Lavrov in Geneva.txt', text: 'Second' },
      ],
      context(),
    );
    expect(documents.map((d) => [d.document.id, d.document.title, d.document.source.file])).toEqual([
      ['Lavrov-in-Geneva', 'Lavrov arrives in Geneva', 'news/Lavrov in Geneva.txt'],
      ['Lavrov-in-Geneva-2', 'Second', 'other/Lavrov in Geneva.txt'],
    ]);
    expect(documents[0].document.text).toBe('\n  Lavrov arrives in Geneva  \n\nThe minister 🇷🇺 said…');
    expect(documents[0]).toMatchObject({ status: 'not_started', mentions: [], frames: [] });
  });
});
