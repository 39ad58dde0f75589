import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { emptyLayer, type Mention } from '../../../src/core/model';
import { settleBulk } from '../../../src/main/store/atomicCommit';
import { journalPath } from '../../../src/main/store/journal';
import { validateWorkspace } from '../../../src/main/validate';
import { makeDocument, Workspace } from '../../../src/main/workspace';
import { mentionAt, textOf, workspaceWith } from '../integrity/fixtures';
import { parley } from '../parley';

/** Set to make every open of index.journal fail, as if the process were killed right there. */
const fail = vi.hoisted(() => ({ indexJournal: false }));
vi.mock('node:fs/promises', async (original) => {
  const fs = await original<typeof import('node:fs/promises')>();
  const open: typeof fs.open = (path, ...rest) => (fail.indexJournal && String(path).endsWith('index.journal') ? Promise.reject(new Error('killed')) : fs.open(path, ...rest));
  return { ...fs, default: { ...fs, open }, open };
});

/** A workspace of `n` documents, closed again so another open may write it. */
async function closedWorkspace(n = 3): Promise<string> {
  const dir = await workspaceWith(n);
  Workspace.release(dir);
  return dir;
}

async function problemsOf(dir: string): Promise<{ file: string; message: string }[]> {
  return (await validateWorkspace(await Workspace.open(dir, { readOnly: true }))).problems;
}

/** What a tester did to each shared file: seven damages each. */
const DAMAGES: [string, (text: string) => string | null][] = [
  ['cut in half', (t) => t.slice(0, Math.floor(t.length / 2))],
  ['emptied', () => ''],
  ['an array instead of an object', () => '[]'],
  ['NUL bytes in place of its text', (t) => '\0'.repeat(t.length)],
  ['a field of the wrong type', (t) => JSON.stringify({ ...JSON.parse(t), version: 'one' })],
  ['a newer format version', (t) => JSON.stringify({ ...JSON.parse(t), version: 99 })],
  ['deleted', () => null],
];

async function damage(path: string, how: (text: string) => string | null): Promise<void> {
  const after = how(await readFile(path, 'utf8'));
  if (after === null) await rm(path);
  else await writeFile(path, after);
}

