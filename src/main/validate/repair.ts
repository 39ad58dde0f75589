/**
 * `parley validate --repair`: what can be put right without a person.
 * Opening the workspace for writing finishes every bulk change whose intent
 * record was written and clears the staging of those that never reached it
 * (store/bulk.ts), and rebuilds an unreadable index from documents/; then
 * the index journal is folded in, every readable document file the index
 * does not list is added to it and every entry whose title, outlet, date
 * or length differs from its file is taken from the file, as one bulk change (after a snapshot). A file
 * that cannot be read is never touched: it is left for `validate` to report.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { FORMAT_VERSION, type DocumentEntry, type DocumentRecord } from '../../core/model';
import { pendingBulk, settleBulk } from '../store/atomicCommit';
import { INDEX_FILE, documentKind, indexKind, type IndexFile } from '../store/kinds';
import { PRIVATE_DIR } from '../store/lock';
import { parseFile, readRequired } from '../store/jsonFile';
import { entryOf, sha256, Workspace } from '../workspace';
import { documentFiles, entryMismatch } from './documentIndex';

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** Folders of staged changes that never reached their commit point. */
async function stagedChanges(root: string): Promise<number> {
  return (await readdir(join(root, PRIVATE_DIR, 'staging')).catch(() => [] as string[])).length;
}

function names(ids: string[]): string {
  return `${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ', …' : ''}`;
}

/** Index entries that differ from their readable, unedited document files, by id: the entry the file gives. */
async function correctedEntries(ws: Workspace): Promise<Map<string, DocumentEntry>> {
  const out = new Map<string, DocumentEntry>();
  for (const entry of ws.entries) {
    const path = ws.documentPath(entry.id);
    let doc: DocumentRecord;
    try {
      doc = (await readRequired(path, documentKind)).data;
    } catch {
      continue;
    }
    // An edited text is for a person to look at: its layers were made for the old one.
    if (doc.id !== entry.id || doc.sha256 !== entry.sha256 || sha256(doc.text) !== doc.sha256) continue;
    if (entryMismatch(entry, doc)) out.set(entry.id, entryOf(doc));
  }
  return out;
}

/** Repairs the workspace in `dir` and returns what it did, one line each. */
export async function repairWorkspace(dir: string): Promise<string[]> {
  const root = resolve(dir);
  const done: string[] = [];
  const unfinished = await pendingBulk(root);
  const staged = await stagedChanges(root);
  const indexMissing = !existsSync(join(root, INDEX_FILE));
  const ws = await Workspace.open(root);
  try {
    for (const change of unfinished) done.push(`finished the interrupted ${change.what}`);
    const rolledBack = staged - unfinished.length;
    if (rolledBack > 0) done.push(`rolled back ${plural(rolledBack, 'change')} cut short before it was committed (its staged files removed; nothing else had changed)`);
    if (indexMissing) done.push(`${join(root, INDEX_FILE)}: was missing, so it was rebuilt from documents/ (${plural(ws.entries.length, 'document')})`);
    for (const p of ws.problems) if (/rebuilt from documents/.test(p.message)) done.push(`${p.file}: ${p.message}`);
    await ws.compactIndex();
    const corrected = await correctedEntries(ws);
    const unlisted = (await documentFiles(root)).filter((id) => !ws.has(id)).sort();
    const records: DocumentRecord[] = [];
    for (const id of unlisted) {
      const path = ws.documentPath(id);
      try {
        const doc = (await readRequired(path, documentKind)).data;
        // A file naming another id is left for a person (validate reports it).
        if (doc.id === id) records.push(doc);
      } catch {
        // unreadable: never touched; validate reports it
      }
    }
    if (records.length || corrected.size) {
      records.sort((x, y) => x.addedAt.localeCompare(y.addedAt) || x.id.localeCompare(y.id));
      await ws.bulk(`rebuild of the document index (${plural(records.length, 'document')} it did not list, ${plural(corrected.size, 'entry')} corrected)`, async (tx) => {
        const text = await tx.file(INDEX_FILE);
        const index: IndexFile = text === null ? { version: FORMAT_VERSION, documents: [] } : parseFile(text, indexKind, join(root, INDEX_FILE)).data;
        index.documents = [...index.documents.map((e) => corrected.get(e.id) ?? e), ...records.map(entryOf)];
        tx.setFile(INDEX_FILE, JSON.stringify(index, null, 1));
      });
      if (records.length) done.push(`${join(root, INDEX_FILE)}: added ${plural(records.length, 'document')} found in documents/ that it did not list (${names(records.map((r) => r.id))})`);
      if (corrected.size) done.push(`${join(root, INDEX_FILE)}: corrected ${plural(corrected.size, 'entry')} (title, outlet, date or length) from the document files (${names([...corrected.keys()])})`);
    }
    await settleBulk(root);
  } finally {
    ws.close();
  }
  return done;
}
