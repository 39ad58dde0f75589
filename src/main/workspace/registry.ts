/**
 * Opening workspace folders, and those open for writing in this process, by
 * folder: a second open shares the first, and the last close lets the writer
 * lock go, so another process may write the folder.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ParleyError } from '../../core/errors';
import type { DocumentRecord, LabelSchema } from '../../core/model';
import { recoverBulk, settleBulk } from '../store/atomicCommit';
import { acquireLock, releaseLock } from '../store/lock';
import { hasJournals, isWorkspaceFolder, removeTempFiles, SCHEMA_FILE, writeNewFolder } from './layout';

/** What the registry asks of an open workspace. */
interface OpenWorkspace {
  compactJournals(): Promise<void>;
  close(): void;
}

export class OpenRegistry<W extends OpenWorkspace> {
  private readonly openForWriting = new Map<string, { ws: Promise<W>; opens: number }>();

  /** `load`: reads a folder's files into a workspace (no lock, no recovery: the registry sees to those). */
  constructor(private readonly load: (root: string, readOnly: boolean) => Promise<W>) {}

  /**
   * Opens the workspace in `dir`. Read only: no lock is taken. For writing:
   * the open this process already has, counted once more; or else the writer
   * lock is taken (throwing, naming the holder, when another process writes
   * the folder), an interrupted bulk change is finished, temp files are
   * removed, the files are read and the journals folded in.
   */
  async open(dir: string, readOnly = false): Promise<W> {
    const root = resolve(dir);
    if (!existsSync(root)) throw new ParleyError('not_found', `no workspace at ${root}: the folder does not exist. Create one with: parley init --workspace ${dir}`);
    if (!isWorkspaceFolder(root)) throw new ParleyError('not_found', `${root} is not a Parley workspace: it has no ${SCHEMA_FILE}. Create one with: parley init --workspace ${dir}`);
    if (readOnly) return this.load(root, true);
    const shared = this.openForWriting.get(root);
    if (shared) {
      shared.opens++;
      return shared.ws;
    }
    acquireLock(root);
    const ws = (async () => {
      await recoverBulk(root);
      await removeTempFiles(root);
      const opened = await this.load(root, false);
      await opened.compactJournals();
      return opened;
    })();
    this.openForWriting.set(root, { ws, opens: 1 });
    // An open that fails is forgotten and lets the lock go.
    ws.catch(() => {
      this.openForWriting.delete(root);
      releaseLock(root);
    });
    return ws;
  }

  /** Creates a workspace in an empty (or missing) folder, with the given documents, and opens it for writing. */
  async create(dir: string, name: string, documents: DocumentRecord[], scheme?: { schema: LabelSchema; guidelines: string }): Promise<W> {
    const root = resolve(dir);
    if (isWorkspaceFolder(root)) throw new ParleyError('conflict', `${root} already holds a workspace`);
    await writeNewFolder(root, name, documents, scheme);
    return this.open(root);
  }

  /** Closes every open of `dir` in this process. */
  release(dir: string): void {
    const root = resolve(dir);
    if (this.openForWriting.delete(root)) releaseLock(root);
  }

  /** Gives up one open of `root`; the last one lets the lock go. */
  close(root: string): void {
    const shared = this.openForWriting.get(root);
    if (!shared || --shared.opens > 0) return;
    this.openForWriting.delete(root);
    releaseLock(root);
  }

  /** Whatever an open of `dir` in this process still holds only in journals and pending checkpoints reaches whole files. */
  async settle(dir: string): Promise<void> {
    const root = resolve(dir);
    await settleBulk(root);
    const shared = this.openForWriting.get(root);
    if (shared) return (await shared.ws).compactJournals();
    if (!(await hasJournals(root))) return;
    // Not open here: opening compacts. Another process writing the folder compacts its own journals.
    let ws: W;
    try {
      ws = await this.open(root);
    } catch (e) {
      if (e instanceof ParleyError && e.code === 'conflict') return;
      throw e;
    }
    ws.close();
  }
}
