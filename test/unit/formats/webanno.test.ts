/**
 * WebAnno TSV 3.3: a file as INCEpTION writes it (built from its grammar and
 * serializer: stacked and multi-token named entities, a slot-feature frame, a
 * relation across sentences, an emoji counted as two UTF-16 units, escaped
 * values), Parley's export read back, and the problems a reader names.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../../src/core/formats';
import type { DatasetDocument } from '../../../src/core/formats/types';
import { escapeText, escapeValue, unescapeText, unescapeValue } from '../../../src/core/formats/webannoSyntax';
import { asImport, catchError, context, corpusArb, ENTITY_POOL, exportDocs, relationContext, RELATION_TYPES, sampleDocument, TEXT, withoutPending } from './helpers';

const NE = 'de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity';
const row = (...cols: string[]) => `${cols.join('\t')}\t`;

/** Written as INCEpTION's Tsv3XSerializer writes it: header, two blank lines, sentences separated by one, a tab after every column. */
const INCEPTION = [
  '#FORMAT=WebAnno TSV 3.3',
  `#T_SP=${NE}|identifier|value`,
  `#T_SP=webanno.custom.Stance|Polarity|ROLE_webanno.custom.Stance:roles_webanno.custom.StanceRolesLink|${NE}`,
  `#T_RL=webanno.custom.Agreement|value|BT_${NE}`,
  '',
  '',
  '#Text=Sergey Lavrov 😊 rejected a ceasefire .',
  row('1-1', '0-6', 'Sergey', 'ent\\_lavrov[1]', 'PERSON[1]', '_', '_', '_', '_', '_'),
  row('1-2', '7-13', 'Lavrov', 'ent\\_lavrov[1]|*[2]', 'PERSON[1]|PERSON[2]', '_', '_', '_', '_', '_'),
  row('1-3', '14-16', '😊', '_', '_', '_', '_', '_', '_', '_'),
  row('1-4', '17-25', 'rejected', '_', '_', 'against', 'Holder;Target', '1-1[1];1-6', '_', '_'),
  row('1-5', '26-27', 'a', '_', '_', '_', '_', '_', '_', '_'),
  row('1-6', '28-37', 'ceasefire', '*', 'TOPIC', '_', '_', '_', '*', '2-1'),
  row('1-7', '38-39', '.', '_', '_', '_', '_', '_', '_', '_'),
  '',
  '#Text=Kerry agreed .',
  row('2-1', '40-45', 'Kerry', '*', 'PERSON', '_', '_', '_', '_', '_'),
  row('2-2', '46-52', 'agreed', '_', '_', '_', '_', '_', '_', '_'),
  row('2-3', '53-54', '.', '_', '_', '_', '_', '_', '_', '_'),
  '',
].join('\n');

const read = (text: string, path = 'talks.tsv') => FORMATS.webanno.read([{ path, text }], context());

