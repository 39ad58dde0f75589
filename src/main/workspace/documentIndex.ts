/**
 * The document index: index.json, written whole now and then, and
 * index.journal, one entry a line appended by each import since; together
 * they list the workspace's documents, oldest first.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Sequencer } from '../../core/async';
import { ParleyError } from '../../core/errors';
import { FORMAT_VERSION, DocumentEntrySchema, type DocumentEntry, type DocumentRecord } from '../../core/model';
import { commitFiles } from '../store/atomicCommit';
import { completeLines } from '../store/journal';
import { documentKind, INDEX_FILE, INDEX_JOURNAL, indexKind, type IndexFile } from '../store/kinds';
import { PRIVATE_DIR } from '../store/lock';
import { FileOwner } from '../store/owner';
import { entryOf } from './documents';
import type { FileProblems } from './problems';

/** Entries the index journal may hold before the index is written whole, whatever the index's size. */
const INDEX_JOURNAL_FLOOR = 1000;

export class DocumentIndex {
  readonly file: FileOwner<IndexFile>;
  /** Where the index journal's complete lines end, and how many entries it holds. */
  private indexJournal = { length: 0, count: 0 };
  /** The index by id, rebuilt when the document list changes, so a save costs the same in any corpus size. */
  private byId: { list: readonly DocumentEntry[]; map: Map<string, DocumentEntry> } | null = null;

  /** `bulkTurns`: the workspace's bulk changes, which a compaction waits for. */
  constructor(
    private readonly root: string,
    private readonly readOnly: boolean,
    private readonly bulkTurns: Sequencer,
    private readonly problems: FileProblems,
  ) {
    this.file = new FileOwner(join(root, INDEX_FILE), indexKind);
  }

  get journalPath(): string {
    return join(this.root, INDEX_JOURNAL);
  }

  /** Where the journal's complete lines end: the next entries are appended there. */
  get journalLength(): number {
    return this.indexJournal.length;
  }

  /** Entries in the journal, not yet in index.json. */
  get journalCount(): number {
    return this.indexJournal.count;
  }

  get entries(): readonly DocumentEntry[] {
    return this.file.loaded ? this.file.peek().documents : [];
  }

  has(docId: string): boolean {
    return this.map().has(docId);
  }

  get(docId: string): DocumentEntry | undefined {
    return this.map().get(docId);
  }

  private map(): Map<string, DocumentEntry> {
    const list = this.entries;
    if (this.byId?.list !== list) this.byId = { list, map: new Map(list.map((d) => [d.id, d])) };
    return this.byId.map;
  }

  /**
   * Adds the entries of index.journal (one a line, appended by each import
   * since the index was last written whole) to the index read from
   * index.json; an entry already there (a compaction cut short) is skipped,
   * and a last line without its newline (a kill mid-append) was never
   * acknowledged and is left out.
   */
  async readIndexJournal(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.journalPath, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new ParleyError('io', `cannot read: ${(e as Error).message}`, this.journalPath);
      this.indexJournal = { length: 0, count: 0 };
      return;
    }
    const data = this.file.peek();
    const known = new Set(data.documents.map((d) => d.id));
    const added: DocumentEntry[] = [];
    const { lines, bytes } = completeLines(text);
    lines.forEach((line, i) => {
      let entry: DocumentEntry;
      try {
        entry = DocumentEntrySchema.parse(JSON.parse(line));
      } catch (e) {
        throw new ParleyError('corrupt_file', `line ${i + 1} is not a document entry (${(e as Error).message}); the index is rebuilt from documents/`, this.journalPath, i + 1);
      }
      if (!known.has(entry.id)) {
        known.add(entry.id);
        added.push(entry);
      }
    });
    if (added.length) data.documents = [...data.documents, ...added];
    this.indexJournal = { length: bytes, count: lines.length };
  }

  /** Entries a bulk change appended to the index journal, now `length` bytes long. */
  appendedToIndex(entries: DocumentEntry[], length: number): void {
    const data = this.file.peek();
    data.documents = [...data.documents, ...entries];
    this.indexJournal = { length, count: this.indexJournal.count + entries.length };
    // Once the journal holds more than half as many entries as the index (and a floor), the index is written whole, off the caller's time.
    if (this.indexJournal.count > Math.max(INDEX_JOURNAL_FLOOR, data.documents.length / 2)) void this.compactIndex().catch((e) => this.problems.note(e));
  }

  /** Writes the index whole and removes its journal, as one crash-atomic step, after any bulk change under way. */
  compactIndex(): Promise<void> {
    if (this.readOnly) return Promise.resolve();
    return this.bulkTurns.run(async () => {
      if (this.indexJournal.count === 0 && !existsSync(this.journalPath)) return;
      const h = await this.file.hold();
      try {
        const text = JSON.stringify(h.data, null, 1);
        await commitFiles(this.root, 'compaction of the document index', [
          { path: this.file.path, text },
          { path: this.journalPath, text: null },
        ]);
        h.adopt(h.data, text);
        this.indexJournal = { length: 0, count: 0 };
      } finally {
        h.release();
      }
    });
  }

  /** The index as documents/ holds it, oldest first. */
  async rebuildIndex(): Promise<void> {
    const records: DocumentRecord[] = [];
    let names: string[] = [];
    try {
      names = await readdir(join(this.root, 'documents'));
    } catch {
      // no documents folder: an empty index
    }
    for (const name of names.filter((n) => n.endsWith('.json') && !n.startsWith('.'))) {
      try {
        records.push(await new FileOwner(join(this.root, 'documents', name), documentKind).read());
      } catch (e) {
        this.problems.note(e);
      }
    }
    records.sort((x, y) => x.addedAt.localeCompare(y.addedAt) || x.id.localeCompare(y.id));
    const index: IndexFile = { version: FORMAT_VERSION, documents: records.map(entryOf) };
    if (this.readOnly) return this.file.preset(index);
    if (existsSync(this.file.path)) {
      const aside = join(this.root, PRIVATE_DIR, 'damaged', `${INDEX_FILE}.${Date.now()}`);
      await mkdir(dirname(aside), { recursive: true });
      await copyFile(this.file.path, aside);
      this.problems.set(this.file.path, `could not be read, so it was rebuilt from documents/ (${records.length} documents); the damaged file is kept as ${aside}`);
    }
    await this.file.replace(index);
    // Everything the journal listed is in documents/, so in the rebuilt index.
    await rm(this.journalPath, { force: true });
    this.indexJournal = { length: 0, count: 0 };
  }
}
