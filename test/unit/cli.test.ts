import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { emptyLayer } from '../../src/core/model';
import { makeDocument, Workspace } from '../../src/main/workspace';
import { CLI } from '../../bench/cli';

const run = promisify(execFile);

async function parley(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [...CLI, ...args], { env: { ...process.env, PARLEY_HOME: await mkdtemp(join(tmpdir(), 'parley-home-')) } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** Two analysts' layers on the first sample article, written as files like the app does. */
async function twoAnalysts(benNotes = false): Promise<string> {
  const ws = join(await mkdtemp(join(tmpdir(), 'parley-cli-')), 'ws');
  expect((await parley('init', '--workspace', ws)).code).toBe(0);
  const id = '000_6fed144dc0cfb78b';
  const doc = JSON.parse(await readFile(join(ws, 'documents', `${id}.json`), 'utf8'));
  const m = (mid: string, quote: string, label: string) => {
    const start = doc.text.indexOf(quote);
    return { id: mid, label, start, end: start + quote.length, quote, origin: 'manual', author: 'x', createdAt: 'n' };
  };
  const layer = (annotator: string, mentions: unknown[], frames: unknown[] = []) => ({
    version: 1, docId: id, annotator, textHash: doc.sha256, status: 'done', mentions, frames, fields: {}, updatedAt: 'n', history: { undo: [], redo: [] },
  });
  const stance = (holder: string, polarity: string) => ({
    id: 'f1', type: 'Stance', evidence: { start: 0, end: 6, quote: doc.text.slice(0, 6) }, roles: { Holder: [{ kind: 'mention', mentionId: holder }], Target: [{ kind: 'topic', text: 'the pause' }] },
    attrs: { Polarity: polarity }, origin: 'manual', author: 'x', createdAt: 'n',
  });
  for (const [who, ms, fs] of [
    ['ana', [m('a1', 'Lavrov', 'PERSON'), m('a2', 'Kerry', 'PERSON'), m('a3', 'MOSCOW', 'GPE')], [stance('a1', 'favor')]],
    ['ben', [m('b1', 'Lavrov', 'PERSON'), m('b2', 'Kerry', 'ORG'), ...(benNotes ? [{ ...m('b3', 'MOSCOW', 'GPE'), note: 'the government' }] : [])], [stance('b1', 'favor')]],
  ] as const) {
    await mkdir(join(ws, 'annotations', who), { recursive: true });
    await writeFile(join(ws, 'annotations', who, `${id}.json`), JSON.stringify(layer(who, [...ms], [...fs])));
  }
  return ws;
}

describe('parley CLI', () => {
  it('agreement prints the report, and --json has the documented keys', async () => {
    const ws = await twoAnalysts();
    const table = await parley('agreement', '--workspace', ws);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/Agreement between ana, ben over 1 document/);
    expect(table.stdout).toMatch(/overall/);
    const json = await parley('agreement', '--workspace', ws, '--annotators', 'ana,ben', '--json');
    const r = JSON.parse(json.stdout);
    // ana and ben agree exactly on Lavrov only: 1 of 3 and 1 of 2 mentions.
    expect(r.mentions.f1_exact).toBeCloseTo((2 * (1 / 2) * (1 / 3)) / (1 / 2 + 1 / 3), 9);
    for (const key of ['f1_overlap']) expect(typeof r.mentions[key]).toBe('number');
    for (const key of ['cohen_kappa', 'fleiss_kappa', 'krippendorff_alpha']) expect(r.tokens).toHaveProperty(key);
    expect(r.labels.PERSON).toHaveProperty('f1_exact');
    expect(r.frames.types.Stance.matched).toBe(1);
    // The same stance on both sides: holders by span, the topic, the polarity.
    expect(r.frames).toMatchObject({ f1_exact: 1, f1_entity: 1, roles: { Holder: { f1: 1 }, Target: { f1: 1 } } });
    expect(r.frames.attributes.Polarity).toMatchObject({ agreement: 1, confusion: { values: ['favor'], matrix: [[1]] } });
  });

  it('agreement names what is missing', async () => {
    const ws = await twoAnalysts();
    const r = await parley('agreement', '--workspace', ws, '--annotators', 'ana,zed');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no annotator zed/);
  });

  it('export --format csv writes mentions.csv, stances.csv and agreements.csv', async () => {
    const ws = await twoAnalysts();
    const out = join(ws, '..', 'csv');
    const r = await parley('export', '--workspace', ws, '--format', 'csv', '--annotator', 'ana', '--out', out);
    expect(r.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['agreements.csv', 'mentions.csv', 'stances.csv']);
    const stances = await readFile(join(out, 'stances.csv'), 'utf8');
    expect(stances.split('\n')[1]).toContain('Lavrov');
    expect(stances.split('\n')[1]).toContain('favor');
  });

  it('a missing workspace exits 2 and says how to create one', async () => {
    const r = await parley('list', '--workspace', join(tmpdir(), 'no-such-parley-workspace'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/parley init --workspace/);
  });

  it('validate reports a hand-corrupted file by path and line, and leaves it as it is', async () => {
    const ws = await twoAnalysts();
    const file = join(ws, 'annotations', 'ben', '000_6fed144dc0cfb78b.json');
    const broken = (await readFile(file, 'utf8')).slice(0, 120);
    await writeFile(file, broken);
    const r = await parley('validate', '--workspace', ws);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${file}: line 1: not valid JSON`);
    expect(r.stdout).toMatch(/1 problem found; no file was changed/);
    expect(await readFile(file, 'utf8')).toBe(broken);
    expect((await parley('validate', '--workspace', await twoAnalysts())).code).toBe(0);
  });

  it('validate reads many files at once and still names each problem by its file, in the order of the document list', async () => {
    const ws = join(await mkdtemp(join(tmpdir(), 'parley-cli-')), 'ws');
    const docs = Array.from({ length: 300 }, (_, i) => makeDocument(`d${String(i).padStart(3, '0')}`, `Document ${i}`, `Lavrov met Kerry in Geneva on day ${i}.`, {}));
    const created = await Workspace.create(ws, 'many', docs);
    created.close();
    const edited = join(ws, 'documents', 'd137.json');
    const doc = JSON.parse(await readFile(edited, 'utf8'));
    await writeFile(edited, JSON.stringify({ ...doc, text: doc.text.replace('Geneva', 'Vienna') }));
    const torn = join(ws, 'documents', 'd262.json');
    await writeFile(torn, (await readFile(torn, 'utf8')).slice(0, 40));
    await mkdir(join(ws, 'annotations', 'ana'), { recursive: true });
    const layer = join(ws, 'annotations', 'ana', 'd200.json');
    await writeFile(layer, JSON.stringify({ ...emptyLayer('d200', 'ana', 'not-the-hash') }));
    const r = await parley('validate', '--workspace', ws);
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n')).toEqual([
      `${edited}: the text does not match its sha256: the text was edited after import`,
      `${layer}: made for a different version of the text (hash mismatch): it is kept but not applied`,
      expect.stringContaining(`${torn}: line 1: not valid JSON`),
      '3 problems found; no file was changed.',
    ]);
  });

  it('list shows mention counts per label', async () => {
    const ws = await twoAnalysts();
    const home = await mkdtemp(join(tmpdir(), 'parley-home-'));
    await writeFile(join(home, 'settings.json'), JSON.stringify({ annotator: 'ana', lastDocuments: {} }));
    const r = await run(process.execPath, [...CLI, 'list', '--workspace', ws], { env: { ...process.env, PARLEY_HOME: home } });
    expect(r.stdout.split('\n')[0]).toMatch(/mentions=3\tframes=1\tPERSON=2 GPE=1/);
  });

  it('adjudicate --accept-agreed puts what all agree on into gold, frames with their mentions, and export sees it', async () => {
    const ws = await twoAnalysts();
    const before = await parley('adjudicate', '--workspace', ws, '--annotators', 'ana,ben');
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/Nothing was changed/);
    expect(before.stdout).toMatch(/Remaining to decide: 3 mention items and 1 frame item/);

    const r = await parley('adjudicate', '--workspace', ws, '--annotators', 'ana,ben', '--accept-agreed', '--json');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    // Lavrov and the stance are agreed; Kerry (PERSON vs ORG) and MOSCOW (ana only) remain.
    expect(summary).toMatchObject({ annotators: ['ana', 'ben'], accepted: { mentions: 1, frames: 1 }, remaining: { mentions: 2, frames: 0 } });
    expect(summary.documents[0]).toMatchObject({ docId: '000_6fed144dc0cfb78b', undecided: { mentions: 2, frames: 0 } });
    // Running it again accepts nothing more.
    const again = JSON.parse((await parley('adjudicate', '--workspace', ws, '--annotators', 'ana,ben', '--accept-agreed', '--json')).stdout);
    expect(again.accepted).toEqual({ mentions: 0, frames: 0 });

    // Gold agrees with ana exactly on the stance.
    const agreement = JSON.parse((await parley('agreement', '--workspace', ws, '--annotators', 'ana,gold', '--json')).stdout);
    expect(agreement.frames.f1_exact).toBe(1);

    const out = join(ws, '..', 'gold-brat');
    expect((await parley('export', '--workspace', ws, '--format', 'brat', '--annotator', 'gold', '--out', out)).code).toBe(0);
    const ann = await readFile(join(out, '000_6fed144dc0cfb78b.ann'), 'utf8');
    expect(ann).toMatch(/^T1\tPERSON \d+ \d+\tLavrov$/m);
    expect(ann).toMatch(/^E1\tStance:T2 Holder:T1$/m);
    expect(ann).toMatch(/^A\d+\tPolarity E1 favor$/m);
    expect(ann.match(/\tPERSON /g)).toHaveLength(1);
  }, 120_000);

  it('adjudicate reports apart what differs only in a link or note, and --accept-link-differences takes it', async () => {
    const ws = await twoAnalysts(true);
    const r = await parley('adjudicate', '--workspace', ws, '--annotators', 'ana,ben', '--accept-agreed');
    expect(r.stdout).toMatch(/what all agree on: 1 mention and 1 frame/);
    expect(r.stdout).toMatch(/Agreed on span and label, differ in link or note: 1 /);
    const both = JSON.parse((await parley('adjudicate', '--workspace', ws, '--annotators', 'ana,ben', '--accept-agreed', '--accept-link-differences', '--json')).stdout);
    expect(both).toMatchObject({ accepted: { mentions: 1, frames: 0 }, linkOnly: 0, remaining: { mentions: 1 } });
    const read = await Workspace.open(ws, { readOnly: true });
    const gold = (await read.layer('gold', '000_6fed144dc0cfb78b')).data;
    read.close();
    expect(gold.mentions.find((x) => x.quote === 'MOSCOW')).toMatchObject({ label: 'GPE', note: 'the government' });
  }, 120_000);

  it('adjudicate names what is missing', async () => {
    const ws = await twoAnalysts();
    const r = await parley('adjudicate', '--workspace', ws);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--annotators a,b is required/);
  });
});
