import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../../src/core/formats';
import type { DatasetDocument } from '../../../src/core/formats/types';
import type { Mention } from '../../../src/core/model';
import { catchError, context, exportDocs, sampleDocument } from './helpers';

const EXPECTED = `-DOCSTART-	O

Lavrov	B-PERSON
🇷🇺	B-GPE
told	O
Mu\u0308ller	B-PERSON
:	O
no	O
ceasefire	B-TOPIC
.	O

The	O
👩‍👩‍👧	O
talks	B-EVENT
in	I-EVENT
Geneva	I-EVENT
failed	O
.	O

`;

function doc(text: string, spans: [string, string, number?][]): DatasetDocument {
  const mentions: Mention[] = spans.map(([label, quote, from], i) => {
    const start = text.indexOf(quote, from ?? 0);
    return { id: `m${i}`, label, start, end: start + quote.length, quote, origin: 'manual', author: 'a', createdAt: 'c' };
  });
  return { document: { id: 'd', title: 't', text, source: {} }, annotator: 'a', status: 'done', mentions, frames: [], fields: {} };
}

describe('CoNLL export', () => {
  it('writes one token per line in IOB2, sentences apart, flattening the nested mention and leaving frames out', () => {
    const { files, report } = exportDocs('conll', [sampleDocument()]);
    expect(files.get('documents.conll')).toBe(EXPECTED);
    // "Geneva" (LOC) sits inside "talks in Geneva" (EVENT): the longer mention wins.
    expect(report.dropped).toEqual([
      { reason: 'frame (CoNLL holds only mention tags)', count: 2 },
      { reason: 'mention overlapping a longer or earlier one (CoNLL tags cannot nest)', count: 1 },
    ]);
    expect(report).toMatchObject({ documents: 1, mentions: 5, frames: 0 });
  });

  it('writes BIOES on request', () => {
    const { files } = exportDocs('conll', [doc('Sergey Lavrov met Olaf Scholz in Berlin.', [['PERSON', 'Sergey Lavrov'], ['PERSON', 'Olaf Scholz'], ['GPE', 'Berlin']])], context(), { tagScheme: 'BIOES' });
    expect(files.get('documents.conll')).toBe(
      '-DOCSTART-\tO\n\nSergey\tB-PERSON\nLavrov\tE-PERSON\nmet\tO\nOlaf\tB-PERSON\nScholz\tE-PERSON\nin\tO\nBerlin\tS-GPE\n.\tO\n\n',
    );
  });

  it('flattens by the stated rule: longest first, then earliest; a crossing mention is dropped whole', () => {
    const d = doc('The Russian Foreign Ministry in Moscow said so.', [
      ['GPE', 'Russian'],
      ['ORG', 'Russian Foreign Ministry'],
      ['ORG', 'Ministry in Moscow'],
      ['GPE', 'Moscow'],
      ['DATE', 'said so'],
      ['EVENT', 'so.'],
    ]);
    const { files, report } = exportDocs('conll', [d]);
    expect(files.get('documents.conll')).toBe(
      '-DOCSTART-\tO\n\nThe\tO\nRussian\tB-ORG\nForeign\tI-ORG\nMinistry\tI-ORG\nin\tO\nMoscow\tB-GPE\nsaid\tB-DATE\nso\tI-DATE\n.\tO\n\n',
    );
    expect(report.dropped).toEqual([{ reason: 'mention overlapping a longer or earlier one (CoNLL tags cannot nest)', count: 3 }]);
  });

  it('widens a mention that ends inside a token, and never ends a sentence inside a mention', () => {
    // "Yahoo!" followed by a capital ends a sentence, except that the mention holds both.
    const d = doc('Talks with Yahoo! Inc. ended. Lavrovs', [['ORG', 'Yahoo! Inc.'], ['PERSON', 'Lavrov']]);
    const { files, report } = exportDocs('conll', [d]);
    expect(files.get('documents.conll')).toBe(
      '-DOCSTART-\tO\n\nTalks\tO\nwith\tO\nYahoo\tB-ORG\n!\tI-ORG\nInc\tI-ORG\n.\tI-ORG\nended\tO\n.\tO\n\nLavrovs\tB-PERSON\n\n',
    );
    expect(report.notes).toContain('1 mention(s) starting or ending inside a token were widened to whole tokens');
  });
});

describe('CoNLL import', () => {
  it('rebuilds documents from tokens and mentions from IOB2, BIOES or IOB1 tags', () => {
    const text = [
      '-DOCSTART- -X- O O',
      '',
      'Sergey NNP B-NP B-PERSON',
      'Lavrov NNP I-NP I-PERSON',
      'met VBD B-VP O',
      'Scholz NNP B-NP S-PERSON',
      '. . O O',
      '',
      'Berlin NNP B-NP I-GPE',
      '',
      '-DOCSTART- -X- O O',
      '',
      'Kyiv\tB-GPE',
      '',
    ].join('\n');
    const { documents } = FORMATS.conll.read([{ path: 'news.conll', text }], context());
    expect(documents.map((d) => [d.document.id, d.document.text])).toEqual([
      ['news-1', 'Sergey Lavrov met Scholz .\nBerlin'],
      ['news-2', 'Kyiv'],
    ]);
    expect(documents[0].mentions.map((m) => [m.label, m.quote, m.start, m.end])).toEqual([
      ['PERSON', 'Sergey Lavrov', 0, 13],
      ['PERSON', 'Scholz', 18, 24],
      ['GPE', 'Berlin', 27, 33],
    ]);
  });

  it('reads its own export back to the same tokens and tags', () => {
    const { files } = exportDocs('conll', [sampleDocument()]);
    const [d] = FORMATS.conll.read([{ path: 'x.conll', text: files.get('documents.conll')! }], context()).documents;
    expect(d.document.text).toBe('Lavrov 🇷🇺 told Mu\u0308ller : no ceasefire .\nThe 👩‍👩‍👧 talks in Geneva failed .');
    expect(d.mentions.map((m) => [m.label, m.quote])).toEqual([
      ['PERSON', 'Lavrov'],
      ['GPE', '🇷🇺'],
      ['PERSON', 'Mu\u0308ller'],
      ['TOPIC', 'ceasefire'],
      ['EVENT', 'talks in Geneva'],
    ]);
  });

  it('rejects unknown labels and unreadable tags, naming the line', () => {
    expect(catchError(() => FORMATS.conll.read([{ path: 'a.conll', text: 'Lavrov\tB-PER\n' }], context()))).toMatchObject({ code: 'bad_input', file: 'a.conll', line: 1 });
    const e = catchError(() => FORMATS.conll.read([{ path: 'a.conll', text: 'Lavrov\tB-PERSON\nmet\tX-PERSON\n' }], context()));
    expect(e).toMatchObject({ code: 'bad_input', file: 'a.conll', line: 2 });
    expect(e.message).toContain('expected O or B-, I-, E-, S-');
    expect(catchError(() => FORMATS.conll.read([{ path: 'a.conll', text: 'Lavrov\n' }], context())).message).toContain('a token and its tag');
  });

  it('names each mention it drops: document, offsets, label, and the mention that won', () => {
    const { report } = exportDocs('conll', [sampleDocument()]);
    const text = sampleDocument().document.text;
    const at = (q: string) => ({ start: text.indexOf(q), end: text.indexOf(q) + q.length });
    expect(report.droppedMentions).toEqual([{ document: 'doc-1', ...at('Geneva'), label: 'LOC', quote: 'Geneva', winner: { ...at('talks in Geneva'), label: 'EVENT', quote: 'talks in Geneva' } }]);
  });
});
