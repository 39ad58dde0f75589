import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../../src/core/formats';
import { decodeEventNote, decodeNote, encodeEventNote, encodeNote, fragments } from '../../../src/core/formats/bratSyntax';
import { asImport, catchError, context, exportDocs, LAVROV, MULLER, roundTrip, RUSSIA, sampleDocument, withoutPending } from './helpers';

// Code points of the sample text, counted by hand: "Lavrov" 0–6, 🇷🇺 7–9 (two
// code points, four UTF-16 units), "told" 10, "Mu\u0308ller" 15–22 (seven code
// points: the umlaut is a combining mark), "ceasefire" 27–36, the line break
// at 37, the family emoji 42–47 (five code points with the ZWJs), "talks" 48,
// "Geneva" 57–63, "failed" 64–70.
const EXPECTED_ANN = [
  'T1\tPERSON 0 6\tLavrov',
  'N1\tReference T1 parley:ent_lavrov\tSergey Lavrov',
  'T2\tGPE 7 9\t🇷🇺',
  'N2\tReference T2 parley:ent_russia\tRussia',
  '#1\tAnnotatorNotes T2\t"flag as\\nstand-in"',
  'T3\tPERSON 15 22\tMu\u0308ller',
  'T4\tTOPIC 27 36\tceasefire',
  'T5\tLOC 57 63\tGeneva',
  'T6\tEVENT 48 63\ttalks in Geneva',
  'A1\tcertainty T6 high',
  'T7\tStance 10 36\ttold Mu\u0308ller: no ceasefire',
  'E1\tStance:T7 Holder:T1 Target:T4',
  'A2\tPolarity E1 against',
  '#2\tAnnotatorNotes E1\tblunt',
  'T8\tAgreement 48 70\ttalks in Geneva failed',
  // brat numbers repeated arguments from the second on: Party, Party2, Party3.
  'E2\tAgreement:T8 Party:T1 Party3:T3',
  'A3\tStatus E2 failed',
  '#3\tAnnotatorNotes E2\t[parley: Party2=entity:"ent_muller" Topic=topic:"a \\"ceasefire\\" | truce"]',
  '',
].join('\n');

