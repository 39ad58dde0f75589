/**
 * Plain text files, import only: each .txt file becomes a document with no
 * annotations. The id is a slug of the file name, the title the first
 * non-empty line (a news headline, as a rule), the text the file unchanged
 * but for a leading byte-order mark.
 */
import { ParleyError } from '../errors';
import { IMPORTED_ANNOTATOR, ImportSession } from './assemble';
import { baseName, checkFile, extension } from './input';
import { slug, titleFromText, UniqueIds } from './names';
import type { DatasetContext, DatasetDocument, FormatDef, ImportFile, ImportResult } from './types';


function read(files: ImportFile[], ctx: DatasetContext): ImportResult {
  const session = new ImportSession(ctx);
  const ids = new UniqueIds();
  for (const file of files) {
    const text = checkFile(file, session.warnings);
    const id = ids.take(slug(baseName(file.path)));
    session.finish(unlabelled({ id, title: titleFromText(text, baseName(file.path)), text, source: { file: file.path } }));
  }
  return session.result();
}

/** An imported article with no labels yet (plain text, HTML). */
export function unlabelled(document: DatasetDocument['document']): DatasetDocument {
  return { document, annotator: IMPORTED_ANNOTATOR, status: 'not_started', mentions: [], frames: [], fields: {} };
}

function detect(files: ImportFile[]): boolean {
  return files.length > 0 && files.every((f) => extension(f.path) === 'txt');
}

export const text: FormatDef = {
  name: 'text',
  title: 'Plain text',
  description: 'Plain .txt articles, one document per file (import only).',
  canImport: true,
  canExport: false,
  offsetUnit: 'none',
  detect,
  createWriter: () => {
    throw new ParleyError('invalid_argument', 'plain text is import only; export to native JSONL or brat to keep the text');
  },
  read,
};
