/**
 * The files an import reads: folders expanded (recursively, hidden files
 * skipped), each file checked before any format sees it (size, binary
 * content, UTF-8). Formats get short relative names, which read better in
 * documents' sources and messages; errors are mapped back to the full path
 * so a person can find the file.
 */
import { readFileSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { ParleyError } from '../../core/errors';
import { MAX_IMPORT_BYTES } from '../../core/formats';
import type { ImportFile } from '../../core/formats/types';

export interface PickedFile {
  /** Where the file is on disk. */
  abs: string;
  /** What formats and messages call it: the picked folder's name and the path inside it, or the file's name. */
  rel: string;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function walk(dir: string, rel: string, out: PickedFile[]): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => byName(a.name, b.name));
  for (const e of entries) {
    // Hidden files (.DS_Store, .git, editors' swap files) are never documents.
    if (e.name.startsWith('.')) continue;
    const abs = join(dir, e.name);
    const r = `${rel}/${e.name}`;
    if (e.isDirectory()) await walk(abs, r, out);
    else if (e.isFile() || (e.isSymbolicLink() && (await stat(abs).catch(() => null))?.isFile())) out.push({ abs, rel: r });
  }
}

/** The files behind the paths a person picked, in a stable order. */
export async function collectFiles(paths: readonly string[]): Promise<PickedFile[]> {
  const out: PickedFile[] = [];
  const labels = new Set<string>();
  for (const p of paths) {
    const abs = resolve(p);
    const info = await stat(abs).catch(() => null);
    if (!info) throw new ParleyError('not_found', 'no such file or folder; check the path', abs);
    // Two picked folders with the same name would give their files the same names.
    let label = basename(abs) || 'files';
    for (let n = 2; labels.has(label); n++) label = `${basename(abs)}-${n}`;
    labels.add(label);
    if (info.isDirectory()) await walk(abs, label, out);
    else out.push({ abs, rel: label });
  }
  return out;
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence; only called once decoding failed. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return i;
    for (let k = 1; k < len; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += len;
  }
  return bytes.length;
}

function lineOfByte(bytes: Uint8Array, pos: number): number {
  let line = 1;
  for (let i = 0; i < pos; i++) if (bytes[i] === 10) line++;
  return line;
}

const megabytes = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

/**
 * Reads one file as UTF-8 text, or says why it cannot be imported. A
 * byte-order mark is kept: brat counts it. Synchronous: for thousands of
 * small articles, a third of the thread pool's four round trips a file.
 */
export function readImportFile(file: PickedFile): ImportFile {
  const { size } = statSync(file.abs);
  if (size > MAX_IMPORT_BYTES) {
    throw new ParleyError('bad_input', `the file is ${megabytes(size)}, more than the ${megabytes(MAX_IMPORT_BYTES)} an import reads; split it into smaller files and import them together`, file.abs);
  }
  const bytes = readFileSync(file.abs);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new ParleyError('bad_input', 'this looks like UTF-16 text; save it as UTF-8 and import it again', file.abs);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new ParleyError('bad_input', 'this looks like a binary file (it contains NUL bytes), not UTF-8 text; pick the text or annotation files instead', file.abs, lineOfByte(bytes, nul));
  }
  try {
    return { path: file.rel, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new ParleyError(
      'bad_input',
      `this looks like a binary file or text in another encoding than UTF-8 (invalid UTF-8 at byte ${at}); save it as UTF-8 and import it again`,
      file.abs,
      lineOfByte(bytes, at),
    );
  }
}

/** Runs a format's reader on files named by their relative paths; a problem it reports names the file on disk. */
export function withDiskPaths<T>(files: readonly PickedFile[], work: () => T): T {
  try {
    return work();
  } catch (e) {
    if (e instanceof ParleyError && e.file !== undefined) {
      const hit = files.find((f) => f.rel === e.file);
      if (hit) throw new ParleyError(e.code, e.message, hit.abs, e.line);
    }
    throw e;
  }
}

/** Warnings name files by their relative path; this turns them into disk paths too. */
export function warningsOnDisk(files: readonly PickedFile[], warnings: readonly string[]): string[] {
  const byRel = new Map(files.map((f) => [f.rel, f.abs]));
  return warnings.map((w) => {
    const m = /^([^:\n]+?)(:\d+)?: /.exec(w);
    const abs = m ? byRel.get(m[1]) : undefined;
    return abs ? abs + w.slice(m![1].length) : w;
  });
}
