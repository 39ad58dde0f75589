/**
 * brat's own annotation.conf files (test/fixtures/tools/brat, from brat's
 * example-data and example configuration) read into a schema and written
 * back: every event role keeps its name, cardinality (`Arg`, `Arg?`, `Arg*`,
 * `Arg+`, `Arg{2}`, `Arg{N-M}`) and entity types; every event attribute its
 * value set (binary ones stay binary); every overlap rule its types and kinds.
 * And the overlap rules are applied as brat applies them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotationConf } from '../../../src/core/formats/bratConf';
import { frameTypeFromConf, overlapRulesFromConf, parseAnnotationConf, type AnnotationConf } from '../../../src/core/formats/bratConfRead';
import type { LabelSchema, Mention } from '../../../src/core/model';
import { overlapAllowed, overlapRefusal } from '../../../src/core/overlaps';
import { checkChange } from '../../../src/core/validate';

const DIR = new URL('../../fixtures/tools/brat/', import.meta.url).pathname;
const CONFS = readdirSync(DIR).filter((f) => f.endsWith('.annotation.conf'));

/** The schema an import of this conf gives a workspace that takes all its types. */
function schemaOf(conf: AnnotationConf): LabelSchema {
  const labels = new Set(conf.entities.map((e) => e.name));
  const labelOf = (t: string) => (labels.has(t) ? t : undefined);
  return {
    labels: conf.entities.map((e) => ({ name: e.name, color: '#336699', key: '' })),
    frameTypes: conf.events.map((ev) => frameTypeFromConf(ev, conf, labelOf, '#336699')),
    documentFields: [],
    overlaps: overlapRulesFromConf(conf, labelOf),
  };
}

/** What a conf says, in a form two confs can be compared by: `<EVENT>` spelled out; roles compared by their named entity types. */
function meaning(conf: AnnotationConf) {
  const labels = new Set(conf.entities.map((e) => e.name));
  const events = conf.events.map((e) => e.name);
  return {
    entities: [...labels],
    events: conf.events.map((e) => ({
      name: e.name,
      roles: e.roles.filter((r) => r.types.some((t) => labels.has(t))).map((r) => ({ name: r.name, min: r.min, max: r.max, types: r.types.filter((t) => labels.has(t)) })),
    })),
    eventAttributes: conf.attributes
      .filter((a) => a.args.some((t) => t === '<EVENT>' || events.includes(t)))
      .map((a) => ({ name: a.name, values: a.values, on: events.filter((e) => a.args.includes(e) || a.args.includes('<EVENT>')) })),
    overlaps: conf.overlaps.map(({ inner, outer, kinds }) => ({ inner, outer, kinds })),
  };
}

describe("brat's own annotation.conf files, read and written back", () => {
  it('are all here', () => {
    expect(CONFS.length).toBeGreaterThanOrEqual(10);
  });

  for (const file of CONFS) {
    it(`${file}: roles, cardinalities, event attribute values and overlap rules as written`, () => {
      const conf = parseAnnotationConf(file, readFileSync(join(DIR, file), 'utf8'));
      const written = annotationConf(schemaOf(conf));
      const back = parseAnnotationConf('annotation.conf', written);
      expect(meaning(back)).toEqual(meaning(conf));
      // And the schema it gives is the same again: nothing drifts on a second trip.
      expect(annotationConf(schemaOf(back))).toBe(written);
    });
  }

  it('keeps optional, repeated and counted roles: Arg?, Arg*, Arg+, Arg{2}', () => {
    const conf = parseAnnotationConf('news', readFileSync(join(DIR, 'tutorial_news.annotation.conf'), 'utf8'));
    const roles = (name: string) => schemaOf(conf).frameTypes.find((f) => f.name === name)!.roles.map((r) => [r.name, r.min, r.max]);
    expect(roles('Be-born')).toEqual([['Person-Arg', 1, 1], ['Place-Arg', 0, 1]]);
    expect(roles('Marry')).toEqual([['Person-Arg', 2, 2], ['Place-Arg', 0, 1]]);
    expect(roles('Merge-org')).toEqual([['Org-Arg', 1, null]]);
    const written = annotationConf(schemaOf(conf));
    expect(written).toContain('Marry\tPerson-Arg{2}:Person, Place-Arg?:GPE');
    expect(written).toContain('Merge-org\tOrg-Arg+:Organization');
    // Binary stays binary; a value set stays as it is.
    expect(written).toMatch(/\nNegation\tArg:[^\n,]+\n/);
    expect(written).toMatch(/\nConfidence\tArg:[^\n]+, Value:High\|Neutral\|Low\n/);
  });

  it('reads <OVERLAP> and ENTITY-NESTING as brat does', () => {
    const ged = parseAnnotationConf('ID', readFileSync(join(DIR, 'BioNLP-ST_2011_ID.annotation.conf'), 'utf8'));
    expect(ged.overlaps.length).toBeGreaterThan(0);
    expect(ged.overlaps.every((r) => r.kinds.join() === 'contain')).toBe(true);
    const any = parseAnnotationConf('a', '[entities]\nA\nB\n[relations]\n<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>\nENTITY-NESTING\tArg1:A, Arg2:B\n');
    // New-style rules win over ENTITY-NESTING, as in brat.
    expect(any.overlaps.map(({ inner, outer, kinds }) => ({ inner, outer, kinds }))).toEqual([{ inner: [], outer: [], kinds: ['equal', 'contain', 'cross'] }]);
    const bad = (() => {
      try {
        parseAnnotationConf('bad.conf', '[relations]\n<OVERLAP>\tArg1:A, Arg2:B, <OVL-TYPE>:inside\n');
      } catch (e) {
        return e as { message: string; file?: string; line?: number };
      }
    })();
    expect(bad).toMatchObject({ file: 'bad.conf', line: 2, message: expect.stringContaining('unknown <OVL-TYPE> inside') });
  });
});

