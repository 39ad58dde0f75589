import { describe, expect, it } from 'vitest';
import { detectFormat, FORMATS } from '../../../src/core/formats';
import type { FormatName } from '../../../src/core/formats/types';
import { asImport, context, exportDocs, sampleDocument } from './helpers';

describe('format registry', () => {
  it('registers every format under its own name, with the unit its offsets count in', () => {
    for (const [name, def] of Object.entries(FORMATS)) expect(def.name).toBe(name);
    expect(Object.fromEntries(Object.values(FORMATS).map((f) => [f.name, f.offsetUnit]))).toEqual({
      native: 'utf16',
      brat: 'codepoint',
      conll: 'none',
      doccano: 'utf16',
      labelstudio: 'codepoint',
      spacy: 'codepoint',
      csv: 'utf16',
      text: 'none',
      webanno: 'utf16',
    });
    expect(Object.values(FORMATS).filter((f) => !f.canImport).map((f) => f.name)).toEqual(['csv']);
    expect(Object.values(FORMATS).filter((f) => !f.canExport).map((f) => f.name)).toEqual(['text']);
  });

  it.each(['native', 'brat', 'conll', 'doccano', 'labelstudio', 'spacy'] as FormatName[])('detects its own %s export', (format) => {
    expect(detectFormat(asImport(exportDocs(format, [sampleDocument()]).files))).toBe(format);
  });

  it('detects plain text, and nothing in files it does not know', () => {
    expect(detectFormat([{ path: 'a.txt', text: 'Lavrov said' }, { path: 'b.TXT', text: 'more' }])).toBe('text');
    expect(detectFormat([{ path: 'a.pdf', text: '%PDF' }])).toBeNull();
    expect(detectFormat([])).toBeNull();
  });

  it('writers keep nothing between documents: the same document gives the same chunks every time', () => {
    for (const def of Object.values(FORMATS).filter((f) => f.canExport)) {
      const writer = def.createWriter(context(), {});
      writer.begin();
      const doc = { ...sampleDocument(), document: { ...sampleDocument().document, id: 'same' } };
      const first = writer.document(doc).map((c) => c.data);
      const again = writer.document({ ...doc, document: { ...doc.document, id: 'other' } }).map((c) => c.data.replaceAll('other', 'same'));
      if (def.name === 'labelstudio') again[0] = again[0].replace(/^,/, '');
      expect(again, def.name).toEqual(first);
    }
  });
});
