import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSchema } from '../../src/core/defaults';
import { emptyLayer, FORMAT_VERSION, type Mention, type WorkspaceFile } from '../../src/core/model';
import { compileQuery, documentHits, SearchQuerySchema, type SearchQueryInput } from '../../src/core/search';
import { SearchService } from '../../src/main/search/service';
import { entryOf, makeDocument, Workspace } from '../../src/main/workspace';

const q = (input: SearchQueryInput) => SearchQuerySchema.parse(input);

/** A workspace written without fsync, so a test can have thousands of documents. */
async function workspace(texts: string[]): Promise<Workspace> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-search-'));
  const docs = texts.map((t, i) => makeDocument(`d${i}`, `Doc ${i}`, t, {}));
  await mkdir(join(dir, 'documents'));
  await mkdir(join(dir, 'annotations'));
  await Promise.all(docs.map((d) => writeFile(join(dir, 'documents', `${d.id}.json`), JSON.stringify(d))));
  const data: WorkspaceFile = { version: FORMAT_VERSION, name: 'search', schema: defaultSchema(), documents: docs.map(entryOf), entities: [] };
  await writeFile(join(dir, 'workspace.json'), JSON.stringify(data));
  return Workspace.open(dir);
}

function service(ws: Workspace, writable = true, keepChars?: number, scanFrom?: number): SearchService {
  return new SearchService(ws.root, ws.entries, { writable, inline: true, keepChars, scanFrom });
}

async function all(s: SearchService, input: SearchQueryInput, annotator = 'me') {
  const id = s.start(q(input), annotator);
  const done = await s.settled(id);
  return { ...done, hits: (await s.page(id, 0, 10_000)).hits };
}

function spans(text: string, input: SearchQueryInput): string[] {
  return documentHits(text, compileQuery(q(input)), null).map((h) => `${h.start}-${h.end}:${text.slice(h.start, h.end)}`);
}

describe('search queries on one text', () => {
  const text = 'Lavrov met Kerry. LAVROV said: "Lavrov\'s plan".\nForeign   minister\nLavrovian';

  it('plain text: whole words by default, any case unless asked', () => {
    expect(spans(text, { text: 'lavrov' })).toEqual(['0-6:Lavrov', '18-24:LAVROV', '32-38:Lavrov']);
    expect(spans(text, { text: 'Lavrov', caseSensitive: true })).toEqual(['0-6:Lavrov', '32-38:Lavrov']);
    expect(spans(text, { text: 'lavrov', wholeWord: false })).toHaveLength(4);
  });

  it('phrase: the words in order whatever the spacing between them', () => {
    expect(spans(text, { text: 'foreign minister', mode: 'phrase' })).toEqual(['48-66:Foreign   minister']);
    expect(spans(text, { text: 'foreign minister', mode: 'text' })).toEqual([]);
  });

  it('regular expressions, with a clear error for a bad one', () => {
    expect(spans(text, { text: 'K\\w+y', mode: 'regex' })).toEqual(['11-16:Kerry']);
    expect(() => compileQuery(q({ text: '(unclosed', mode: 'regex' }))).toThrow(/not a valid regular expression/);
  });

  it('offsets are string indices, past flags and combining marks', () => {
    const t = '🇺🇦 Kyiv and Café Kyiv';
    expect(spans(t, { text: 'Kyiv' })).toEqual([`5-9:Kyiv`, `${t.lastIndexOf('Kyiv')}-${t.length}:Kyiv`]);
    const marked = 'cafe\u0301 cafe';
    // "cafe" followed by a combining accent is another word.
    expect(spans(marked, { text: 'cafe' })).toEqual([`6-10:cafe`]);
  });
});

