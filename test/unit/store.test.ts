import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyLayer, FORMAT_VERSION } from '../../src/core/model';
import { layerKind, workspaceKind } from '../../src/main/store/kinds';
import { writeFileDurable } from '../../src/main/store/durable';
import { readRequired } from '../../src/main/store/jsonFile';
import { makeDocument, Workspace } from '../../src/main/workspace';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'parley-unit-'));
}

describe('durable writes', () => {
  it('replaces a file atomically and leaves no temp file behind', async () => {
    const dir = await tempDir();
    const file = join(dir, 'a.json');
    await writeFileDurable(file, '{"v":1}');
    await writeFileDurable(file, '{"v":2}');
    expect(await readFile(file, 'utf8')).toBe('{"v":2}');
    expect(await readdir(dir)).toEqual(['a.json']);
  });

  it('a writer killed midway leaves the old file or the new one, never a torn one', async () => {
    const dir = await tempDir();
    const file = join(dir, 'layer.json');
    const old = JSON.stringify({ v: 'old', pad: 'x'.repeat(200_000) });
    await writeFile(file, old);
    const fresh = JSON.stringify({ v: 'new', pad: 'y'.repeat(200_000) });
    const durable = new URL('../../src/main/store/durable.ts', import.meta.url).pathname;
    // A child process writes the new content in a loop and is killed at a random moment.
    const script = `
      import { writeFileDurable } from ${JSON.stringify(durable)};
      const data = JSON.stringify({ v: 'new', pad: 'y'.repeat(200000) });
      let alt = 0;
      for (;;) {
        await writeFileDurable(${JSON.stringify(file)}, alt++ % 2 ? JSON.stringify({ v: 'old', pad: 'x'.repeat(200000) }) : data);
        if (alt === 1) process.stdout.write('writing\\n');
      }
    `;
    for (let round = 0; round < 5; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      // Kill it a while after it has started writing, mid-write as often as not.
      await new Promise((r) => child.stdout!.once('data', r));
      await new Promise((r) => setTimeout(r, 5 + round * 13));
      child.kill('SIGKILL');
      await new Promise((r) => child.on('exit', r));
      const text = await readFile(file, 'utf8');
      expect([old, fresh]).toContain(text);
    }
  });
});

describe('versioned files', () => {
  it('migrates a version 0 layer on read and validates it', async () => {
    const dir = await tempDir();
    const file = join(dir, 'layer.json');
    await writeFile(
      file,
      JSON.stringify({
        docId: 'd1',
        annotator: 'ana',
        textHash: 'h',
        mentions: [{ id: 'm1', label: 'PERSON', start: 0, end: 6, quote: 'Lavrov', origin: 'manual', author: 'ana', createdAt: '2016-01-01' }],
      }),
    );
    const db = await readRequired(file, layerKind);
    expect(db.data.version).toBe(FORMAT_VERSION);
    expect(db.data.status).toBe('in_progress');
    expect(db.data.frames).toEqual([]);
    expect(db.data.history).toEqual({ undo: [], redo: [] });
  });

  it('refuses a file from a newer version, naming it', async () => {
    const dir = await tempDir();
    const file = join(dir, 'workspace.json');
    await writeFile(file, JSON.stringify({ version: FORMAT_VERSION + 1 }));
    await expect(readRequired(file, workspaceKind)).rejects.toThrow(/newer than this Parley understands/);
  });

  it('reports a corrupt file with its line and never overwrites it', async () => {
    const dir = await tempDir();
    const file = join(dir, 'layer.json');
    const broken = '{\n  "version": 1,\n  "docId": "d1",\n  oops\n}';
    await writeFile(file, broken);
    const err = await readRequired(file, layerKind).catch((e) => e);
    expect(err.code).toBe('corrupt_file');
    expect(err.file).toBe(file);
    expect(err.line).toBe(4);
    expect(await readFile(file, 'utf8')).toBe(broken);
  });
});

describe('workspace', () => {
  it('opens with a corrupt layer, reports it by path, and keeps the file', async () => {
    const dir = await tempDir();
    const text = 'Lavrov met Kerry in Geneva.';
    const ws = await Workspace.create(dir, 'test', [makeDocument('d1', 'One', text, {}), makeDocument('d2', 'Two', text, {})]);
    await ws.editLayer('ana', 'd1', (layer) => {
      layer.mentions.push({ id: 'm1', label: 'PERSON', start: 0, end: 6, quote: 'Lavrov', origin: 'manual', author: 'ana', createdAt: 'now' });
    });
    const bad = join(dir, 'annotations', 'ana', 'd2.json');
    await writeFile(bad, '{"version": 1, "docId": ');

    const again = await Workspace.open(dir);
    const list = await again.summaries('ana');
    expect(list.find((d) => d.id === 'd1')?.mentionCount).toBe(1);
    expect(list.find((d) => d.id === 'd2')?.problem).toMatch(/not valid JSON/);
    expect(again.problems.map((p) => p.file)).toEqual([bad]);
    const problems = await again.check();
    expect(problems.map((p) => p.file)).toContain(bad);
    expect(await readFile(bad, 'utf8')).toBe('{"version": 1, "docId": ');
  });

  it('writes one small file per edit, whatever the corpus size', async () => {
    const dir = await tempDir();
    const docs = Array.from({ length: 50 }, (_, i) => makeDocument(`d${i}`, `Doc ${i}`, `Text number ${i}`, {}));
    const ws = await Workspace.create(dir, 'test', docs);
    const before = await readFile(join(dir, 'index.json'), 'utf8');
    await ws.editLayer('ana', 'd7', (layer) => {
      layer.status = 'done';
    });
    expect(await readFile(join(dir, 'index.json'), 'utf8')).toBe(before);
    expect(await readdir(join(dir, 'annotations', 'ana'))).toEqual(['d7.json']);
  });

  it('flags a layer whose text hash no longer matches its document', async () => {
    const dir = await tempDir();
    const ws = await Workspace.create(dir, 'test', [makeDocument('d1', 'One', 'Some text', {})]);
    await writeFile(join(dir, 'annotations', 'ana.json'), '');
    const stale = { ...emptyLayer('d1', 'ana', 'not-the-hash') };
    const layerDir = join(dir, 'annotations', 'ana');
    await import('node:fs/promises').then((fs) => fs.mkdir(layerDir, { recursive: true }));
    await writeFile(join(layerDir, 'd1.json'), JSON.stringify(stale));
    const db = await ws.layer('ana', 'd1');
    expect(ws.isStale(db.data)).toBe(true);
    expect((await ws.check()).some((p) => /hash mismatch/.test(p.message))).toBe(true);
  });
});
