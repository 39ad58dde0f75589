/**
 * Schema migrations as pure steps: the schema and every layer change the same
 * way, counts come before anything is written, and a layer made under an old
 * version catches up with exactly the steps it missed.
 */
import { describe, expect, it } from 'vitest';
import { defaultSchema } from '../../src/core/defaults';
import { migrateLayerTo, planMigration } from '../../src/core/migrationPlan';
import { migrateLayer, migrateSchema, type Migration, type MigrationOp } from '../../src/core/migrations';
import { emptyLayer, type Entity, type Frame, type Layer, type Mention } from '../../src/core/model';

const TEXT = 'Lavrov met Kerry in Geneva. Russia and the United States agreed on a ceasefire.';
const at = (quote: string) => ({ start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length, quote });
const mention = (id: string, quote: string, label: string, entityId?: string): Mention => ({ id, label, ...at(quote), ...(entityId ? { entityId } : {}), origin: 'manual', author: 'x', createdAt: 't' });

const ENTITIES: Entity[] = [
  { id: 'e_russia', type: 'GPE', name: 'Russia', aliases: [] },
  { id: 'e_us', type: 'GPE', name: 'United States', aliases: [] },
];

function layer(annotator: string): Layer {
  const l = emptyLayer('d1', annotator, 'h');
  l.mentions = [
    mention('m1', 'Lavrov', 'PERSON'),
    mention('m2', 'Kerry', 'PERSON'),
    mention('m3', 'Geneva', 'GPE'),
    mention('m4', 'Russia', 'GPE', 'e_russia'),
    mention('m5', 'United States', 'GPE', 'e_us'),
    mention('m6', 'ceasefire', 'TOPIC'),
  ];
  const agreement: Frame = {
    id: 'f1', type: 'Agreement', evidence: at('Russia and the United States agreed on a ceasefire'),
    roles: { Party: [{ kind: 'mention', mentionId: 'm4' }, { kind: 'mention', mentionId: 'm5' }], Topic: [{ kind: 'mention', mentionId: 'm6' }] },
    attrs: { Status: 'reached' }, origin: 'manual', author: 'x', createdAt: 't',
  };
  l.frames = [agreement];
  return l;
}

const labels = (l: Layer) => l.mentions.map((m) => `${m.quote}:${m.label}`);

describe('merging two labels', () => {
  const op: MigrationOp = { op: 'mergeLabels', from: ['GPE', 'LOC'], into: 'PLACE' };

  it('makes one label with the first one\'s key and colour, and roles that took either take it', () => {
    const schema = migrateSchema(defaultSchema(), op);
    const names = schema.labels.map((l) => l.name);
    expect(names).toContain('PLACE');
    expect(names).not.toContain('GPE');
    expect(names).not.toContain('LOC');
    expect(schema.labels.find((l) => l.name === 'PLACE')!.key).toBe('g');
    expect(schema.frameTypes[0].roles[0].mentionLabels).toEqual(['PERSON', 'ORG', 'PLACE']);
  });

  it('relabels every mention of either, in every layer, keeping frames pointing at them', () => {
    const r = migrateLayer(layer('ana'), op);
    expect(labels(r.layer)).toEqual(['Lavrov:PERSON', 'Kerry:PERSON', 'Geneva:PLACE', 'Russia:PLACE', 'United States:PLACE', 'ceasefire:TOPIC']);
    expect(r.mentions).toBe(3);
    expect(r.layer.frames).toEqual(layer('ana').frames);
  });

  it('is counted per analyst before it runs', () => {
    const plan = planMigration(defaultSchema(), [layer('ana'), layer('ben'), layer('gold')], op);
    expect(plan).toMatchObject({ layers: 3, documents: 1, mentions: 9, removedMentions: 0 });
    expect(plan.byAnnotator.map((a) => `${a.annotator}:${a.mentions}`)).toEqual(['ana:3', 'ben:3', 'gold:3']);
    expect(plan.summary).toBe('merge GPE, LOC into PLACE');
  });
});