describe('WebAnno TSV import', () => {
  it('reads a file INCEpTION wrote: stacked and multi-token entities, a slot frame, a relation, UTF-16 offsets past an emoji', () => {
    const result = read(INCEPTION);
    expect(FORMATS.webanno.detect([{ path: 'talks.tsv', text: INCEPTION }])).toBe(true);
    const [doc] = result.documents;
    expect(doc.document.text).toBe('Sergey Lavrov 😊 rejected a ceasefire .\nKerry agreed .');
    expect(doc.document.id).toBe('talks');
    expect(doc.mentions.map((m) => [m.label, m.quote, m.start, m.entityId])).toEqual([
      ['PERSON', 'Sergey Lavrov', 0, 'ent_lavrov'],
      ['PERSON', 'Lavrov', 7, undefined],
      ['TOPIC', 'ceasefire', 28, undefined],
      ['PERSON', 'Kerry', 40, undefined],
    ]);
    const id = (quote: string) => doc.mentions.find((m) => m.quote === quote)!.id;
    expect(doc.frames.map((f) => [f.type, f.evidence.quote, f.attrs, f.roles])).toEqual([
      ['Stance', 'rejected', { Polarity: 'against' }, { Holder: [{ kind: 'mention', mentionId: id('Sergey Lavrov') }], Target: [{ kind: 'mention', mentionId: id('ceasefire') }] }],
      ['Agreement', 'ceasefire .\nKerry', {}, { Party: [{ kind: 'mention', mentionId: id('Kerry') }], Topic: [{ kind: 'mention', mentionId: id('ceasefire') }] }],
    ]);
  });

  it('reads a relation layer that names no frame type as a relation type --add-labels creates, named by its label', () => {
    const tsv = [
      '#FORMAT=WebAnno TSV 3.3',
      `#T_SP=${NE}|identifier|value`,
      `#T_RL=webanno.custom.Relation|label|BT_${NE}`,
      '',
      '',
      '#Text=Kerry met Lavrov .',
      row('1-1', '0-5', 'Kerry', '*', 'PERSON', '_', '_'),
      row('1-2', '6-9', 'met', '_', '_', '_', '_'),
      row('1-3', '10-16', 'Lavrov', '*', 'PERSON', 'meets', '1-1'),
      row('1-4', '17-18', '.', '_', '_', '_', '_'),
      '',
    ].join('\n');
    const e = catchError(() => read(tsv));
    expect(e.message).toContain('--add-labels meets');
    const result = FORMATS.webanno.read([{ path: 'r.tsv', text: tsv }], context(), { labels: { add: ['meets'] } });
    const [doc] = result.documents;
    expect(doc.frames.map((f) => [f.type, f.evidence.quote, f.roles.Arg1, f.roles.Arg2])).toEqual([['meets', 'Kerry met Lavrov', [{ kind: 'mention', mentionId: doc.mentions[0].id }], [{ kind: 'mention', mentionId: doc.mentions[1].id }]]]);
    expect(result.labels!.frameTypes![0]).toMatchObject({ name: 'meets', relation: 'directed' });
  });

  it('reads sub-token annotations, sentence ids and escaped sentence text, padding a gap before a sentence with spaces', () => {
    const tsv = [
      '#FORMAT=WebAnno TSV 3.3',
      `#T_SP=${NE}|identifier|value`,
      '',
      '',
      '#Sentence.id=s1',
      '#Text=Kerry\\s\tplays .',
      row('1-1', '0-7', 'Kerry\\s', '_', '_'),
      row('1-1.1', '0-5', 'Kerry', '*', 'PERSON'),
      row('1-2', '8-13', 'plays', '_', '_'),
      row('1-3', '14-15', '.', '_', '_'),
      '',
      '#Text=Lavrov .',
      row('2-1', '18-24', 'Lavrov', '*', 'PERSON'),
      row('2-2', '25-26', '.', '_', '_'),
      '',
    ].join('\n');
    const [doc] = read(tsv).documents;
    // As INCEpTION rebuilds it: the line feed after a sentence stays, and the gap up to the next sentence's first token is spaces.
    expect(doc.document.text).toBe('Kerry\\s\tplays .\n  Lavrov .');
    expect(doc.mentions.map((m) => [m.quote, m.start, m.end])).toEqual([
      ['Kerry', 0, 5],
      ['Lavrov', 18, 24],
    ]);
  });

  it('escapes and unescapes values and sentence text as INCEpTION\'s Escaping does', () => {
    expect(escapeValue('a_b|c[d]->e;f*g\\h\ti\nj')).toBe('a\\_b\\|c\\[d\\]\\->e\\;f\\*g\\\\h\\ti\\nj');
    expect(escapeText('tab\there\r\\ and \u0001')).toBe('tab\\there\\r\\\\ and \\\u0001');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        expect(unescapeValue(escapeValue(s))).toBe(s);
        expect(unescapeText(escapeText(s))).toBe(s);
      }),
      { numRuns: 100 },
    );
  });

  it('names a file whose offsets count code points, not UTF-16 units, and imports nothing', () => {
    const shifted = INCEPTION.replace('17-25\trejected', '16-24\trejected');
    const err = catchError(() => read(shifted));
    expect(err).toMatchObject({ code: 'bad_input', file: 'talks.tsv', line: 11 });
    expect(err.message).toContain('counted in code points, not in UTF-16 code units, as INCEpTION does');
  });

  it('stops at a line with too few columns, a broken header, an unknown label; skips and reports other layers', () => {
    const short = INCEPTION.replace(row('1-5', '26-27', 'a', '_', '_', '_', '_', '_', '_', '_'), '1-5\t26-27\ta\t_');
    expect(catchError(() => read(short))).toMatchObject({ file: 'talks.tsv', line: 12, message: expect.stringContaining('expected 10 tab-separated columns') });
    expect(catchError(() => read(INCEPTION.replace('TSV 3.3', 'TSV 2.0')))).toMatchObject({ line: 1, message: expect.stringContaining('expected version 3.2 or 3.3') });
    const wizard = catchError(() => read(INCEPTION.replace('\tTOPIC\t', '\tWIZARD\t')));
    expect(wizard).toMatchObject({ file: 'talks.tsv', line: 13, message: expect.stringContaining('--add-labels WIZARD') });
    const pos = [
      '#FORMAT=WebAnno TSV 3.3',
      '#T_SP=de.tudarmstadt.ukp.dkpro.core.api.lexmorph.type.pos.POS|PosValue',
      '',
      '',
      '#Text=Kerry agreed',
      row('1-1', '0-5', 'Kerry', 'NNP'),
      row('1-2', '6-12', 'agreed', 'VBD'),
      '',
    ].join('\n');
    const result = read(pos);
    expect(result.documents[0].mentions).toEqual([]);
    expect(result.warnings).toContain('talks.tsv: 2 annotation(s) on layer de.tudarmstadt.ukp.dkpro.core.api.lexmorph.type.pos.POS, which is neither the named-entity layer nor a frame type; skipped');
  });
});

