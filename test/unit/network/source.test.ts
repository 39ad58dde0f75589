/** The network the view asks for is built once per state of the workspace: asked again, it is the same; after a change, built anew. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { networkOf } from '../../../src/main/network/source';
import { runSchemaMigration } from '../../../src/main/schemes/migrate';
import { Workspace } from '../../../src/main/workspace';
import { parley } from '../parley';

describe('networkOf', () => {
  it('gives the network built for the same layers, schema, registry and filter, and builds it again after a change', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-network-source-'));
    expect((await parley('init', '--workspace', join(dir, 'ws'))).code).toBe(0);
    expect((await parley('import', '--workspace', join(dir, 'ws'), '--annotator', 'ann', 'test/fixtures/seeds-labelled.jsonl')).code).toBe(0);
    expect((await parley('import', '--workspace', join(dir, 'ws'), '--annotator', 'ben', 'test/fixtures/seeds-labelled.jsonl')).code).toBe(0);
    const ws = await Workspace.open(join(dir, 'ws'));
    try {
      const all = await networkOf(ws, 'ann');
      expect(all.counted).toBe(33);
      expect(await networkOf(ws, 'ann')).toBe(all);
      // Another filter and another analyst are networks of their own; the first is still kept.
      const stances = await networkOf(ws, 'ann', { kinds: ['stance'] });
      expect(stances).not.toBe(all);
      expect(stances.edges.every((e) => e.kind === 'stance')).toBe(true);
      const bens = await networkOf(ws, 'ben');
      expect(bens).not.toBe(all);
      expect(await networkOf(ws, 'ann')).toBe(all);
      expect(await networkOf(ws, 'ben')).toBe(bens);

      // A migration changes the schema and the layers: the network is built from them again.
      await runSchemaMigration(ws, { op: 'renameFrameType', from: 'Stance', to: 'Position' }, 'lead');
      const after = await networkOf(ws, 'ann');
      expect(after).not.toBe(all);
      expect(after.edges.filter((e) => e.kind === 'stance').every((e) => e.frameType === 'Position')).toBe(true);
      expect(after.counted).toBe(33);
    } finally {
      await ws.close();
    }
  }, 60_000);
});