describe('brat export', () => {
  it('writes the text unchanged, T/N/#/E/A lines in code points and a sidecar for the rest', () => {
    const { files, report } = exportDocs('brat', [sampleDocument()]);
    // The conf comes last: it allows the overlaps and mention attributes the documents turned out to have.
    expect([...files.keys()]).toEqual(['doc-1.txt', 'doc-1.ann', 'doc-1.parley.json', 'annotation.conf', 'visual.conf']);
    expect(files.get('doc-1.txt')).toBe(sampleDocument().document.text);
    expect(files.get('doc-1.ann')).toBe(EXPECTED_ANN);
    const sidecar = JSON.parse(files.get('doc-1.parley.json')!);
    expect(sidecar.document).toEqual({ id: 'doc-1', title: 'Lavrov rebuffs Müller', source: { outlet: 'Wire', date: '2024-05-01' }, sha256: 'a'.repeat(64) });
    expect(sidecar.annotations.T6).toEqual({ id: 'm6', origin: 'manual', author: 'ana', createdAt: '2024-05-01T10:00:00.000Z', attrs: { certainty: 'high' } });
    expect(sidecar.annotations.E2).toEqual({ id: 'f2', origin: 'manual', author: 'ana', createdAt: '2024-05-01T10:00:00.000Z' });
    expect(sidecar.entities.map((e: { id: string }) => e.id)).toEqual(['ent_lavrov', 'ent_russia', 'ent_muller']);
    expect(report).toMatchObject({ documents: 1, mentions: 6, frames: 2, dropped: [] });
  });

  it('generates annotation.conf and visual.conf from the schema', () => {
    const { files } = exportDocs('brat', []);
    const conf = files.get('annotation.conf')!;
    expect(conf).toContain('[entities]\nPERSON\nORG\nGPE\nLOC\nDATE\nEVENT\nTOPIC\n');
    // No documents, so no overlap to allow.
    expect(conf).not.toContain('<OVERLAP>');
    expect(conf).toContain('Stance\tHolder:PERSON|ORG|GPE, Target:<ENTITY>');
    expect(conf).toContain('Agreement\tParty+:PERSON|ORG|GPE, Topic:<ENTITY>');
    expect(conf).toContain('Polarity\tArg:Stance, Value:favor|against|neutral|unclear');
    expect(conf).toContain('Status\tArg:Agreement, Value:reached|proposed|in_negotiation|failed|rejected');
    const visual = files.get('visual.conf')!;
    expect(visual).toContain('PERSON\tbgColor:#d1495b, fgColor:white');
    expect(visual).toContain('DATE\tbgColor:#d08c2d, fgColor:black');
    expect(visual).toContain('Stance\tbgColor:#6a4c93, fgColor:white');
  });

  it('splits a span across lines into fragments and keeps exact offsets when it ends on a line break', () => {
    const text = 'Foreign\nMinister\n Lavrov';
    const doc = {
      ...sampleDocument(),
      document: { id: 'x', title: 't', text, source: {} },
      frames: [],
      mentions: [
        { id: 'a', label: 'PERSON', start: 0, end: 24, quote: text, origin: 'manual' as const, author: 'a', createdAt: 'c' },
        { id: 'b', label: 'ORG', start: 0, end: 8, quote: 'Foreign\n', origin: 'manual' as const, author: 'a', createdAt: 'c' },
      ],
    };
    const { files } = exportDocs('brat', [doc]);
    expect(files.get('x.ann')).toBe('T1\tPERSON 0 7;8 16;17 24\tForeign Minister  Lavrov\nT2\tORG 0 7\tForeign\n');
    expect(JSON.parse(files.get('x.parley.json')!).annotations.T2.span).toEqual([0, 8]);
    expect(roundTrip('brat', [doc]).documents).toEqual([doc]);
  });

  it('names files safely and distinctly, keeping the exact id in the sidecar', () => {
    const a = { ...withoutPending(sampleDocument()), document: { ...sampleDocument().document, id: 'Doc' } };
    const b = { ...a, document: { ...a.document, id: 'doc' } };
    const c = { ...a, document: { ...a.document, id: 'con' } };
    const { files } = exportDocs('brat', [a, b, c]);
    expect([...files.keys()].filter((p) => p.endsWith('.txt'))).toEqual(['Doc.txt', 'doc-2.txt', '_con.txt']);
    expect(roundTrip('brat', [a, b, c]).documents.map((d) => d.document.id)).toEqual(['Doc', 'doc', 'con']);
  });
});

describe('brat notes', () => {
  it('quotes notes brat would trim or break, and reads them back', () => {
    for (const note of ['plain', '', ' padded', 'two\nlines', '"quoted"', 'has [parley: x]', 'tab\tinside', 'para\u2029graph']) {
      expect(decodeNote(encodeNote(note))).toBe(note);
    }
    expect(encodeNote('plain')).toBe('plain');
    expect(encodeNote('two\nlines')).toBe('"two\\nlines"');
  });

  it('keeps entity and topic fillers in a parseable role list after the note', () => {
    const fillers = [
      { role: 'Party2', kind: 'entity' as const, value: 'ent x' },
      { role: 'Topic', kind: 'topic' as const, value: 'a "b" ] c' },
    ];
    for (const note of [undefined, '', 'plain', ' padded ', '[parley: fake]']) {
      expect(decodeEventNote(encodeEventNote(note, fillers))).toEqual({ note, fillers });
    }
    expect(decodeEventNote('written in brat')).toEqual({ note: 'written in brat', fillers: [] });
  });

  it('cuts fragments around every character brat ends a line at', () => {
    expect(fragments('a\r\nb\u2028c', 0, 6)).toEqual([
      [0, 1],
      [3, 4],
      [5, 6],
    ]);
    expect(fragments('\n', 0, 1)).toEqual([[0, 0]]);
  });
});

