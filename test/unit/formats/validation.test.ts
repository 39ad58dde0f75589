import { describe, expect, it } from 'vitest';
import { FORMATS, MAX_IMPORT_BYTES } from '../../../src/core/formats';
import type { FormatName, ImportFile } from '../../../src/core/formats/types';
import { asImport, catchError, context, exportDocs, sampleDocument } from './helpers';

const ctx = context();

function read(format: FormatName, files: ImportFile[]) {
  return catchError(() => FORMATS[format].read(files, ctx));
}

/** The sample exported in a format, with one file changed. */
function exported(format: FormatName, path: string, change: (text: string) => string): ImportFile[] {
  const second = { ...sampleDocument(), document: { ...sampleDocument().document, id: 'doc-2' } };
  const files = exportDocs(format, [sampleDocument(), second]).files;
  files.set(path, change(files.get(path)!));
  return asImport(files);
}

const replaceLine = (n: number, edit: (line: string) => string) => (text: string) =>
  text
    .split('\n')
    .map((l, i) => (i === n - 1 ? edit(l) : l))
    .join('\n');

describe('import validation: all or nothing, with file, line and what was expected', () => {
  it.each([
    ['native', 'documents.jsonl'],
    ['doccano', 'doccano.jsonl'],
    ['spacy', 'spacy.jsonl'],
  ] as const)('%s: a truncated file is reported at its last line', (format, path) => {
    const files = exported(format, path, (t) => t.slice(0, t.length - 40));
    const lines = files.find((f) => f.path === path)!.text.split('\n').length;
    const e = read(format, files);
    expect(e).toMatchObject({ code: 'bad_input', file: path, line: lines });
    expect(e.message).toContain('truncated');
  });

  it('labelstudio: a truncated JSON file is reported at its end', () => {
    const files = exported('labelstudio', 'tasks.json', (t) => t.slice(0, t.length - 40));
    const e = read('labelstudio', files);
    expect(e).toMatchObject({ code: 'bad_input', file: 'tasks.json', line: 3 });
    expect(e.message).toContain('truncated');
  });

  it('brat: a truncated sidecar is reported', () => {
    const e = read('brat', exported('brat', 'doc-2.parley.json', (t) => t.slice(0, 50)));
    expect(e).toMatchObject({ code: 'bad_input', file: 'doc-2.parley.json', line: 1 });
    expect(e.message).toContain('truncated');
  });

  it('invalid JSON names the line in JSON Lines and in a JSON document', () => {
    expect(read('native', exported('native', 'documents.jsonl', replaceLine(2, (l) => l.replace('"annotator":', '"annotator" ')))))
      .toMatchObject({ code: 'bad_input', file: 'documents.jsonl', line: 2, message: expect.stringContaining("invalid JSON: expected ':'") });
    const pretty = JSON.stringify([{ data: { text: 'Lavrov' }, annotations: [] }], null, 2).replace('"annotations": []', '"annotations": [,]');
    const e = read('labelstudio', [{ path: 'ls.json', text: pretty }]);
    expect(e).toMatchObject({ code: 'bad_input', file: 'ls.json', line: 6 });
    expect(pretty.split('\n')[5]).toContain('[,]');
  });

  it.each([
    ['native', 'documents.jsonl', '"start":7,"end":11', '"start":7,"end":999', 'offsets 7–999 fall outside the text'],
    ['doccano', 'doccano.jsonl', '"start_offset":7,"end_offset":11', '"start_offset":7,"end_offset":999', 'offsets 7–999 fall outside the text, which is 76 UTF-16 code units long'],
    ['labelstudio', 'tasks.json', '"start":7,"end":9', '"start":-1,"end":9', 'offsets -1–9 fall outside the text'],
    ['spacy', 'spacy.jsonl', '"start":7,"end":9,"label":"GPE"', '"start":7,"end":99,"label":"GPE"', 'offsets 7–99 fall outside the text'],
    ['native', 'documents.jsonl', '"quote":"Lavrov"', '"quote":"Lavrow"', 'the quoted text "Lavrow" does not match the text at 0–6, which reads "Lavrov"'],
    ['labelstudio', 'tasks.json', '"text":"Lavrov"', '"text":"Lavrow"', 'does not match the text at 0–6'],
    ['native', 'documents.jsonl', '"label":"GPE"', '"label":"COUNTRY"', 'unknown label "COUNTRY"; expected one of the schema\'s labels (PERSON, ORG, GPE, LOC, DATE, EVENT, TOPIC)'],
    ['labelstudio', 'tasks.json', '"labels":["GPE"]', '"labels":["COUNTRY"]', 'unknown label "COUNTRY"'],
    ['spacy', 'spacy.jsonl', '"label":"GPE"', '"label":"COUNTRY"', 'unknown label "COUNTRY"'],
    ['native', 'documents.jsonl', '"type":"Stance"', '"type":"Threat"', 'unknown frame type "Threat"'],
  ] as const)('%s: %s with %s → %s is rejected', (format, path, from, to, message) => {
    // Change only the second document, so a partial import would have had something to keep.
    const files = exported(format, path, (t) => {
      const at = t.indexOf(from, t.lastIndexOf('\n', t.indexOf('"doc-2"')) + 1);
      return t.slice(0, at) + to + t.slice(at + from.length);
    });
    const e = read(format, files);
    expect(e).toMatchObject({ code: 'bad_input', file: path });
    expect(e.message).toContain(message);
    expect(e.line).toBeGreaterThan(0);
  });

  it.each(['native', 'brat', 'doccano', 'labelstudio', 'spacy', 'conll', 'text'] as const)('%s: a binary file is rejected', (format) => {
    const path = format === 'brat' ? 'a.txt' : format === 'labelstudio' ? 'a.json' : 'a.bin';
    const e = read(format, [{ path, text: 'PK\u0003\u0004\u0000\u0000\u0008\u0000binary' }]);
    expect(e).toMatchObject({ code: 'bad_input', file: expect.stringMatching(/^a\./) });
    expect(e.message).toContain('binary');
  });

  it('rejects text that is mostly undecodable, and warns about a few replacement characters', () => {
    expect(read('text', [{ path: 'a.txt', text: '\uFFFD'.repeat(50) + 'abc' }]).message).toContain('not UTF-8');
    const { warnings } = FORMATS.text.read([{ path: 'a.txt', text: 'Lavrov said \uFFFD yes' }], ctx);
    expect(warnings).toEqual(['a.txt: 1 character(s) could not be decoded and show as \uFFFD; the file may not be UTF-8']);
  });

  it(`rejects a file over ${MAX_IMPORT_BYTES / 1024 / 1024} MB before parsing it`, () => {
    const big = 'x'.repeat(MAX_IMPORT_BYTES + 1);
    for (const format of ['native', 'text'] as const) {
      const e = read(format, [{ path: 'big.jsonl', text: big }]);
      expect(e).toMatchObject({ code: 'bad_input', file: 'big.jsonl' });
      expect(e.message).toContain('larger than 50 MB');
    }
    // Counted in UTF-8 bytes: 20 million three-byte characters are 60 MB.
    expect(read('text', [{ path: 'cjk.txt', text: '中'.repeat(20_000_000) }]).message).toContain('larger than 50 MB');
  });

  it('imports nothing when a later file is bad', () => {
    const good = exportDocs('native', [sampleDocument()]).files.get('documents.jsonl')!;
    const e = read('native', [
      { path: 'a.jsonl', text: good },
      { path: 'b.jsonl', text: good.replace('"doc-1"', '"doc-9"').replace('"quote":"Lavrov"', '"quote":"Lavrow"') },
    ]);
    expect(e).toMatchObject({ code: 'bad_input', file: 'b.jsonl', line: 2 });
  });
});
