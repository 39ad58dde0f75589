/** Turning plain-text files on disk into workspace documents. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { ParleyError } from '../core/errors';
import type { DocumentRecord } from '../core/model';
import { makeDocument } from './workspace';

/** Expands folders into the .txt files inside them, sorted, recursively. */
export async function collectFiles(paths: string[], extensions: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const full = resolve(p);
    let info;
    try {
      info = await stat(full);
    } catch {
      throw new ParleyError('not_found', 'no such file or folder', full);
    }
    if (info.isDirectory()) {
      const names = (await readdir(full)).sort();
      out.push(...(await collectFiles(names.filter((n) => !n.startsWith('.')).map((n) => join(full, n)), extensions).catch(() => [])));
    } else if (extensions.includes(extname(full).toLowerCase()) || paths.includes(p)) {
      out.push(full);
    }
  }
  return out;
}

/** A headline-looking first line, else the file name. */
export function guessTitle(text: string, fallback: string): string {
  for (const line of text.split('\n').slice(0, 40)) {
    const t = line.trim();
    if (t.split(/\s+/).length >= 4 && t.length <= 200 && /\p{L}/u.test(t)) return t;
  }
  return fallback;
}

export function slugId(name: string, taken: Set<string>): string {
  const base =
    basename(name, extname(name))
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[^A-Za-z0-9]+/, '')
      .slice(0, 80) || 'document';
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  taken.add(id);
  return id;
}

/** Reads text files as documents, all or nothing: any unreadable file stops the whole import. */
export async function readTextDocuments(files: string[], takenIds: Iterable<string>): Promise<DocumentRecord[]> {
  const taken = new Set(takenIds);
  const docs: DocumentRecord[] = [];
  for (const file of files) {
    const bytes = await readFile(file);
    if (bytes.includes(0)) throw new ParleyError('bad_input', 'this looks like a binary file, not text (it holds NUL bytes)', file);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    if (text.includes('\uFFFD') && !bytes.toString('latin1').includes('\uFFFD')) {
      throw new ParleyError('bad_input', 'not valid UTF-8 text: save it as UTF-8 and import again', file, text.slice(0, text.indexOf('\uFFFD')).split('\n').length);
    }
    if (!text.trim()) throw new ParleyError('bad_input', 'the file is empty', file);
    const id = slugId(file, taken);
    docs.push(makeDocument(id, guessTitle(text, basename(file)), text, { file: basename(file) }));
  }
  return docs;
}
