/**
 * The one read path for JSON files (store/jsonFile.ts) and the lowdb adapter
 * that writes through the durable write (store/lowdbAdapter.ts): a damaged
 * file is named with its line and problem and never written over; a write
 * the disk refuses leaves the old file as it was.
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FORMAT_VERSION } from '../../src/core/model';
import { readJsonFile, readRequired, type FileKind } from '../../src/main/store/jsonFile';
import { entitiesKind, type EntitiesFile } from '../../src/main/store/kinds';
import { DurableAdapter } from '../../src/main/store/lowdbAdapter';
import { FileOwner } from '../../src/main/store/owner';
import { fillAfter, spaceReturns } from './integrity/fullDisk';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'parley-json-'));
}

afterEach(spaceReturns);

const registry = (names: string[]): EntitiesFile => ({ version: FORMAT_VERSION, revision: names.length, entities: names.map((name, i) => ({ id: `e${i}`, type: 'PERSON', name, aliases: [] })) });

describe('reading a JSON file', () => {
  it('gives the data checked, and null for a file that is not there', async () => {
    const dir = await tempDir();
    const path = join(dir, 'entities.json');
    expect(await readJsonFile(path, entitiesKind)).toBeNull();
    await writeFile(path, JSON.stringify(registry(['Lavrov'])));
    const file = await readJsonFile(path, entitiesKind);
    expect(file?.data.entities.map((e) => e.name)).toEqual(['Lavrov']);
    expect(file?.migrated).toBe(false);
  });

  it('bad JSON is corrupt_file naming the file, the line and the problem, and the file is left as it is', async () => {
    const dir = await tempDir();
    const path = join(dir, 'entities.json');
    const broken = '{\n  "version": 1,\n  "revision": 0,\n  "entities": [\n    {"id": "e1",, "name": "Kerry"}\n  ]\n}';
    await writeFile(path, broken);
    const err = await readJsonFile(path, entitiesKind).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'corrupt_file', file: path, line: 5 });
    expect((err as Error).message).toMatch(/^not valid JSON \(.+\)\. The file was left as it is/);
    expect(await readFile(path, 'utf8')).toBe(broken);
  });

  it('a value that does not fit the schema is named by its path and its line', async () => {
    const dir = await tempDir();
    const path = join(dir, 'entities.json');
    const text = JSON.stringify(registry(['Lavrov', 'Kerry']), null, 2).replace('"name": "Kerry"', '"name": 42');
    await writeFile(path, text);
    const err = await readJsonFile(path, entitiesKind).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'corrupt_file', file: path, line: text.split('\n').findIndex((l) => l.includes('42')) + 1 });
    expect((err as Error).message).toMatch(/^not a valid entity registry at entities\.1\.name: /);
  });

  it('a missing file that must be there is not_found naming what it is', async () => {
    const dir = await tempDir();
    const path = join(dir, 'entities.json');
    await expect(readRequired(path, entitiesKind)).rejects.toMatchObject({ code: 'not_found', file: path, message: 'missing entity registry' });
  });

  it('a kind without format versions is only validated', async () => {
    const dir = await tempDir();
    const path = join(dir, 'prefs.json');
    const kind: FileKind<{ theme: string }> = { what: 'preferences file', schema: z.object({ theme: z.string().default('light') }) };
    await writeFile(path, '{}');
    expect((await readRequired(path, kind)).data).toEqual({ theme: 'light' });
  });
});

describe('writing through the lowdb adapter', () => {
  it('a lowdb document reads and writes the file whole, with nothing left beside it', async () => {
    const dir = await tempDir();
    const path = join(dir, 'entities.json');
    const db = new Low<EntitiesFile | null>(new DurableAdapter(path, entitiesKind), null);
    await db.read();
    expect(db.data).toBeNull();
    db.data = registry(['Lavrov']);
    await db.write();
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(registry(['Lavrov']));
    expect(await readdir(dir)).toEqual(['entities.json']);
  });

  it('a failed write answers disk_full and leaves the old file intact, with no temp file', async () => {
    const dir = await tempDir();
    const path = join(dir, 'entities.json');
    const before = JSON.stringify(registry(['Lavrov']));
    await writeFile(path, before);
    const db = new Low<EntitiesFile | null>(new DurableAdapter(path, entitiesKind), null);
    await db.read();
    db.data = registry(['Lavrov', 'Kerry']);
    fillAfter(0);
    await expect(db.write()).rejects.toMatchObject({ code: 'disk_full' });
    expect(await readFile(path, 'utf8')).toBe(before);
    expect(await readdir(dir)).toEqual(['entities.json']);
  });

  it("an owner's failed save keeps memory as the file is, and the next save after space returns is whole", async () => {
    const dir = await tempDir();
    const path = join(dir, 'entities.json');
    await writeFile(path, JSON.stringify(registry(['Lavrov'])));
    const owner = new FileOwner(path, entitiesKind);
    await owner.read();
    fillAfter(0);
    await expect(owner.update((d) => d.entities.push({ id: 'e9', type: 'PERSON', name: 'Kerry', aliases: [] }))).rejects.toMatchObject({ code: 'disk_full' });
    expect(owner.peek().entities.map((e) => e.name)).toEqual(['Lavrov']);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(registry(['Lavrov']));
    spaceReturns();
    await owner.update((d) => d.entities.push({ id: 'e9', type: 'PERSON', name: 'Kerry', aliases: [] }));
    expect((JSON.parse(await readFile(path, 'utf8')) as EntitiesFile).entities.map((e) => e.name)).toEqual(['Lavrov', 'Kerry']);
  });

  it('a damaged file is never written over: the owner refuses to save it', async () => {
    const dir = await tempDir();
    const path = join(dir, 'entities.json');
    await writeFile(path, 'garbage');
    const owner = new FileOwner(path, entitiesKind);
    await expect(owner.update((d) => d.entities.splice(0))).rejects.toMatchObject({ code: 'corrupt_file', file: path });
    expect(await readFile(path, 'utf8')).toBe('garbage');
  });
});
