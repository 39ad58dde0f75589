import { describe, expect, it } from 'vitest';
import { buildNetwork, compareNetworks, type NetworkSourceDoc } from '../../../src/core/network';
import { defaultSchema } from '../../../src/core/defaults';
import type { Entity, Frame, Mention, RoleFiller } from '../../../src/core/model';

const entities: Entity[] = [
  { id: 'us', type: 'GPE', name: 'United States', aliases: [] },
  { id: 'ru', type: 'GPE', name: 'Russia', aliases: [] },
  { id: 'ua', type: 'GPE', name: 'Ukraine', aliases: [] },
  { id: 'eu', type: 'ORG', name: 'European Union', aliases: [] },
];
const ent = (entityId: string): RoleFiller => ({ kind: 'entity', entityId });
const topic = (text: string): RoleFiller => ({ kind: 'topic', text });
let n = 0;
const stance = (holder: RoleFiller, target: RoleFiller, polarity: string): Frame => ({
  id: `f${++n}`,
  type: 'Stance',
  evidence: { start: 0, end: 4, quote: 'said' },
  roles: { Holder: [holder], Target: [target] },
  attrs: { Polarity: polarity },
  origin: 'manual',
  author: 'a',
  createdAt: '2024-01-01T00:00:00Z',
});
const agreement = (parties: RoleFiller[], about: RoleFiller, status: string): Frame => ({
  id: `f${++n}`,
  type: 'Agreement',
  evidence: { start: 0, end: 4, quote: 'said' },
  roles: { Party: parties, Topic: [about] },
  attrs: { Status: status },
  origin: 'manual',
  author: 'a',
  createdAt: '2024-01-01T00:00:00Z',
});
const doc = (id: string, date: string | undefined, frames: Frame[], mentions: Mention[] = [], status: NetworkSourceDoc['status'] = 'done'): NetworkSourceDoc => ({ id, title: id, date, status, frames, mentions });
const schema = defaultSchema();
const weightOf = (net: ReturnType<typeof buildNetwork>, kind: string, source: string, target: string, value: string) =>
  net.edges.find((e) => e.kind === kind && e.source === source && e.target === target && e.value === value)?.weight ?? 0;

