import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExportResult } from '../../../src/core/api/datasets';
import { runExport } from '../../../src/main/datasets/export';
import { makeDocument, Workspace } from '../../../src/main/workspace';
import { EMOJI_TEXT, exists, KERRY_TEXT, removeTempDirs, runJob, sampleWorkspace, sessionOn, tempDir, writeLayer } from './fixtures';

afterAll(removeTempDirs);

const lines = (text: string) => text.split('\n').filter(Boolean);
const jsonLines = (text: string) => lines(text).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('export to a folder', () => {
  it('native: a header, then one lossless line per document ana labelled, without pending suggestions', async () => {
    const { root, handlers, jobs } = await sampleWorkspace();
    const out = join(root, 'native');
    const job = await runJob(handlers, jobs, handlers['datasets.export']({ format: 'native', out }));
    expect(job.state).toBe('done');
    expect(job).toMatchObject({ kind: 'export', done: 2, total: 2 });
    expect(await readdir(out)).toEqual(['documents.jsonl']);
    const [header, emoji, kerry] = jsonLines(await readFile(join(out, 'documents.jsonl'), 'utf8'));
    expect(header).toMatchObject({ parley: 1, format: 'native', offsets: 'utf16' });
    expect(emoji).toMatchObject({ document: { id: 'emoji', text: EMOJI_TEXT }, annotator: 'ana', status: 'done', fields: { 'Overall tone': 'negative' } });
    expect((emoji.mentions as { id: string }[]).map((m) => m.id)).toEqual(['m1', 'm2', 'm3', 'm4', 'm6', 'm5']);
    expect((emoji.entities as { id: string }[]).map((e) => e.id).sort()).toEqual(['ent_lavrov', 'ent_muller']);
    expect(kerry).toMatchObject({ document: { id: 'kerry', text: KERRY_TEXT }, status: 'in_progress' });
    const result = job.result as ExportResult;
    expect(result).toMatchObject({ out, files: 1, report: { documents: 2, mentions: 9, frames: 2 } });
    expect(result.report.notes).toContain('1 pending suggestion(s) were left out');
  });

  it('brat: .txt unchanged, .ann with code-point offsets, and the configuration files', async () => {
    const { root, handlers, jobs } = await sampleWorkspace();
    const out = join(root, 'brat');
    expect((await runJob(handlers, jobs, handlers['datasets.export']({ format: 'brat', out }))).state).toBe('done');
    expect((await readdir(out)).sort()).toEqual(
      ['annotation.conf', 'emoji.ann', 'emoji.parley.json', 'emoji.txt', 'kerry.ann', 'kerry.parley.json', 'kerry.txt', 'visual.conf'].sort(),
    );
    expect(await readFile(join(out, 'emoji.txt'), 'utf8')).toBe(EMOJI_TEXT);
    const ann = await readFile(join(out, 'emoji.ann'), 'utf8');
    // "Mu\u0308ller" starts after "Lavrov 🇷🇺 told ": the flag is two code points but four UTF-16 units.
    const cp = [...EMOJI_TEXT.slice(0, EMOJI_TEXT.indexOf('Mu\u0308ller'))].length;
    expect(ann).toContain(`PERSON ${cp} ${cp + 7}\tMu\u0308ller`);
    expect(ann).toMatch(/^E\d\tStance:T\d+ Holder:T\d+ Target:T\d+$/m);
    expect(ann).not.toContain('ORG');
    expect(await readFile(join(out, 'annotation.conf'), 'utf8')).toContain('PERSON');
  });

  it('CoNLL: one token per line, nested mentions flattened and the drop reported', async () => {
    const { root, handlers, jobs } = await sampleWorkspace();
    const out = join(root, 'conll');
    const job = await runJob(handlers, jobs, handlers['datasets.export']({ format: 'conll', out, tagScheme: 'BIOES' }));
    const text = await readFile(join(out, 'documents.conll'), 'utf8');
    expect(text.startsWith('-DOCSTART-\tO\n\n')).toBe(true);
    expect(text).toContain('Lavrov\tS-PERSON\n');
    expect(text).toContain('talks\tB-EVENT\nin\tI-EVENT\nGeneva\tE-EVENT\n');
    const report = (job.result as ExportResult).report;
    expect(report.dropped).toContainEqual({ reason: 'mention overlapping a longer or earlier one (CoNLL tags cannot nest)', count: 1 });
    expect(report.dropped).toContainEqual({ reason: 'frame (CoNLL holds only mention tags)', count: 2 });
  });

  it('doccano, Label Studio, spaCy and CSV write files that parse', async () => {
    const { root, handlers, jobs } = await sampleWorkspace();
    for (const format of ['doccano', 'labelstudio', 'spacy', 'csv'] as const) {
      const out = join(root, format);
      const job = await runJob(handlers, jobs, handlers['datasets.export']({ format, out }));
      expect(job.state, format).toBe('done');
      const files = await readdir(out);
      expect(files.length, format).toBeGreaterThan(0);
      for (const f of files) {
        const text = await readFile(join(out, f), 'utf8');
        if (f.endsWith('.jsonl')) expect(jsonLines(text).length).toBeGreaterThan(0);
        else if (f.endsWith('.json')) expect(() => JSON.parse(text)).not.toThrow();
        else if (f.endsWith('.csv')) expect(lines(text).length).toBeGreaterThan(1);
      }
    }
  });

  it('plain text is import only', async () => {
    const { root, handlers } = await sampleWorkspace();
    await expect(handlers['datasets.export']({ format: 'text', out: join(root, 'x') })).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(handlers['datasets.exportPlan']({ format: 'text', out: join(root, 'x') })).rejects.toMatchObject({ code: 'invalid_argument' });
  });
});

