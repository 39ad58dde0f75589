/**
 * What every reader checks before it parses: size, binary content, encoding.
 * Readers are all or nothing, so problems are thrown, never skipped.
 */
import { ParleyError } from '../errors';
import type { ImportFile } from './types';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export function badInput(message: string, file: string, line?: number): ParleyError {
  return new ParleyError('bad_input', message, file, line);
}

/**
 * A problem found while walking a parsed JSON value. `path` names the value
 * (e.g. ['annotations', 0, 'result', 2]); the reader turns it into a line.
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly path: readonly (string | number)[] = [],
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/** Bytes the text takes as UTF-8, counted only as far as needed to know it is below `limit`. */
function utf8LengthExceeds(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
    if (bytes > limit) return true;
  }
  return false;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const SAMPLE = 8192;

/**
 * Rejects files no format can read: over MAX_IMPORT_BYTES, binary (NUL bytes,
 * or mostly control and undecodable characters), or not well-formed Unicode.
 * Returns the text, without a leading byte-order mark unless `keepBom` (brat
 * counts the mark as a character of the .txt file).
 */
export function checkFile(file: ImportFile, warnings: string[], keepBom = false): string {
  const { path, text } = file;
  if (utf8LengthExceeds(text, MAX_IMPORT_BYTES)) {
    throw badInput(`the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; split it into smaller files and import them one by one`, path);
  }
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    throw badInput('this looks like a binary file (it contains NUL bytes); expected UTF-8 text', path, lineAt(text, nul));
  }
  let odd = 0;
  const sample = Math.min(text.length, SAMPLE);
  for (let i = 0; i < sample; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) odd++;
  }
  if (sample > 0 && odd / sample > 0.1) {
    throw badInput('this looks like a binary file or is not UTF-8 text (many control or undecodable characters); expected UTF-8 text', path);
  }
  const lone = LONE_SURROGATE.exec(text);
  if (lone) throw badInput('the text is not well-formed Unicode (a lone surrogate code unit); expected UTF-8 text', path, lineAt(text, lone.index));
  const replaced = countOf(text, '\uFFFD');
  if (replaced > 0) {
    warnings.push(`${path}: ${replaced} character(s) could not be decoded and show as \uFFFD; the file may not be UTF-8`);
  }
  return !keepBom && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function countOf(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

/** 1-based line of a UTF-16 position; only called on the error path. */
export function lineAt(text: string, pos: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < pos; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Calls `visit` for every line with its 1-based number, without the line break (\n or \r\n). */
export function forEachLine(text: string, visit: (line: string, lineNo: number) => void): void {
  let start = 0;
  let lineNo = 1;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    const next = end < 0 ? text.length : end + 1;
    if (end < 0) end = text.length;
    visit(text.charCodeAt(end - 1) === 13 && end > start ? text.slice(start, end - 1) : text.slice(start, end), lineNo);
    start = next;
    lineNo++;
  }
}

export function fileName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** The file name without folders and without its last extension. */
export function baseName(path: string): string {
  const name = fileName(path);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

export function extension(path: string): string {
  const name = fileName(path);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** A short, single-line rendering of user text for error messages. */
export function shown(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, ' ');
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max)}…` : flat);
}

/** Runs `work`, turning an InputError into a ParleyError at the given file and line. */
export function atLine<T>(file: string, line: number | undefined, work: () => T): T {
  try {
    return work();
  } catch (e) {
    if (e instanceof InputError) throw badInput(e.message, file, line);
    throw e;
  }
}
