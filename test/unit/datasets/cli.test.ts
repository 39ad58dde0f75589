import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../../src/main/workspace';
import { CLI } from '../../../bench/cli';
import { removeTempDirs, sampleWorkspace, snapshot, tempDir } from './fixtures';

afterAll(removeTempDirs);

/** Runs `parley` from the sources, as a person would from a shell. */
async function parley(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // The CLI is another process: this one lets go of the folder first, as a closed window would.
  const ws = args.indexOf('--workspace');
  if (ws >= 0) Workspace.release(args[ws + 1]);
  const home = await tempDir('parley-home-');
  await writeFile(join(home, 'settings.json'), JSON.stringify({ annotator: 'ana', lastDocuments: {} }));
  const r = spawnSync(process.execPath, [...CLI, ...args], { encoding: 'utf8', env: { ...process.env, PARLEY_HOME: home } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Each run starts Node with tsx; on a busy machine that takes seconds.
describe('parley export and import', { timeout: 180_000 }, () => {
  it('export prints what was written and dropped; the same output again is refused', async () => {
    const { root, ws } = await sampleWorkspace();
    const out = join(root, 'conll');
    const r = await parley('export', '--workspace', ws.root, '--format', 'conll', '--out', out, '--status', 'done,in_progress', '--scheme', 'bioes');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Exported 2 documents, 8 mentions and 0 frames as conll to ${out} (1 file).`);
    expect(r.stdout).toMatch(/^ {2}1\tmention overlapping a longer or earlier one \(CoNLL tags cannot nest\)$/m);
    expect(r.stdout).toMatch(/^ {2}2\tframe \(CoNLL holds only mention tags\)$/m);
    expect(r.stdout).toContain('Note: 1 pending suggestion(s) were left out');
    expect(await readdir(out)).toEqual(['documents.conll']);

    const again = await parley('export', '--workspace', ws.root, '--format', 'native', '--out', out);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`${out} already exists and is not an empty folder; Parley never overwrites an export.`);
  });

  it('import applies the plan and lists what it skipped; bad input exits 1 with file:line and changes nothing', async () => {
    const { root, ws } = await sampleWorkspace();
    const out = join(root, 'native');
    expect((await parley('export', '--workspace', ws.root, '--format', 'native', '--out', out, '--annotator', 'gold')).code).toBe(0);
    const r = await parley('import', '--workspace', ws.root, out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Read 1 file as native (detected): 1 document, labels for gold.');
    expect(r.stdout).toMatch(/^skipped kerry: gold already has labels on this document \(3 mention\(s\)\)/m);
    expect(r.stdout).toContain('0 documents added, 0 layers written, 0 entities added; 1 document skipped (see above).');
    const bob = await parley('import', '--workspace', ws.root, '--annotator', 'bob', out);
    expect(bob.stdout).toContain('1 layer written');
    expect(JSON.parse(await readFile(ws.layerPath('bob', 'kerry'), 'utf8')).mentions).toHaveLength(3);

    const bad = join(root, 'bad.jsonl');
    const lines = (await readFile(join(out, 'documents.jsonl'), 'utf8')).split('\n');
    await writeFile(bad, [lines[0], lines[1].replace('"label":"LOC"', '"label":"PLACE"')].join('\n'));
    const before = await snapshot(ws.root);
    const failed = await parley('import', '--workspace', ws.root, '--annotator', 'cy', bad);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('parley: the files use label the workspace schema lacks: PLACE (1 mention, first in document kerry); nothing was imported.');
    expect(failed.stderr).toContain('--map PLACE=PERSON');
    expect(await snapshot(ws.root)).toEqual(before);
  });

  it('maps, drops and adds the labels of a CoNLL-2003 file the schema lacks', async () => {
    const { root, ws } = await sampleWorkspace();
    const file = join(root, 'eng.train');
    await writeFile(file, ['-DOCSTART- -X- -X- O', '', 'Lavrov NNP B-NP B-PER', 'met NN I-NP O', 'Kerry NNP I-NP B-PER', 'in IN B-PP O', 'Geneva NNP B-NP B-LOC', 'on IN B-PP O', 'Syrian JJ B-NP B-MISC', 'talks NNS I-NP O', '.  . O O', ''].join('\n'));
    const before = await snapshot(ws.root);
    const refused = await parley('import', '--workspace', ws.root, '--format', 'conll', '--annotator', 'cy', file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('PER (2 mentions, first in document eng), MISC (1 mention, first in document eng)');
    expect(await snapshot(ws.root)).toEqual(before);

    const badTarget = await parley('import', '--workspace', ws.root, '--format', 'conll', '--map', 'PER=PERSONS', file);
    expect(badTarget.code).toBe(1);
    expect(badTarget.stderr).toContain('the label map sends PER to PERSONS, which is not a label of this workspace');

    const r = await parley('import', '--workspace', ws.root, '--format', 'conll', '--annotator', 'cy', '--map', 'PER=PERSON,MISC=-', file);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('warning: 2 PER mention(s) imported as PERSON');
    expect(r.stdout).toContain('warning: 1 MISC mention(s) dropped, as the label map asks');
    const layer = JSON.parse(await readFile(ws.layerPath('cy', 'eng'), 'utf8'));
    expect(layer.mentions.map((m: { label: string; quote: string }) => `${m.label} ${m.quote}`)).toEqual(['PERSON Lavrov', 'PERSON Kerry', 'LOC Geneva']);

    const added = await parley('import', '--workspace', ws.root, '--format', 'conll', '--annotator', 'dee', '--map', 'PER=PERSON', '--add-labels', 'MISC', file);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('label MISC added to the schema');
    const schema = JSON.parse(await readFile(join(ws.root, 'schema.json'), 'utf8')).schema;
    expect(schema.labels.map((l: { name: string }) => l.name)).toContain('MISC');
  });

  it('--skip-invalid imports the good brat documents and prints each skipped one with file, line and problem; without it nothing is imported', async () => {
    const { root, ws } = await sampleWorkspace();
    const dir = join(root, 'brat');
    await mkdir(dir);
    await writeFile(join(dir, 'geneva.txt'), 'Kerry met Lavrov in Geneva.');
    await writeFile(join(dir, 'geneva.ann'), 'T1\tPERSON 0 5\tKerry\nT2\tPERSON 10 16\tLavrov\nT3\tGPE 20 26\tGeneva\n');
    await writeFile(join(dir, 'minsk.txt'), 'Talks resumed in Minsk.');
    await writeFile(join(dir, 'minsk.ann'), 'T1\tGPE 17 22\tMinsk\nT2\tGPE 17 22 Minsk\n');
    const before = await snapshot(ws.root);
    const refused = await parley('import', '--workspace', ws.root, '--format', 'brat', '--annotator', 'cy', dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/minsk\.ann:2: cannot read this line; expected "T1<TAB>LABEL START END<TAB>text"/);
    expect(await snapshot(ws.root)).toEqual(before);

    const r = await parley('import', '--workspace', ws.root, '--format', 'brat', '--annotator', 'cy', '--skip-invalid', dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^warning: skipped: brat\/minsk\.ann:2: cannot read this line; expected "T1<TAB>LABEL START END<TAB>text"/m);
    expect(r.stdout).toContain('1 document added');
    expect(JSON.parse(await readFile(ws.layerPath('cy', 'geneva'), 'utf8')).mentions).toHaveLength(3);
  });

  it('plain text files still import as documents', async () => {
    const { root, ws } = await sampleWorkspace();
    await writeFile(join(root, 'emoji.txt'), 'Talks in Gene\u0300va 🇷🇺: Mu\u0308ller met Lavrov.\n');
    const r = await parley('import', '--workspace', ws.root, join(root, 'emoji.txt'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('imported emoji-2\tTalks in Gene\u0300va 🇷🇺: Mu\u0308ller met Lavrov.');
    expect(r.stdout).toContain('1 document added');
  });

  it('usage mistakes exit 2 and say what is missing', async () => {
    const { ws } = await sampleWorkspace();
    const r = await parley('export', '--workspace', ws.root, '--out', 'x');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format is required');
    const s = await parley('export', '--workspace', ws.root, '--format', 'native', '--out', 'x', '--split', '80,20');
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('--split takes three percentages');
    const f = await parley('export', '--workspace', ws.root, '--format', 'nope', '--out', 'x');
    expect(f.code).toBe(2);
    expect(f.stderr).toMatch(/--format: /);
  });
});
