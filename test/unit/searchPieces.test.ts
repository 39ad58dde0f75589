import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultSchema } from '../../src/core/defaults';
import { FORMAT_VERSION } from '../../src/core/model';
import { compileQuery, documentHits, SearchQuerySchema, type SearchQuery, type SearchQueryInput } from '../../src/core/search';
import { packEntries, unpackEntries } from '../../src/main/search/protocol';
import { SearchService } from '../../src/main/search/service';
import { literalPattern, rawMayMatch, regexLiterals, requiredLiterals } from '../../src/main/search/literals';
import { Results } from '../../src/main/search/hits';
import { buildWords, documentsHolding, listFrom, readWords } from '../../src/main/search/wordIndex';
import { entryOf, makeDocument, Workspace } from '../../src/main/workspace';

describe('pieces of text every match holds', () => {
  it('reads them from the top level of a regular expression', () => {
    expect(regexLiterals('cease\\w+ (would|in) \\w+')).toEqual(['cease']);
    expect(regexLiterals('colou?r')).toEqual(['colo', 'r']);
    expect(regexLiterals('ab+c')).toEqual(['ab', 'c']);
    expect(regexLiterals('x{2}yz|q')).toEqual([]);
    expect(regexLiterals('\\u{41}bc \\x41yz \\u0041uv')).toEqual(['bc', 'yz', 'uv']);
    expect(regexLiterals('[abc]def(?<n>gh)\\k<n>ij')).toEqual(['def', 'ij']);
    expect(regexLiterals('\\bfoo\\b\\p{L}+bar\\12baz')).toEqual(['foo', 'bar', 'baz']);
    expect(regexLiterals('(a|b)*')).toEqual([]);
  });

  it('takes every run of plain text and phrases', () => {
    const q = (text: string, mode: 'text' | 'phrase') => SearchQuerySchema.parse({ text, mode });
    expect(requiredLiterals(q('al-Bab Straße', 'text'))).toEqual(['al', 'Bab', 'Stra', 'e']);
    expect(requiredLiterals(q('peace  talks', 'phrase'))).toEqual(['peace', 'talks']);
  });

  // Texts from a few characters that fold into each other under the `iu` flags (the Kelvin sign, the long s), JSON's escapes, and word and non-word characters.
  const CHARS = ['a', 'b', 'k', 's', 'A', 'K', 'S', '\u212a', '\u017f', '_', '1', 'é', ' ', '\n', '-', '"', '\\', '.'];
  const text = fc.array(fc.constantFrom(...CHARS), { maxLength: 24 }).map((cs) => cs.join(''));
  const ATOMS = ['a', 'b', 'k', 's', 'A', 'K', 'S', '_', '1', '.', '\\w', '\\s', '\\b', '[ab]', '(a|k)', '(?:s)', '\\u{6b}', ' ', '-', '\\.', 'é'];
  const atom = fc.tuple(fc.constantFrom(...ATOMS), fc.constantFrom('', '', '', '?', '*', '+', '{1,2}', '+?')).map(([a, q]) => (a === '\\b' ? a : a + q));
  const regex = fc.tuple(fc.array(atom, { minLength: 1, maxLength: 6 }), fc.boolean(), fc.array(atom, { minLength: 1, maxLength: 3 })).map(([a, alt, b]) => (alt ? `${a.join('')}|${b.join('')}` : a.join('')));
  const query = fc.oneof(
    fc.record({ text: regex, mode: fc.constant('regex' as const), caseSensitive: fc.boolean() }),
    fc.record({ text: text.filter((t) => t.trim().length > 0), mode: fc.constantFrom('text' as const, 'phrase' as const), caseSensitive: fc.boolean(), wholeWord: fc.boolean() }),
  );

  it('never passes over a document a plain scan finds a hit in, through the word index or in the raw file', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 12 }), query, (texts, input) => {
        let pattern: RegExp | null;
        let q: SearchQuery;
        try {
          q = SearchQuerySchema.parse(input);
          pattern = compileQuery(q);
        } catch {
          return;
        }
        if (!pattern) return;
        const withHits = texts.map((t, i) => (documentHits(t, pattern, null).length > 0 ? i : -1)).filter((i) => i >= 0);
        const pieces = requiredLiterals(q).map(literalPattern);
        const file = Buffer.from(buildWords(texts.map((t) => ({ text: t }))));
        const w = readWords(file);
        const kept = documentsHolding(w, pieces, texts.length, (found) => found.map((i) => listFrom(file, w.listsAt + 2 * w.listStarts[i], w.listStarts[i + 1] - w.listStarts[i])));
        if (kept) for (const i of withHits) expect(kept).toContain(i);
        for (const i of withHits) expect(rawMayMatch(JSON.stringify(makeDocument(`d${i}`, 'Title', texts[i], {})), pieces)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('a file with an escape is always read', () => {
    expect(rawMayMatch('{"text":"\\u0063ease"}', [literalPattern('cease')])).toBe(true);
    expect(rawMayMatch('{"text":"peace"}', [literalPattern('cease')])).toBe(false);
  });
});

describe('hits kept as columns of numbers', () => {
  it('gives back each document and hit as added, and finds the document of any hit', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.tuple(fc.nat(1000), fc.nat(50)), { maxLength: 40 }), { maxLength: 300 }), (docs) => {
        const r = new Results();
        const added: { id: string; spans: { start: number; end: number }[] }[] = [];
        docs.forEach((hits, i) => {
          const spans = hits.map(([start, len]) => ({ start, end: start + len }));
          r.add(`d${i}`, null, i, spans);
          if (spans.length > 0) added.push({ id: `d${i}`, spans });
        });
        expect(r.documents).toBe(added.length);
        let hit = 0;
        added.forEach((a, i) => {
          const d = r.doc(i);
          expect(d.docId).toBe(a.id);
          expect(d.first).toBe(hit);
          expect(d.count).toBe(a.spans.length);
          for (const s of a.spans) {
            expect(r.find(hit)).toBe(i);
            expect(r.span(hit++)).toEqual(s);
          }
        });
        expect(r.total).toBe(hit);
        expect(r.find(hit)).toBe(added.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe('searches narrowed by those pieces', () => {
  it('find what a plain scan of every text finds: from the files while indexing, then through the index, fresh and reopened', async () => {
    const vocab = ['ceasefire', 'Ceasefires', 'CEASE', 'talks', 'in', 'would', '\u212aiev', 'kiev', 'Moscow', 'al-Bab', 'café', 'Geneva'];
    let seed = 11;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const texts = Array.from({ length: 1_200 }, () => Array.from({ length: 1 + Math.floor(next() * 10) }, () => vocab[Math.floor(next() * vocab.length)]).join(next() < 0.7 ? ' ' : '\n'));
    const root = mkdtempSync(join(tmpdir(), 'parley-pieces-'));
    mkdirSync(join(root, 'documents'));
    mkdirSync(join(root, 'annotations'));
    const records = texts.map((t, i) => makeDocument(`d${i}`, `Doc ${i}`, t, {}));
    for (const r of records) writeFileSync(join(root, 'documents', `${r.id}.json`), JSON.stringify(r));
    writeFileSync(join(root, 'workspace.json'), JSON.stringify({ version: FORMAT_VERSION, name: 'pieces', schema: defaultSchema(), documents: records.map(entryOf), entities: [] }));
    const queries: SearchQueryInput[] = [
      { text: 'cease\\w+ (would|in) \\w+', mode: 'regex' },
      { text: 'cease', wholeWord: false },
      { text: 'Cease', wholeWord: false, caseSensitive: true },
      { text: 'kiev', wholeWord: false },
      { text: 'k[a-z]ev|geneva', mode: 'regex' },
      { text: 'fires\\b', mode: 'regex' },
      { text: 'nowhere', wholeWord: false },
    ];
    const expected = (input: SearchQueryInput) => texts.flatMap((t, i) => documentHits(t, compileQuery(SearchQuerySchema.parse(input)), null).map((h) => `d${i}:${h.start}-${h.end}`));
    const found = async (s: SearchService, input: SearchQueryInput) => {
      const id = s.start(SearchQuerySchema.parse(input), 'me');
      await s.settled(id);
      return (await s.page(id, 0, 100_000)).hits.map((h) => `${h.docId}:${h.start}-${h.end}`);
    };
    const ws = await Workspace.open(root);
    // Any document still to index makes the searches read the files.
    const cold = new SearchService(ws.root, ws.entries, { writable: true, inline: true, scanFrom: 0 });
    for (const input of queries) expect(await found(cold, input), JSON.stringify(input)).toEqual(expected(input));
    while (!(await cold.indexStatus()).ready) await new Promise((r) => setTimeout(r, 20));
    for (const input of queries) expect(await found(cold, input), JSON.stringify(input)).toEqual(expected(input));
    const reopened = new SearchService(ws.root, ws.entries, { writable: true, inline: true });
    for (const input of queries) expect(await found(reopened, input), JSON.stringify(input)).toEqual(expected(input));
  });

  it('the search thread is sent the documents as two strings and reads them back as they were', () => {
    const entries = [
      { id: 'a', sha256: '0'.repeat(64) },
      { id: 'b.2', sha256: 'f'.repeat(64) },
    ];
    expect(unpackEntries(packEntries(entries))).toEqual(entries);
    expect(unpackEntries(packEntries([]))).toEqual([]);
  });
});
