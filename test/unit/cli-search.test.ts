import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parley } from './parley';
import { describe, expect, it } from 'vitest';


describe('parley search', { timeout: 180_000 }, () => {
  it('prints every hit (document, start, end, context) and the total, and writes nothing', async () => {
    const ws = join(await mkdtemp(join(tmpdir(), 'parley-cli-search-')), 'ws');
    expect((await parley('init', '--workspace', ws)).code).toBe(0);
    const r = await parley('search', '--workspace', ws, 'Lavrov');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    const total = lines.pop()!;
    const count = Number(/^([\d,]+) hits/.exec(total)![1].replace(/,/g, ''));
    expect(count).toBe(lines.length);
    expect(count).toBeGreaterThan(5);
    for (const line of lines) {
      const [docId, start, end, context] = line.split('\t');
      const doc = JSON.parse(await readFile(join(ws, 'documents', `${docId}.json`), 'utf8')) as { text: string };
      expect(doc.text.slice(Number(start), Number(end)).toLowerCase()).toBe('lavrov');
      expect(context).toMatch(/\[Lavrov\]/i);
    }
    expect(existsSync(join(ws, '.parley', 'search'))).toBe(false);

    const json = JSON.parse((await parley('search', '--workspace', ws, '--json', '--regex', 'Kerr(y|ies)')).stdout) as { hits: { quote: string }[]; total: number };
    expect(json.total).toBe(json.hits.length);
    expect(new Set(json.hits.map((h) => h.quote))).toEqual(new Set(['Kerry']));
  });

  it('filters by label in an annotator layer, and says what is wrong with a bad pattern', async () => {
    const ws = join(await mkdtemp(join(tmpdir(), 'parley-cli-search-')), 'ws');
    await parley('init', '--workspace', ws);
    const id = '000_6fed144dc0cfb78b';
    const doc = JSON.parse(await readFile(join(ws, 'documents', `${id}.json`), 'utf8')) as { text: string; sha256: string };
    const start = doc.text.indexOf('Lavrov');
    const layer = {
      version: 1, docId: id, annotator: 'ana', textHash: doc.sha256, status: 'in_progress', fields: {}, frames: [], updatedAt: 'n', history: { undo: [], redo: [] },
      mentions: [{ id: 'm1', label: 'PERSON', start, end: start + 6, quote: 'Lavrov', origin: 'manual', author: 'ana', createdAt: 'n' }],
    };
    await mkdir(join(ws, 'annotations', 'ana'), { recursive: true });
    await writeFile(join(ws, 'annotations', 'ana', `${id}.json`), JSON.stringify(layer));
    const r = await parley('search', '--workspace', ws, '--annotator', 'ana', '--label', 'PERSON', 'lavrov');
    expect(r.stdout.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^${id}\\t${start}\\t${start + 6}\\t.*\\[Lavrov\\]`)), '1 hit in 1 document.']);
    const bad = await parley('search', '--workspace', ws, '--regex', '(oops');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/not a valid regular expression/);
  });
});
