/**
 * Schemes: the shipped ones load with their guidelines, a scheme file's
 * problems name the file and line, and `parley init --scheme`, `parley
 * schemes` and `parley schema export|import` work as a team would use them.
 */
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSchema } from '../../src/core/defaults';
import type { LabelSchema } from '../../src/core/model';
import { guidelineAnchors, parseScheme } from '../../src/core/schemes';
import { exportScheme, historyCommand, importScheme, migrateCommand, migrationFromOptions } from '../../src/main/schemes/cli';
import { loadScheme } from '../../src/main/schemes/library';
import { makeDocument, Workspace } from '../../src/main/workspace';
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
    const lines: string[] = [];
    const out = (l: string) => lines.push(l);
    const a = await Workspace.create(join(dir, 'a'), 'a', [], await loadScheme('claims'));
    await exportScheme(a, join(dir, 'team.json'), out);
    await expect(exportScheme(a, join(dir, 'team.json'), out)).rejects.toThrow(/already exists/);
    a.close();

    const b = await Workspace.create(join(dir, 'b'), 'b', []);
    await importScheme(b, await loadScheme(join(dir, 'team.json')), out);
    expect(b.schema.frameTypes[0].name).toBe('Statement');
    b.close();
    expect(await readFile(join(dir, 'b', 'guidelines.md'), 'utf8')).toContain('Discourse Network Analyzer');

    // One PERSON mention: the propaganda scheme has no PERSON.
    const c = await Workspace.create(join(dir, 'c'), 'c', [makeDocument('d1', 'One', 'Lavrov spoke.', {})]);
    await c.editLayer('ana', 'd1', (l) => {
      l.mentions.push({ id: 'm1', label: 'PERSON', start: 0, end: 6, quote: 'Lavrov', origin: 'manual', author: 'ana', createdAt: 'n' });
    });
    await expect(importScheme(c, await loadScheme('propaganda'), out)).rejects.toThrow(/lacks what the workspace's layers use: label PERSON \(1 mention\)/);
    expect(c.schema.labels.map((l) => l.name)).toContain('PERSON');
    c.close();
  });
});

describe('parley schema migrate and history', () => {
  it('counts a merge per analyst with --plan, changing nothing, then runs it and lists it', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'parley-migrate-')), 'ws');
    const text = 'Lavrov flew to Syria.';
    const ws = await Workspace.create(dir, 'm', [makeDocument('d1', 'One', text, {})]);
    for (const annotator of ['ana', 'ben', 'gold']) {
      await ws.editLayer(annotator, 'd1', (l) => {
        l.mentions.push({ id: 'm1', label: 'GPE', start: 15, end: 20, quote: 'Syria', origin: 'manual', author: annotator, createdAt: 'n' });
        l.mentions.push({ id: 'm2', label: 'PERSON', start: 0, end: 6, quote: 'Lavrov', origin: 'manual', author: annotator, createdAt: 'n' });
      });
    }
    const lines: string[] = [];
    const out = (l: string) => lines.push(l);
    const op = migrationFromOptions({ merge: 'GPE,LOC', into: 'PLACE' });
    await migrateCommand(ws, op, true, 'lead', out);
    expect(lines[0]).toBe('merge GPE, LOC into PLACE: 3 layers on 1 document, 3 mentions relabelled, 0 deleted, 0 frames changed');
    expect(lines).toContain('  ana: 1 layer, 1 mention, 0 frames');
    expect((await ws.layer('ben', 'd1')).data.mentions[0].label).toBe('GPE');

    lines.length = 0;
    await migrateCommand(ws, op, false, 'lead', out);
    expect(lines.at(-1)).toContain('the schema is at version 1');
    for (const annotator of ['ana', 'ben', 'gold']) {
      const layer = JSON.parse(await readFile(join(dir, 'annotations', annotator, 'd1.json'), 'utf8'));
      expect(layer.mentions.map((m: { label: string }) => m.label)).toEqual(['PLACE', 'PERSON']);
      expect(layer.schemaVersion).toBe(1);
    }
    lines.length = 0;
    historyCommand(ws, out);
    expect(lines).toEqual([expect.stringMatching(/^ {2}1 {2}\S+ {2}lead {2}merge GPE, LOC into PLACE$/)]);
    ws.close();
    expect(() => migrationFromOptions({ rename: 'A', merge: 'B' })).toThrow(/give one of/);
    expect(() => migrationFromOptions({ op: '{"op":"splitLabel","from":"GPE"}' })).toThrow(/the migration's into/);
  });

  it('the command line runs a migration and names what the schema lacks', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'parley-migrate-')), 'ws');
    (await Workspace.create(dir, 'm', [])).close();
    const ok = await parley('schema', 'migrate', '--workspace', dir, '--rename', 'TOPIC', '--to', 'ISSUE');
    expect(ok.stdout).toContain('rename the label TOPIC to ISSUE: 0 layers');
    const bad = await parley('schema', 'migrate', '--workspace', dir, '--rename', 'NOPE', '--to', 'X');
    expect(bad.stderr).toMatch(/the schema has no label NOPE/);
  });
});
