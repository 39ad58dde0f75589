import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../../src/core/api/datasets';
import { defaultSchema } from '../../../src/core/defaults';
import type { Layer } from '../../../src/core/model';
import { runExport } from '../../../src/main/datasets/export';
import { applyImport } from '../../../src/main/datasets/apply';
import { prepareImport } from '../../../src/main/datasets/import';
import { runSchemaMigration } from '../../../src/main/schemes/migrate';
import { makeDocument, Workspace } from '../../../src/main/workspace';
import { EMOJI_TEXT, emojiLayer, KERRY_TEXT, kerryLayer, labelsOf, PLAIN_TEXT, removeTempDirs, runJob, sampleWorkspace, sessionOn, snapshot, tempDir, writeLayer } from './fixtures';

afterAll(removeTempDirs);

const readLayer = async (ws: Workspace, annotator: string, docId: string) => JSON.parse(await readFile(ws.layerPath(annotator, docId), 'utf8')) as Layer;

/** A workspace with the sample texts (under other ids where asked) and no labels. */
async function bareWorkspace(ids: Record<'emoji' | 'kerry' | 'plain', string> = { emoji: 'emoji', kerry: 'kerry', plain: 'plain' }): Promise<{ root: string; ws: Workspace }> {
  const root = await tempDir();
  const ws = await Workspace.create(join(root, 'ws'), 'Mine', [
    makeDocument(ids.emoji, 'Lavrov rebuffs Müller 🇷🇺', EMOJI_TEXT, { outlet: 'Wire', date: '2024-05-01' }),
    makeDocument(ids.kerry, 'Kerry and Lavrov meet', KERRY_TEXT, { outlet: 'Daily' }),
    makeDocument(ids.plain, 'A quiet day', PLAIN_TEXT, {}),
  ]);
  return { root, ws };
}

/** What ana labelled on the sample document, as an export writes it: without the pending suggestion. */
function exported(layer: ReturnType<typeof emojiLayer>) {
  return { ...layer, mentions: layer.mentions.filter((m) => !m.pending) };
}

