/**
 * Schemes: the shipped ones load with their guidelines, a scheme file's
 * problems name the file and line, and `parley init --scheme`, `parley
 * schemes` and `parley schema export|import` work as a team would use them.
 */
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSchema } from '../../src/core/defaults';
import type { LabelSchema } from '../../src/core/model';
import { guidelineAnchors, parseScheme } from '../../src/core/schemes';
import { parley } from './parley';

const SHIPPED = join(process.cwd(), 'schemes');

async function shipped(): Promise<{ file: string; text: string }[]> {
  const files = (await readdir(SHIPPED)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(files.map(async (f) => ({ file: f, text: await readFile(join(SHIPPED, f), 'utf8') })));
}

/** A schema without its guides, to compare with the built-in default. */
function bare(schema: LabelSchema): LabelSchema {
  const drop = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'guide' && k !== 'valueGuides')) as T;
  return {
    labels: schema.labels.map(drop),
    frameTypes: schema.frameTypes.map((t) => ({ ...drop(t), roles: t.roles.map(drop), attributes: t.attributes.map(drop) })),
    documentFields: schema.documentFields,
  };
}

describe('shipped schemes', () => {
  it('are the five the README names, each with definitions for every label and a guideline naming its source', async () => {
    const schemes = (await shipped()).map(({ file, text }) => parseScheme(text, file));
    expect(schemes.map((s) => s.name).sort()).toEqual(['claims', 'default', 'media-frames', 'propaganda', 'stance']);
    for (const s of schemes) {
      expect(s.source.length, s.name).toBeGreaterThan(20);
      expect(s.guidelines, s.name).toMatch(/Source:/);
      for (const l of s.schema.labels) expect(l.guide?.definition, `${s.name} ${l.name}`).toBeTruthy();
      for (const t of s.schema.frameTypes) {
        expect(t.guide?.definition, `${s.name} ${t.name}`).toBeTruthy();
        for (const r of t.roles) expect(r.guide?.definition, `${s.name} ${t.name}.${r.name}`).toBeTruthy();
        for (const a of t.attributes) for (const v of a.values) expect(a.valueGuides?.[v]?.definition, `${s.name} ${a.name}=${v}`).toBeTruthy();
      }
    }
    const byName = new Map(schemes.map((s) => [s.name, s]));
    expect(byName.get('media-frames')!.schema.labels).toHaveLength(15);
    expect(byName.get('propaganda')!.schema.labels).toHaveLength(18);
    expect(byName.get('stance')!.schema.frameTypes[0].attributes[0].values).toEqual(['favor', 'against', 'none']);
  });

  it('the default scheme is the built-in default schema with definitions added', async () => {
    const text = await readFile(join(SHIPPED, 'default.json'), 'utf8');
    expect(bare(parseScheme(text, 'default.json').schema)).toEqual(defaultSchema());
  });
});

describe('a scheme file with a problem names the file and line', () => {
  const good = () => readFile(join(SHIPPED, 'stance.json'), 'utf8');

  it('a guide that links to a heading the guidelines lack', async () => {
    const text = (await good()).replace('"anchor": "holder"', '"anchor": "no-such-heading"');
    expect(() => parseScheme(text, 'team.json')).toThrow(/Stance › Holder links to the guidelines heading “no-such-heading”/);
    try {
      parseScheme(text, 'team.json');
    } catch (e) {
      const err = e as { file: string; line: number };
      expect(err.file).toBe('team.json');
      expect(text.split('\n')[err.line - 1]).toContain('no-such-heading');
    }
  });

  it('two labels on one key, and a file that is not JSON', async () => {
    const text = (await good()).replace('"key": "t"', '"key": "p"');
    expect(() => parseScheme(text, 'team.json')).toThrow(/the key “p” is used by both PERSON and TARGET/);
    expect(() => parseScheme('{"format": "parley-scheme",\n  "version": 1,\n  oops }', 'team.json')).toThrow(expect.objectContaining({ file: 'team.json', line: 3 }));
  });

  it('a value guide for a value the attribute does not have', async () => {
    const text = (await good()).replace('"none": {', '"neither": {');
    expect(() => parseScheme(text, 'team.json')).toThrow(/guide for “neither”, which is not one of its values/);
  });
});

