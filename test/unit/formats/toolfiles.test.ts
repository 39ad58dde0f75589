/** The other tools' own example and fixture files (test/fixtures/tools, sources in test/fixtures/README.md), imported or refused by name. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSchema } from '../../../src/core/defaults';
import { FORMATS } from '../../../src/core/formats';
import { parseLabelMap, parseLabelMapFile } from '../../../src/core/formats/labelmap';
import type { DatasetContext, ImportOptions } from '../../../src/core/formats/types';
import { catchError } from './helpers';

const DIR = join(__dirname, '../../fixtures/tools');
const file = (path: string) => ({ path: path.split('/').pop()!, text: readFileSync(join(DIR, path), 'utf8') });
/** The default schema, with the fixtures' labels added as they are. */
const ctx = (): DatasetContext => ({ schema: defaultSchema(), entities: [] });
const add = (...labels: string[]): ImportOptions => ({ labels: { add: labels } });

describe("doccano's own files", () => {
  it('imports the intent detection example: [start, end, label] entities and cats as a Categories field', () => {
    const result = FORMATS.doccano.read([file('doccano/intent_detection.jsonl')], ctx(), add('City'));
    expect(result.documents).toHaveLength(2);
    const [first] = result.documents;
    expect(first.mentions.map((m) => [m.quote, m.label])).toEqual([
      ['Find a flight from Memphis', 'City'],
      ['Tacoma', 'City'],
    ]);
    expect(first.fields.Categories).toBe('flight');
    expect(FORMATS.doccano.detect([file('doccano/intent_detection.jsonl')])).toBe(true);
  });

  it('imports the sequence labelling export ("label" arrays) and the column_data/column_label example by detection', () => {
    const exported = FORMATS.doccano.read([file('doccano/sequence_labeling_export.jsonl')], ctx(), add('MISC'));
    expect(exported.documents.map((d) => d.mentions.map((m) => m.quote))).toEqual([['EU', 'German'], ['Peter Blackburn'], ['Obama']]);
    const columns = FORMATS.doccano.read([file('doccano/sequence_labeling_columns.jsonl')], ctx());
    expect(columns.documents.map((d) => [d.document.text, d.mentions.map((m) => `${m.label}:${m.quote}`)])).toEqual([
      ['EU rejects German call to boycott British lamb.', ['ORG:EU']],
      ['Peter Blackburn', ['PERSON:Peter Blackburn']],
      ['President Obama', ['PERSON:Obama']],
    ]);
  });

  it('reads fields a project named otherwise when told their names', () => {
    const text = JSON.stringify({ message: 'Lavrov spoke.', note: 'x', tags: [[0, 6, 'PERSON']] });
    const result = FORMATS.doccano.read([{ path: 'a.jsonl', text }], ctx(), { textField: 'message', labelField: 'tags' });
    expect(result.documents[0].mentions[0].quote).toBe('Lavrov');
  });

  it('imports the relation example\'s relations as frames of the types --add-labels creates, and writes them back as doccano relations', () => {
    const result = FORMATS.doccano.read([file('doccano/relation_extraction.jsonl')], ctx(), add('foundedAt', 'foundedBy'));
    const [doc] = result.documents;
    expect(doc.mentions.map((m) => m.quote)).toEqual(['Google', 'September 4, 1998', 'Larry Page', 'Sergey Brin']);
    const quote = (x: { kind: string; mentionId?: string }) => doc.mentions.find((m) => m.id === x.mentionId)!.quote;
    expect(doc.frames.map((f) => [f.type, quote(f.roles.Arg1[0]), quote(f.roles.Arg2[0])])).toEqual([
      ['foundedAt', 'Google', 'September 4, 1998'],
      ['foundedBy', 'Google', 'Larry Page'],
      ['foundedBy', 'Google', 'Sergey Brin'],
    ]);
    const schema = defaultSchema();
    schema.labels.push(...['DATE'].filter((l) => !schema.labels.some((x) => x.name === l)).map((name) => ({ name, color: '#000000', key: '' })));
    schema.frameTypes.push(...result.labels!.frameTypes!);
    const writer = FORMATS.doccano.createWriter({ schema, entities: [] }, {});
    const record = JSON.parse(writer.document(doc)[0].data);
    expect(record.relations.map((r: { from_id: number; to_id: number; type: string }) => [r.type, record.entities[r.from_id - 1].start_offset, record.entities[r.to_id - 1].start_offset])).toEqual([
      ['foundedAt', 0, 22],
      ['foundedBy', 0, 44],
      ['foundedBy', 0, 59],
    ]);
  });

  it('refuses the test file with a record without text, and with --skip-invalid imports the rest and names the line', () => {
    const e = catchError(() => FORMATS.doccano.read([file('doccano/tests_sequence_labeling.jsonl')], ctx(), add('PER')));
    expect(e).toMatchObject({ code: 'bad_input', file: 'tests_sequence_labeling.jsonl', line: 3 });
    expect(e.message).toMatch(/no text/);
    const result = FORMATS.doccano.read([file('doccano/tests_sequence_labeling.jsonl')], ctx(), { ...add('PER'), skipInvalid: true });
    expect(result.documents.map((d) => d.document.text)).toEqual(['exampleA', 'exampleB']);
    expect(result.warnings.find((w) => w.startsWith('skipped:'))).toMatch(/tests_sequence_labeling\.jsonl:3: .*no text/);
    const intent = FORMATS.doccano.read([file('doccano/tests_intent.jsonl')], ctx(), { skipInvalid: true });
    expect(intent.documents).toHaveLength(4);
    expect(intent.documents[1].fields.Categories).toBe('positive');
  });

  it('skips a line that is not JSON only when asked', () => {
    const text = '{"text": "Lavrov", "label": [[0, 6, "PERSON"]]}\n{"text": oops}\n{"text": "Kyiv", "label": [[0, 4, "GPE"]]}\n';
    expect(catchError(() => FORMATS.doccano.read([{ path: 'a.jsonl', text }], ctx()))).toMatchObject({ line: 2 });
    const result = FORMATS.doccano.read([{ path: 'a.jsonl', text }], ctx(), { skipInvalid: true });
    expect(result.documents).toHaveLength(2);
    expect(result.warnings[0]).toMatch(/^skipped: a\.jsonl:2: invalid JSON/);
  });

  it('reads a pretty-printed export: a JSON array, or one record over many lines', () => {
    const records = [
      { text: 'Lavrov spoke.', label: [[0, 6, 'PERSON']] },
      { text: 'Kyiv', label: [[0, 4, 'GPE']] },
    ];
    const array = JSON.stringify(records, null, 2);
    expect(FORMATS.doccano.detect([{ path: 'export.json', text: array }])).toBe(true);
    expect(FORMATS.doccano.read([{ path: 'export.json', text: array }], ctx()).documents).toHaveLength(2);
    const one = JSON.stringify(records[0], null, 2);
    expect(FORMATS.doccano.read([{ path: 'one.jsonl', text: one }], ctx()).documents[0].mentions[0].quote).toBe('Lavrov');
    // A problem names the line its record starts on.
    const bad = JSON.stringify([records[0], { text: 'Kyiv', label: [[0, 9, 'GPE']] }], null, 2);
    expect(catchError(() => FORMATS.doccano.read([{ path: 'export.json', text: bad }], ctx()))).toMatchObject({ line: 12 });
    expect(catchError(() => FORMATS.doccano.read([{ path: 'export.json', text: array.slice(0, -3) }], ctx())).message).toMatch(/truncated/);
  });

  it('reads grapheme-cluster offsets with --offsets grapheme, and refuses them otherwise, naming the line and the unit', () => {
    // doccano set to count grapheme clusters: each emoji is one character, so the second 👍 is at 8, inside the first one in UTF-16.
    const text = 'Lavrov 👍👍 in Genf';
    const line = JSON.stringify({ text, label: [[0, 6, 'PERSON'], [8, 9, 'MISC'], [13, 17, 'LOC']] });
    const input = [{ path: 'g.jsonl', text: `{"text": "plain", "label": []}\n${line}\n` }];
    const e = catchError(() => FORMATS.doccano.read(input, ctx(), add('MISC')));
    expect(e).toMatchObject({ code: 'bad_input', file: 'g.jsonl', line: 2 });
    expect(e.message).toMatch(/offsets 8–9 counted in UTF-16 code units split the character "👍" \(a surrogate pair\).*--offsets grapheme/);
    const result = FORMATS.doccano.read(input, ctx(), { ...add('MISC'), offsets: 'grapheme' });
    expect(result.documents[1].mentions.map((m) => m.quote)).toEqual(['Lavrov', '👍', 'Genf']);
  });
});

