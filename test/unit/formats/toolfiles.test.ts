/** The other tools' own example and fixture files (test/fixtures/tools, sources in test/fixtures/README.md), imported or refused by name. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSchema } from '../../../src/core/defaults';
import { FORMATS } from '../../../src/core/formats';
import { parseLabelMap, parseLabelMapFile } from '../../../src/core/formats/labelmap';
import { DEFAULT_ROLES, relationTypeDef } from '../../../src/core/formats/relationTypes';
import type { DatasetContext, DatasetDocument, ImportOptions } from '../../../src/core/formats/types';
import type { FrameTypeDef, RoleFiller } from '../../../src/core/model';
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

describe("INCEpTION's relation layers", () => {
  const NE = 'de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity';
  /** A suite file with its custom span layer renamed to the named-entity layer and its unnamed spans labelled PERSON, so Parley reads them as mentions. */
  const asEntities = (name: string) =>
    file(`inception/${name}.tsv`)
      .text.replaceAll('webanno.custom.Span', NE)
      .split('\n')
      .map((l) => (/^\d/.test(l) ? l.split('\t').map((c, i) => (i === 3 ? c.replaceAll('*', 'PERSON') : c)).join('\t') : l))
      .join('\n');
  /** Per token line holding a relation: its id, the relation layer's features by name, and the BT_ column (the governor's unit and ids). */
  const relationRows = (tsv: string) => {
    const lines = tsv.split('\n');
    let width = 0;
    let features: string[] = [];
    for (const l of lines) {
      if (l.startsWith('#T_SP=') || l.startsWith('#T_RL=')) {
        const decl = l.slice(6).split('|').slice(1);
        if (l.startsWith('#T_RL=')) features = decl.slice(0, -1);
        else width += Math.max(decl.length, 1);
      }
    }
    return lines
      .filter((l) => /^\d/.test(l))
      .map((l) => l.split('\t'))
      .filter((c) => c[3 + width + features.length] !== '_')
      .map((c) => ({ id: c[0], bt: c[3 + width + features.length], features: Object.fromEntries(features.map((f, i) => [f, c[3 + width + i]])) }));
  };
  const withTypes = (types: FrameTypeDef[], labels: string[] = []): DatasetContext => {
    const schema = defaultSchema();
    schema.frameTypes.push(...types);
    schema.labels.push(...labels.map((name) => ({ name, color: '#000000', key: '' })));
    return { schema, entities: [] };
  };
  const exported = (c: DatasetContext, doc: DatasetDocument) => {
    const writer = FORMATS.webanno.createWriter(c, {});
    return { tsv: writer.document(doc).map((x) => x.data).join(''), report: writer.report() };
  };

  it('reads stacked relations with features between multi-token spans, and writes them in the rows, features and governor columns INCEpTION writes', () => {
    const nsubj = { ...relationTypeDef('nsubj', 'directed', DEFAULT_ROLES, '#000000'), attributes: [{ name: 'boolValue', values: ['true', 'false'] }, { name: 'integerValue', values: ['42', '43'] }] };
    const c = withTypes([nsubj, relationTypeDef('obj', 'directed', DEFAULT_ROLES, '#000000')]);
    const name = 'testStackedNonMultiTokenRelationWithMultipleFeatureValues';
    const text = asEntities(name);
    const result = FORMATS.webanno.read([{ path: `${name}.tsv`, text }], c);
    const [doc] = result.documents;
    const quote = (x: RoleFiller) => doc.mentions.find((m) => x.kind === 'mention' && m.id === x.mentionId)!.quote;
    expect(doc.frames.map((f) => [f.type, quote(f.roles.Arg1[0]), quote(f.roles.Arg2[0]), f.attrs])).toEqual([
      ['nsubj', 'This is', 'a test', { boolValue: 'true', integerValue: '42' }],
      ['obj', 'This is', 'a test', {}],
    ]);
    expect(result.warnings.join('\n')).toMatch(/feature boolValue, which obj has no attribute/);
    const { tsv, report } = exported(c, doc);
    expect(report.dropped).toEqual([]);
    expect(tsv).toContain(`#T_RL=webanno.custom.Relation|value|boolValue|integerValue|BT_${NE}`);
    // The same rows, the same governor column with both ends' ids, the same values where both layers have the feature (obj has no boolValue: *).
    const ours = relationRows(tsv);
    const theirs = relationRows(text);
    expect(ours.map((r) => [r.id, r.bt, r.features.value])).toEqual(theirs.map((r) => [r.id, r.bt, r.features.value]));
    expect(ours[0].features).toEqual({ value: 'nsubj|obj', boolValue: 'true|*', integerValue: '42|*' });
    // And Parley reads its own file back to the same relations.
    const back = FORMATS.webanno.read([{ path: 'back.tsv', text: tsv }], c).documents[0];
    expect(back.frames.map((f) => [f.type, f.attrs])).toEqual(doc.frames.map((f) => [f.type, f.attrs]));
  });

  it('reads a relation between stacked single-token spans and a relation on sub-tokens, and writes the governor ids as INCEpTION does', () => {
    const stacked = 'testSingleStackedNonTokenRelationWithoutFeatureValue';
    const text = asEntities(stacked);
    // The relation has no value: its type is the layer's name.
    expect(catchError(() => FORMATS.webanno.read([{ path: 's.tsv', text }], ctx())).message).toContain('--add-labels Relation');
    const result = FORMATS.webanno.read([{ path: 's.tsv', text }], ctx(), add('Relation'));
    const [doc] = result.documents;
    expect(doc.mentions.map((m) => m.quote)).toEqual(['This', 'This', '.', '.']);
    const [rel] = doc.frames;
    expect([rel.type, rel.roles.Arg1[0], rel.roles.Arg2[0]]).toEqual(['Relation', { kind: 'mention', mentionId: doc.mentions[0].id }, { kind: 'mention', mentionId: doc.mentions[2].id }]);
    const { tsv } = exported(withTypes(result.labels!.frameTypes!), doc);
    expect(relationRows(tsv).map((r) => [r.id, r.bt])).toEqual(relationRows(text).map((r) => [r.id, r.bt]));
    expect(relationRows(tsv).map((r) => [r.id, r.bt])).toEqual([['1-5', '1-1[1_3]']]);

    const sub = FORMATS.webanno.read([{ path: 'sub.tsv', text: asEntities('testSubTokenRelation') }], ctx(), add('OTH', 'Relation'));
    const subDoc = sub.documents[0];
    const q = (x: RoleFiller) => subDoc.mentions.find((m) => x.kind === 'mention' && m.id === x.mentionId)!.quote;
    expect(subDoc.frames.map((f) => [q(f.roles.Arg1[0]), q(f.roles.Arg2[0])])).toEqual([['T', 't']]);
    // Parley splits the token where the spans end instead of writing sub-tokens; the relation reads back the same.
    const subCtx = withTypes(sub.labels!.frameTypes!, ['OTH']);
    const again = FORMATS.webanno.read([{ path: 'sub.tsv', text: exported(subCtx, subDoc).tsv }], subCtx);
    const d2 = again.documents[0];
    const q2 = (x: RoleFiller) => d2.mentions.find((m) => x.kind === 'mention' && m.id === x.mentionId)!.quote;
    expect(d2.frames.map((f) => [f.type, q2(f.roles.Arg1[0]), q2(f.roles.Arg2[0])])).toEqual([['Relation', 'T', 't']]);
  });

  it('reads the multi-token relation file, a type it lacks added, and writes the relation on the first token of the dependent', () => {
    const name = 'testSingleNonMultiTokenRelationWithMultipleFeatureValues';
    const result = FORMATS.webanno.read([{ path: 'm.tsv', text: asEntities(name) }], ctx(), add('nsubj'));
    expect(result.documents[0].frames.map((f) => f.type)).toEqual(['nsubj']);
    expect(relationRows(exported(withTypes(result.labels!.frameTypes!), result.documents[0]).tsv).map((r) => [r.id, r.bt])).toEqual([['1-3', '1-1[1_2]']]);
  });
});

