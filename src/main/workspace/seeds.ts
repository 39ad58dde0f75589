/** The bundled sample corpus (seeds/), which a first start opens. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { DocumentRecord } from '../../core/model';
import { readRequired, type FileKind } from '../store/jsonFile';
import { makeDocument } from './documents';

const seedsKind: FileKind<{ documents: { file: string; title: string; outlet?: string; date?: string }[] }> = {
  what: 'sample corpus manifest',
  schema: z.object({
    documents: z.array(
      z.object({
        file: z.string().regex(/^[^/\\]+\.txt$/, 'a .txt file beside the manifest'),
        title: z.string(),
        outlet: z.string().optional(),
        date: z.string().optional(),
      }),
    ),
  }),
};

/** The bundled sample corpus, read from seeds/ as given, with titles from its manifest; a damaged manifest is refused by line. */
export async function readSeeds(dir: string): Promise<DocumentRecord[]> {
  const manifest = (await readRequired(join(dir, 'manifest.json'), seedsKind, { advice: '; the sample corpus is part of Parley: reinstall it' })).data;
  const docs: DocumentRecord[] = [];
  for (const d of manifest.documents) {
    const text = await readFile(join(dir, d.file), 'utf8');
    const id = d.file.replace(/\.txt$/, '');
    docs.push(makeDocument(id, d.title, text, { outlet: d.outlet, date: d.date, file: d.file }));
  }
  return docs;
}
