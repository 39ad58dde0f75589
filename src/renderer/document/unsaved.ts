/**
 * What an open document shows that main has not acknowledged as saved yet:
 * the mentions and frames a change touched (counted, since several changes
 * may wait for one mark), and the mentions added or removed meanwhile, so
 * the document's count is what is on disk.
 */
import type { Change, Mention } from '../../core/model';

export class UnsavedChanges {
  /** Changes waiting per mention or frame id. */
  private readonly edits = new Map<string, number>();
  private readonly added = new Set<string>();
  private readonly removed = new Set<string>();

  /** Whether a change of this mention (or frame) is not acknowledged as saved yet. */
  has(id: string): boolean {
    return this.edits.has(id);
  }

  get count(): number {
    return this.edits.size + this.removed.size;
  }

  /** The mentions on disk among `mentions` (the layer as shown): added but not acknowledged left out, removed but not acknowledged counted. */
  savedCount(mentions: readonly Mention[]): number {
    let n = 0;
    for (const m of mentions) if (!m.pending && !this.added.has(m.id)) n++;
    for (const id of this.removed) if (!this.added.has(id)) n++;
    return n;
  }

  /** The layer's mentions as saved: without those whose adding is not acknowledged. */
  saved(mentions: Mention[]): Mention[] {
    return this.added.size ? mentions.filter((m) => !this.added.has(m.id)) : mentions;
  }

  /**
   * Counts what a change touches as not saved (`delta` 1, before it is sent)
   * or saved again (-1, once main acknowledged it); returns the ids of the
   * marks it touched.
   */
  track(change: Change, delta: 1 | -1): string[] {
    const ids: string[] = [];
    const visit = (c: Change) => {
      switch (c.op) {
        case 'addMention':
          ids.push(c.mention.id);
          if (delta > 0) this.added.add(c.mention.id);
          else this.added.delete(c.mention.id);
          break;
        case 'removeMention':
          if (delta > 0) this.removed.add(c.mention.id);
          else this.removed.delete(c.mention.id);
          break;
        case 'updateMention':
          ids.push(c.after.id);
          break;
        case 'addFrame':
          ids.push(c.frame.id);
          break;
        case 'updateFrame':
          ids.push(c.after.id);
          break;
        case 'batch':
          c.changes.forEach(visit);
          break;
        default:
          break;
      }
    };
    visit(change);
    for (const id of ids) {
      const n = (this.edits.get(id) ?? 0) + delta;
      if (n > 0) this.edits.set(id, n);
      else this.edits.delete(id);
    }
    return ids;
  }
}