describe("Label Studio's own files and re-saved files", () => {
  const task = (result: unknown[], predictions: unknown[] = []) => [{ id: 1, data: { text: 'Lavrov met\nScholz in Berlin.' }, annotations: [{ result }], predictions }];
  const region = (start: number, end: number, text: string, label: string, id?: string) => ({ ...(id ? { id } : {}), from_name: 'label', to_name: 'text', type: 'labels', value: { start, end, text, labels: [label] } });

  it('refuses the converter\'s image tasks by name', () => {
    const e = catchError(() => FORMATS.labelstudio.read([file('labelstudio/yolo_image_tasks.json')], ctx()));
    expect(e).toMatchObject({ code: 'bad_input', file: 'yolo_image_tasks.json' });
    expect(e.message).toMatch(/task 1: this is an image task \(data\.image = "\/image1"\): Parley annotates text only/);
  });

  it('reads results and predictions without ids; predictions become suggestions', () => {
    const result = FORMATS.labelstudio.read([{ path: 't.json', text: JSON.stringify(task([region(0, 6, 'Lavrov', 'PERSON')], [{ model_version: 'ner-1', result: [region(21, 27, 'Berlin', 'GPE')] }])) }], ctx());
    const [doc] = result.documents;
    expect(doc.mentions.map((m) => [m.quote, m.pending ?? false, m.author])).toEqual([
      ['Lavrov', false, 'imported'],
      ['Berlin', true, 'ner-1'],
    ]);
  });

  it('matches a multi-line region re-saved without its line break by offsets, and says so', () => {
    const result = FORMATS.labelstudio.read([{ path: 't.json', text: JSON.stringify(task([region(0, 17, 'Lavrov metScholz', 'PERSON', 'r1')])) }], ctx());
    expect(result.documents[0].mentions[0].quote).toBe('Lavrov met\nScholz');
    expect(result.warnings.join('\n')).toMatch(/lacks the line breaks .* matched by offsets/);
    const other = catchError(() => FORMATS.labelstudio.read([{ path: 't.json', text: JSON.stringify(task([region(0, 17, 'Lavrov metScholt', 'PERSON', 'r1')])) }], ctx()));
    expect(other.message).toMatch(/does not match/);
  });

  it('skips a bad task only when asked', () => {
    const tasks = [...task([region(0, 6, 'Lavrov', 'PERSON')]), { id: 2, data: { text: 'Kyiv' }, annotations: [{ result: [region(0, 9, 'Kyiv', 'GPE')] }] }];
    expect(catchError(() => FORMATS.labelstudio.read([{ path: 't.json', text: JSON.stringify(tasks, null, 1) }], ctx())).code).toBe('bad_input');
    const result = FORMATS.labelstudio.read([{ path: 't.json', text: JSON.stringify(tasks, null, 1) }], ctx(), { skipInvalid: true });
    expect(result.documents).toHaveLength(1);
    expect(result.warnings.join('\n')).toMatch(/skipped: line \d+: task 2: offsets 0–9 fall outside/);
  });
});

