/**
 * The document index (index.json and the entries appended to index.journal
 * since it was last written whole) against the files in documents/: an
 * index that does not parse, a journal line that is not an entry, an id
 * listed twice, and a document file the index does not list (its document
 * is missing from the list: a deleted journal does this silently). The index
 * is derived from documents/, so `parley validate --repair` rebuilds it.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Problem } from '../../core/api/workspace';
import { DocumentEntrySchema, type DocumentEntry, type DocumentRecord } from '../../core/model';
import { completeLines } from '../store/journal';
import { documentKind, INDEX_FILE, INDEX_JOURNAL, indexKind } from '../store/kinds';
import { parseFile, readRequired } from '../store/jsonFile';
import { problemOf, readIfPresent } from './problem';

export const REBUILD = 'the next open for writing rebuilds the index from documents/, or now: parley validate --repair';

export interface IndexOnDisk {
  /** Entries of index.json then of the journal, as read; null when index.json cannot be read. */
  entries: DocumentEntry[] | null;
  /** Document ids with a file in documents/. */
  files: string[];
  problems: Problem[];
}

/** Document ids with a file in documents/ (hidden temp files left out). */
export async function documentFiles(root: string): Promise<string[]> {
  try {
    return (await readdir(join(root, 'documents'))).filter((n) => n.endsWith('.json') && !n.startsWith('.')).map((n) => n.slice(0, -5));
  } catch {
    return [];
  }
}

/** Why a document file cannot be read, or null when it can (the index lists only readable ones). */
async function readable(path: string): Promise<Problem | null> {
  try {
    const doc = (await readRequired(path, documentKind)).data;
    return doc.id === basename(path, '.json') ? null : { file: path, message: `names id ${doc.id} but its file is named ${basename(path)}.` };
  } catch (e) {
    return problemOf(path, e);
  }
}

/** `pending`: files an unfinished bulk change writes (not damage: the next open finishes them). */
export async function checkIndex(root: string, pending: ReadonlySet<string>): Promise<IndexOnDisk> {
  const problems: Problem[] = [];
  const indexPath = join(root, INDEX_FILE);
  const journalPath = join(root, INDEX_JOURNAL);
  let entries: DocumentEntry[] | null = null;
  try {
    const text = await readIfPresent(indexPath, (p) => readFile(p, 'utf8'));
    if (text === null) problems.push({ file: indexPath, message: `missing: the document index; ${REBUILD}` });
    else entries = parseFile(text, indexKind, indexPath).data.documents;
  } catch (e) {
    const p = problemOf(indexPath, e);
    problems.push({ file: indexPath, message: `${p.message.replace(/ The file was left as it is.*$/, '')}; ${REBUILD}` });
  }
  const listed = new Set<string>();
  for (const e of entries ?? []) {
    if (listed.has(e.id)) problems.push({ file: indexPath, message: `lists document ${e.id} twice; ${REBUILD}` });
    listed.add(e.id);
  }
  // An entry in both the index and its journal is a compaction cut short, read once: not damage.
  if (entries && !pending.has(INDEX_JOURNAL)) {
    try {
      const text = await readIfPresent(journalPath, (p) => readFile(p, 'utf8'));
      completeLines(text ?? '').lines.forEach((line, i) => {
        try {
          const entry = DocumentEntrySchema.parse(JSON.parse(line));
          if (!listed.has(entry.id)) entries!.push(entry);
          listed.add(entry.id);
        } catch {
          problems.push({ file: journalPath, message: `line ${i + 1}: not a document entry; ${REBUILD}` });
        }
      });
    } catch (e) {
      problems.push(problemOf(journalPath, e));
    }
  }
  const files = await documentFiles(root);
  if (entries) {
    for (const id of files) {
      if (listed.has(id) || pending.has(`documents/${id}.json`)) continue;
      const path = join(root, 'documents', `${id}.json`);
      const unreadable = await readable(path);
      if (unreadable) problems.push({ file: path, message: `${unreadable.message} The document index does not list it either.` });
      else problems.push({ file: path, message: `the document index does not list this document, so it is not in the workspace's list; ${REBUILD}` });
    }
  }
  return { entries, files, problems };
}

const ENTRY_FIELDS = ['title', 'outlet', 'date', 'chars'] as const;

/** How the index's entry for a document differs from what the document file says (its title, outlet, date, length), or null. */
export function entryMismatch(entry: DocumentEntry, doc: DocumentRecord): string | null {
  const now: Record<(typeof ENTRY_FIELDS)[number], unknown> = { title: doc.title, outlet: doc.source.outlet, date: doc.source.date, chars: doc.text.length };
  const differ = ENTRY_FIELDS.filter((k) => entry[k] !== now[k]);
  if (differ.length === 0) return null;
  return `the document index gives its ${differ.map((k) => `${k} as ${JSON.stringify(entry[k])}`).join(', ')}, the file ${differ.map((k) => JSON.stringify(now[k])).join(', ')}; ${REBUILD}`;
}
