/**
 * `parley network` on the sample corpus with its 33 labelled frames, read
 * back by parsers other than our writers: fast-xml-parser here, and networkx
 * where python3 has it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { parley } from '../parley';

const hasNetworkx = spawnSync('python3', ['-c', 'import networkx'], { stdio: 'ignore' }).status === 0;
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['node', 'edge', 'data', 'key', 'attvalue', 'attribute', 'attributes', 'spell'].includes(name) });
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-network-'));
  expect((await parley('init', '--workspace', join(dir, 'ws'))).code).toBe(0);
  expect((await parley('import', '--workspace', join(dir, 'ws'), '--annotator', 'ann', 'test/fixtures/seeds-labelled.jsonl')).code).toBe(0);
  for (const format of ['graphml', 'gexf', 'csv', 'json']) {
    const r = await parley('network', '--workspace', join(dir, 'ws'), '--annotator', 'ann', '--format', format, '--out', join(dir, format === 'csv' ? 'csv' : `net.${format}`));
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/from 33 complete frames in 5 documents/);
  }
}, 60_000);

describe('parley network', () => {
  it('writes GraphML whose declared attributes hold every node and edge, weights adding up to the frames', async () => {
    const doc = xml.parse(await readFile(join(dir, 'net.graphml'), 'utf8'));
    const keys = new Map<string, string>(doc.graphml.key.map((k: Record<string, string>) => [k['@id'], `${k['@for']}:${k['@attr.name']}`]));
    expect([...keys.values()]).toEqual(expect.arrayContaining(['node:label', 'node:type', 'node:entity_id', 'edge:kind', 'edge:polarity', 'edge:status', 'edge:weight', 'edge:documents', 'edge:first', 'edge:last']));
    const attrs = (el: { data: { '@key': string; '#text': string | number | boolean }[] }) => Object.fromEntries(el.data.map((d) => [keys.get(d['@key'])!.split(':')[1], d['#text']]));
    const edges = doc.graphml.graph.edge.map(attrs);
    const sum = (kind: string) => edges.filter((e: Record<string, unknown>) => e.kind === kind).reduce((s: number, e: Record<string, unknown>) => s + Number(e.weight), 0);
    // Every agreement in the sample has two parties, so stance and agreement weights together count each frame once.
    expect(sum('stance') + sum('agreement')).toBe(33);
    expect(edges.every((e: Record<string, unknown>) => e.documents && (e.polarity || e.status))).toBe(true);
    expect(doc.graphml.graph.node.map(attrs).every((n: Record<string, unknown>) => n.label && n.type)).toBe(true);
  });

  it('writes GEXF with spells from article dates and a running count per date', async () => {
    const doc = xml.parse(await readFile(join(dir, 'net.gexf'), 'utf8'));
    const graph = doc.gexf.graph;
    expect(graph['@mode']).toBe('dynamic');
    expect(graph['@timeformat']).toBe('date');
    const dated = graph.edges.edge.filter((e: { spells?: unknown }) => e.spells);
    expect(dated.length).toBeGreaterThan(0);
    for (const e of dated) expect(e.spells.spell[0]['@start']).toMatch(/^2016-\d\d-\d\d$/);
    expect(graph.edges.edge.reduce((s: number, e: Record<string, string>) => s + Number(e['@weight']), 0)).toBeGreaterThanOrEqual(33);
  });

  it('writes CSV node and edge lists and JSON that agree with each other', async () => {
    const nodes = (await readFile(join(dir, 'csv', 'nodes.csv'), 'utf8')).trim().split('\r\n');
    const edges = (await readFile(join(dir, 'csv', 'edges.csv'), 'utf8')).trim().split('\r\n');
    const json = JSON.parse(await readFile(join(dir, 'net.json'), 'utf8'));
    expect(nodes[0]).toBe('Id,Label,type,kind,entity_id,unlinked,weighted_degree,first,last');
    expect(nodes.length - 1).toBe(json.nodes.length);
    expect(edges.length - 1).toBe(json.edges.length);
    expect(json.frames).toHaveLength(33);
  });

  it.skipIf(!hasNetworkx)('opens in networkx with every attribute (skipped where python3 lacks networkx)', () => {
    const script = `
import networkx as nx, json, sys
g = nx.read_graphml(sys.argv[1]); h = nx.read_gexf(sys.argv[2])
def total(G): return sum(d['weight'] for _, _, d in G.edges(data=True) if d['kind'] in ('stance', 'agreement'))
need_e = {'kind', 'weight', 'documents', 'frames'}
print(json.dumps({'graphml': total(g), 'gexf': total(h), 'nodes': g.number_of_nodes(),
  'edges_ok': all(need_e <= set(d) and ('polarity' in d or 'status' in d) and (d['kind'] not in ('stance', 'agreement') or 'frame_type' in d) for _, _, d in g.edges(data=True)),
  'nodes_ok': all({'label', 'type', 'kind'} <= set(d) for _, d in g.nodes(data=True)),
  'spells': sum(1 for _, d in h.nodes(data=True) if d.get('spells'))}))`;
    const r = JSON.parse(execFileSync('python3', ['-c', script, join(dir, 'net.graphml'), join(dir, 'net.gexf')], { encoding: 'utf8' }));
    expect(r).toMatchObject({ graphml: 33, gexf: 33, edges_ok: true, nodes_ok: true });
    expect(r.spells).toBeGreaterThan(0);
  });

  it('refuses a wrong option with the option and what it takes', async () => {
    const r = await parley('network', '--workspace', join(dir, 'ws'), '--format', 'graphml', '--out', join(dir, 'x.graphml'), '--kind', 'friendship');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--kind takes stance, agreement, congruence, conflict \(not friendship\)/);
  });
});