/** What WebAnno TSV carries of a layer: text, mention spans, labels and links; frames' types, evidence, attributes and mention fillers. */
function carried(doc: DatasetDocument) {
  const quoteOf = new Map(doc.mentions.map((m) => [m.id, `${m.start}-${m.end}-${m.label}`]));
  return {
    text: doc.document.text,
    mentions: doc.mentions.map((m) => [m.start, m.end, m.label, m.entityId ?? null]).sort(),
    frames: doc.frames
      .map((f) => [f.type, f.evidence.start, f.evidence.end, f.attrs, Object.entries(f.roles).flatMap(([r, xs]) => xs.flatMap((x) => (x.kind === 'mention' ? [`${r}:${quoteOf.get(x.mentionId)}`] : [])))])
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  };
}

describe('WebAnno TSV export', () => {
  it('writes the header, sentences covering the whole text, split tokens and slot frames as INCEpTION reads them', () => {
    const doc = withoutPending(sampleDocument());
    const { files, report } = exportDocs('webanno', [doc]);
    const tsv = files.get('doc-1.tsv')!;
    const lines = tsv.split('\n');
    expect(lines.slice(0, 7)).toEqual([
      '#FORMAT=WebAnno TSV 3.3',
      `#T_SP=${NE}|identifier|value`,
      `#T_SP=webanno.custom.Stance|Polarity|ROLE_webanno.custom.Stance:roles_webanno.custom.StanceRolesLink|${NE}`,
      `#T_SP=webanno.custom.Agreement|Status|ROLE_webanno.custom.Agreement:roles_webanno.custom.AgreementRolesLink|${NE}`,
      '',
      '',
      '#Text=Lavrov 🇷🇺 told Mu\u0308ller: no ceasefire.',
    ]);
    // The flag is four UTF-16 units; every line has id, offsets, token and 2 + 3 + 3 columns, each followed by a tab.
    expect(tsv).toContain(`\n${row('1-2', '7-11', '🇷🇺', 'ent\\_russia', 'GPE', '_', '_', '_', '_', '_', '_')}\n`);
    for (const l of lines.filter((x) => /^\d/.test(x))) expect(l.split('\t')).toHaveLength(12);
    expect(report.dropped).toEqual([]);
    expect(report.notes.join('\n')).toContain('2 entity or topic role filler(s) were left out');
    const back = FORMATS.webanno.read(asImport(files), context()).documents;
    expect(back.map(carried)).toEqual([carried({ ...doc, frames: doc.frames.map((f) => ({ ...f, roles: Object.fromEntries(Object.entries(f.roles).map(([r, xs]) => [r, xs.filter((x) => x.kind === 'mention')])) })) })]);
  });

  it('round trip: the text, every mention and every frame\'s mention fillers come back, over random layers with astral text', () => {
    const ctx = context(ENTITY_POOL);
    const tabOrBreak = /[\t\n\r\f\v\u0085\u2028\u2029]/u;
    // A span WebAnno cannot address: empty, or with a tab or line break in the white space at one of its edges.
    const unaddressable = (text: string, s: number, e: number) => {
      if (s === e) return true;
      for (let i = s; i < e && /\s/u.test(text[i]); i++) if (tabOrBreak.test(text[i])) return true;
      for (let j = e; j > s && /\s/u.test(text[j - 1]); j--) if (tabOrBreak.test(text[j - 1])) return true;
      return false;
    };
    const key = (x: unknown) => JSON.stringify(x);
    fc.assert(
      fc.property(corpusArb(), (docs) => {
        const { files, report } = exportDocs('webanno', docs, ctx);
        const back = FORMATS.webanno.read(asImport(files), ctx).documents;
        let missing = 0;
        docs.forEach((d, i) => {
          const text = d.document.text;
          const want = carried(withoutPending(d));
          const got = carried(back[i]);
          // The text comes back exactly, except what precedes the first token, which reads back as spaces.
          if (got.text !== '') {
            expect(got.text).toHaveLength(text.length);
            let k = 0;
            while (got.text.slice(k) !== text.slice(k)) k++;
            expect(got.text.slice(0, k)).toMatch(/^ *$/);
            expect(text.slice(0, k)).toMatch(/^\s*$/u);
          } else expect(text).toMatch(/^\s*$/u);
          // Every mention that comes back is one of the document's, at the same offsets; the others are ones WebAnno cannot address, dropped and counted, never shifted.
          const pool = new Map<string, number>();
          for (const m of want.mentions) pool.set(key(m), (pool.get(key(m)) ?? 0) + 1);
          for (const m of got.mentions) {
            expect(pool.get(key(m)) ?? 0).toBeGreaterThan(0);
            pool.set(key(m), pool.get(key(m))! - 1);
          }
          for (const [k, n] of pool) {
            const [s, e] = JSON.parse(k) as [number, number];
            if (n > 0) expect(unaddressable(text, s, e)).toBe(true);
            missing += n;
          }
          // Frames keep type, evidence and attributes; their fillers are mentions that came back.
          for (const f of got.frames) {
            const same = want.frames.filter((w) => key(w.slice(0, 4)) === key(f.slice(0, 4)));
            expect(same.some((w) => (f[4] as string[]).every((x) => (w[4] as string[]).includes(x)))).toBe(true);
          }
        });
        const dropped = report.dropped.filter((x) => x.reason.startsWith('mention')).reduce((n, x) => n + x.count, 0);
        expect(dropped).toBe(missing);
      }),
      { numRuns: 60 },
    );
  });

  it('round trip: every relation between two mentions that come back comes back on the relation layer, same type and ends; equivalences and relations to events are counted out', () => {
    const ctx = relationContext(ENTITY_POOL);
    const binary = new Map(RELATION_TYPES.filter((t) => t.relation !== 'equivalence').map((t) => [t.name, t.roles.map((r) => r.name)]));
    /** Each relation between two mentions, as its type and the spans of its source and target. */
    const relations = (doc: DatasetDocument) => {
      const at = new Map(doc.mentions.map((m) => [m.id, `${m.start}-${m.end}:${m.label}`]));
      return doc.frames.flatMap((f) => {
        const ends = (binary.get(f.type) ?? []).map((r) => f.roles[r]?.[0]);
        return ends.length && ends.every((x) => x?.kind === 'mention') ? [{ type: f.type, ends: ends.map((x) => at.get((x as { mentionId: string }).mentionId)!) }] : [];
      });
    };
    fc.assert(
      fc.property(corpusArb(ENTITY_POOL, { relations: true }), (docs) => {
        const { files, report } = exportDocs('webanno', docs, ctx);
        const back = FORMATS.webanno.read(asImport(files), ctx).documents;
        let notRelations = 0;
        docs.forEach((d, i) => {
          const came = new Set(back[i].mentions.map((m) => `${m.start}-${m.end}:${m.label}`));
          const want = relations(withoutPending(d)).filter((r) => r.ends.every((e) => came.has(e)));
          expect(relations(back[i]).map((r) => JSON.stringify(r)).sort()).toEqual(want.map((r) => JSON.stringify(r)).sort());
          notRelations += d.frames.filter((f) => !binary.has(f.type) ? RELATION_TYPES.some((t) => t.name === f.type) : Object.values(f.roles).some((xs) => xs.some((x) => x.kind === 'frame'))).length;
        });
        const counted = report.dropped.filter((x) => /^(equivalence|relation|frame refers)/.test(x.reason)).reduce((n, x) => n + x.count, 0);
        expect(counted).toBeGreaterThanOrEqual(notRelations);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps text and spans exact after an emoji (UTF-16 units, as Java counts)', () => {
    const doc = withoutPending(sampleDocument());
    const back = FORMATS.webanno.read(asImport(exportDocs('webanno', [doc]).files), context()).documents[0];
    expect(back.document.text).toBe(TEXT);
    expect(back.mentions.map((m) => [m.start, m.quote]).sort()).toEqual(doc.mentions.map((m) => [m.start, m.quote]).sort());
  });
});