describe('parley validate', () => {
  for (const file of ['schema.json', 'entities.json', 'index.json']) {
    it(`reports every damage to ${file} by its path`, async () => {
      for (const [what, how] of DAMAGES) {
        const dir = await closedWorkspace();
        await damage(join(dir, file), how);
        const problems = await problemsOf(dir);
        expect(problems.map((p) => p.file), `${file} ${what}`).toContain(join(dir, file));
      }
    });
  }

  it('reports a schema that names a label twice, and a registry that names an entity twice', async () => {
    const dir = await closedWorkspace();
    const schemaPath = join(dir, 'schema.json');
    const schema = JSON.parse(await readFile(schemaPath, 'utf8'));
    schema.schema.labels.push(schema.schema.labels[0]);
    await writeFile(schemaPath, JSON.stringify(schema));
    const entitiesPath = join(dir, 'entities.json');
    const entity = { id: 'e1', type: 'PERSON', name: 'Sergey Lavrov', aliases: [] };
    await writeFile(entitiesPath, JSON.stringify({ version: 1, revision: 1, entities: [entity, { ...entity, name: 'John Kerry' }] }));
    const problems = await problemsOf(dir);
    expect(problems).toContainEqual({ file: schemaPath, message: expect.stringMatching(/two labels are named PERSON/) });
    expect(problems).toContainEqual({ file: entitiesPath, message: expect.stringMatching(/two entities have the id e1/) });
  });

  it('reports documents that leave the list when index.journal is deleted', async () => {
    const dir = await closedWorkspace(2);
    const ws = await Workspace.open(dir);
    await ws.addDocuments([1, 2, 3].map((i) => makeDocument(`new${i}`, `New ${i}`, textOf(20, `new${i}`), {})));
    await settleBulk(dir);
    ws.close();
    expect(existsSync(join(dir, 'index.journal'))).toBe(true);
    await rm(join(dir, 'index.journal'));
    const problems = await problemsOf(dir);
    expect(problems.map((p) => p.file)).toEqual([1, 2, 3].map((i) => join(dir, 'documents', `new${i}.json`)));
    expect(problems[0].message).toMatch(/the document index does not list this document/);
  });

  it('reports a document file the index does not list', async () => {
    const dir = await closedWorkspace(2);
    const stray = join(dir, 'documents', 'stray.json');
    await writeFile(stray, JSON.stringify(makeDocument('stray', 'Stray', 'Lavrov met Kerry.', {})));
    expect(await problemsOf(dir)).toEqual([{ file: stray, message: expect.stringMatching(/does not list this document.*parley validate --repair/) }]);
  });

  it('reports an index entry whose title or length differs from its document, and --repair takes them from the file', async () => {
    const dir = await closedWorkspace(2);
    const indexPath = join(dir, 'index.json');
    const index = JSON.parse(await readFile(indexPath, 'utf8'));
    index.documents[1] = { ...index.documents[1], title: 'Wrong', chars: 3 };
    await writeFile(indexPath, JSON.stringify(index));
    const doc = join(dir, 'documents', 'd1.json');
    expect(await problemsOf(dir)).toEqual([{ file: doc, message: expect.stringMatching(/the document index gives its title as "Wrong", chars as 3, the file "Document 1", \d+/) }]);
    const r = await parley('validate', '--workspace', dir, '--repair');
    expect(r.stdout).toContain(`repaired: ${indexPath}: corrected 1 entry (title, outlet, date or length) from the document files (d1)`);
    expect(r.code).toBe(0);
    expect((await Workspace.open(dir, { readOnly: true })).entries[1].title).toBe('Document 1');
  });

  it('reports a layer file deleted while its journal still holds mentions', async () => {
    const dir = await closedWorkspace(2);
    const ws = await Workspace.open(dir);
    const { text } = await ws.document('d0');
    for (let i = 0; i < 3; i++) await ws.editLayer('ana', 'd0', (l) => void l.mentions.push(mentionAt(text, i, `m${i}`)));
    const layer = ws.layerPath('ana', 'd0');
    ws.close();
    expect(existsSync(journalPath(layer))).toBe(true);
    await rm(layer);
    expect(await problemsOf(dir)).toEqual([{ file: journalPath(layer), message: expect.stringMatching(/holds 2 saved changes of ana's layer on d0, mentions among them, but the layer file d0.json is missing/) }]);
  });

  it('reports a mention whose offsets split a surrogate pair', async () => {
    const dir = join(await closedWorkspace(0), '..', 'emoji');
    const text = 'Talks 🇺🇸 and 🇷🇺 ended.';
    const doc = makeDocument('e', 'Emoji', text, {});
    (await Workspace.create(dir, 'emoji', [doc])).close();
    const start = text.indexOf('🇺🇸') + 1;
    const m: Mention = { id: 'm1', label: 'GPE', start, end: start + 4, quote: text.slice(start, start + 4), origin: 'manual', author: 'ana', createdAt: 'n' };
    await mkdir(join(dir, 'annotations', 'ana'), { recursive: true });
    const layer = join(dir, 'annotations', 'ana', 'e.json');
    await writeFile(layer, JSON.stringify({ ...emptyLayer('e', 'ana', doc.sha256), mentions: [m] }));
    expect(await problemsOf(dir)).toEqual([{ file: layer, message: expect.stringMatching(/mention m1 starts at 7, inside a character/) }]);
  });

  it('reports an import cut short as one line, not as damage, and --repair finishes it', async () => {
    const dir = await closedWorkspace(2);
    const ws = await Workspace.open(dir);
    // The import's record is written (its commit point) and its files created; then the append to the index journal fails, as if killed there.
    fail.indexJournal = true;
    const records = [1, 2].map((i) => makeDocument(`imp${i}`, `Imported ${i}`, textOf(20, `imp${i}`), {}));
    await expect(
      ws.bulk('import of 2 documents and 2 layers', async (tx) => {
        await tx.addDocuments(records);
        for (const r of records) {
          const { layer } = await tx.layer('ana', r.id);
          layer.mentions.push(mentionAt(r.text, 0, `m-${r.id}`));
          tx.setLayer(layer);
        }
      }),
    ).rejects.toThrow(/killed/);
    fail.indexJournal = false;
    ws.close();
    expect(existsSync(ws.layerPath('ana', 'imp1'))).toBe(true);

    const checked = await parley('validate', '--workspace', dir);
    expect(checked.stdout.trim().split('\n')).toEqual([
      'an import of 2 documents and 2 layers was interrupted; it is completed the next time the workspace is opened, or now with `parley validate --repair`',
      `${join(dir)}: 4 documents, no problems.`,
    ]);
    expect(checked.code).toBe(0);

    const repaired = await parley('validate', '--workspace', dir, '--repair');
    expect(repaired.stdout).toMatch(/^repaired: finished the interrupted import of 2 documents and 2 layers$/m);
    expect(repaired.stdout.trim()).toMatch(/4 documents, no problems\.$/);
    const reopened = await Workspace.open(dir, { readOnly: true });
    expect(reopened.entries.map((e) => e.id)).toEqual(['d0', 'd1', 'imp1', 'imp2']);
    expect((await reopened.layer('ana', 'imp2')).data.mentions.map((m) => m.id)).toEqual(['m-imp2']);
  });

  it('--repair adds the documents the index does not list, and touches no file it cannot read', async () => {
    const dir = await closedWorkspace(2);
    const ws = await Workspace.open(dir);
    await ws.addDocuments([makeDocument('lost', 'Lost', textOf(20, 'lost'), {})]);
    await settleBulk(dir);
    ws.close();
    await rm(join(dir, 'index.journal'));
    const schemaPath = join(dir, 'schema.json');
    await writeFile(schemaPath, '{"version": 1, "name": ');
    const torn = join(dir, 'documents', 'torn.json');
    await writeFile(torn, '{"id": "torn", "text": "Lav');
    const r = await parley('validate', '--workspace', dir, '--repair');
    expect(r.stdout).toContain(`repaired: ${join(dir, 'index.json')}: added 1 document found in documents/ that it did not list (lost)`);
    expect(r.stdout).toContain(`${schemaPath}: line 1: not valid JSON`);
    expect(r.stdout).toContain(`${torn}: line 1: not valid JSON`);
    expect(r.code).toBe(1);
    expect(await readFile(schemaPath, 'utf8')).toBe('{"version": 1, "name": ');
    expect(await readFile(torn, 'utf8')).toBe('{"id": "torn", "text": "Lav');
    expect((await Workspace.open(dir, { readOnly: true })).entries.map((e) => e.id)).toEqual(['d0', 'd1', 'lost']);
  });
});