describe('guideline anchors', () => {
  it('are the headings in lower case with hyphens, outside code blocks', () => {
    const md = '# Guidelines\n## Stance: the Holder\n```\n## not a heading\n```\n### Réunion ##\n';
    expect([...guidelineAnchors(md)]).toEqual(['guidelines', 'stance-the-holder', 'reunion']);
  });
});

describe('parley schemes, init --scheme, schema export and import', () => {
  it('lists the shipped schemes and starts a workspace under one, with its guidelines', async () => {
    const list = await parley('schemes');
    expect(list.code).toBe(0);
    for (const name of ['default', 'stance', 'media-frames', 'propaganda', 'claims']) expect(list.stdout).toMatch(new RegExp(`^${name}\\s`, 'm'));
    const ws = join(await mkdtemp(join(tmpdir(), 'parley-scheme-')), 'ws');
    const init = await parley('init', '--workspace', ws, '--empty', '--scheme', 'propaganda');
    expect(init.stderr).toBe('');
    expect(init.stdout).toContain('under the scheme propaganda');
    const schema = JSON.parse(await readFile(join(ws, 'schema.json'), 'utf8')).schema as LabelSchema;
    expect(schema.labels.map((l) => l.name)).toContain('Whataboutism');
    expect(await readFile(join(ws, 'guidelines.md'), 'utf8')).toMatch(/^# Guidelines: propaganda techniques/);
  });

  it('an unknown scheme is refused by name, and no folder is made', async () => {
    const ws = join(await mkdtemp(join(tmpdir(), 'parley-scheme-')), 'ws');
    const r = await parley('init', '--workspace', ws, '--scheme', 'frames');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/no scheme named frames; the shipped schemes are default, claims, media-frames, propaganda, stance/);
    await expect(readdir(ws)).rejects.toThrow();
  });

  it('a scheme exported from one workspace is taken by another; one that would drop a label in use is refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-scheme-'));
    expect((await parley('init', '--workspace', join(dir, 'a'), '--empty', '--scheme', 'claims')).code).toBe(0);
    const exported = await parley('schema', 'export', '--workspace', join(dir, 'a'), '--out', join(dir, 'team.json'));
    expect(exported.code).toBe(0);
    const again = await parley('schema', 'export', '--workspace', join(dir, 'a'), '--out', join(dir, 'team.json'));
    expect(again.stderr).toMatch(/already exists/);

    expect((await parley('init', '--workspace', join(dir, 'b'), '--empty')).code).toBe(0);
    const taken = await parley('schema', 'import', '--workspace', join(dir, 'b'), join(dir, 'team.json'));
    expect(taken.stderr).toBe('');
    expect(JSON.parse(await readFile(join(dir, 'b', 'schema.json'), 'utf8')).schema.frameTypes[0].name).toBe('Statement');
    expect(await readFile(join(dir, 'b', 'guidelines.md'), 'utf8')).toContain('Discourse Network Analyzer');

    // The sample corpus with one PERSON mention: the propaganda scheme has no PERSON.
    expect((await parley('init', '--workspace', join(dir, 'c'))).code).toBe(0);
    const docId = (await readdir(join(dir, 'c', 'documents')))[0].replace(/\.json$/, '');
    const doc = JSON.parse(await readFile(join(dir, 'c', 'documents', `${docId}.json`), 'utf8'));
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(dir, 'c', 'annotations', 'ana'), { recursive: true });
    const quote = doc.text.slice(0, 5);
    await writeFile(
      join(dir, 'c', 'annotations', 'ana', `${docId}.json`),
      JSON.stringify({ version: 1, docId, annotator: 'ana', textHash: doc.sha256, status: 'in_progress', mentions: [{ id: 'm1', label: 'PERSON', start: 0, end: 5, quote, origin: 'manual', author: 'ana', createdAt: 'n' }], frames: [], fields: {}, updatedAt: 'n', history: { undo: [], redo: [] } }),
    );
    const refused = await parley('schema', 'import', '--workspace', join(dir, 'c'), 'propaganda');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/lacks what the workspace's layers use: label PERSON \(1 mention\)/);
    expect(JSON.parse(await readFile(join(dir, 'c', 'schema.json'), 'utf8')).schema.labels.map((l: { name: string }) => l.name)).toContain('PERSON');
  });
});
