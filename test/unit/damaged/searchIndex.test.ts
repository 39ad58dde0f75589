/** The search index's manifest and document lists, damaged: a cache, so it is built again, and the log names the file and line. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../../src/main/search/segments';
import { cut, lineOf, logged, pretty, tempDir } from './damage';

const docs = [
  { id: 'd1', sha256: 'a'.repeat(64), text: 'Lavrov met Kerry in Geneva.' },
  { id: 'd2', sha256: 'b'.repeat(64), text: 'A ceasefire in Aleppo.' },
];

async function indexed(): Promise<{ root: string; dir: string }> {
  const root = await tempDir();
  await (await SearchIndex.open(root, true)).add(docs);
  return { root, dir: join(root, '.parley', 'search') };
}

describe('a damaged search index', () => {
  it('a manifest cut short: said in the log by file and line, and the documents indexed again', async () => {
    const { root, dir } = await indexed();
    const path = join(dir, 'manifest.json');
    const text = cut(pretty(JSON.parse(await readFile(path, 'utf8'))), 3);
    let index: SearchIndex | null = null;
    const log = await logged(path, text, async () => (index = await SearchIndex.open(root, true)));
    expect(log).toContain(`${path}:3: not valid JSON`);
    expect(log).toContain('built again from the documents');
    expect(index!.holds('d1', docs[0].sha256)).toBe(false);
    await index!.add(docs);
    expect(index!.holds('d1', docs[0].sha256)).toBe(true);
  });

  it("a segment's document list with a field of the wrong type: said in the log at its line, and its documents indexed again", async () => {
    const { root, dir } = await indexed();
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { segments: { name: string; generation: number }[] };
    const path = join(dir, `${manifest.segments[0].name}-g${manifest.segments[0].generation}.docs.json`);
    const text = pretty({ ...JSON.parse(await readFile(path, 'utf8')), starts: 'none' });
    let index: SearchIndex | null = null;
    const log = await logged(path, text, async () => (index = await SearchIndex.open(root, false)));
    expect(log).toContain(`${path}:${lineOf(text, '"starts"')}: not a valid search index segment's document list at starts`);
    expect(index!.holds('d2', docs[1].sha256)).toBe(false);
  });
});
