import { describe, expect, it } from 'vitest';
import { detectFormat, FORMATS } from '../../../src/core/formats';
import { asImport, catchError, context, exportDocs, roundTrip, sampleDocument, withoutPending } from './helpers';
import type { RoleFiller } from '../../../src/core/model';

describe('Label Studio JSON', () => {
  it('writes one task per document with code-point regions, role relations and attribute choices', () => {
    const { files } = exportDocs('labelstudio', [sampleDocument(), sampleDocument()]);
    const tasks = JSON.parse(files.get('tasks.json')!);
    expect(tasks).toHaveLength(2);
    const [task] = tasks;
    expect(task.data).toEqual({ text: sampleDocument().document.text, title: 'Lavrov rebuffs Müller' });
    const result = task.annotations[0].result;
    // Code points, as Label Studio counts them: the flag is two (7–9), so "Mu\u0308ller" starts at 15.
    expect(result[1]).toEqual({ id: 'm2', from_name: 'label', to_name: 'text', type: 'labels', value: { start: 7, end: 9, text: '🇷🇺', labels: ['GPE'] }, meta: { text: ['flag as\nstand-in'] } });
    expect(result[2].value).toEqual({ start: 15, end: 22, text: 'Mu\u0308ller', labels: ['PERSON'] });
    expect(result.slice(6, 10)).toEqual([
      { id: 'f1', from_name: 'label', to_name: 'text', type: 'labels', value: { start: 10, end: 36, text: 'told Mu\u0308ller: no ceasefire', labels: ['Stance'] }, meta: { text: ['blunt'] } },
      { id: 'f1', from_name: 'Polarity', to_name: 'text', type: 'choices', value: { start: 10, end: 36, text: 'told Mu\u0308ller: no ceasefire', choices: ['against'] } },
      { from_id: 'f1', to_id: 'm1', type: 'relation', direction: 'right', labels: ['Holder'] },
      { from_id: 'f1', to_id: 'm4', type: 'relation', direction: 'right', labels: ['Target'] },
    ]);
    expect(task.meta.parley).toMatchObject({ annotator: 'ana', status: 'done', document: { id: 'doc-1' } });
    expect(files.get('label_config.xml')).toContain('<Choices name="Polarity" toName="text" perRegion="true">');
  });

  it('reads Label Studio\'s own relations between regions as relation frames, by label and direction, and writes them back so', () => {
    const text = 'Kerry met Lavrov in Geneva.';
    const region = (id: string, start: number, end: number, label: string) => ({ id, from_name: 'label', to_name: 'text', type: 'labels', value: { start, end, text: text.slice(start, end), labels: [label] } });
    const result = [
      region('a', 0, 5, 'PERSON'),
      region('b', 10, 16, 'PERSON'),
      region('c', 20, 26, 'LOC'),
      { from_id: 'a', to_id: 'b', type: 'relation', direction: 'bi', labels: ['Met'] },
      { from_id: 'c', to_id: 'b', type: 'relation', direction: 'left', labels: ['Located in'] },
    ];
    const files = [{ path: 'tasks.json', text: JSON.stringify([{ id: 1, data: { text }, annotations: [{ id: 9, completed_by: 1, result }] }]) }];
    const refused = catchError(() => FORMATS.labelstudio.read(files, context()));
    expect(refused.message).toContain('--add-labels Met');
    const read = FORMATS.labelstudio.read(files, context(), { labels: { add: ['Met', 'Located in'] } });
    const [doc] = read.documents;
    const quote = (x: RoleFiller) => doc.mentions.find((m) => x.kind === 'mention' && m.id === x.mentionId)!.quote;
    // "left" points from the target to the source: Lavrov is located in Geneva.
    expect(doc.frames.map((f) => [f.type, f.evidence.quote, quote(f.roles.Arg1[0]), quote(f.roles.Arg2[0])])).toEqual([
      ['Met', 'Kerry met Lavrov', 'Kerry', 'Lavrov'],
      ['Located in', 'Lavrov in Geneva', 'Lavrov', 'Geneva'],
    ]);
    expect(read.labels!.frameTypes!.map((f) => [f.name, f.relation])).toEqual([['Met', 'undirected'], ['Located in', 'directed']]);
    const ctx = context();
    ctx.schema.frameTypes.push(...read.labels!.frameTypes!);
    const back = JSON.parse(exportDocs('labelstudio', [doc], ctx).files.get('tasks.json')!)[0].annotations[0].result;
    expect(back.filter((r: { type: string }) => r.type === 'relation')).toEqual([
      { from_id: 'a', to_id: 'b', type: 'relation', direction: 'bi', labels: ['Met'] },
      { from_id: 'b', to_id: 'c', type: 'relation', direction: 'right', labels: ['Located in'] },
    ]);
    expect(exportDocs('labelstudio', [doc], ctx).files.get('label_config.xml')).toContain('<Relation value="Located in"/>');
  });

  it('reads back exactly what it wrote', () => {
    expect(roundTrip('labelstudio', [sampleDocument()]).documents).toEqual([withoutPending(sampleDocument())]);
  });

  it('keeps a frame apart from a mention that happens to share its id', () => {
    const doc = withoutPending(sampleDocument());
    doc.frames[0] = { ...doc.frames[0], id: 'm1' };
    const tasks = JSON.parse(exportDocs('labelstudio', [doc]).files.get('tasks.json')!);
    expect(tasks[0].annotations[0].result.filter((r: { id?: string }) => r.id === 'm1~frame')).toHaveLength(2);
    expect(roundTrip('labelstudio', [doc]).documents).toEqual([doc]);
  });

  it('reads tasks made in Label Studio: one layer per annotation, annotators from completed_by', () => {
    const text = 'Lavrov backed talks.';
    const task = {
      id: 12,
      data: { text },
      annotations: [
        {
          completed_by: { email: 'olga@example.org' },
          result: [
            { id: 'aX1', from_name: 'label', to_name: 'text', type: 'labels', value: { start: 0, end: 6, text: 'Lavrov', labels: ['PERSON'] } },
            { id: 'aX2', from_name: 'label', to_name: 'text', type: 'labels', value: { start: 7, end: 13, text: 'backed', labels: ['Stance'] } },
            { id: 'aX2', from_name: 'Polarity', to_name: 'text', type: 'choices', value: { choices: ['favor'] } },
            { from_id: 'aX2', to_id: 'aX1', type: 'relation', direction: 'right', labels: ['Holder'] },
            { id: 's', from_name: 'sentiment', to_name: 'text', type: 'rating', value: { rating: 4 } },
          ],
        },
        { completed_by: 3, result: [] },
      ],
      predictions: [{ result: [] }],
    };
    const result = FORMATS.labelstudio.read([{ path: 'export.json', text: JSON.stringify([task], null, 2) }], context());
    expect(result.documents.map((d) => [d.document.id, d.annotator])).toEqual([
      ['task-12', 'olga'],
      ['task-12', 'user-3'],
    ]);
    const [olga] = result.documents;
    expect(olga.mentions).toMatchObject([{ id: 'aX1', label: 'PERSON', quote: 'Lavrov', origin: 'imported', author: 'olga' }]);
    expect(olga.frames).toMatchObject([{ id: 'aX2', type: 'Stance', attrs: { Polarity: 'favor' }, roles: { Holder: [{ kind: 'mention', mentionId: 'aX1' }] } }]);
    expect(result.warnings.sort()).toEqual(['export.json: rating results are not part of Parley\'s model; skipped']);
  });

  it('names the line of the region whose text does not match', () => {
    const task = { data: { text: 'Lavrov' }, annotations: [{ result: [{ id: 'a', type: 'labels', value: { start: 0, end: 6, text: 'Lavrow', labels: ['PERSON'] } }] }] };
    const e = catchError(() => FORMATS.labelstudio.read([{ path: 't.json', text: JSON.stringify([task], null, 2) }], context()));
    expect(e).toMatchObject({ code: 'bad_input', file: 't.json' });
    expect(e.message).toContain('task 1: the quoted text "Lavrow" does not match the text at 0–6');
    const lines = JSON.stringify([task], null, 2).split('\n');
    expect(lines[e.line! - 1]).toContain('"text": "Lavrow"');
  });

  it('says so, and how to re-run, when a file counts UTF-16 units instead of code points; never shifts silently', () => {
    const utf16 = exportDocs('labelstudio', [sampleDocument()], context(), { offsets: 'utf16' }).files;
    const e = catchError(() => FORMATS.labelstudio.read(asImport(utf16), context()));
    expect(e).toMatchObject({ code: 'bad_input', file: 'tasks.json' });
    expect(e.message).toContain('is at 7–11 counted in UTF-16 code units, not in code points, as Label Studio does');
    expect(e.message).toContain('re-run the import with the offsets option set to utf16 (--offsets utf16)');
    expect(FORMATS.labelstudio.read(asImport(utf16), context(), { offsets: 'utf16' }).documents).toEqual([withoutPending(sampleDocument())]);
  });

  it('names the unit it assumed when astral text has regions without quoted text', () => {
    const text = 'Lavrov 🇷🇺 backed talks.';
    const task = { data: { text }, annotations: [{ result: [{ id: 'a', type: 'labels', value: { start: 10, end: 16, labels: ['PERSON'] } }] }] };
    const result = FORMATS.labelstudio.read([{ path: 't.json', text: JSON.stringify([task]) }], context());
    expect(result.documents[0].mentions[0].quote).toBe('backed');
    expect(result.warnings).toContain(
      't.json: the text holds emoji or other characters outside the Basic Multilingual Plane, and the file quotes no text to check offsets against; the offsets were read as code points, as Label Studio counts them; if spans look shifted, re-run the import with the offsets option set to utf16 (--offsets utf16)',
    );
  });

  it('reads a file Label Studio re-saved: no extras, its own ids and fields, predictions as suggestions, cancelled annotations and drafts reported', () => {
    const parley = JSON.parse(exportDocs('labelstudio', [withoutPending(sampleDocument())]).files.get('tasks.json')!)[0];
    // What Label Studio writes back: its own task and annotation fields, regions with origin, no meta.parley.
    const resaved = {
      id: 41,
      data: { text: parley.data.text, title: parley.data.title },
      meta: {},
      created_at: '2024-06-01T10:00:00.000000Z',
      annotations: [
        { id: 7, completed_by: 2, was_cancelled: false, ground_truth: false, lead_time: 12.5, result: parley.annotations[0].result.map((r: object) => ({ ...r, origin: 'manual' })), prediction: {}, task: 41 },
        { id: 8, completed_by: 3, was_cancelled: true, result: [] },
      ],
      drafts: [{ id: 2, user: 'olga@example.org', result: [] }],
      predictions: [
        {
          id: 5,
          model_version: 'ner-v2',
          score: 0.8,
          result: [
            { id: 'p1', from_name: 'label', to_name: 'text', type: 'labels', value: { start: 0, end: 6, text: 'Lavrov', labels: ['PERSON'] } },
            { id: 'p2', from_name: 'label', to_name: 'text', type: 'labels', value: { start: 57, end: 63, text: 'Geneva', labels: ['GPE'] } },
            { from_id: 'p1', to_id: 'p2', type: 'relation', labels: ['Holder'] },
          ],
        },
      ],
    };
    const result = FORMATS.labelstudio.read([{ path: 'project-3.json', text: JSON.stringify([resaved]) }], context());
    expect(result.documents).toHaveLength(1);
    const [doc] = result.documents;
    expect(doc.annotator).toBe('user-2');
    const labels = doc.mentions.filter((m) => m.pending !== true);
    expect(labels.map((m) => [m.id, m.label, m.quote])).toEqual(withoutPending(sampleDocument()).mentions.map((m) => [m.id, m.label, m.quote]));
    // "Lavrov" is already a label; only "Geneva" as GPE is new, and it is a suggestion.
    expect(doc.mentions.filter((m) => m.pending === true)).toMatchObject([{ label: 'GPE', quote: 'Geneva', origin: 'suggested', author: 'ner-v2' }]);
    expect(doc.frames.map((f) => [f.id, f.type, Object.keys(f.roles)])).toEqual([
      ['f1', 'Stance', ['Holder', 'Target']],
      ['f2', 'Agreement', ['Party']],
    ]);
    expect(result.warnings).toEqual([
      'project-3.json: 1 cancelled (skipped) annotation(s) were left out',
      'project-3.json: 1 draft(s) were left out: Label Studio had not submitted them',
      'project-3.json: 1 predicted region(s) were imported as suggestions, to accept or reject, never as labels',
      'project-3.json: 1 predicted frame, relation or choice result(s) were left out: only predicted mentions become suggestions',
    ]);
  });

  it('reads JSON-MIN exports, one record per annotation, and a text under another data key', () => {
    const text = 'Lavrov 🇷🇺 backed talks.';
    const min = [
      { text, id: 3, label: [{ start: 0, end: 6, text: 'Lavrov', labels: ['PERSON'] }, { start: 10, end: 16, text: 'backed', labels: ['Stance'] }], annotator: 'olga@example.org', annotation_id: 9, lead_time: 3.2 },
      { text: 'Kerry agreed.', id: 4, label: [{ start: 0, end: 5, text: 'Kerry', labels: ['PERSON'] }], annotator: 1 },
    ];
    expect(detectFormat([{ path: 'min.json', text: JSON.stringify(min, null, 2) }])).toBe('labelstudio');
    const result = FORMATS.labelstudio.read([{ path: 'min.json', text: JSON.stringify(min) }], context());
    expect(result.documents.map((d) => [d.document.id, d.annotator, d.mentions.map((m) => m.quote), d.frames.map((f) => f.evidence.quote)])).toEqual([
      ['task-3', 'olga', ['Lavrov'], ['backed']],
      ['task-4', 'user-1', ['Kerry'], []],
    ]);
    const other = FORMATS.labelstudio.read([{ path: 't.json', text: JSON.stringify([{ data: { document: 'Kerry agreed.' }, annotations: [{ result: [] }] }]) }], context());
    expect(other.documents[0].document.text).toBe('Kerry agreed.');
    expect(other.warnings).toContain("t.json: task 1: no data.text; the text was taken from data.document, the task's only text field");
  });
});
