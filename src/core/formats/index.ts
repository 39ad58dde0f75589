/**
 * The dataset formats, registered in one table. Callers read files and write
 * chunks; everything here is pure.
 */
import { brat } from './brat';
import { conll } from './conll';
import { csv } from './csv';
import { doccano } from './doccano';
import { labelstudio } from './labelstudio';
import { native } from './native';
import { spacy } from './spacy';
import { text } from './text';
import { webanno } from './webanno';
import type { FormatDef, FormatName, ImportFile } from './types';

export const FORMATS: Record<FormatName, FormatDef> = { native, brat, conll, doccano, labelstudio, spacy, csv, text, webanno };

/**
 * Order matters: the most specific sniffers first (a native file is also
 * JSON Lines; brat folders also hold .txt files), plain text last.
 */
const DETECTION_ORDER: FormatName[] = ['native', 'webanno', 'brat', 'labelstudio', 'spacy', 'doccano', 'conll', 'text'];

/** The format of a set of files, or null when none recognises them. */
export function detectFormat(files: ImportFile[]): FormatName | null {
  return DETECTION_ORDER.find((name) => FORMATS[name].canImport && FORMATS[name].detect(files)) ?? null;
}

export { IMPORTED_ANNOTATOR } from './assemble';
export { MAX_IMPORT_BYTES } from './input';
export type * from './types';
