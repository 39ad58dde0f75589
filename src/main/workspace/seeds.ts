/** The bundled sample corpus (seeds/), which a first start opens. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DocumentRecord } from '../../core/model';
import { makeDocument } from './documents';

/** The bundled sample corpus, read from seeds/ as given, with titles from its manifest. */
export async function readSeeds(dir: string): Promise<DocumentRecord[]> {
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as {
    documents: { file: string; title: string; outlet?: string; date?: string }[];
  };
  const docs: DocumentRecord[] = [];
  for (const d of manifest.documents) {
    const text = await readFile(join(dir, d.file), 'utf8');
    const id = d.file.replace(/\.txt$/, '');
    docs.push(makeDocument(id, d.title, text, { outlet: d.outlet, date: d.date, file: d.file }));
  }
  return docs;
}
