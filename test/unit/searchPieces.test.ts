import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileQuery, documentHits, SearchQuerySchema, type SearchQuery } from '../../src/core/search';
import { literalPattern, rawMayMatch, regexLiterals, requiredLiterals } from '../../src/main/search/literals';
import { Results } from '../../src/main/search/hits';
import { buildWords, documentsHolding, listFrom, readWords } from '../../src/main/search/wordIndex';
import { makeDocument } from '../../src/main/workspace';

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
