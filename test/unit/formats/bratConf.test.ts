/**
 * brat's schema files: a folder's annotation.conf read on import (its new
 * types offered through the label map), and the exported annotation.conf and
 * visual.conf checked against brat's grammar (server/src/projectconfig.py)
 * and its verifier's rules (server/src/verify_annotations.py).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotationConf, bratName } from '../../../src/core/formats/bratConf';
import { parseScheme } from '../../../src/core/schemes';
import { FORMATS } from '../../../src/core/formats';
import { parseAnnotationConf, parseCardinality } from '../../../src/core/formats/bratConfRead';
import type { DatasetContext, ImportFile } from '../../../src/core/formats/types';
import type { LabelSchema } from '../../../src/core/model';
import { asImport, catchError, context, exportDocs, relationContext, sampleDocument, withoutPending } from './helpers';

const CONF = [
  '# a colleague\'s brat project',
  '[entities]',
  'PERSON',
  'ORG',
  'GPE',
  'TOPIC',
  '!Actor',
  '\tArmed_group',
  '\tMilitia',
  '',
  '[relations]',
  '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:contain',
  'Located_in\tArg1:ORG, Arg2:GPE',
  '',
  '[events]',
  'Stance\tHolder:PERSON|ORG|GPE, Target:<ENTITY>',
  'Ceasefire_call\tParty{2-10}:PERSON|ORG|Armed_group, Topic*:TOPIC|GPE',
  'Truce_offer\tOfferer?:ORG',
  '',
  '[attributes]',
  'Polarity\tArg:Stance, Value:favor|against|neutral|unclear',
  'Certainty\tArg:Ceasefire_call, Value:low|high',
  'Negated\tArg:<ENTITY>',
  '',
].join('\n');

const TXT = 'Wagner group and the army called for a ceasefire in Ukraine.';
const ANN = [
  'T1\tArmed_group 0 12\tWagner group',
  'T2\tORG 21 25\tarmy',
  'T3\tCeasefire_call 26 32\tcalled',
  'T4\tTOPIC 39 48\tceasefire',
  'T5\tGPE 52 59\tUkraine',
  'E1\tCeasefire_call:T3 Party1:T1 Party2:T2 Topic1:T4 Topic2:T5',
  'A1\tCertainty E1 high',
  'A2\tNegated T4',
  '',
].join('\n');

const folder = (conf = CONF): ImportFile[] => [
  { path: 'set/annotation.conf', text: conf },
  { path: 'set/a.txt', text: TXT },
  { path: 'set/a.ann', text: ANN },
];

describe('brat import reads annotation.conf', () => {
  it('parses brat\'s cardinalities as its parser does', () => {
    expect(parseCardinality('Party')).toEqual({ name: 'Party', min: 1, max: 1 });
    expect(parseCardinality('Party?')).toEqual({ name: 'Party', min: 0, max: 1 });
    expect(parseCardinality('Party*')).toEqual({ name: 'Party', min: 0, max: null });
    expect(parseCardinality('Party+')).toEqual({ name: 'Party', min: 1, max: null });
    expect(parseCardinality('Party{3}')).toEqual({ name: 'Party', min: 3, max: 3 });
    expect(parseCardinality('Party{2-10}')).toEqual({ name: 'Party', min: 2, max: 10 });
    const conf = parseAnnotationConf('annotation.conf', CONF);
    expect(conf.entities.map((e) => e.name)).toEqual(['PERSON', 'ORG', 'GPE', 'TOPIC', 'Armed_group', 'Militia']);
    expect(conf.events[1]).toMatchObject({ name: 'Ceasefire_call', roles: [{ name: 'Party', min: 2, max: 10, types: ['PERSON', 'ORG', 'Armed_group'] }, { name: 'Topic', min: 0, max: null, types: ['TOPIC', 'GPE'] }] });
    expect(conf.attributes.map((a) => [a.name, a.args, a.values])).toEqual([
      ['Polarity', ['Stance'], ['favor', 'against', 'neutral', 'unclear']],
      ['Certainty', ['Ceasefire_call'], ['low', 'high']],
      ['Negated', ['<ENTITY>'], []],
    ]);
  });

  it('stops at a declaration brat cannot read, naming the file and line', () => {
    const err = catchError(() => FORMATS.brat.read(folder(CONF.replace('Party{2-10}', 'Party{10-2}')), context()));
    expect(err).toMatchObject({ code: 'bad_input', file: 'set/annotation.conf', line: 17 });
    expect(err.message).toContain('Party{10-2} is an empty range');
    const digit = catchError(() => FORMATS.brat.read(folder(CONF.replace('Party{2-10}', 'Party2+')), context()));
    expect(digit.message).toContain('ends with a digit');
  });

  it('never refuses silently: a new event type stops the import with how to add or drop it', () => {
    const err = catchError(() => FORMATS.brat.read(folder(), context(), { labels: { map: { Armed_group: 'ORG' } } }));
    expect(err).toMatchObject({ code: 'bad_input', file: 'set/a.ann', line: 6 });
    expect(err.message).toContain('frame type "Ceasefire_call" is declared in annotation.conf (line 17)');
    expect(err.message).toContain('--add-labels Ceasefire_call');
    expect(err.message).toContain('--map Ceasefire_call=-');
  });

  it('lists the new types for the import plan, and offers the ones nothing uses', () => {
    const result = FORMATS.brat.read(folder(), context(), { labels: { undecided: 'list' } });
    expect(result.labels!.unknown).toEqual([
      { label: 'Armed_group', count: 1, firstDocument: 'a' },
      { label: 'Ceasefire_call', count: 1, kind: 'frame type', firstDocument: 'a' },
    ]);
    // Located_in is a relation type of the conf: offered as a frame type with two roles, like the events.
    expect(result.labels!.offered).toEqual([{ label: 'Located_in', kind: 'frame type' }, { label: 'Militia' }, { label: 'Truce_offer', kind: 'frame type' }]);
    expect(result.warnings.join('\n')).toContain('no annotation uses: Located_in, Militia, Truce_offer');
  });

  it('adds a frame type with the conf\'s roles, cardinalities, role types and attribute values, and exports it back as written', () => {
    const ctx = context();
    const result = FORMATS.brat.read(folder(), ctx, { labels: { add: ['Armed_group', 'Ceasefire_call', 'Militia'] } });
    expect(result.labels!.added).toEqual([
      { label: 'Armed_group', count: 1 },
      { label: 'Militia', count: 0 },
      { label: 'Ceasefire_call', count: 1, kind: 'frame type' },
    ]);
    const [def] = result.labels!.frameTypes!;
    expect(def).toMatchObject({
      name: 'Ceasefire_call',
      roles: [
        { name: 'Party', mentionLabels: ['PERSON', 'ORG', 'Armed_group'], allowMention: true, allowEntity: false, allowTopic: false, min: 2, max: 10 },
        { name: 'Topic', mentionLabels: ['TOPIC', 'GPE'], allowMention: true, allowEntity: false, allowTopic: false, min: 0, max: null },
      ],
      attributes: [{ name: 'Certainty', values: ['low', 'high'] }],
    });
    const [doc] = result.documents;
    expect(doc.frames).toHaveLength(1);
    expect(doc.frames[0]).toMatchObject({ type: 'Ceasefire_call', attrs: { Certainty: 'high' }, evidence: { quote: 'called' } });
    expect(Object.fromEntries(Object.entries(doc.frames[0].roles).map(([r, xs]) => [r, xs.length]))).toEqual({ Party: 2, Topic: 2 });
    expect(doc.mentions.find((m) => m.quote === 'ceasefire')?.attrs).toEqual({ Negated: 'true' });

    // The workspace as the plan leaves it, exported again: the conf says what the source said.
    const schema: LabelSchema = { ...ctx.schema, labels: [...ctx.schema.labels, { name: 'Armed_group', color: '#123456', key: '' }], frameTypes: [...ctx.schema.frameTypes, def] };
    const grown: DatasetContext = { schema, entities: [] };
    const { files } = exportDocs('brat', result.documents, grown);
    const conf = files.get('annotation.conf')!;
    expect(conf).toContain('Ceasefire_call\tParty{2-10}:PERSON|ORG|Armed_group, Topic*:TOPIC|GPE');
    expect(conf).toContain('Certainty\tArg:Ceasefire_call, Value:low|high');
    expect(conf).toContain('Negated\tArg:<ENTITY>\n');
    // The only overlap in the document is none, so no <OVERLAP> rule is invented.
    expect(conf).not.toContain('<OVL-TYPE>');
    const again = parseAnnotationConf('annotation.conf', conf);
    expect(again.events.find((e) => e.name === 'Ceasefire_call')!.roles).toEqual(parseAnnotationConf('a', CONF).events[1].roles);
    const back = FORMATS.brat.read(asImport(files), grown);
    expect(back.documents).toEqual(result.documents);
  });

  it('drops a new type\'s events when the label map says so, and counts them', () => {
    const result = FORMATS.brat.read(folder(), context(), { labels: { map: { Ceasefire_call: null, Armed_group: 'ORG' } } });
    expect(result.documents[0].frames).toEqual([]);
    expect(result.labels!.dropped).toEqual([{ label: 'Ceasefire_call', count: 1, kind: 'frame type' }]);
    expect(result.warnings).toContain('1 Ceasefire_call frame(s) dropped, as the label map asks');
  });

  it('reports where the conf and the workspace disagree, keeping the workspace\'s definition', () => {
    const conf = CONF.replace('Holder:PERSON', 'Holder{1-3}:PERSON').replace('Target:<ENTITY>', 'Target?:<ENTITY>').replace('Value:favor|against|neutral|unclear', 'Value:favor|against|mixed');
    const result = FORMATS.brat.read(folder(conf), context(), { labels: { undecided: 'list' } });
    const text = result.warnings.join('\n');
    expect(text).toContain("set/annotation.conf:16: Stance's role Holder takes 1 to 3 in annotation.conf, exactly 1 in the workspace; the workspace schema's definition was kept");
    expect(text).toContain("annotation.conf allows Stance's Polarity the values mixed, which the workspace does not");
    // A lower minimum is what Parley's own exports write for roles filled outside brat's arguments.
    expect(text).not.toContain('Target');
  });
});

// ---------------------------------------------------------------- the exported conf, checked by brat's rules

interface Declared {
  entities: Set<string>;
  events: Map<string, Map<string, { min: number; max: number; types: string[] }>>;
  attributes: Map<string, { args: string[]; values: string[] }>;
  overlaps: Set<string>;
  relations: Map<string, { args: Map<string, string[]>; relType: string }>;
}

/** The exported conf, read line by line with the regular expressions of brat's projectconfig.py. */
function readAsBrat(conf: string): Declared {
  const d: Declared = { entities: new Set(), events: new Map(), attributes: new Map(), overlaps: new Set(), relations: new Map() };
  let section = '';
  for (const line of conf.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const head = /^\[(\w+)\]$/.exec(line);
    if (head) {
      section = head[1];
      continue;
    }
    const m = /^(\s*)(\S+)(?:\s+(.*))?$/.exec(line);
    expect(m, line).not.toBeNull();
    const [, indent, term, rest] = m!;
    expect(indent).toBe('');
    expect(term, line).toMatch(/^(<[A-Z-]+>|[\p{L}\p{N}_.-]+)$/u);
    const args = (rest ?? '').split(',').map((a) => a.trim()).filter(Boolean).map((a) => {
      const kv = /^(\S*?):(\S*)$/.exec(a);
      expect(kv, `${line}: ${a}`).not.toBeNull();
      return [kv![1], kv![2]] as const;
    });
    if (section === 'entities') d.entities.add(term);
    else if (section === 'relations' && term === '<OVERLAP>') {
      for (const [k, v] of args) if (k === '<OVL-TYPE>') for (const t of v.split('|')) d.overlaps.add(t);
    } else if (section === 'relations') {
      // projectconfig.py: a relation's arguments are Arg:Types pairs, <REL-TYPE> its symmetry.
      const roles = new Map(args.filter(([k]) => !k.startsWith('<')).map(([k, v]) => [k, v.split('|')]));
      expect(roles.size, line).toBe(2);
      d.relations.set(term, { args: roles, relType: args.find(([k]) => k === '<REL-TYPE>')?.[1] ?? '' });
    } else if (section === 'events') {
      const roles = new Map<string, { min: number; max: number; types: string[] }>();
      for (const [key, types] of args) {
        const c = /^(\S+?)(\{\S+\}|\?|\*|\+|)$/.exec(key);
        expect(c, key).not.toBeNull();
        const card = parseCardinality(key);
        const max = card.max ?? Infinity;
        if (max > 1) expect(card.name, 'a repeated argument may not end with a digit').not.toMatch(/\d$/);
        expect(types.split('|').every((t) => t !== '')).toBe(true);
        roles.set(card.name, { min: card.min, max, types: types.split('|') });
      }
      d.events.set(term, roles);
    } else if (section === 'attributes') {
      const get = (k: string) => args.find(([key]) => key === k)?.[1].split('|') ?? [];
      d.attributes.set(term, { args: get('Arg'), values: get('Value') });
    }
  }
  return d;
}

