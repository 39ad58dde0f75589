/**
 * Workspaces open for writing in this process, by folder: a second open
 * shares the first, and the last close lets the writer lock go, so another
 * process may write the folder.
 */
import { ParleyError } from '../../core/errors';
import { settleBulk } from '../store/atomicCommit';
import { releaseLock } from '../store/lock';
import { hasJournals } from './layout';

/** What the registry asks of an open workspace. */
interface OpenWorkspace {
  compactJournals(): Promise<void>;
  reread(): Promise<void>;
  close(): void;
}

export class OpenRegistry<W extends OpenWorkspace> {
  private readonly openForWriting = new Map<string, { ws: Promise<W>; opens: number }>();

  /** The open of `root` in this process, if any, counted once more. */
  share(root: string): Promise<W> | undefined {
    const shared = this.openForWriting.get(root);
    if (!shared) return undefined;
    shared.opens++;
    return shared.ws;
  }

  /** A new open of `root` (its lock already taken); an open that fails is forgotten and lets the lock go. */
  add(root: string, ws: Promise<W>): Promise<W> {
    this.openForWriting.set(root, { ws, opens: 1 });
    ws.catch(() => {
      this.openForWriting.delete(root);
      releaseLock(root);
    });
    return ws;
  }

  /** The open of `root` in this process, if any, without counting it. */
  get(root: string): Promise<W> | undefined {
    return this.openForWriting.get(root)?.ws;
  }

  /** Closes every open of `root` in this process. */
  release(root: string): void {
    if (this.openForWriting.delete(root)) releaseLock(root);
  }

  /** Forgets the opens of `root` (its files were replaced as a whole), keeping the lock. */
  forget(root: string): void {
    this.openForWriting.delete(root);
  }

  /** Gives up one open; the last one lets the lock go. */
  close(root: string): void {
    const shared = this.openForWriting.get(root);
    if (!shared || --shared.opens > 0) return;
    this.openForWriting.delete(root);
    releaseLock(root);
  }

  /** Whatever an open of `root` in this process still holds only in journals and pending checkpoints reaches whole files. */
  async settle(root: string, open: (root: string) => Promise<W>): Promise<void> {
    await settleBulk(root);
    const shared = this.get(root);
    if (shared) return (await shared).compactJournals();
    if (!(await hasJournals(root))) return;
    // Not open here: opening compacts. Another process writing the folder compacts its own journals.
    let ws: W;
    try {
      ws = await open(root);
    } catch (e) {
      if (e instanceof ParleyError && e.code === 'conflict') return;
      throw e;
    }
    ws.close();
  }

  /** The open workspace of this folder in this process, if any, reads its files again. */
  async changedOnDisk(root: string): Promise<void> {
    const shared = this.get(root);
    if (shared) await (await shared).reread();
  }
}