describe('label maps for any label text', () => {
  it('reads quoted labels with commas, equals signs and tabs, and mapping files', () => {
    expect(parseLabelMap('PER=PERSON, "a=b,c"=ORG,"x\\ty"=-,MISC=-')).toEqual({ PER: 'PERSON', 'a=b,c': 'ORG', 'x\ty': null, MISC: null });
    expect(catchError(() => parseLabelMap('PER')).message).toMatch(/expected FILE_LABEL=SCHEMA_LABEL/);
    expect(parseLabelMapFile('{"a\\nb": "PERSON", "c": null}', 'map.json')).toEqual({ 'a\nb': 'PERSON', c: null });
    expect(catchError(() => parseLabelMapFile('[1]', 'map.json'))).toMatchObject({ code: 'invalid_argument', file: 'map.json' });
  });
});

describe('CoNLL with the tag in any column', () => {
  // As brat's anntoconll.py writes it: tag, start, end, token.
  const ANNTOCONLL = 'B-PERSON\t0\t6\tLavrov\nO\t7\t11\tmet\nB-PERSON\t12\t18\tScholz\nO\t19\t21\tin\nB-GPE\t22\t28\tBerlin\n';

  it('detects the tag in the first column and takes the token from the last', () => {
    expect(FORMATS.conll.detect([{ path: 'a.txt', text: ANNTOCONLL }])).toBe(true);
    const result = FORMATS.conll.read([{ path: 'a.conll', text: ANNTOCONLL }], ctx());
    expect(result.documents[0].document.text).toBe('Lavrov met Scholz in Berlin');
    expect(result.documents[0].mentions.map((m) => `${m.label}:${m.quote}`)).toEqual(['PERSON:Lavrov', 'PERSON:Scholz', 'GPE:Berlin']);
  });

  it('takes the column it is told, and refuses to guess between two', () => {
    const two = 'Lavrov\tB-PERSON\tB-PERSON\tx\nmet\tO\tO\ty\n';
    expect(catchError(() => FORMATS.conll.read([{ path: 'a.conll', text: two }], ctx())).message).toMatch(/column 2 or 3; name the one that holds it \(--tag-column N\)/);
    const told = FORMATS.conll.read([{ path: 'a.conll', text: 'Lavrov\tB-PERSON\tNNP\nmet\tO\tVBD\n' }], ctx(), { tagColumn: 1 });
    expect(told.documents[0].mentions[0].quote).toBe('Lavrov');
  });
});