describe('splitting a label', () => {
  const op: MigrationOp = {
    op: 'splitLabel',
    from: 'GPE',
    into: [
      { label: 'COUNTRY', entityType: 'GPE' },
      { label: 'CITY', quote: '^(Geneva|Aleppo|Moscow)$' },
    ],
    otherwise: 'COUNTRY',
  };

  it('gives each mention the first matching rule\'s label, the rest the fallback, and counts those', () => {
    const l = layer('ana');
    l.mentions.push(mention('m7', 'States', 'GPE'));
    const r = migrateLayer(l, op, ENTITIES);
    expect(labels(r.layer).slice(2)).toEqual(['Geneva:CITY', 'Russia:COUNTRY', 'United States:COUNTRY', 'ceasefire:TOPIC', 'States:COUNTRY']);
    expect(r.fellThrough).toBe(1);
  });

  it('adds the new labels where the old one stood, with free keys, and roles take both', () => {
    const schema = migrateSchema(defaultSchema(), op);
    const names = schema.labels.map((l) => l.name);
    expect(names.slice(0, 4)).toEqual(['PERSON', 'ORG', 'COUNTRY', 'CITY']);
    const keys = schema.labels.map((l) => l.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(schema.labels.find((l) => l.name === 'COUNTRY')!.key).toBe('g');
    expect(schema.frameTypes[1].roles[0].mentionLabels).toEqual(['PERSON', 'ORG', 'COUNTRY', 'CITY']);
  });

  it('refuses a rule that is not a regular expression, and a fallback that is not one of the new labels', () => {
    expect(() => migrateSchema(defaultSchema(), { ...op, into: [{ label: 'A', quote: '(' }, { label: 'B' }], otherwise: 'B' })).toThrow(/split rule \/\(\/ is not a valid regular expression/);
    expect(() => migrateSchema(defaultSchema(), { ...op, otherwise: 'PLACE' })).toThrow(/must be one of the split's labels/);
  });
});

describe('other steps', () => {
  it('deleting a label drops its mentions and the role fillers that pointed at them', () => {
    const r = migrateLayer(layer('ana'), { op: 'deleteLabel', name: 'GPE' });
    expect(r.removedMentions).toBe(3);
    expect(r.removedFillers).toBe(2);
    expect(r.layer.frames[0].roles.Party).toEqual([]);
  });

  it('mapping an attribute\'s values changes every frame, and refuses a value left without a place', () => {
    const op: MigrationOp = { op: 'mapValues', frameType: 'Agreement', attribute: 'Status', values: ['reached', 'open', 'failed'], map: { proposed: 'open', in_negotiation: 'open', rejected: 'failed' } };
    expect(migrateSchema(defaultSchema(), op).frameTypes[1].attributes[0].values).toEqual(['reached', 'open', 'failed']);
    const l = layer('ana');
    l.frames[0] = { ...l.frames[0], attrs: { Status: 'in_negotiation' } };
    expect(migrateLayer(l, op).layer.frames[0].attrs).toEqual({ Status: 'open' });
    expect(() => migrateSchema(defaultSchema(), { ...op, map: { proposed: 'open' } })).toThrow(/Status = in_negotiation would become in_negotiation, which is not among the new values/);
  });

  it('renaming a role renames it in every frame of the type', () => {
    const r = migrateLayer(layer('ana'), { op: 'renameRole', frameType: 'Agreement', from: 'Party', to: 'Side' });
    expect(Object.keys(r.layer.frames[0].roles)).toEqual(['Side', 'Topic']);
    expect(migrateSchema(defaultSchema(), { op: 'renameRole', frameType: 'Agreement', from: 'Party', to: 'Side' }).frameTypes[1].roles[0].name).toBe('Side');
  });

  it('a step that changes nothing in a layer returns the same layer', () => {
    const l = layer('ana');
    expect(migrateLayer(l, { op: 'renameLabel', from: 'EVENT', to: 'HAPPENING' }).layer).toBe(l);
  });
});

describe('a layer made under an older version', () => {
  const history: Migration[] = [
    { version: 1, id: 'a', at: '1', author: 'lead', op: { op: 'renameLabel', from: 'TOPIC', to: 'ISSUE' } },
    { version: 2, id: 'b', at: '2', author: 'lead', op: { op: 'mergeLabels', from: ['GPE', 'LOC'], into: 'PLACE' } },
  ];

  it('gets exactly the steps after its version, in order', () => {
    const fromScratch = migrateLayerTo(layer('dana'), 0, history);
    expect(fromScratch.applied).toBe(2);
    expect(labels(fromScratch.layer)).toContain('ceasefire:ISSUE');
    expect(labels(fromScratch.layer)).toContain('Russia:PLACE');
    const l = layer('dana');
    l.mentions = l.mentions.map((m) => (m.label === 'TOPIC' ? { ...m, label: 'ISSUE' } : m));
    const half = migrateLayerTo(l, 1, history);
    expect(half.applied).toBe(1);
    expect(labels(half.layer)).toEqual(labels(fromScratch.layer));
  });
});
