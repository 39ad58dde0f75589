import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parley } from './parley';
import { describe, expect, it } from 'vitest';
import { labelledSeeds, labelledWorkspace } from '../fixtures/seeds';


/** Every file under a folder with the hash of its bytes. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const p = join(e.parentPath, e.name);
    out[p] = createHash('sha256').update(await readFile(p)).digest('hex');
  }
  return out;
}

describe('parley suggest', () => {
  it('prints one document’s suggestions learned from two labelled articles, as a table and as JSON, changing no file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-suggest-cli-'));
    const { session } = await labelledWorkspace(dir, 2);
    const ws = session.workspace.root;
    const docId = labelledSeeds()[3].document.id;
    const before = await snapshot(ws);

    const table = await parley('suggest', '--workspace', ws, '--doc', docId);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/learned from 2 labelled layers/);
    expect(table.stdout).toMatch(/start\s+end\s+label\s+score\s+source\s+quote/);
    expect(table.stdout).toMatch(/\d+\s+\d+\s+PERSON\s+\d\.\d\d\s+tagger\s+Sergei Lavrov/);
    expect(table.stdout).toMatch(/Agreement\s+Status=reached\s+0\.\d\d\s+lexicon\s+cue “brokered an agreement”/);
    expect(table.stdout).toMatch(/Party: Kerry \(\d+-\d+\) \| Lavrov \(/);

    const json = await parley('suggest', '--workspace', ws, '--doc', docId, '--from', 'ana', '--json');
    expect(json.code).toBe(0);
    const s = JSON.parse(json.stdout);
    expect(s).toMatchObject({ docId, trainedOn: 2, threshold: 0.5 });
    expect(s.mentions[0]).toEqual({ start: expect.any(Number), end: expect.any(Number), quote: expect.any(String), label: expect.any(String), score: expect.any(Number), source: expect.any(String) });
    expect(s.frames.some((f: { roles: Record<string, unknown[]> }) => f.roles.Party?.length >= 2)).toBe(true);

    expect(await snapshot(ws)).toEqual(before);
  }, 120_000);

  it('names what is missing: the document, the annotator, the --doc option', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-suggest-cli-'));
    const { session } = await labelledWorkspace(dir, 1);
    const ws = session.workspace.root;
    expect(await parley('suggest', '--workspace', ws)).toMatchObject({ code: 2, stderr: expect.stringMatching(/--doc ID is required/) });
    expect(await parley('suggest', '--workspace', ws, '--doc', 'nope')).toMatchObject({ code: 2, stderr: expect.stringMatching(/nope/) });
    expect(await parley('suggest', '--workspace', ws, '--doc', labelledSeeds()[1].document.id, '--from', 'zed')).toMatchObject({ code: 2, stderr: expect.stringMatching(/no annotator zed.*ana/) });
  }, 120_000);
});

describe('parley agreement --with-suggestions', () => {
  it('puts the recommender beside the analyst as a pseudo-annotator trained on the other documents, and writes nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-suggest-cli-'));
    const { session } = await labelledWorkspace(dir, 3);
    const ws = session.workspace.root;
    const before = await snapshot(ws);
    // One analyst: no agreement between analysts, and no error for it.
    expect((await parley('agreement', '--workspace', ws)).code).not.toBe(0);
    const table = await parley('agreement', '--workspace', ws, '--with-suggestions');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/Only one analyst/);
    expect(table.stdout).toMatch(/ana vs \(recommender\): 3 documents, f1_exact 0\.\d{3}, f1_overlap 0\.\d{3}, cohen_kappa 0\.\d{3}/);
    expect(table.stdout).toMatch(/Time per mention: accepted suggestion/);
    expect(table.stdout).toMatch(/Suggestions answered: 0/);
    const json = JSON.parse((await parley('agreement', '--workspace', ws, '--with-suggestions', '--json')).stdout);
    expect(json.suggestions.agreement).toEqual([expect.objectContaining({ annotator: 'ana', documents: 3 })]);
    // Learned from two articles, the recommender agrees with the third's labels far more than by chance.
    expect(json.suggestions.agreement[0].f1_exact).toBeGreaterThan(0.3);
    expect(await snapshot(ws)).toEqual(before);
  }, 120_000);
});
