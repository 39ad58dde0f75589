/** A shared file a bulk change brings whole (a sync's checkout, a resolved conflict), damaged: refused by file and line before anything is written. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDocument, Workspace } from '../../../src/main/workspace';
import { cut, lineOf, pretty, tempDir } from './damage';

describe('a damaged shared file brought by a bulk change', () => {
  it('is refused by file and line, and schema.json and entities.json stay as they were', async () => {
    const ws = await Workspace.create(join(await tempDir(), 'ws'), 'b', [makeDocument('d1', 'One', 'Lavrov met Kerry.', {})]);
    const schemaPath = join(ws.root, 'schema.json');
    const entitiesPath = join(ws.root, 'entities.json');
    const [schemaBefore, entitiesBefore] = [await readFile(schemaPath, 'utf8'), await readFile(entitiesPath, 'utf8')];
    const cutShort = cut(pretty(JSON.parse(schemaBefore)), 3);
    await expect(ws.bulk('sync', async (tx) => tx.setFile('schema.json', cutShort))).rejects.toMatchObject({ code: 'corrupt_file', file: schemaPath, line: 3 });
    const wrong = pretty({ ...JSON.parse(entitiesBefore), entities: { e1: 'Lavrov' } });
    await expect(ws.bulk('sync', async (tx) => tx.setFile('entities.json', wrong))).rejects.toMatchObject({ code: 'corrupt_file', file: entitiesPath, line: lineOf(wrong, '"entities"') });
    expect(await readFile(schemaPath, 'utf8')).toBe(schemaBefore);
    expect(await readFile(entitiesPath, 'utf8')).toBe(entitiesBefore);
    expect(ws.schema.labels.length).toBeGreaterThan(0);
    ws.close();
  });
});