/** verify_annotations.py's checks on one .ann, against the declared schema: returns its issues. */
function verify(ann: string, d: Declared): string[] {
  const issues: string[] = [];
  const types = new Map<string, string>();
  const spans: { id: string; start: number; end: number }[] = [];
  for (const line of ann.split('\n').filter(Boolean)) {
    const [id, body] = line.split('\t');
    if (id.startsWith('T')) {
      const [type, ...rest] = body.split(' ');
      types.set(id, type);
      if (!d.entities.has(type) && !d.events.has(type)) issues.push(`${id}: undeclared type ${type}`);
      if (d.entities.has(type)) {
        const offsets = rest.join(' ').split(';').map((f) => f.split(' ').map(Number));
        spans.push({ id, start: offsets[0][0], end: offsets[offsets.length - 1][1] });
      }
    } else if (id.startsWith('E')) {
      const [head, ...args] = body.split(' ');
      const [type] = head.split(':');
      types.set(id, type);
      const roles = d.events.get(type)!;
      const counts = new Map<string, number>();
      for (const a of args) {
        const [role, ref] = a.split(':');
        const name = role.replace(/\d+$/, '');
        const def = roles.get(role) ?? roles.get(name);
        if (!def) issues.push(`${id}: ${type} cannot take ${role}`);
        else if (!def.types.includes(types.get(ref)!) && !def.types.includes('<ENTITY>')) issues.push(`${id}: ${role} cannot be ${types.get(ref)}`);
        counts.set(name, (counts.get(name) ?? 0) + 1);
      }
      for (const [role, def] of roles) {
        const c = counts.get(role) ?? 0;
        if (c < def.min) issues.push(`${id}: Incomplete: at least ${def.min} ${role}`);
        if (c > def.max) issues.push(`${id}: too many ${role}`);
      }
    } else if (id.startsWith('R')) {
      // verify_annotations.py: the relation type is declared, and each argument's type is one its role allows.
      const [type, ...args] = body.split(' ');
      types.set(id, type);
      const rel = d.relations.get(type);
      if (!rel) issues.push(`${id}: undeclared relation type ${type}`);
      else if (args.length !== 2) issues.push(`${id}: a relation takes two arguments`);
      else {
        for (const a of args) {
          const [role, ref] = a.split(':');
          const allowed = rel.args.get(role);
          const t = types.get(ref)!;
          if (!allowed) issues.push(`${id}: ${type} has no argument ${role}`);
          else if (!allowed.includes(t) && !allowed.includes('<ANY>') && !(allowed.includes('<ENTITY>') && d.entities.has(t)) && !(allowed.includes('<EVENT>') && d.events.has(t))) issues.push(`${id}: ${role} cannot be ${t}`);
        }
      }
    } else if (id === '*') {
      const [type, ...refs] = body.split(' ');
      const rel = d.relations.get(type);
      if (!rel || !rel.relType.includes('transitive')) issues.push(`*: ${type} is not declared an equivalence (<REL-TYPE>:symmetric-transitive)`);
      else for (const ref of refs) if (!rel.args.get('Arg1')!.includes(types.get(ref)!) && !rel.args.get('Arg1')!.includes('<ANY>')) issues.push(`*: ${type} cannot hold ${types.get(ref)}`);
    } else if (id.startsWith('A') || id.startsWith('M')) {
      const [name, target, value] = body.split(' ');
      const attr = d.attributes.get(name);
      const type = types.get(target)!;
      const allowed = attr && (attr.args.includes(type) || (attr.args.includes('<ENTITY>') && d.entities.has(type)) || (attr.args.includes('<EVENT>') && d.events.has(type)));
      if (!allowed) issues.push(`${target}: ${type} cannot take a ${name} attribute`);
      else if (value !== undefined && !attr.values.includes(value)) issues.push(`${target}: ${name} has no value ${value}`);
    }
  }
  for (const a of spans) {
    for (const b of spans) {
      if (a === b || a.end <= b.start || b.end <= a.start || a.id > b.id) continue;
      const kind = a.start === b.start && a.end === b.end ? 'equal' : (a.start <= b.start && b.end <= a.end) || (b.start <= a.start && a.end <= b.end) ? 'contain' : 'cross';
      if (!d.overlaps.has(kind) && !d.overlaps.has('<ANY>')) issues.push(`${a.id}/${b.id}: ${kind} overlap not allowed`);
    }
  }
  return issues;
}