describe("INCEpTION's zero-length spans", () => {
  it('reads the reference files\' zero-length sub-tokens as empty mentions and writes them back as sub-tokens', () => {
    // The suite's custom span layer renamed to the named-entity layer, which Parley reads as mentions.
    const NE = 'de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity';
    const text = file('inception/testZeroLengthSpansWithFeatureValues.tsv').text.replace('webanno.custom.Span', NE);
    const result = FORMATS.webanno.read([{ path: 'zero.tsv', text }], ctx(), add('ORG'));
    const [doc] = result.documents;
    expect(doc.mentions.map((m) => [m.label, m.start, m.end])).toEqual([
      ['PERSON', 0, 0],
      ['ORG', 16, 16],
    ]);
    const writer = FORMATS.webanno.createWriter(ctx(), {});
    const out = writer.document(doc).map((c) => c.data).join('');
    expect(out).toContain('1-1.1\t0-0\t\t');
    expect(out).toMatch(/1-5\.1\t16-16\t\t[^\n]*ORG/);
    expect(writer.report().dropped).toEqual([]);
    const back = FORMATS.webanno.read([{ path: 'zero.tsv', text: out }], ctx(), add('ORG'));
    expect(back.documents[0].mentions.map((m) => [m.label, m.start, m.end])).toEqual([
      ['PERSON', 0, 0],
      ['ORG', 16, 16],
    ]);
    // The suite's own file names its custom layer, which holds no named entities: reported, not refused.
    const own = FORMATS.webanno.read([file('inception/testZeroLengthSpanBetweenAdjacentTokens.tsv')], ctx());
    expect(own.warnings.join('\n')).toMatch(/webanno\.custom\.SimpleSpan.*skipped/);
  });
});
