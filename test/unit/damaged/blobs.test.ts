/**
 * JSON read from the shared history's blobs, damaged: a merge is refused
 * (before any commit) naming the file, the blob and the line, where a bare
 * parse took it for "no renames" or "no schema steps" and left the other
 * side's layers under old labels. The blob itself is never rewritten.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyLayer } from '../../../src/core/model';
import { layerKind } from '../../../src/main/store/kinds';
import { applyMigrations } from '../../../src/main/sync/migrations';
import { blobText, fs, git } from '../../../src/main/sync/objects';
import { applyRenames } from '../../../src/main/sync/renames';
import { blobJson } from '../../../src/main/sync/syncFiles';
import { cut, lineOf, pretty, tempDir } from './damage';

async function repo(): Promise<string> {
  const dir = await tempDir();
  await git.init({ fs, dir });
  return join(dir, '.git');
}

async function treeWith(gitdir: string, path: string, text: string): Promise<{ tree: string; blob: string }> {
  const blob = await git.writeBlob({ fs, gitdir, blob: Buffer.from(text, 'utf8') });
  return { tree: await git.writeTree({ fs, gitdir, tree: [{ mode: '100644', path, oid: blob, type: 'blob' }] }), blob };
}

async function refusal(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => null,
    (e: unknown) => e,
  );
}

describe('damaged JSON in the shared history', () => {
  it('a schema.json cut short: the merge is refused naming the file, the blob and the line', async () => {
    const gitdir = await repo();
    const text = cut(pretty({ version: 1, revision: 0, name: 'w', schema: { labels: [] } }), 4);
    const { tree, blob } = await treeWith(gitdir, 'schema.json', text);
    for (const apply of [applyRenames, applyMigrations]) {
      const err = await refusal(apply(gitdir, tree, tree, tree, {}));
      expect(err).toMatchObject({ code: 'corrupt_file', file: `schema.json (shared history, blob ${blob.slice(0, 10)})`, line: 4, message: expect.stringMatching(/^not valid JSON/) });
    }
    expect(await blobText(gitdir, blob, {})).toBe(text);
  });

  it('a layer with a field of the wrong type is refused at its line', async () => {
    const gitdir = await repo();
    const text = pretty({ ...emptyLayer('d1', 'ana', 'h'), mentions: 'none' });
    const { blob } = await treeWith(gitdir, 'annotations/ana/d1.json', text);
    const err = await refusal(blobJson(gitdir, blob, layerKind, 'annotations/ana/d1.json', {}));
    expect(err).toMatchObject({ code: 'corrupt_file', line: lineOf(text, '"mentions"'), message: expect.stringMatching(/^not a valid annotation layer at mentions: /) });
  });
});
