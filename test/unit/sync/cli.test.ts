import { join } from 'node:path';
import { parley } from '../parley';
import { describe, expect, it, vi } from 'vitest';
import { editEntities, tag, tempDir } from './team';

// Syncs spawn no git, but several repositories per test make them slow on a busy machine.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 60_000 });

describe('parley share, join, sync, conflicts, history and restore', () => {
  it('works as a team from the command line', async () => {
    const base = await tempDir();
    const lead = join(base, 'lead');
    const remote = join(base, 'shared.git');
    expect((await parley('init', '--workspace', lead)).code).toBe(0);
    const shared = await parley('share', '--workspace', lead, '--remote', remote, '--annotator', 'lead');
    expect(shared.stdout).toMatch(/Shared .* to .*shared\.git: 5 documents/);
    const ana = join(base, 'ana');
    const ben = join(base, 'ben');
    expect((await parley('join', remote, ana, '--annotator', 'ana')).stdout).toMatch(/as ana: 5 documents/);
    expect((await parley('join', `file://${remote}`, ben, '--annotator', 'ben')).code).toBe(0);

    const doc = '000_6fed144dc0cfb78b';
    await tag(ana, 'ana', doc, 'Lavrov', 'PERSON');
    await editEntities(ana, () => [{ id: 'e1', type: 'PERSON', name: 'Sergey Lavrov', aliases: [] }]);
    const sent = await parley('sync', '--workspace', ana);
    expect(sent.stdout).toContain('Went out: 1 layer (ana 1), 1 entity added');
    expect(sent.stdout).toContain('Up to date');

    await editEntities(ben, () => [{ id: 'e1', type: 'PERSON', name: 'Sergei Lavrov', aliases: [] }]);
    const clash = await parley('sync', '--workspace', ben);
    expect(clash.code).toBe(1);
    expect(clash.stdout).toContain('Came in: 1 layer (ana 1), 1 conflict recorded');
    expect(clash.stdout).toContain(`Choose with: parley conflicts --workspace ${ben} --resolve N`);
    expect(clash.stdout).toContain('entity e1 in entities.json: added differently on both sides');
    expect(clash.stdout).toContain('"name":"Sergei Lavrov"');
    expect(clash.stdout).toContain('"name":"Sergey Lavrov"');
    const chosen = await parley('conflicts', '--workspace', ben, '--resolve', '1', '--take', 'theirs');
    expect(chosen.stdout).toContain("kept ana's version");
    expect((await parley('sync', '--workspace', ben)).code).toBe(0);
    expect((await parley('conflicts', '--workspace', ben)).stdout).toContain('No conflicts.');

    await tag(ana, 'ana', doc, 'Kerry', 'PERSON');
    await parley('sync', '--workspace', ana);
    const history = await parley('history', '--workspace', ana, '--doc', doc);
    const lines = history.stdout.trim().split('\n');
    expect(lines.filter((l) => l.includes("ana's layer"))).toHaveLength(2);
    const first = lines.filter((l) => l.includes("ana's layer")).pop()!;
    expect(first).toMatch(/ana's layer added\tin_progress, \d+ mentions/);
    const restored = await parley('restore', '--workspace', ana, '--sync', first.split('\t')[0], '--annotator', 'ana', '--doc', doc);
    expect(restored.stdout).toMatch(/Restored ana's layer on .* as at [0-9a-f]{10}/);
  }, 300_000);
});