describe('brat import', () => {
  const ctx = context();
  const txt = 'Lavrov met Blinken in Geneva.\nThey backed a truce.';

  it('reads a folder made by brat itself: T, E, A, M, N, # and R lines, without a sidecar', () => {
    const ann = [
      'T1\tPERSON 0 6\tLavrov',
      'T2\tPERSON 11 18\tBlinken',
      'T3\tLOC 22 28\tGeneva',
      'T4\tStance 35 41\tbacked',
      'T5\tTOPIC 44 49\ttruce',
      'E1\tStance:T4 Holder:T2 Target:T5',
      'A1\tPolarity E1 favor',
      'M2\tNegated T3',
      'N1\tReference T1 Wikidata:Q207917\tSergey Lavrov',
      '#1\tAnnotatorNotes T2\tUS Secretary of State',
      '#2\tAnnotatorNotes E1\tThey = both',
      'R1\tLocated_in Arg1:T1 Arg2:T3',
      'R2\tStance Holder:T1 Target:T5',
      '#3\tAnnotatorNotes R1\tin town  ',
      '',
    ].join('\n');
    const result = FORMATS.brat.read(
      [
        { path: 'set/a.txt', text: txt },
        { path: 'set/a.ann', text: ann },
        { path: 'set/annotation.conf', text: '[entities]\n' },
      ],
      { ...ctx, schema: structuredClone(ctx.schema) },
      { labels: { add: ['Located_in'] } },
    );
    const [doc] = result.documents;
    expect(doc.document).toMatchObject({ id: 'a', title: 'Lavrov met Blinken in Geneva.', text: txt, source: { file: 'set/a.txt' } });
    expect(doc.annotator).toBe('imported');
    expect(doc.mentions.map((m) => [m.label, m.quote, m.entityId, m.note, m.attrs, m.origin])).toEqual([
      ['PERSON', 'Lavrov', 'Wikidata:Q207917', undefined, undefined, 'imported'],
      ['PERSON', 'Blinken', undefined, 'US Secretary of State', undefined, 'imported'],
      ['LOC', 'Geneva', undefined, undefined, { Negated: 'true' }, 'imported'],
      ['TOPIC', 'truce', undefined, undefined, undefined, 'imported'],
    ]);
    const [m1, m2, m3, m4] = doc.mentions;
    expect(doc.frames).toHaveLength(3);
    expect(doc.frames[0]).toMatchObject({
      type: 'Stance',
      evidence: { start: 35, end: 41, quote: 'backed' },
      roles: { Holder: [{ kind: 'mention', mentionId: m2.id }], Target: [{ kind: 'mention', mentionId: m4.id }] },
      attrs: { Polarity: 'favor' },
      note: 'They = both',
    });
    // A relation becomes a frame over the stretch from its first to its last argument; its note is kept exactly, spaces and all.
    expect(doc.frames[1]).toMatchObject({ type: 'Located_in', evidence: { start: 0, end: 28 }, roles: { Arg1: [{ mentionId: m1.id }], Arg2: [{ mentionId: m3.id }] }, note: 'in town  ' });
    expect(doc.frames[2]).toMatchObject({ type: 'Stance', evidence: { start: 0, end: 49 }, roles: { Holder: [{ mentionId: m1.id }], Target: [{ mentionId: m4.id }] } });
    expect(result.entities).toEqual([{ id: 'Wikidata:Q207917', type: 'PERSON', name: 'Sergey Lavrov', aliases: [] }]);
    // --add-labels made Located_in a relation type with brat's argument names.
    expect(result.labels!.frameTypes).toEqual([expect.objectContaining({ name: 'Located_in', relation: 'directed', roles: [expect.objectContaining({ name: 'Arg1', min: 1, max: 1 }), expect.objectContaining({ name: 'Arg2' })] })]);
    expect(result.warnings).toEqual([
      'frame type Located_in added to the schema (1 frame(s))',
      // A conf of brat's own without <OVERLAP> rules allows no overlap, as brat reads it.
      expect.stringContaining('set/annotation.conf allows mentions to overlap only as its <OVERLAP> rules say (no overlap at all)'),
    ]);
    expect(result.labels?.overlaps).toEqual([]);
  });

  it('refuses a relation type nobody decided on, naming the line and the options', () => {
    const ann = 'T1\tPERSON 0 6\tLavrov\nT2\tLOC 22 28\tGeneva\nR1\tLocated_in Arg1:T1 Arg2:T2\n';
    const e = catchError(() => FORMATS.brat.read([{ path: 'a.txt', text: txt }, { path: 'a.ann', text: ann }], ctx));
    expect(e).toMatchObject({ code: 'bad_input', file: 'a.ann', line: 3 });
    expect(e.message).toContain('--add-labels Located_in');
    const dropped = FORMATS.brat.read([{ path: 'a.txt', text: txt }, { path: 'a.ann', text: ann }], ctx, { labels: { map: { Located_in: null } } });
    expect(dropped.documents[0].frames).toEqual([]);
  });

  it('reads brat-numbered roles (Party, Party2) in order', () => {
    const ann = 'T1\tPERSON 0 6\tLavrov\nT2\tPERSON 11 18\tBlinken\nT3\tAgreement 30 50\tThey backed a truce.\nE1\tAgreement:T3 Party2:T1 Party:T2\n';
    const [doc] = FORMATS.brat.read([{ path: 'a.txt', text: txt }, { path: 'a.ann', text: ann }], ctx).documents;
    expect(doc.frames[0].roles.Party.map((x) => x.kind === 'mention' && x.mentionId)).toEqual([doc.mentions[1].id, doc.mentions[0].id]);
  });

  it('imports a discontinuous span as a mention with two fragments and writes it back so', () => {
    const ann = 'T1\tLOC 0 6;22 28\tLavrov Geneva\n';
    const result = FORMATS.brat.read([{ path: 'a.txt', text: txt }, { path: 'a.ann', text: ann }], ctx);
    expect(result.documents[0].mentions[0]).toMatchObject({ start: 0, end: 28, quote: 'Lavrov met Blinken in Geneva', fragments: [[0, 6], [22, 28]] });
    expect(result.warnings).toEqual([]);
    expect(exportDocs('brat', result.documents).files.get('a.ann')).toBe(ann);
    // Formats without discontinuous spans write one span and say so.
    expect(exportDocs('conll', result.documents).report.notes).toContain('1 mention(s) with several fragments were written as one span from the first fragment to the last (the format has no discontinuous spans)');
  });

  it('keeps notes on attribute lines (A and M) through import and export, on mentions, events and relations', () => {
    const ann = [
      'T1\tPERSON 0 6\tLavrov',
      'T2\tLOC 22 28\tGeneva',
      'T3\tStance 35 41\tbacked',
      'T4\tTOPIC 44 49\ttruce',
      'A1\tNegated T1',
      '#1\tAnnotatorNotes A1\tnot him  ',
      'E1\tStance:T3 Holder:T1 Target:T4',
      'M1\tSpeculation E1',
      '#2\tAnnotatorNotes M1\thedged',
      '#3\tCertainty M1\tlow',
      'R1\tLocated_in Arg1:T1 Arg2:T2',
      'A2\tConfidence R1 high',
      '#4\tAnnotatorNotes A2\tsaid twice',
      '',
    ].join('\n');
    const files = [
      { path: 'a.txt', text: txt },
      { path: 'a.ann', text: ann },
    ];
    const result = FORMATS.brat.read(files, { ...ctx, schema: structuredClone(ctx.schema) }, { labels: { add: ['Located_in'] } });
    expect(result.warnings.filter((w) => /skipped/.test(w))).toEqual([]);
    const [doc] = result.documents;
    expect(doc.mentions[0].attrComments).toEqual({ Negated: { AnnotatorNotes: 'not him  ' } });
    expect(doc.frames.map((f) => f.attrComments)).toEqual([{ Speculation: { AnnotatorNotes: 'hedged', Certainty: 'low' } }, { Confidence: { AnnotatorNotes: 'said twice' } }]);
    // Written back as brat wrote them, each note on its own attribute line, and read back the same without the sidecar.
    const schema = structuredClone(ctx.schema);
    schema.frameTypes.push(...result.labels!.frameTypes!);
    const out = exportDocs('brat', result.documents, { ...ctx, schema }).files;
    const written = out.get('a.ann')!;
    expect(written).toMatch(/^A(\d+)\tNegated T1\n[^]*#\d+\tAnnotatorNotes A\1\tnot him {2}$/m);
    expect(written).toMatch(/^(M\d+)\tSpeculation E1$/m);
    const m = /^(M\d+)\tSpeculation E1$/m.exec(written)![1];
    expect(written).toContain(`\tAnnotatorNotes ${m}\thedged`);
    expect(written).toContain(`\tCertainty ${m}\tlow`);
    const back = FORMATS.brat.read([{ path: 'a.txt', text: txt }, { path: 'a.ann', text: written }], { ...ctx, schema }).documents[0];
    expect([back.mentions[0].attrComments, ...back.frames.map((f) => f.attrComments)]).toEqual([doc.mentions[0].attrComments, ...doc.frames.map((f) => f.attrComments)]);
  });

  it('keeps attribute notes exactly with Parley\'s sidecar too, and in the native format', () => {
    const doc = sampleDocument();
    const m6 = doc.mentions.find((m) => m.id === 'm6')!;
    m6.attrComments = { certainty: { AnnotatorNotes: 'per the wire  ', Source: 'TASS' } };
    doc.frames[0].attrComments = { Polarity: { AnnotatorNotes: '"blunt"\nno' } };
    for (const format of ['brat', 'native'] as const) expect(roundTrip(format, [doc]).documents).toEqual([withoutPending(doc)]);
  });

  it('reads the exported sample back exactly', () => {
    expect(roundTrip('brat', [sampleDocument()]).documents).toEqual([withoutPending(sampleDocument())]);
  });

  it.each([
    ['T1\tPERSON 0 99\tLavrov\n', 1, 'offsets 0–99 fall outside the text, which is 50 code points long'],
    ['T1\tPERSON 0 6\tLavrow\n', 1, 'does not match the text at its offsets'],
    ['T1\tPERSON 0 6\tLavrov\nT2\tDIPLOMAT 11 18\tBlinken\n', 2, 'unknown label "DIPLOMAT"'],
    ['T1\tPERSON 0 6\tLavrov\nT2\tPERSON 11', 2, 'cannot read this line'],
    ['T1\tPERSON 0 6\tLavrov\nE1\tStance:T9 Holder:T1\n', 2, 'needs a text-bound trigger T9'],
    ['T1\tPERSON 0 6\tLavrov\nT2\tStance 0 6\tLavrov\nE1\tStance:T2 Judge:T1\n', 3, 'Stance has no role "Judge"'],
    ['T1\tPERSON 0 6\tLavrov\nT1\tPERSON 0 6\tLavrov\n', 2, 'the id T1 is used twice'],
    ['X1\tfoo\n', 1, 'unknown annotation id'],
  ])('rejects %j at line %i', (ann, line, message) => {
    const e = catchError(() => FORMATS.brat.read([{ path: 'a.txt', text: txt }, { path: 'a.ann', text: ann }], ctx));
    expect(e).toMatchObject({ code: 'bad_input', file: 'a.ann', line });
    expect(e.message).toContain(message);
  });

  it('rejects an .ann file without its .txt', () => {
    expect(catchError(() => FORMATS.brat.read([{ path: 'b.ann', text: '' }], ctx))).toMatchObject({ code: 'bad_input', file: 'b.ann' });
  });
});

describe('brat with names brat cannot hold', () => {
  it('maps labels, frame types, roles and attributes with spaces to brat-safe names and back', () => {
    const ctx = context();
    ctx.schema.labels.push({ name: 'Armed group', color: '#123456', key: 'a' });
    ctx.schema.frameTypes.push({
      name: 'Peace deal',
      key: 'd',
      color: '#abcdef',
      roles: [{ name: 'Main party', mentionLabels: ['Armed group'], allowMention: true, allowEntity: true, allowTopic: false, min: 1, max: null }],
      attributes: [{ name: 'Stage of talks', values: ['early stage', 'late'] }],
    });
    const text = 'The Wagner group and the army signed.';
    const m = (id: string, quote: string) => ({ id, label: 'Armed group', start: text.indexOf(quote), end: text.indexOf(quote) + quote.length, quote, origin: 'manual' as const, author: 'a', createdAt: 'c' });
    const doc = {
      document: { id: 'd', title: 't', text, source: {} },
      annotator: 'a',
      status: 'done' as const,
      mentions: [m('m1', 'Wagner group'), m('m2', 'army')],
      frames: [
        {
          id: 'f',
          type: 'Peace deal',
          evidence: { start: 30, end: 36, quote: 'signed' },
          roles: { 'Main party': [{ kind: 'mention' as const, mentionId: 'm1' }, { kind: 'mention' as const, mentionId: 'm2' }] },
          attrs: { 'Stage of talks': 'early stage' },
          origin: 'manual' as const,
          author: 'a',
          createdAt: 'c',
        },
      ],
      fields: {},
    };
    const { files } = exportDocs('brat', [doc], ctx);
    expect(files.get('d.ann')).toBe('T1\tArmed_group 4 16\tWagner group\nT2\tArmed_group 25 29\tarmy\nT3\tPeace_deal 30 36\tsigned\nE1\tPeace_deal:T3 Main_party:T1 Main_party2:T2\n');
    expect(files.get('annotation.conf')).toContain('Peace_deal\tMain_party+:Armed_group');
    expect(files.get('visual.conf')).toContain('Armed_group | Armed group');
    expect(FORMATS.brat.read(asImport(files), ctx).documents).toEqual([doc]);
  });

  it('keeps an N line\'s database and id, and writes mention attributes as A lines', () => {
    const doc = withoutPending(sampleDocument());
    doc.mentions[0] = { ...doc.mentions[0], entityId: 'Wikidata:Q71', attrs: { Negated: 'true', certainty: 'high' } };
    const wikidata = { id: 'Wikidata:Q71', type: 'PERSON', name: 'Sergey Lavrov', aliases: [] };
    const ctx = context([LAVROV, MULLER, RUSSIA, wikidata]);
    const { files } = exportDocs('brat', [doc], ctx);
    const ann = [...files].find(([p]) => p.endsWith('.ann'))![1];
    expect(ann).toContain('N1\tReference T1 Wikidata:Q71\tSergey Lavrov');
    expect(ann).toMatch(/^A\d+\tNegated T1$/m);
    expect(ann).toMatch(/^A\d+\tcertainty T1 high$/m);
    // brat's own reading: without the sidecar, the link and the attributes come back from the .ann alone.
    const noSidecar = [...files].filter(([p]) => !p.endsWith('.parley.json')).map(([path, text]) => ({ path, text }));
    const [back] = FORMATS.brat.read(noSidecar, ctx).documents;
    expect(back.mentions.find((m) => m.quote === 'Lavrov')).toMatchObject({ entityId: 'Wikidata:Q71', attrs: { Negated: 'true', certainty: 'high' } });
    expect(FORMATS.brat.read(asImport(files), ctx).documents).toEqual([doc]);
  });

  it('writes a trigger two frames share once', () => {
    const doc = withoutPending(sampleDocument());
    doc.frames.push({ ...doc.frames[0], id: 'f3', roles: { Holder: [{ kind: 'mention', mentionId: 'm3' }] }, attrs: { Polarity: 'favor' }, note: undefined });
    delete doc.frames[2].note;
    const { files } = exportDocs('brat', [doc]);
    const ann = [...files].find(([p]) => p.endsWith('.ann'))![1];
    expect(ann.match(/^T\d+\tStance /gm)).toHaveLength(1);
    expect(ann).toContain('E3\tStance:T7 Holder:T3');
    expect(FORMATS.brat.read(asImport(files), context()).documents).toEqual([doc]);
  });
});