describe('what an export selects', () => {
  it('filters by annotator, status and label; a frame keeps its other fillers', async () => {
    const { root, ws, handlers } = await sampleWorkspace();
    const gold = await handlers['datasets.exportPlan']({ format: 'native', out: join(root, 'g'), annotator: 'gold' });
    expect(gold).toEqual({ documents: 1, mentions: 3, frames: 0, splits: [], outExists: false });
    expect(await handlers['datasets.exportPlan']({ format: 'native', out: join(root, 'd'), statuses: ['done'] })).toMatchObject({ documents: 1, mentions: 6 });
    const untouched = await handlers['datasets.exportPlan']({ format: 'native', out: join(root, 'n'), statuses: ['not_started'] });
    expect(untouched.documents).toBe(1);

    const result = await runExport(ws, { format: 'native', out: join(root, 'people'), labels: ['PERSON'] }, 'ana');
    const [, emoji] = jsonLines(await readFile(join(root, 'people', 'documents.jsonl'), 'utf8'));
    expect((emoji.mentions as { label: string }[]).every((m) => m.label === 'PERSON')).toBe(true);
    const frames = emoji.frames as { id: string; roles: Record<string, unknown[]> }[];
    expect(frames.find((f) => f.id === 'f1')!.roles).toEqual({ Holder: [{ kind: 'mention', mentionId: 'm1' }], Target: [] });
    expect(frames.find((f) => f.id === 'f2')!.roles.Party).toHaveLength(3);
    expect(result.report.notes.join('\n')).toMatch(/frame filler\(s\) pointing at mentions left out were removed/);
    await expect(handlers['datasets.exportPlan']({ format: 'native', out: join(root, 'x'), labels: ['NOPE'] })).rejects.toMatchObject({ code: 'invalid_argument' });
  });

  it('an export that selects nothing fails and says which annotators have layers', async () => {
    const { root, ws } = await sampleWorkspace();
    await expect(runExport(ws, { format: 'native', out: join(root, 'none') }, 'zoe')).rejects.toThrow(/no document has a layer by zoe.*ana, gold/);
    expect(await readdir(root)).toEqual(['ws']);
  });
});

