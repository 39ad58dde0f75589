import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSchema } from '../../src/core/defaults';
import { frameProblems } from '../../src/core/frames';
import { sentences } from '../../src/core/tokenize';
import { labelledSeeds } from '../fixtures/seeds';

describe('the labelled sample articles', () => {
  const docs = labelledSeeds();

  it('holds the five seed texts unchanged, every mention quoting its offsets', () => {
    expect(docs).toHaveLength(5);
    for (const d of docs) {
      expect(d.document.text).toBe(readFileSync(join('seeds', `${d.document.id}.txt`), 'utf8'));
      for (const m of d.mentions) {
        expect(d.document.text.slice(m.start, m.end)).toBe(m.quote);
        expect(defaultSchema().labels.map((l) => l.name)).toContain(m.label);
      }
    }
    expect(docs.reduce((n, d) => n + d.mentions.length, 0)).toBe(357);
  });

  it('labels the names an analyst would: Lavrov as PERSON, the foreign ministry as ORG, Geneva as GPE', () => {
    const first = docs[0];
    const find = (q: string) => first.mentions.find((m) => m.quote === q)?.label;
    expect(find('Sergey Lavrov')).toBe('PERSON');
    expect(find('Russian foreign Ministry')).toBe('ORG');
    expect(find('Geneva')).toBe('GPE');
    expect(find('4 February')).toBe('DATE');
    expect(find('ceasefire')).toBe('TOPIC');
    // "Russian" alone is an adjective, not a mention.
    expect(first.mentions.some((m) => m.quote === 'Russian')).toBe(false);
  });

  it('anchors every frame on a whole sentence, complete by the schema', () => {
    const schema = defaultSchema();
    let n = 0;
    for (const d of docs) {
      const spans = sentences(d.document.text);
      const byId = new Map(d.mentions.map((m) => [m.id, m]));
      for (const f of d.frames) {
        n++;
        expect(spans).toContainEqual({ start: f.evidence.start, end: f.evidence.end });
        expect(d.document.text.slice(f.evidence.start, f.evidence.end)).toBe(f.evidence.quote);
        expect(frameProblems(f, schema, byId)).toEqual([]);
      }
    }
    expect(n).toBe(33);
  });
});