describe('brat export: annotation.conf and visual.conf as brat reads them', () => {
  it('declares what every exported document uses, so brat\'s checks find nothing', () => {
    const doc = withoutPending(sampleDocument());
    // Nested and crossing mentions, and an attribute on a mention.
    doc.mentions.push({ ...doc.mentions[0], id: 'n1', label: 'ORG', start: 0, end: 9, quote: doc.document.text.slice(0, 9), attrs: { Negated: 'true' } });
    doc.mentions.push({ ...doc.mentions[0], id: 'n2', label: 'GPE', start: 2, end: 14, quote: doc.document.text.slice(2, 14) });
    delete doc.mentions[6].entityId;
    delete doc.mentions[7].entityId;
    const { files } = exportDocs('brat', [doc]);
    const declared = readAsBrat(files.get('annotation.conf')!);
    expect([...declared.overlaps].sort()).toEqual(['contain', 'cross']);
    expect(declared.attributes.get('Negated')).toEqual({ args: ['<ENTITY>'], values: [] });
    expect(declared.attributes.get('certainty')).toEqual({ args: ['<ENTITY>'], values: ['high'] });
    // Agreement's Topic is a topic, kept in the note: its minimum is 0 in brat, and nothing is reported missing.
    expect(files.get('annotation.conf')).toContain('Agreement\tParty+:PERSON|ORG|GPE, Topic?:<ENTITY>');
    expect(files.get('annotation.conf')).toContain('Stance\tHolder:PERSON|ORG|GPE, Target:<ENTITY>');
    expect(verify(files.get('doc-1.ann')!, declared)).toEqual([]);
  });

  it('writes relations as R lines and equivalences as * lines that brat\'s checks accept, and reads them back', () => {
    const ctx = relationContext();
    const doc = withoutPending(sampleDocument());
    const base = { attrs: {}, origin: 'manual' as const, author: 'ana', createdAt: '2024-05-01T10:00:00.000Z' };
    const [m1, m2, m3, , m5, m6] = doc.mentions;
    const stretch = (a: { start: number }, b: { end: number }) => ({ start: a.start, end: b.end, quote: doc.document.text.slice(a.start, b.end) });
    doc.frames.push(
      { id: 'r1', type: 'Located in', evidence: stretch(m6, m5), roles: { Thing: [{ kind: 'mention', mentionId: m6.id }], Place: [{ kind: 'mention', mentionId: m5.id }] }, ...base, attrs: { Certain: 'true' }, note: 'both  ' },
      { id: 'r2', type: 'Met', evidence: stretch(m1, m3), roles: { Arg1: [{ kind: 'mention', mentionId: m3.id }], Arg2: [{ kind: 'mention', mentionId: m1.id }] }, ...base },
      { id: 'r3', type: 'Same', evidence: stretch(m1, m2), roles: { Member: [{ kind: 'mention', mentionId: m1.id }, { kind: 'mention', mentionId: m2.id }] }, ...base, note: 'kept in the sidecar' },
      // A relation whose argument is a frame (an event), as brat allows.
      { id: 'r4', type: 'Met', evidence: stretch(m1, doc.frames[0].evidence), roles: { Arg1: [{ kind: 'mention', mentionId: m1.id }], Arg2: [{ kind: 'frame', frameId: 'f1' }] }, ...base },
    );
    ctx.schema.frameTypes.find((f) => f.name === 'Met')!.roles.forEach((r) => (r.mentionLabels = []));
    const { files, report } = exportDocs('brat', [doc], ctx);
    expect(report.dropped).toEqual([]);
    const ann = files.get('doc-1.ann')!;
    expect(ann).toMatch(/^R1\tLocated_in Thing:T6 Place:T5$/m);
    expect(ann).toMatch(/^A\d+\tCertain R1$/m);
    expect(ann).toMatch(/^#\d+\tAnnotatorNotes R1\tboth {2}$/m);
    expect(ann).toMatch(/^R2\tMet Arg1:T3 Arg2:T1$/m);
    expect(ann).toMatch(/^\*\tSame T1 T2$/m);
    expect(ann).toMatch(/^R3\tMet Arg1:T1 Arg2:E1$/m);
    const conf = files.get('annotation.conf')!;
    expect(conf).toContain('Located_in\tThing:<ANY>, Place:LOC|GPE');
    expect(conf).toContain('Met\tArg1:<ANY>, Arg2:<ANY>, <REL-TYPE>:symmetric');
    expect(conf).toContain('Same\tArg1:<ANY>, Arg2:<ANY>, <REL-TYPE>:symmetric-transitive');
    expect(verify(ann, readAsBrat(conf))).toEqual([]);
    expect(FORMATS.brat.read(asImport(files), ctx).documents).toEqual([doc]);
    // Without the sidecar, from brat's own lines: the relations with their roles, attribute and note.
    const noSidecar = asImport(files).filter((f) => !f.path.endsWith('.parley.json'));
    const back = FORMATS.brat.read(noSidecar, ctx).documents[0];
    expect(back.frames.map((f) => [f.type, Object.keys(f.roles).join(','), f.note ?? '', JSON.stringify(f.attrs)])).toEqual([
      ['Stance', 'Holder,Target', 'blunt', '{"Polarity":"against"}'],
      ['Agreement', 'Party,Topic', '', '{"Status":"failed"}'],
      ['Located in', 'Thing,Place', 'both  ', '{"Certain":"true"}'],
      ['Met', 'Arg1,Arg2', '', '{}'],
      ['Same', 'Member', '', '{}'],
      ['Met', 'Arg1,Arg2', '', '{}'],
    ]);
    expect(back.frames[5].roles.Arg2).toEqual([{ kind: 'frame', frameId: back.frames[0].id }]);
  });

  it('writes a repeatable role whose name ends in a digit as brat accepts it, and reads it back', () => {
    const ctx = context();
    ctx.schema.frameTypes.push({
      name: 'Talks',
      key: '',
      color: '#123456',
      roles: [{ name: 'Phase2', mentionLabels: ['PERSON'], allowMention: true, allowEntity: false, allowTopic: false, min: 0, max: null }],
      attributes: [],
    });
    const doc = withoutPending(sampleDocument());
    doc.frames = [{ ...doc.frames[0], id: 't1', type: 'Talks', roles: { Phase2: [{ kind: 'mention', mentionId: 'm1' }, { kind: 'mention', mentionId: 'm3' }] }, attrs: {} }];
    delete doc.frames[0].note;
    const { files } = exportDocs('brat', [doc], ctx);
    expect(files.get('annotation.conf')).toContain('Talks\tPhase2_*:PERSON');
    expect(files.get('doc-1.ann')).toMatch(/^E1\tTalks:T\d+ Phase2_:T1 Phase2_2:T3$/m);
    expect(readAsBrat(files.get('annotation.conf')!).events.get('Talks')!.get('Phase2_')).toMatchObject({ min: 0, max: Infinity });
    const noSidecar = [...files].filter(([p]) => !p.endsWith('.parley.json')).map(([path, text]) => ({ path, text }));
    expect(FORMATS.brat.read(noSidecar, ctx).documents[0].frames[0].roles.Phase2).toHaveLength(2);
  });

  it('gives each attribute one visual.conf line whose glyphs follow its values, so every value shows as itself', () => {
    const { files } = exportDocs('brat', [withoutPending(sampleDocument())]);
    const visual = files.get('visual.conf')!;
    const declared = readAsBrat(files.get('annotation.conf')!);
    const lines = visual.split('\n').filter((l) => /^(Polarity|Status|certainty)\t/.test(l));
    expect(lines).toEqual([
      'Polarity\tglyph:[favor]|[against]|[neutral]|[unclear]',
      'Status\tglyph:[reached]|[proposed]|[in_negotiation]|[failed]|[rejected]',
      'certainty\tglyph:[high]',
    ]);
    for (const line of lines) {
      const [name, style] = line.split('\t');
      // brat's document.py matches glyphs to values by position; brat reads "-" in a drawing value as ",".
      const glyphs = style.replace(/^glyph:/, '').split('|');
      expect(glyphs).toEqual(declared.attributes.get(name)!.values.map((v) => `[${v}]`));
      expect(style.slice('glyph:'.length)).not.toMatch(/[-,]/);
    }
    expect(visual).not.toMatch(/Value:/);
  });
});

describe('every shipped scheme as a brat project', () => {
  it('exports an annotation.conf brat reads, declaring every label, frame type and attribute value, and reads back', async () => {
    const dir = join(process.cwd(), 'schemes');
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.json'))) {
      const { schema } = parseScheme(await readFile(join(dir, file), 'utf8'), file);
      const conf = annotationConf(schema);
      const declared = readAsBrat(conf);
      for (const l of schema.labels) expect(declared.entities.has(bratName(l.name)), `${file}: ${l.name}`).toBe(true);
      for (const t of schema.frameTypes) {
        expect(declared.events.has(bratName(t.name)), `${file}: ${t.name}`).toBe(true);
        for (const a of t.attributes) expect(declared.attributes.get(bratName(a.name))?.values, `${file}: ${a.name}`).toEqual(a.values);
      }
      // And Parley's own reader of brat projects takes it back with the same types.
      const read = parseAnnotationConf(`${file}/annotation.conf`, conf);
      expect(read.entities.map((l) => l.name).sort(), file).toEqual(schema.labels.map((l) => bratName(l.name)).sort());
      expect(read.events.map((e) => e.name).sort(), file).toEqual(schema.frameTypes.map((t) => bratName(t.name)).sort());
    }
  });
});