describe('output', () => {
  it('to a .zip file holding the same files as a folder export', async () => {
    const { root, ws } = await sampleWorkspace();
    await runExport(ws, { format: 'brat', out: join(root, 'folder') }, 'ana');
    const result = await runExport(ws, { format: 'brat', out: join(root, 'brat.zip') }, 'ana');
    expect(result.files).toBe(8);
    const entries = await readZip(join(root, 'brat.zip'));
    expect([...entries.keys()].sort()).toEqual((await readdir(join(root, 'folder'))).sort());
    for (const [name, data] of entries) expect(data, name).toBe(await readFile(join(root, 'folder', name), 'utf8'));
    expect((await readdir(root)).sort()).toEqual(['brat.zip', 'folder', 'ws']);
  });

  it('never overwrites: an existing file, zip or non-empty folder is refused; an empty folder is filled', async () => {
    const { root, ws, handlers } = await sampleWorkspace();
    await mkdir(join(root, 'full'));
    await writeFile(join(root, 'full', 'keep.txt'), 'mine');
    await writeFile(join(root, 'old.zip'), 'not really a zip');
    await writeFile(join(root, 'afile'), 'x');
    for (const out of ['full', 'old.zip', 'afile']) {
      expect((await handlers['datasets.exportPlan']({ format: 'native', out: join(root, out) })).outExists, out).toBe(true);
      await expect(runExport(ws, { format: 'native', out: join(root, out) }, 'ana'), out).rejects.toMatchObject({ code: 'conflict' });
    }
    expect(await readFile(join(root, 'full', 'keep.txt'), 'utf8')).toBe('mine');
    expect(await readFile(join(root, 'old.zip'), 'utf8')).toBe('not really a zip');
    await mkdir(join(root, 'empty'));
    expect((await handlers['datasets.exportPlan']({ format: 'native', out: join(root, 'empty') })).outExists).toBe(false);
    await runExport(ws, { format: 'native', out: join(root, 'empty') }, 'ana');
    expect(await readdir(join(root, 'empty'))).toEqual(['documents.jsonl']);
    // No temp folder is left beside them.
    expect((await readdir(root)).sort()).toEqual(['afile', 'empty', 'full', 'old.zip', 'ws']);
  });

  it('a missing parent folder is an error that names it', async () => {
    const { root, ws } = await sampleWorkspace();
    await expect(runExport(ws, { format: 'native', out: join(root, 'no', 'such', 'out') }, 'ana')).rejects.toMatchObject({ code: 'not_found', file: join(root, 'no', 'such') });
  });
});

async function corpus(n: number): Promise<{ root: string; ws: Workspace }> {
  const root = await tempDir();
  const docs = Array.from({ length: n }, (_, i) => makeDocument(`d${String(i).padStart(3, '0')}`, `Document ${i}`, `${KERRY_TEXT} (${i})`, {}));
  const ws = await Workspace.create(join(root, 'ws'), 'Corpus', docs);
  for (const d of docs) {
    await writeLayer(ws, 'ana', d.id, {
      status: 'done',
      mentions: [{ id: 'k1', label: 'PERSON', start: 0, end: 5, quote: 'Kerry', origin: 'manual', author: 'ana', createdAt: '2024-01-01T00:00:00.000Z' }],
      frames: [],
      fields: {},
    });
  }
  return { root, ws };
}

const idsIn = async (file: string) => jsonLines(await readFile(file, 'utf8')).slice(1).map((r) => (r.document as { id: string }).id);

