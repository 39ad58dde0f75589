import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sentences, tokenize } from '../../src/core/tokenize';

const words = (text: string) => tokenize(text).map((t) => text.slice(t.start, t.end));
const sents = (text: string) => sentences(text).map((s) => text.slice(s.start, s.end));

describe('tokenize', () => {
  it('splits words, numbers and punctuation, and keeps emoji, flags and accents whole', () => {
    expect(words('Lavrov 🇷🇺 told Mu\u0308ller: no 👩‍👩‍👧 ceasefire, 👍🏽!')).toEqual(['Lavrov', '🇷🇺', 'told', 'Mu\u0308ller', ':', 'no', '👩‍👩‍👧', 'ceasefire', ',', '👍🏽', '!']);
    expect(words('3.5% of 1,000 at 10:30')).toEqual(['3.5', '%', 'of', '1,000', 'at', '10:30']);
  });

  it("ends words at apostrophes and hyphens, where mentions end (Russia's, pro-Kremlin)", () => {
    expect(words("Russia's pro-Kremlin Lavrov’s")).toEqual(['Russia', "'", 's', 'pro', '-', 'Kremlin', 'Lavrov', '’', 's']);
  });

  it('finds words in scripts written without spaces', () => {
    expect(words('中华人民共和国外交部发言人说，谈判取得了进展。')).toEqual(['中华', '人民', '共和国', '外交部', '发言', '人', '说', '，', '谈判', '取得', '了', '进展', '。']);
  });

  it('keeps invisible marks out of tokens', () => {
    expect(words('\u200eLavrov\u200b said\u00a0no')).toEqual(['Lavrov', 'said', 'no']);
    expect(words('   \n\t ')).toEqual([]);
  });

  it('returns UTF-16 offsets of non-empty tokens in order, never inside a surrogate pair or before a combining mark', () => {
    const piece = fc.constantFrom('Lavrov', 'Mu\u0308ller', '🇷🇺', '👩‍👩‍👧', '😀', '中文谈判', ' ', '\n', ',', "'", '-', '3.5', 'é', '\u200d');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        let last = 0;
        for (const t of tokenize(text)) {
          expect(t.start).toBeGreaterThanOrEqual(last);
          expect(t.end).toBeGreaterThan(t.start);
          expect(text.slice(t.start, t.end)).not.toMatch(/\s/);
          for (const edge of [t.start, t.end]) expect(text.charCodeAt(edge) >= 0xdc00 && text.charCodeAt(edge) <= 0xdfff).toBe(false);
          // The umlaut belongs to the letter before it.
          expect(/^\p{M}/u.test(text.slice(t.end))).toBe(false);
          last = t.end;
        }
      }),
    );
  });
});

/** The tokenizer's regular expression on its own, without the ASCII fast path. */
function plainTokens(text: string): [number, number][] {
  const word = String.raw`[\p{L}\p{N}\p{M}]+(?:(?:\u00AD|\u200C|\u200D|\u2060)[\p{L}\p{N}\p{M}]+)*`;
  const part = String.raw`\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F|\u20E3)*(?:[\u{E0020}-\u{E007F}]+)?`;
  const re = new RegExp(String.raw`\p{N}+(?:[.,:]\p{N}+)+|${word}|\p{Regional_Indicator}{2}|${part}(?:\u200D${part})*|[^\s\p{Cf}]\p{M}*`, 'gu');
  return [...text.matchAll(re)].map((m) => [m.index, m.index + m[0].length]);
}

describe('tokenize fast path', () => {
  it('gives exactly the tokens of the plain expression', () => {
    const piece = fc.oneof(
      fc.constantFrom('Lavrov', 'Mu\u0308ller', '🇷🇺', '3.5', '1,000', '10:30', '3.', 'a1.2', '12a', ' ', '\n', ',', "'", '-', '\u200d', '\u00a0', '\x01', '٣', '3.٣', '\u0308'),
      fc.string({ maxLength: 4 }),
      fc.string({ unit: 'grapheme', maxLength: 3 }),
    );
    const unspaced = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        fc.pre(!unspaced.test(text));
        expect(tokenize(text).map((t) => [t.start, t.end])).toEqual(plainTokens(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('sentences', () => {
  it('ends sentences at . ! ? before a capital and at every line break, trimmed', () => {
    expect(sents('  Lavrov spoke. He left!  "Why?" she asked.\nNew line')).toEqual(['Lavrov spoke.', 'He left!', '"Why?" she asked.', 'New line']);
  });

  it('does not end them after abbreviations, initials or before lower case', () => {
    expect(sents('Mr. Smith met Gen. Milley in the U.S. on Monday. J. Doe e.g. agreed. talks went on.')).toEqual([
      'Mr. Smith met Gen. Milley in the U.S. on Monday.',
      'J. Doe e.g. agreed. talks went on.',
    ]);
    expect(sents('Talks with Yahoo! Inc. ended.')).toEqual(['Talks with Yahoo!', 'Inc. ended.']);
  });

  it('ends them after 。！？ without a space', () => {
    expect(sents('谈判取得了进展。双方同意！')).toEqual(['谈判取得了进展。', '双方同意！']);
  });
});