describe('the search service', () => {
  it('finds hits across documents as a concordance, in document order', async () => {
    const ws = await workspace(['Talks in Geneva today.', 'No match here.', 'Geneva again, and\nGeneva.']);
    const s = service(ws);
    const r = await all(s, { text: 'geneva' });
    expect(r.total).toBe(3);
    expect(r.documents).toBe(2);
    expect(r.hits.map((h) => [h.docId, h.start, h.end])).toEqual([
      ['d0', 9, 15],
      ['d2', 0, 6],
      ['d2', 18, 24],
    ]);
    expect(r.hits[2]).toMatchObject({ title: 'Doc 2', quote: 'Geneva', left: 'Geneva again, and ', right: '.' });
  });

  it('pages through hits across segments of the index', async () => {
    const texts = Array.from({ length: 2_300 }, (_, i) => `Document ${i} mentions Aleppo once.`);
    const ws = await workspace(texts);
    const s = service(ws);
    const id = s.start(q({ text: 'aleppo' }), 'me');
    const done = await s.settled(id);
    expect(done.total).toBe(2_300);
    const page = await s.page(id, 1_998, 4);
    expect(page.hits.map((h) => h.docId)).toEqual(['d1998', 'd1999', 'd2000', 'd2001']);
  });

  it('the word index narrows to exactly the documents a full scan finds, fresh or reopened from disk', async () => {
    const vocab = ['Aleppo', 'aleppo', 'talks', 'Talks', 'ceasefire', 'Geneva', 'envoy', 'the', 'in', 'Al-Bab', 'café'];
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    // Idlib, in few documents, makes a segment's texts read document by document when the segment is not kept.
    const texts = Array.from({ length: 1_300 }, (_, i) => (i % 37 === 0 ? 'Idlib, ' : '') + Array.from({ length: 1 + Math.floor(next() * 12) }, () => vocab[Math.floor(next() * vocab.length)]).join(next() < 0.5 ? ' ' : '\n'));
    const ws = await workspace(texts);
    const queries: SearchQueryInput[] = [
      { text: 'aleppo' },
      { text: 'Aleppo', caseSensitive: true },
      { text: 'talks ceasefire' },
      { text: 'ceasefire geneva', mode: 'phrase' },
      { text: 'al-bab' },
      { text: 'CAFÉ' },
      { text: 'nowhere' },
      { text: 'idlib' },
    ];
    const expected = (input: SearchQueryInput) =>
      texts.flatMap((t, i) => documentHits(t, compileQuery(q(input)), null).map((h) => `d${i}:${h.start}-${h.end}`));
    const found = async (s: SearchService, input: SearchQueryInput) => (await all(s, input)).hits.map((h) => `${h.docId}:${h.start}-${h.end}`);
    const fresh = service(ws);
    for (const input of queries) expect(await found(fresh, input), JSON.stringify(input)).toEqual(expected(input));
    const reopened = service(await Workspace.open(ws.root));
    for (const input of queries) expect(await found(reopened, input), JSON.stringify(input)).toEqual(expected(input));
    // With room in memory for one segment's texts only, the other is read again for each search, a few documents at a time.
    const tight = service(await Workspace.open(ws.root), true, texts.slice(0, 1_000).join('').length);
    for (const input of [...queries, ...queries]) expect(await found(tight, input), JSON.stringify(input)).toEqual(expected(input));
    // A page from the middle is that slice of the whole list; a count-only poll has the count and no hits.
    const id = reopened.start(q({ text: 'aleppo' }), 'me');
    const done = await reopened.settled(id);
    const whole = expected({ text: 'aleppo' });
    expect(done.total).toBe(whole.length);
    expect((await reopened.page(id, 1_000, 7)).hits.map((h) => `${h.docId}:${h.start}-${h.end}`)).toEqual(whole.slice(1_000, 1_007));
    expect(await reopened.page(id, 0, 0)).toMatchObject({ hits: [], total: whole.length, done: true });
  });

  it('a corpus not yet indexed is searched by reading its documents while the index is built, with the same hits', async () => {
    const texts = Array.from({ length: 300 }, (_, i) => `Report ${i}: ${i % 3 === 0 ? 'talks in Geneva' : 'no talks'}${i % 7 === 0 ? ', Geneva again' : ''}.`);
    const ws = await workspace(texts);
    const expected = texts.flatMap((t, i) => documentHits(t, compileQuery(q({ text: 'geneva' })), null).map((h) => `d${i}:${h.start}`));
    // Any document still to index makes the first search read the files.
    const s = service(ws, true, undefined, 0);
    const cold = await all(s, { text: 'geneva' });
    expect(cold.scanned).toEqual({ done: 300, total: 300 });
    expect(cold.hits.map((h) => `${h.docId}:${h.start}`)).toEqual(expected);
    // The index is built beside the search, counting as it goes; the searches after it use it and find the same.
    let status = await s.indexStatus();
    expect(status.total).toBe(300);
    while (!status.ready) {
      await new Promise((r) => setTimeout(r, 20));
      status = await s.indexStatus();
    }
    expect(status).toMatchObject({ ready: true, indexed: 300, total: 300 });
    const warm = await all(s, { text: 'geneva' });
    expect(warm.scanned).toBeUndefined();
    expect(warm.hits.map((h) => `${h.docId}:${h.start}`)).toEqual(expected);
  });

  it('keeps its index under .parley/ and does not rebuild it when the workspace opens again', async () => {
    const ws = await workspace(['Moscow and Washington.', 'Only Moscow.']);
    await all(service(ws), { text: 'moscow' });
    expect(existsSync(join(ws.root, '.parley', 'search', 'manifest.json'))).toBe(true);
    // With the document files gone, only the persisted index can still answer.
    await rm(join(ws.root, 'documents', 'd1.json'));
    const again = await all(service(await Workspace.open(ws.root)), { text: 'moscow' });
    expect(again.hits.map((h) => h.docId)).toEqual(['d0', 'd1']);
  });

  it('indexes documents as they are added', async () => {
    const ws = await workspace(['First text.']);
    const s = service(ws);
    await all(s, { text: 'first' });
    const doc = makeDocument('added', 'Added', 'A ceasefire in Aleppo.', {});
    await ws.addDocuments([doc]);
    await s.added([doc]);
    expect((await all(s, { text: 'ceasefire' })).hits.map((h) => h.docId)).toEqual(['added']);
    // And a fresh service over the same folder finds it in the persisted index.
    expect((await all(service(await Workspace.open(ws.root)), { text: 'ceasefire' })).total).toBe(1);
  });

  it('read-only use writes nothing', async () => {
    const ws = await workspace(['Riyadh talks.']);
    expect((await all(service(ws, false), { text: 'riyadh' })).total).toBe(1);
    expect(existsSync(join(ws.root, '.parley', 'search'))).toBe(false);
  });

  it('a generation left half-written by a crash is ignored and removed', async () => {
    const ws = await workspace(['Damascus.']);
    await all(service(ws), { text: 'damascus' });
    const dir = join(ws.root, '.parley', 'search');
    await writeFile(join(dir, 's000001-g2.txt'), 'torn');
    expect((await all(service(ws), { text: 'damascus' })).total).toBe(1);
    expect((await readdir(dir)).sort()).toEqual(['manifest.json', 's000001-g1.docs.json', 's000001-g1.txt', 's000001-g1.words']);
  });

  it('filters by mention label, entity, frame and status in an annotator layer', async () => {
    const text = 'Lavrov met Kerry. Later Lavrov left.';
    const ws = await workspace([text, 'Lavrov alone.']);
    const mention = (id: string, start: number, end: number, label: string, entityId?: string): Mention => ({
      id, label, start, end, quote: text.slice(start, end), origin: 'manual', author: 'me', createdAt: '2026-01-01', ...(entityId ? { entityId } : {}),
    });
    const layer = emptyLayer('d0', 'me', ws.entry('d0').sha256);
    layer.status = 'done';
    layer.mentions = [mention('m1', 0, 6, 'PERSON', 'e_lavrov'), mention('m2', 11, 16, 'PERSON'), mention('m3', 24, 30, 'ORG')];
    layer.frames = [
      { id: 'f1', type: 'Stance', evidence: { start: 0, end: 17, quote: text.slice(0, 17) }, roles: {}, attrs: { polarity: 'against' }, origin: 'manual', author: 'me', createdAt: '2026-01-01' },
    ];
    await mkdir(join(ws.root, 'annotations', 'me'), { recursive: true });
    await writeFile(join(ws.root, 'annotations', 'me', 'd0.json'), JSON.stringify(layer));
    const s = service(ws);
    const where = async (input: SearchQueryInput) => (await all(s, input)).hits.map((h) => `${h.docId}:${h.start}`);
    expect(await where({ text: 'lavrov' })).toEqual(['d0:0', 'd0:24', 'd1:0']);
    expect(await where({ text: 'lavrov', label: 'PERSON' })).toEqual(['d0:0']);
    expect(await where({ label: 'PERSON' })).toEqual(['d0:0', 'd0:11']);
    expect(await where({ entityId: 'e_lavrov' })).toEqual(['d0:0']);
    expect(await where({ frameType: 'Stance', frameAttr: { name: 'polarity', value: 'against' } })).toEqual(['d0:0']);
    expect(await where({ frameType: 'Stance', frameAttr: { name: 'polarity', value: 'favor' } })).toEqual([]);
    expect(await where({ text: 'lavrov', status: 'done' })).toEqual(['d0:0', 'd0:24']);
    expect(await where({ text: 'lavrov', status: 'not_started' })).toEqual(['d1:0']);
    expect(await where({ label: 'PERSON', annotator: 'other' })).toEqual([]);
  });

  it('a cancelled search stops and says so; what it found stays readable', async () => {
    const ws = await workspace(Array.from({ length: 50 }, (_, i) => `Text ${i} on Geneva.`));
    const s = service(ws);
    const id = s.start(q({ text: 'geneva' }), 'me');
    s.cancel(id);
    const r = await s.settled(id);
    expect(r.cancelled).toBe(true);
    expect(r.done).toBe(true);
    expect(r.total).toBeLessThan(50);
  });

  it('a search with nothing to look for says what to do', async () => {
    const ws = await workspace(['x']);
    const s = service(ws);
    const r = await s.settled(s.start(q({ text: '  ' }), 'me'));
    expect(r.error?.message).toMatch(/type something to search for/);
  });
});