describe('train/dev/test split', () => {
  it('is the same for the same seed, whatever the listing order, and cut at the percentages', async () => {
    const { root, ws } = await corpus(20);
    const split = { train: 60, dev: 20, test: 20, seed: 7 };
    const first = await runExport(ws, { format: 'native', out: join(root, 'a'), split }, 'ana');
    await runExport(ws, { format: 'native', out: join(root, 'b'), split }, 'ana');
    await runExport(ws, { format: 'native', out: join(root, 'c'), split: { ...split, seed: 8 } }, 'ana');
    expect((await readdir(join(root, 'a'))).sort()).toEqual(['dev', 'test', 'train']);
    const parts = { train: await idsIn(join(root, 'a', 'train', 'documents.jsonl')), dev: await idsIn(join(root, 'a', 'dev', 'documents.jsonl')), test: await idsIn(join(root, 'a', 'test', 'documents.jsonl')) };
    expect([parts.train.length, parts.dev.length, parts.test.length]).toEqual([12, 4, 4]);
    expect(new Set([...parts.train, ...parts.dev, ...parts.test]).size).toBe(20);
    for (const name of ['train', 'dev', 'test']) {
      expect(await readFile(join(root, 'b', name, 'documents.jsonl'), 'utf8')).toBe(await readFile(join(root, 'a', name, 'documents.jsonl'), 'utf8'));
    }
    expect(await idsIn(join(root, 'c', 'train', 'documents.jsonl'))).not.toEqual(parts.train);
    expect(first.report.documents).toBe(20);
    expect(first.report.notes).toContain('train: 12 documents, 12 mentions, 0 frames');

    const plan = await (await sessionOn(ws.root)).handlers['datasets.exportPlan']({ format: 'brat', out: join(root, 'p'), split: { train: 90, dev: 0, test: 10, seed: 1 } });
    expect(plan.splits).toEqual([
      { name: 'train', documents: 18 },
      { name: 'test', documents: 2 },
    ]);
  });

  it('percentages must add up to 100', async () => {
    const { root, ws } = await corpus(3);
    await expect(runExport(ws, { format: 'native', out: join(root, 'x'), split: { train: 80, dev: 10, test: 5, seed: 1 } }, 'ana')).rejects.toThrow(/add up to 95; expected 100/);
  });
});

describe('export jobs', () => {
  it('cancel stops the export and leaves nothing behind', async () => {
    const { root, ws } = await corpus(300);
    const { handlers, jobs } = await sessionOn(ws.root);
    const out = join(root, 'big.zip');
    const { jobId } = await handlers['datasets.export']({ format: 'brat', out });
    while ((await handlers['jobs.get']({ jobId })).done < 20) await new Promise((r) => setTimeout(r, 1));
    expect((await handlers['jobs.cancel']({ jobId })).state).toBe('running');
    const final = await jobs.settled(jobId);
    expect(final.state).toBe('cancelled');
    expect(await exists(out)).toBe(false);
    expect(await readdir(root)).toEqual(['ws']);
  });

  it('a layer that cannot be read fails the export with its path, and leaves nothing', async () => {
    const { root, ws } = await corpus(30);
    await writeFile(ws.layerPath('ana', 'd017'), '{"version": 1, "docId": ');
    const { handlers, jobs } = await sessionOn(ws.root);
    const job = await runJob(handlers, jobs, handlers['datasets.export']({ format: 'native', out: join(root, 'out') }));
    expect(job.state).toBe('failed');
    expect(job.error).toMatchObject({ code: 'corrupt_file', file: ws.layerPath('ana', 'd017') });
    expect(await readdir(root)).toEqual(['ws']);
  });

  it('an unknown job is not found', async () => {
    const { handlers } = await sampleWorkspace();
    await expect(handlers['jobs.get']({ jobId: 'job_nope' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

/** Reads every entry of a zip file as UTF-8 text, with yauzl (a maintained reader, independent of the writer). */
async function readZip(path: string): Promise<Map<string, string>> {
  const yauzl = await import('yauzl');
  const zip = await new Promise<import('yauzl').ZipFile>((resolve, reject) => yauzl.open(path, { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z))));
  const out = new Map<string, string>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: import('yauzl').Entry) => {
      zip.openReadStream(entry, (e, stream) => {
        if (e) return reject(e);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          out.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
          zip.readEntry();
        });
      });
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  return out;
}