describe('import(export(x)) gives x back', () => {
  for (const format of ['native', 'brat'] as const) {
    it(`${format}: into an empty workspace (documents added) and onto the same texts (layers written)`, async () => {
      const source = await sampleWorkspace();
      const out = join(source.root, format);
      await runExport(source.ws, { format, out }, 'ana');

      const empty = await tempDir();
      const fresh = await sessionOn((await Workspace.create(join(empty, 'ws'), 'Empty', [])).root, 'someone');
      const plan = await fresh.handlers['datasets.importPlan']({ paths: [out] });
      expect(plan).toMatchObject({ format, detected: true, annotator: 'ana', entities: 2, warnings: [] });
      expect(plan.documents.map((d) => [d.id, d.action])).toEqual([
        ['emoji', 'add'],
        ['kerry', 'add'],
      ]);
      const job = await runJob(fresh.handlers, fresh.jobs, fresh.handlers['datasets.import']({ paths: [out] }));
      expect(job.state).toBe('done');
      expect(job.result).toEqual({ documentsAdded: 2, layersWritten: 2, entitiesAdded: 2, skipped: [] });
      const ws = fresh.session.workspace;
      expect(ws.entries.map((e) => [e.id, e.sha256])).toEqual(source.ws.entries.filter((e) => e.id !== 'plain').map((e) => [e.id, e.sha256]));
      expect((await ws.document('emoji')).title).toBe('Lavrov rebuffs Müller 🇷🇺');
      expect(labelsOf(await readLayer(ws, 'ana', 'emoji'))).toEqual(exported(emojiLayer()));
      expect(labelsOf(await readLayer(ws, 'ana', 'kerry'))).toEqual(kerryLayer());
      expect([...ws.entities].sort((a, b) => a.id.localeCompare(b.id))).toEqual([...source.ws.entities].sort((a, b) => a.id.localeCompare(b.id)));
      const layer = await readLayer(ws, 'ana', 'emoji');
      expect(layer).toMatchObject({ version: 1, docId: 'emoji', annotator: 'ana', textHash: ws.entry('emoji').sha256, history: { undo: [], redo: [] } });

      const same = await bareWorkspace();
      const mine = await sessionOn(same.ws.root, 'ana');
      const onto = await mine.handlers['datasets.importPlan']({ paths: [out] });
      expect(onto.documents.map((d) => d.action)).toEqual(['layer', 'layer']);
      await runJob(mine.handlers, mine.jobs, mine.handlers['datasets.import']({ paths: [out] }));
      expect(labelsOf(await readLayer(mine.session.workspace, 'ana', 'emoji'))).toEqual(exported(emojiLayer()));
      expect(mine.session.workspace.entries).toHaveLength(3);
    });
  }

  it('webanno: an exported folder is detected, and its labels land on the same texts as they were', async () => {
    const source = await sampleWorkspace();
    const out = join(source.root, 'webanno');
    await runExport(source.ws, { format: 'webanno', out }, 'ana');
    const same = await bareWorkspace();
    const mine = await sessionOn(same.ws.root, 'ana');
    const plan = await mine.handlers['datasets.importPlan']({ paths: [out] });
    expect(plan).toMatchObject({ format: 'webanno', detected: true });
    expect(plan.documents.map((d) => [d.id, d.action])).toEqual([
      ['emoji', 'layer'],
      ['kerry', 'layer'],
    ]);
    await runJob(mine.handlers, mine.jobs, mine.handlers['datasets.import']({ paths: [out], annotator: 'ana' }));
    const layer = await readLayer(mine.session.workspace, 'ana', 'emoji');
    const spans = (l: { mentions: { start: number; end: number; label: string; entityId?: string }[] }) => l.mentions.map((m) => [m.start, m.end, m.label, m.entityId ?? null]).sort();
    expect(spans(layer)).toEqual(spans(exported(emojiLayer())));
    expect(layer.frames.map((f) => [f.type, f.evidence, f.attrs])).toEqual(exported(emojiLayer()).frames.map((f) => [f.type, f.evidence, f.attrs]));
  });

  it('a workspace folder: the other analyst\'s layers land on the documents with the same text, whatever their ids', async () => {
    const theirs = await sampleWorkspace();
    const { ws } = await bareWorkspace({ emoji: 'art-1', kerry: 'art-2', plain: 'art-3' });
    const { handlers, jobs, session } = await sessionOn(ws.root, 'me');
    const plan = await handlers['datasets.importPlan']({ paths: [theirs.ws.root] });
    expect(plan).toMatchObject({ format: 'workspace', detected: true, files: 3, entities: 2 });
    expect(plan.documents.map((d) => [d.id, d.action])).toEqual([
      ['art-1', 'layer'],
      ['art-2', 'layer'],
      ['art-2', 'layer'],
    ]);
    expect(plan.warnings).toContain('1 pending suggestion(s) were left out: they are suggestions, not labels');
    const job = await runJob(handlers, jobs, handlers['datasets.import']({ paths: [theirs.ws.root] }));
    expect(job.result).toMatchObject({ layersWritten: 3, documentsAdded: 0 });
    expect(labelsOf(await readLayer(session.workspace, 'ana', 'art-1'))).toEqual(exported(emojiLayer()));
    expect((await readLayer(session.workspace, 'gold', 'art-2')).status).toBe('reviewed');
  });

  it('a workspace folder copied before a schema migration here: its layers are migrated on the way in', async () => {
    const theirs = await sampleWorkspace();
    const { ws } = await bareWorkspace();
    const { handlers, jobs, session } = await sessionOn(ws.root, 'me');
    await runSchemaMigration(session.workspace, { op: 'renameLabel', from: 'PERSON', to: 'PER' }, 'me');
    const plan = await handlers['datasets.importPlan']({ paths: [theirs.ws.root] });
    expect(plan.warnings.join('\n')).toMatch(/3 document\(s\) were migrated to the workspace's schema on the way in \(rename the label PERSON to PER\)/);
    expect(plan.labels.unknown).toEqual([]);
    await runJob(handlers, jobs, handlers['datasets.import']({ paths: [theirs.ws.root] }));
    const kerry = await readLayer(session.workspace, 'ana', 'kerry');
    expect(kerry.mentions.map((m) => [m.quote, m.label])).toEqual([
      ['Kerry', 'PER'],
      ['Lavrov', 'PER'],
      ['Geneva', 'LOC'],
    ]);
  });
});

describe('conflicts are listed and left alone', () => {
  it('an annotator who already has labels, and a different text under the same id', async () => {
    const source = await sampleWorkspace();
    const out = join(source.root, 'native');
    await runExport(source.ws, { format: 'native', out }, 'ana');
    const { root, ws } = await bareWorkspace();
    await writeLayer(ws, 'ana', 'kerry', { ...kerryLayer(), mentions: kerryLayer().mentions.slice(0, 1) });
    // Another text under the id "emoji".
    const other = await Workspace.create(join(root, 'other'), 'Other', [makeDocument('emoji', 'Other', 'Something else entirely.', {})]);
    const { handlers } = await sessionOn(other.root, 'ana');
    const plan = await handlers['datasets.importPlan']({ paths: [out] });
    expect(plan.documents).toMatchObject([
      { id: 'emoji', action: 'conflict', reason: expect.stringMatching(/a different document with the id emoji is already in this workspace/) },
      { id: 'kerry', action: 'add' },
    ]);

    const mine = await sessionOn(ws.root, 'ana');
    const before = await snapshot(ws.root);
    const mplan = await mine.handlers['datasets.importPlan']({ paths: [out] });
    expect(mplan.documents).toMatchObject([
      { id: 'emoji', action: 'layer' },
      { id: 'kerry', action: 'conflict', reason: expect.stringMatching(/ana already has labels on this document \(1 mention\(s\)\)/) },
    ]);
    const job = await runJob(mine.handlers, mine.jobs, mine.handlers['datasets.import']({ paths: [out] }));
    expect((job.result as ImportSummary).skipped).toEqual([{ id: 'kerry', reason: mplan.documents[1].reason }]);
    const after = await snapshot(ws.root);
    expect(after.get('annotations/ana/kerry.json')).toBe(before.get('annotations/ana/kerry.json'));
    expect(after.has('annotations/ana/emoji.json')).toBe(true);

    // Under another name both apply.
    const bob = await mine.handlers['datasets.importPlan']({ paths: [out], annotator: 'bob' });
    expect(bob.documents.map((d) => d.action)).toEqual(['layer', 'layer']);
    expect(bob.annotator).toBe('bob');
  });
});

describe('plain text and HTML', () => {
  it('a .txt file becomes a document; importing it again is skipped as a duplicate', async () => {
    const { root, ws } = await bareWorkspace();
    const file = join(root, 'emoji talk.txt');
    const text = 'Talks in Gene\u0300va 🇷🇺🇺🇸: Mu\u0308ller met Lavrov.\n';
    await writeFile(file, text);
    const { handlers, jobs, session } = await sessionOn(ws.root);
    const plan = await handlers['datasets.importPlan']({ paths: [file] });
    expect(plan).toMatchObject({ format: 'text', documents: [{ id: 'emoji-talk', action: 'add', title: 'Talks in Gene\u0300va 🇷🇺🇺🇸: Mu\u0308ller met Lavrov.' }] });
    await runJob(handlers, jobs, handlers['datasets.import']({ paths: [file] }));
    expect((await session.workspace.document('emoji-talk')).text).toBe(text);
    expect(await snapshot(join(ws.root, 'annotations'))).toEqual(new Map());
    const again = await handlers['datasets.importPlan']({ paths: [file] });
    expect(again.documents[0]).toMatchObject({ action: 'conflict', reason: expect.stringMatching(/already in this workspace/) });
  });

  it('an HTML article: the story without navigation, ads or scripts, titled from the article', async () => {
    const { root, ws } = await bareWorkspace();
    await mkdir(join(root, 'pages'));
    const para = (s: string) => `<p>${s} ${'The delegations met again in the afternoon to discuss the details of the plan. '.repeat(3)}</p>`;
    await writeFile(
      join(root, 'pages', 'story.html'),
      `<!doctype html><html><head><title>Lavrov and Kerry meet in Geneva | World Wire</title>
      <meta property="og:site_name" content="World Wire"><meta property="article:published_time" content="2016-09-09T10:00:00Z">
      <link rel="canonical" href="https://example.org/geneva"><script>window.track = 1;</script></head>
      <body><nav><a href="/">Home</a> <a href="/world">World</a></nav><div class="ad banner">Buy now! Subscribe!</div>
      <article><h1>Lavrov and Kerry meet in Geneva</h1>${para('Sergey Lavrov and John Kerry met in Geneva on Friday.')}${para('Mu\u0308ller 🇷🇺 said<br>nothing.')}</article>
      <footer>© 2016 World Wire. All rights reserved.</footer><script>console.log('x')</script></body></html>`,
    );
    await writeFile(join(root, 'pages', '.hidden.html'), '<p>never read</p>');
    const { handlers, jobs, session } = await sessionOn(ws.root);
    const plan = await handlers['datasets.importPlan']({ paths: [join(root, 'pages')] });
    expect(plan).toMatchObject({ format: 'html', detected: true, files: 1, documents: [{ id: 'story', title: 'Lavrov and Kerry meet in Geneva', action: 'add' }] });
    await runJob(handlers, jobs, handlers['datasets.import']({ paths: [join(root, 'pages')] }));
    const doc = await session.workspace.document('story');
    expect(doc.text).toMatch(/^Sergey Lavrov and John Kerry met in Geneva on Friday\. The delegations/);
    expect(doc.text).toContain('\n\nMu\u0308ller 🇷🇺 said\nnothing.');
    for (const junk of ['Home', 'Buy now', 'window.track', 'console.log', 'All rights reserved']) expect(doc.text).not.toContain(junk);
    expect(doc.source).toMatchObject({ outlet: 'World Wire', date: '2016-09-09T10:00:00Z', url: 'https://example.org/geneva', file: 'pages/story.html' });
  });
});

describe('bad input: an error naming file and line, and nothing written', () => {
  /** Imports `files` from a folder and expects `bad` to be named, with the message and line. */
  async function expectRejected(files: Record<string, string | Buffer>, bad: string, message: RegExp, line?: number, format?: 'native' | 'brat' | 'text'): Promise<void> {
    const { root, ws } = await bareWorkspace();
    const dir = join(root, 'in');
    await mkdir(dir);
    for (const [name, data] of Object.entries(files)) await writeFile(join(dir, name), data);
    const { handlers, jobs } = await sessionOn(ws.root);
    const before = await snapshot(ws.root);
    const error = await handlers['datasets.importPlan']({ paths: [dir], format }).then(
      () => null,
      (e: unknown) => e as { code: string; message: string; file?: string; line?: number },
    );
    expect(error, 'importPlan should fail').not.toBeNull();
    expect(error!.code).toBe('bad_input');
    expect(error!.message).toMatch(message);
    expect(error!.file).toBe(join(dir, bad));
    if (line !== undefined) expect(error!.line).toBe(line);
    const job = await runJob(handlers, jobs, handlers['datasets.import']({ paths: [dir], format }));
    expect(job.state).toBe('failed');
    expect(job.error).toMatchObject({ code: 'bad_input', file: join(dir, bad) });
    expect(await snapshot(ws.root)).toEqual(before);
  }

  const header = JSON.stringify({ parley: 1, format: 'native', offsets: 'utf16', schema: defaultSchema() });
  const record = (mentions: unknown[]) =>
    JSON.stringify({ document: { id: 'n1', title: 'T', text: 'Kerry met Lavrov.', source: {} }, annotator: 'ana', status: 'done', fields: {}, mentions, frames: [] });
  const m = (extra: Record<string, unknown>) => ({ id: 'x1', label: 'PERSON', start: 0, end: 5, quote: 'Kerry', origin: 'manual', author: 'ana', createdAt: '2024-01-01T00:00:00Z', ...extra });

  it('a truncated JSON Lines file', async () => {
    const full = `${header}\n${record([m({})])}\n${record([m({ id: 'x2' })]).replace('"n1"', '"n2"')}\n`;
    await expectRejected({ 'docs.jsonl': full.slice(0, -40) }, 'docs.jsonl', /truncated/, 3);
  });

  it('a binary file', async () => {
    await expectRejected({ 'a.txt': 'fine text\n', 'b.txt': Buffer.from([0x68, 0x69, 0x0a, 0x00, 0x01, 0xff]) }, 'b.txt', /looks like a binary file/, 2);
  });

  it('text that is not UTF-8', async () => {
    await expectRejected({ 'latin1.txt': Buffer.from('Line one\nM\xfcller\n', 'latin1') }, 'latin1.txt', /not.*UTF-8|another encoding than UTF-8/, 2);
  });

  it('a file over 50 MB', async () => {
    await expectRejected({ 'huge.txt': Buffer.alloc(50 * 1024 * 1024 + 1, 0x61) }, 'huge.txt', /more than the 50 MB/);
  });

  it('a label the workspace schema does not have: listed in the plan, nothing written until it is mapped, dropped or added', async () => {
    const { root, ws } = await bareWorkspace();
    const dir = join(root, 'in');
    await mkdir(dir);
    await writeFile(join(dir, 'docs.jsonl'), `${header}\n${record([m({ label: 'WIZARD' }), m({ id: 'x2', label: 'PERSON', start: 10, end: 16, quote: 'Lavrov' })])}\n`);
    const { handlers, jobs } = await sessionOn(ws.root);
    const before = await snapshot(ws.root);
    const plan = await handlers['datasets.importPlan']({ paths: [dir] });
    expect(plan.labels.unknown).toEqual([{ label: 'WIZARD', count: 1, firstDocument: 'n1' }]);
    const job = await runJob(handlers, jobs, handlers['datasets.import']({ paths: [dir] }));
    expect(job.state).toBe('failed');
    expect(job.error?.message).toContain('the files use label the workspace schema lacks: WIZARD (1 mention, first in document n1); nothing was imported');
    expect(await snapshot(ws.root)).toEqual(before);

    const mapped = await handlers['datasets.importPlan']({ paths: [dir], labelMap: { WIZARD: 'PERSON' } });
    expect(mapped.labels).toMatchObject({ unknown: [], mapped: [{ from: 'WIZARD', to: 'PERSON', count: 1 }] });
    const done = await runJob(handlers, jobs, handlers['datasets.import']({ paths: [dir], addLabels: ['WIZARD'] }));
    expect(done.state).toBe('done');
    expect((done.result as ImportSummary).labelsAdded).toEqual(['WIZARD']);
    expect(JSON.parse(await readFile(ws.layerPath('ana', 'n1'), 'utf8')).mentions.map((x: { label: string }) => x.label).sort()).toEqual(['PERSON', 'WIZARD']);
  });

  it('a brat folder whose annotation.conf declares a new frame type: listed as a frame type, added with its roles to the schema', async () => {
    const { root, ws } = await bareWorkspace();
    const dir = join(root, 'conf');
    await mkdir(dir);
    await writeFile(join(dir, 'annotation.conf'), '[entities]\nPERSON\n[relations]\n[events]\nTalks\tParty{2-10}:PERSON\n[attributes]\nVenue\tArg:Talks, Value:Geneva|Minsk\n');
    await writeFile(join(dir, 'a.txt'), 'Kerry met Lavrov.');
    await writeFile(join(dir, 'a.ann'), 'T1\tPERSON 0 5\tKerry\nT2\tPERSON 10 16\tLavrov\nT3\tTalks 6 9\tmet\nE1\tTalks:T3 Party1:T1 Party2:T2\nA1\tVenue E1 Geneva\n');
    const { handlers, jobs } = await sessionOn(ws.root);
    const plan = await handlers['datasets.importPlan']({ paths: [dir] });
    expect(plan.labels.unknown).toEqual([{ label: 'Talks', count: 1, kind: 'frame type', firstDocument: 'a' }]);
    const done = await runJob(handlers, jobs, handlers['datasets.import']({ paths: [dir], addLabels: ['Talks'] }));
    expect(done.state).toBe('done');
    expect((done.result as ImportSummary).labelsAdded).toEqual(['Talks']);
    const { schema } = JSON.parse(await readFile(join(ws.root, 'schema.json'), 'utf8'));
    const talks = schema.frameTypes.find((f: { name: string }) => f.name === 'Talks');
    expect(talks).toMatchObject({ roles: [{ name: 'Party', mentionLabels: ['PERSON'], min: 2, max: 10 }], attributes: [{ name: 'Venue', values: ['Geneva', 'Minsk'] }] });
    expect(schema.labels.map((l: { name: string }) => l.name)).not.toContain('Talks');
  });

  it('offsets outside the text (brat)', async () => {
    await expectRejected({ 'a.txt': 'Kerry met Lavrov.', 'a.ann': 'T1\tPERSON 0 5\tKerry\nT2\tPERSON 10 99\tLavrov\n' }, 'a.ann', /offsets 10–99 fall outside the text/, 2, 'brat');
  });

  it('a quote that does not match the text', async () => {
    await expectRejected({ 'docs.jsonl': `${header}\n\n${record([m({ quote: 'Kerri' })])}\n` }, 'docs.jsonl', /does not match the text/, 3);
  });
});

describe('all or nothing', () => {
  it('an import stopped midway removes its layers and documents and restores workspace.json', async () => {
    const source = await sampleWorkspace();
    const out = join(source.root, 'native');
    await runExport(source.ws, { format: 'native', out }, 'ana');
    const target = await bareWorkspace();
    // Only "emoji" is here: "kerry" will be added, and both get layers.
    const ws = await Workspace.create(join(target.root, 'half'), 'Half', [makeDocument('emoji', 'E', EMOJI_TEXT, {})]);
    const before = await snapshot(ws.root);
    const holder = { workspace: ws };
    const prepared = await prepareImport(ws, { paths: [out] }, 'ana');
    expect(prepared.plan.documents.map((d) => d.action)).toEqual(['layer', 'add']);
    const abort = new AbortController();
    await expect(
      applyImport(holder, prepared, {
        signal: abort.signal,
        progress: (done) => {
          if (done === 2) abort.abort();
        },
      }),
    ).rejects.toThrow(/cancelled/);
    expect(await snapshot(ws.root)).toEqual(before);
    expect(holder.workspace).toBe(ws);
    expect(holder.workspace.entries.map((e) => e.id)).toEqual(['emoji']);
  });

  it('cancelling an import job reports it cancelled and changes nothing', async () => {
    const { root, ws } = await bareWorkspace();
    const dir = join(root, 'many');
    await mkdir(dir);
    for (let i = 0; i < 200; i++) await writeFile(join(dir, `a${i}.txt`), `Article ${i}: Kerry met Lavrov.`);
    const before = await snapshot(ws.root);
    const { handlers, jobs, session } = await sessionOn(ws.root);
    const { jobId } = await handlers['datasets.import']({ paths: [dir] });
    await handlers['jobs.cancel']({ jobId });
    expect((await jobs.settled(jobId)).state).toBe('cancelled');
    expect(await snapshot(ws.root)).toEqual(before);
    expect(session.workspace.entries).toHaveLength(3);
  });
});

describe('formats and pickers', () => {
  it('lists every format with what it can do', async () => {
    const { handlers } = await sampleWorkspace();
    const formats = await handlers['datasets.formats']({});
    expect(formats.map((f) => f.name)).toEqual(['native', 'brat', 'conll', 'doccano', 'labelstudio', 'spacy', 'csv', 'text', 'webanno']);
    expect(formats.find((f) => f.name === 'webanno')).toMatchObject({ canImport: true, canExport: true, offsetUnit: 'utf16' });
    expect(formats.find((f) => f.name === 'text')).toMatchObject({ canImport: true, canExport: false, offsetUnit: 'none' });
    expect(formats.find((f) => f.name === 'brat')).toMatchObject({ offsetUnit: 'codepoint' });
  });

  it('dialog.pick uses the host\'s native dialog where there is one', async () => {
    const { handlers, session } = await sampleWorkspace();
    expect(await handlers['dialog.pick']({ mode: 'save', title: 'Export' })).toEqual({ native: false, paths: [] });
    const calls: unknown[] = [];
    (session.host as { pick?: unknown }).pick = async (...args: unknown[]) => {
      calls.push(args);
      return ['/tmp/out.zip'];
    };
    expect(await handlers['dialog.pick']({ mode: 'save', title: 'Export', defaultName: 'out.zip' })).toEqual({ native: true, paths: ['/tmp/out.zip'] });
    expect(calls).toEqual([['save', 'Export', 'out.zip']]);
  });
});
