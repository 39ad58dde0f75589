import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../../src/core/formats';
import { catchError, context, exportDocs, sampleDocument } from './helpers';

describe('spaCy JSONL', () => {
  it('writes text, tokens (with whitespace tokens) and spans on token boundaries, in code points', () => {
    const { files, report } = exportDocs('spacy', [sampleDocument()]);
    const record = JSON.parse(files.get('spacy.jsonl')!.split('\n')[0]);
    expect(record.spans).toEqual([
      { start: 0, end: 6, label: 'PERSON', token_start: 0, token_end: 0 },
      { start: 7, end: 9, label: 'GPE', token_start: 1, token_end: 1 },
      { start: 15, end: 22, label: 'PERSON', token_start: 3, token_end: 3 },
      { start: 27, end: 36, label: 'TOPIC', token_start: 6, token_end: 6 },
      { start: 57, end: 63, label: 'LOC', token_start: 13, token_end: 13 },
      { start: 48, end: 63, label: 'EVENT', token_start: 11, token_end: 13 },
    ]);
    expect(record.tokens.slice(6, 11)).toEqual([
      { text: 'ceasefire', start: 27, end: 36, id: 6, ws: false },
      { text: '.', start: 36, end: 37, id: 7, ws: false },
      { text: '\n', start: 37, end: 38, id: 8, ws: false },
      { text: 'The', start: 38, end: 41, id: 9, ws: true },
      { text: '👩‍👩‍👧', start: 42, end: 47, id: 10, ws: true },
    ]);
    expect(record.meta).toEqual({ id: 'doc-1', title: 'Lavrov rebuffs Müller', annotator: 'ana', outlet: 'Wire', date: '2024-05-01' });
    expect(report.dropped).toEqual([{ reason: 'frame (the spaCy file holds only spans)', count: 2 }]);
  });

  it('gives tokens whose words and spaces rebuild the text exactly, as Doc(words, spaces) needs', () => {
    const text = '  Lavrov,  🇷🇺\n\nMu\u0308ller said: "no".  ';
    const doc = { ...sampleDocument(), document: { id: 'x', title: '', text, source: {} }, mentions: [], frames: [] };
    const record = JSON.parse(exportDocs('spacy', [doc]).files.get('spacy.jsonl')!);
    expect(record.tokens.map((t: { text: string; ws: boolean }) => t.text + (t.ws ? ' ' : '')).join('')).toBe(text);
    const points = [...text];
    for (const t of record.tokens) expect(points.slice(t.start, t.end).join('')).toBe(t.text);
  });

  it('widens a mention that starts or ends inside a token', () => {
    const text = 'Lavrov’s visit';
    const m = { id: 'm', label: 'PERSON', start: 0, end: 4, quote: 'Lavr', origin: 'manual' as const, author: 'a', createdAt: 'c' };
    const doc = { ...sampleDocument(), document: { id: 'x', title: '', text, source: {} }, mentions: [m], frames: [] };
    const { files, report } = exportDocs('spacy', [doc]);
    expect(JSON.parse(files.get('spacy.jsonl')!).spans).toEqual([{ start: 0, end: 6, label: 'PERSON', token_start: 0, token_end: 0 }]);
    expect(report.notes).toContain('1 mention(s) starting or ending inside a token were widened to whole tokens');
  });

  it('reads spans back as mentions', () => {
    const { files } = exportDocs('spacy', [sampleDocument()]);
    const [d] = FORMATS.spacy.read([{ path: 's.jsonl', text: files.get('spacy.jsonl')! }], context()).documents;
    expect(d.document).toMatchObject({ id: 'doc-1', title: 'Lavrov rebuffs Müller', source: { outlet: 'Wire', date: '2024-05-01' } });
    expect(d.mentions.map((m) => [m.label, m.start, m.end, m.quote])).toEqual(
      sampleDocument().mentions.filter((m) => !m.pending).map((m) => [m.label, m.start, m.end, m.quote]),
    );
  });

  it("honours Prodigy's answer: rejected and ignored examples are skipped and counted, quotes are checked", () => {
    const text = 'Lavrov backed talks.';
    const lines = [
      { text, spans: [{ start: 0, end: 6, label: 'PERSON', text: 'Lavrov' }], answer: 'accept', _annotator_id: 'news-olga' },
      { text: 'Kerry agreed.', spans: [{ start: 0, end: 5, label: 'PERSON' }], answer: 'reject' },
      { text: 'Kerry agreed.', spans: [], answer: 'ignore' },
      { text: 'Kerry left.', spans: [{ start: 0, end: 5, label: 'PERSON' }], answer: 'reject' },
    ].map((l) => JSON.stringify(l));
    const result = FORMATS.spacy.read([{ path: 'prodigy.jsonl', text: lines.join('\n') }], context());
    expect(result.documents.map((d) => [d.annotator, d.mentions.map((m) => m.quote)])).toEqual([['news-olga', ['Lavrov']]]);
    expect(result.warnings).toEqual([
      'prodigy.jsonl: 2 example(s) answered "reject" in Prodigy were skipped; only accepted examples hold labels',
      'prodigy.jsonl: 1 example(s) answered "ignore" in Prodigy were skipped; only accepted examples hold labels',
    ]);
    const bad = JSON.stringify({ text, spans: [{ start: 0, end: 6, label: 'PERSON', text: 'Lavrow' }] });
    expect(catchError(() => FORMATS.spacy.read([{ path: 'p.jsonl', text: bad }], context())).message).toContain('the quoted text "Lavrow" does not match');
  });
});