describe('--skip-invalid for brat, CoNLL and WebAnno: a document with a bad line is left out whole and named; without it nothing is imported', () => {
  it('brat: two documents of CoNLL-ST 2002, one with a line whose offsets do not hold its text', () => {
    const good = [file('brat/esp.train-doc-100.txt'), file('brat/esp.train-doc-100.ann')];
    const broken = file('brat/esp.train-doc-1400.ann');
    // T3 moved one character to the right: its text column no longer matches.
    const ann = broken.text.replace('T3\tLOC 268 272\tLima', 'T3\tLOC 269 273\tLima');
    const files = [...good, file('brat/esp.train-doc-1400.txt'), { ...broken, text: ann }];
    const e = catchError(() => FORMATS.brat.read(files, ctx(), add('PER', 'LOC', 'MISC')));
    expect(e).toMatchObject({ code: 'bad_input', file: 'esp.train-doc-1400.ann', line: 3 });
    expect(e.message).toContain('does not match the text at its offsets');
    const result = FORMATS.brat.read(files, ctx(), { ...add('PER', 'LOC', 'MISC'), skipInvalid: true });
    expect(result.documents.map((d) => d.document.id)).toEqual(['esp.train-doc-100']);
    expect(result.documents[0].mentions).toHaveLength(75);
    expect(result.warnings.filter((w) => w.startsWith('skipped'))).toEqual([expect.stringMatching(/^skipped: esp\.train-doc-1400\.ann:3: the text of T3, "Lima", does not match/)]);
    // An .ann without its .txt is a document left out too.
    const lone = FORMATS.brat.read([...good, { ...broken, text: ann }], ctx(), { ...add('PER', 'LOC', 'MISC'), skipInvalid: true });
    expect(lone.warnings.filter((w) => w.startsWith('skipped'))).toEqual([expect.stringContaining('esp.train-doc-1400.ann: no matching esp.train-doc-1400.txt')]);
  });

  it("CoNLL: doccano's invalid test file refused by line; with the flag its document is named and the example file imported", () => {
    const files = [file('doccano/tests_example.conll'), file('doccano/tests_labeling.invalid.conll')];
    const labels = { labels: { map: { PER: 'PERSON' } } };
    const e = catchError(() => FORMATS.conll.read(files, ctx(), labels));
    expect(e).toMatchObject({ code: 'bad_input', file: 'tests_labeling.invalid.conll', line: 1 });
    expect(e.message).toContain('cannot read the tag "SOCCERO"');
    const result = FORMATS.conll.read(files, ctx(), { ...labels, skipInvalid: true });
    expect(result.documents.map((d) => [d.document.id, d.mentions.map((m) => `${m.label}:${m.quote}`)])).toEqual([['tests_example', ['LOC:JAPAN', 'PERSON:Nadim Ladki']]]);
    expect(result.warnings.filter((w) => w.startsWith('skipped'))).toEqual(['skipped: tests_labeling.invalid.conll:1: cannot read the tag "SOCCERO"; expected O or B-, I-, E-, S- followed by a label']);
    // In a file of several documents only the bad one goes; the others keep their numbers.
    const text = ['-DOCSTART- O', '', 'Lavrov B-PERSON', '', '-DOCSTART- O', '', 'Kerry X-PERSON', 'met O', '', '-DOCSTART- O', '', 'Geneva B-GPE', ''].join('\n');
    const three = FORMATS.conll.read([{ path: 'three.conll', text }], ctx(), { skipInvalid: true });
    expect(three.documents.map((d) => [d.document.id, d.document.text])).toEqual([
      ['three-1', 'Lavrov'],
      ['three-3', 'Geneva'],
    ]);
    expect(three.warnings).toContain('skipped: three.conll:7: cannot read the tag "X-PERSON"; expected O or B-, I-, E-, S- followed by a label');
  });

  it("WebAnno: INCEpTION's TSV 2 test file beside a TSV 3 reference file", () => {
    const files = [{ path: 'old.tsv', text: file('inception/tsv2-example.tsv').text }, file('inception/testZeroLengthSpansWithFeatureValues.tsv')];
    const e = catchError(() => FORMATS.webanno.read(files, ctx()));
    expect(e).toMatchObject({ code: 'bad_input', file: 'old.tsv', line: 1 });
    const result = FORMATS.webanno.read(files, ctx(), { skipInvalid: true });
    expect(result.documents.map((d) => d.document.id)).toEqual(['testZeroLengthSpansWithFeatureValues']);
    expect(result.warnings.filter((w) => w.startsWith('skipped'))).toEqual([expect.stringMatching(/^skipped: old\.tsv:1: expected the header "#FORMAT=WebAnno TSV 3\.3"/)]);
  });
});