describe("the schema's overlap rules", () => {
  const mention = (id: string, label: string, start: number, end: number): Mention => ({ id, label, start, end, quote: 'Syria'.padEnd(end - start, 'x').slice(0, end - start), origin: 'manual', author: 'a', createdAt: '' });
  const rules = (conf: string) => schemaOf(parseAnnotationConf('annotation.conf', `[entities]\nGPE\nORG\nPERSON\n[relations]\n${conf}`));

  it('without rules of its own, a workspace allows every overlap (Parley as before)', () => {
    expect(overlapAllowed({}, 'ORG', 'GPE', 'equal')).toBe(true);
    expect(overlapRefusal({}, mention('b', 'ORG', 0, 5), [mention('a', 'GPE', 0, 5)])).toBeNull();
  });

  it("a brat conf without rules allows no overlap: the same span with another label is refused, as brat's verifier says", () => {
    const schema = rules('');
    expect(schema.overlaps).toEqual([]);
    const gpe = mention('a', 'GPE', 0, 5);
    expect(overlapRefusal(schema, mention('b', 'ORG', 0, 5), [gpe])).toEqual({ other: gpe, how: 'equal' });
    expect(overlapRefusal(schema, mention('b', 'ORG', 0, 9), [gpe])).toEqual({ other: gpe, how: 'around' });
    expect(overlapRefusal(schema, mention('b', 'ORG', 3, 9), [gpe])).toEqual({ other: gpe, how: 'cross' });
    // Not touching is no overlap.
    expect(overlapRefusal(schema, mention('b', 'ORG', 5, 9), [gpe])).toBeNull();
  });

  it('equal and cross hold both ways; contain only with the inner type first', () => {
    const schema = rules('<OVERLAP>\tArg1:GPE, Arg2:ORG, <OVL-TYPE>:equal|contain\n');
    expect(overlapAllowed(schema, 'ORG', 'GPE', 'equal')).toBe(true);
    expect(overlapAllowed(schema, 'GPE', 'ORG', 'equal')).toBe(true);
    expect(overlapAllowed(schema, 'GPE', 'ORG', 'inside')).toBe(true);
    expect(overlapAllowed(schema, 'ORG', 'GPE', 'inside')).toBe(false);
    expect(overlapAllowed(schema, 'ORG', 'GPE', 'around')).toBe(true);
    expect(overlapAllowed(schema, 'GPE', 'ORG', 'cross')).toBe(false);
    expect(overlapAllowed(schema, 'PERSON', 'GPE', 'equal')).toBe(false);
  });

  it('main refuses a mention on the same span under another label, naming both', () => {
    const schema = rules('');
    const text = 'Syria';
    const gpe = mention('a', 'GPE', 0, 5);
    expect(() => checkChange({ op: 'addMention', mention: mention('b', 'ORG', 0, 5) }, text, schema, [gpe])).toThrow('ORG “Syria” may not have the same span as GPE “Syria”');
    // A relabel is what is meant, and allowed.
    expect(() => checkChange({ op: 'updateMention', before: gpe, after: { ...gpe, label: 'ORG' } }, text, schema, [gpe])).not.toThrow();
    // Replacing it in one batch is allowed too.
    expect(() => checkChange({ op: 'batch', title: 'retype', changes: [{ op: 'removeMention', mention: gpe }, { op: 'addMention', mention: mention('b', 'ORG', 0, 5) }] }, text, schema, [gpe])).not.toThrow();
  });
});