describe('the network of a corpus', () => {
  // Hand-worked: US favours the ceasefire twice (d1, d2), Russia once favours (d2) and once opposes it (d3);
  // the EU opposes it once (d3). Russia and Ukraine reach one agreement on the ceasefire (d1), propose another (d3).
  const docs = [
    doc('d3', '2024-03-05', [stance(ent('ru'), topic('Ceasefire'), 'against'), stance(ent('eu'), topic('ceasefire '), 'against'), agreement([ent('ru'), ent('ua')], topic('ceasefire'), 'proposed')]),
    doc('d1', '2024-01-10', [stance(ent('us'), topic('ceasefire'), 'favor'), agreement([ent('ua'), ent('ru')], topic('ceasefire'), 'reached')]),
    doc('d2', '2024-02-01', [stance(ent('us'), topic('ceasefire'), 'favor'), stance(ent('ru'), topic('ceasefire'), 'favor'), stance(ent('us'), ent('ru'), 'neutral')]),
  ];
  const net = buildNetwork({ schema, entities, docs });

  it('counts stance frames per holder, target and polarity, with documents and dates', () => {
    const us = net.edges.find((e) => e.kind === 'stance' && e.source === 'entity:us' && e.target === 'topic:ceasefire')!;
    expect(us).toMatchObject({ value: 'favor', weight: 2, documents: ['d1', 'd2'], first: '2024-01-10', last: '2024-02-01', directed: true });
    expect(weightOf(net, 'stance', 'entity:ru', 'topic:ceasefire', 'favor')).toBe(1);
    expect(weightOf(net, 'stance', 'entity:ru', 'topic:ceasefire', 'against')).toBe(1);
    expect(weightOf(net, 'stance', 'entity:us', 'entity:ru', 'neutral')).toBe(1);
    // Every complete stance frame is one unit of stance weight.
    expect(net.edges.filter((e) => e.kind === 'stance').reduce((s, e) => s + e.weight, 0)).toBe(6);
    expect(net.counted).toBe(8);
  });

  it('puts agreements between each pair of parties, one edge per status, with topics', () => {
    const reached = net.edges.find((e) => e.kind === 'agreement' && e.value === 'reached')!;
    expect(reached).toMatchObject({ source: 'entity:ru', target: 'entity:ua', weight: 1, topics: ['ceasefire'], documents: ['d1'], directed: false });
    expect(weightOf(net, 'agreement', 'entity:ru', 'entity:ua', 'proposed')).toBe(1);
  });

  it('derives congruence and conflict as DNA does', () => {
    // favour: US ×2, Russia ×1 → congruence US–Russia min(2,1) = 1; against: Russia ×1, EU ×1 → congruence EU–Russia 1.
    expect(weightOf(net, 'congruence', 'entity:ru', 'entity:us', 'favor')).toBe(1);
    expect(weightOf(net, 'congruence', 'entity:eu', 'entity:ru', 'against')).toBe(1);
    // US favours, EU opposes: min(2,1) = 1; Russia favours once and opposes once, so it conflicts with itself not at all
    // but with US (its against ×1 vs US favour ×2) and with EU (its favour ×1 vs EU against ×1).
    expect(weightOf(net, 'conflict', 'entity:eu', 'entity:us', 'favor/against')).toBe(1);
    expect(weightOf(net, 'conflict', 'entity:ru', 'entity:us', 'favor/against')).toBe(1);
    expect(weightOf(net, 'conflict', 'entity:eu', 'entity:ru', 'favor/against')).toBe(1);
    const c = net.edges.find((e) => e.kind === 'congruence' && e.value === 'favor')!;
    expect(c.topics).toEqual(['ceasefire']);
    expect(c.documents).toEqual(['d1', 'd2']);
  });

  it('weights congruence by how often both said it', () => {
    const twice = [doc('a', '2024-01-01', [stance(ent('us'), topic('x'), 'favor'), stance(ent('us'), topic('x'), 'favor'), stance(ent('eu'), topic('x'), 'favor'), stance(ent('eu'), topic('x'), 'favor'), stance(ent('eu'), topic('x'), 'favor')])];
    expect(weightOf(buildNetwork({ schema, entities, docs: twice }), 'congruence', 'entity:eu', 'entity:us', 'favor')).toBe(2);
  });

  it('keeps dates, statuses, types, polarities, kinds and minimum weight as asked', () => {
    const feb = buildNetwork({ schema, entities, docs }, { from: '2024-02', to: '2024-02-28' });
    expect(feb.documents.map((d) => d.id)).toEqual(['d2']);
    expect(feb.edges.some((e) => e.kind === 'agreement')).toBe(false);
    expect(weightOf(feb, 'congruence', 'entity:ru', 'entity:us', 'favor')).toBe(1);
    expect(buildNetwork({ schema, entities, docs }, { to: '2024-01' }).documents.map((d) => d.id)).toEqual(['d1']);
    expect(buildNetwork({ schema, entities, docs: [...docs, doc('undated', undefined, [stance(ent('us'), topic('y'), 'favor')])] }, { from: '2024' }).documents).toHaveLength(3);
    const heavy = buildNetwork({ schema, entities, docs }, { minWeight: 2, kinds: ['stance'] });
    expect(heavy.edges.map((e) => e.id)).toEqual(['stance:Stance:entity:us->topic:ceasefire:favor']);
    expect(heavy.nodes.map((x) => x.id).sort()).toEqual(['entity:us', 'topic:ceasefire']);
    expect(buildNetwork({ schema, entities, docs }, { values: ['against'], kinds: ['stance'] }).edges.every((e) => e.value === 'against')).toBe(true);
    expect(buildNetwork({ schema, entities, docs }, { frameTypes: ['Agreement'] }).edges.every((e) => e.kind === 'agreement')).toBe(true);
    expect(buildNetwork({ schema, entities, docs: docs.map((d) => ({ ...d, status: d.id === 'd1' ? 'done' : 'in_progress' })) }, { statuses: ['done'] }).documents.map((d) => d.id)).toEqual(['d1']);
  });

  it('gives unlinked mentions a node of their normalised words, marked unlinked, and skips incomplete frames', () => {
    const m = (id: string, quote: string, label: string, entityId?: string): Mention => ({ id, label, start: 0, end: quote.length, quote, entityId, origin: 'manual', author: 'a', createdAt: '' });
    const mentions = [m('m1', 'Hamas', 'ORG'), m('m2', ' HAMAS,', 'ORG'), m('m3', 'truce', 'TOPIC'), m('m4', 'Washington', 'GPE', 'us')];
    const mf = (id: string): RoleFiller => ({ kind: 'mention', mentionId: id });
    const frames = [stance(mf('m1'), mf('m3'), 'against'), stance(mf('m2'), topic('Truce'), 'against'), stance(mf('m4'), mf('m3'), 'favor'), stance(mf('m1'), mf('m3'), 'sideways'), { ...stance(mf('m1'), mf('m3'), 'favor'), roles: { Holder: [mf('m1')], Target: [] } }];
    const net2 = buildNetwork({ schema, entities, docs: [doc('x', '2024-05-01', frames, mentions)] });
    const hamas = net2.nodes.find((x) => x.id === 'text:hamas')!;
    expect(hamas).toMatchObject({ label: 'Hamas', kind: 'mention', type: 'ORG', unlinked: true, entityId: null });
    expect(net2.nodes.find((x) => x.id === 'topic:truce')).toMatchObject({ kind: 'topic', unlinked: true });
    expect(weightOf(net2, 'stance', 'text:hamas', 'topic:truce', 'against')).toBe(2);
    expect(weightOf(net2, 'stance', 'entity:us', 'topic:truce', 'favor')).toBe(1);
    expect(weightOf(net2, 'conflict', 'entity:us', 'text:hamas', 'favor/against')).toBe(1);
    expect(net2.incomplete).toBe(2);
    expect(net2.counted).toBe(3);
  });

  it('compares two analysts: edges only one has', () => {
    const other = buildNetwork({ schema, entities, docs: [docs[1]] });
    const cmp = compareNetworks(net, other);
    expect(cmp.onlyRight).toHaveLength(0);
    expect(cmp.onlyLeft.some((e) => e.kind === 'agreement' && e.value === 'proposed')).toBe(true);
    expect(cmp.reweighted.map(([l, r]) => [l.weight, r.weight])).toContainEqual([2, 1]);
    // The other way round: what only the whole corpus has is named as its own network names it.
    const back = compareNetworks(other, net);
    expect(back.onlyRight.some((e) => e.source === 'entity:eu')).toBe(true);
    expect(back.rightLabels['entity:eu']).toBe('European Union');
    expect(Object.keys(back.rightLabels).sort()).toEqual([...new Set(back.onlyRight.flatMap((e) => [e.source, e.target]))].sort());
  });
});
