import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchSuggestReal, readConll } from '../../bench/suggestReal';

const CONLL = ['-DOCSTART- -X- O O', '', 'EU NNP I-NP I-ORG', 'rejects VBZ I-VP O', 'German JJ I-NP I-MISC', 'call NN I-NP O', '', 'Peter NNP I-NP I-PER', 'Blackburn NNP I-NP I-PER', '', '-DOCSTART- -X- O O', '', 'BRUSSELS NNP I-NP B-LOC', 'talks NNS I-NP O', ''].join('\n');

describe('bench:suggest-real reads CoNLL-2003', () => {
  it('a document per -DOCSTART-, a line per sentence, IOB1 spans on token ends, MISC left unlabelled', () => {
    const [first, second] = readConll(CONLL, '/data/conll/eng.train');
    expect(first.text).toBe('EU rejects German call\nPeter Blackburn');
    expect(first.mentions.map((m) => [first.text.slice(m.start, m.end), m.label])).toEqual([
      ['EU', 'ORG'],
      ['Peter Blackburn', 'PERSON'],
    ]);
    expect(second.mentions.map((m) => [second.text.slice(m.start, m.end), m.label])).toEqual([['BRUSSELS', 'GPE']]);
  });

  it('names documents by the file, not its folder, since ids seed what training hides: the same data elsewhere gives the same figures', () => {
    const here = readConll(CONLL, '/tmp/conll/eng.train').map((d) => d.id);
    const there = readConll(CONLL, '/home/analyst/data/eng.train').map((d) => d.id);
    expect(here).toEqual(['eng.train#1', 'eng.train#2']);
    expect(there).toEqual(here);
  });

  it('a line without a tag is refused with its file and line', () => {
    expect(() => readConll('-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects\n', '/data/eng.train')).toThrow('/data/eng.train, line 4: expected a token and a tag');
  });
});

describe('bench:suggest-real --seeds', () => {
  it('repeats the runs under other namings of the training documents and gives the spread of P and R', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-real-'));
    try {
      const doc = (i: number) => ['-DOCSTART- -X- O O', '', 'Kerry B-PER', 'met O', 'Lavrov B-PER', 'in O', 'Geneva B-LOC', 'on O', `day${i} O`, '. O', '', 'Russia B-LOC', 'and O', 'Iran B-LOC', 'talked O', '. O', ''].join('\n');
      writeFileSync(join(dir, 'eng.train'), Array.from({ length: 6 }, (_, i) => doc(i)).join('\n'));
      writeFileSync(join(dir, 'eng.testb'), doc(9));
      const [one] = benchSuggestReal(dir, { sizes: [2], draws: 2, test: 1 });
      expect(one.spread).toBeUndefined();
      const [many] = benchSuggestReal(dir, { sizes: [2], draws: 2, test: 1, seeds: 3 });
      expect(many.spread).toBeDefined();
      const { p, r } = many.spread as { p: [number, number]; r: [number, number] };
      expect(p[0]).toBeLessThanOrEqual(many.p);
      expect(many.p).toBeLessThanOrEqual(p[1]);
      expect(r[0]).toBeLessThanOrEqual(many.r);
      expect(many.r).toBeLessThanOrEqual(r[1]);
      // Every gold name is counted once per seed and draw.
      expect(many.byLabel.PERSON.gold).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
