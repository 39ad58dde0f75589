/** A schema step's undo record (.parley/migrations/undo-<v>.json), damaged: Undo is refused by file and line, the record and the workspace kept. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSchemaMigration } from '../../../src/main/schemes/migrate';
import { undoRecordPath } from '../../../src/main/schemes/undoRecord';
import { undoableMigration, undoSchemaMigration } from '../../../src/main/schemes/undoMigration';
import { makeDocument, Workspace } from '../../../src/main/workspace';
import { cut, expectRefused, lineOf, pretty, tempDir } from './damage';

async function migrated(): Promise<{ ws: Workspace; path: string; text: string }> {
  const ws = await Workspace.create(join(await tempDir(), 'ws'), 'undo', [makeDocument('d1', 'One', 'Lavrov met Kerry.', {})]);
  const { migration } = await runSchemaMigration(ws, { op: 'renameLabel', from: 'PERSON', to: 'PEOPLE' }, 'lead');
  const path = join(ws.root, undoRecordPath(migration.version));
  return { ws, path, text: pretty(JSON.parse(await readFile(path, 'utf8'))) };
}

describe('a damaged undo record of a schema step', () => {
  it('cut short: Undo is refused by file and line, and the schema stays as the step left it', async () => {
    const { ws, path, text } = await migrated();
    await expectRefused(path, cut(text, 4), 4, () => undoSchemaMigration(ws, 1, 'lead'));
    await expectRefused(path, cut(text, 4), 4, () => undoableMigration(ws));
    expect(ws.schema.labels.map((l) => l.name)).toContain('PEOPLE');
    ws.close();
  });

  it('with a field of the wrong type: refused at its line', async () => {
    const { ws, path, text } = await migrated();
    const wrong = pretty({ ...JSON.parse(text), layers: 'all of them' });
    await expectRefused(path, wrong, lineOf(wrong, '"layers"'), () => undoSchemaMigration(ws, 1, 'lead'));
    ws.close();
  });
});
