/**
 * The document list's shared count: a caller who comes after a change was
 * acknowledged never gets a count begun before it (the window showed
 * "0 of 5" in progress under load after a save it had been told of).
 */
import { describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../src/core/api/documents';
import { DocumentList } from '../../src/main/documentList';
import type { Workspace } from '../../src/main/workspace';

const row = (mentionCount: number): DocumentSummary => ({ id: 'd1', title: 'One', chars: 10, status: mentionCount ? 'in_progress' : 'not_started', mentionCount, frameCount: 0, labelCounts: {} });

describe('the document list counted while a layer changes', () => {
  it('a request after an acknowledged change gets the count that includes it, not the one under way', async () => {
    let version = 0;
    const counts: ((rows: DocumentSummary[]) => void)[] = [];
    const ws = {
      entries: [{ id: 'd1', title: 'One' }],
      layerVersion: () => String(version),
      summaries: () => new Promise<DocumentSummary[]>((resolve) => counts.push(resolve)),
      annotators: async () => ['ana'],
    } as unknown as Workspace;
    const list = new DocumentList();

    const before = list.all(ws, 'ana', false); // a count begins: the layer has no mention yet
    await Promise.resolve();
    version++; // a mention's save is acknowledged
    const after = list.all(ws, 'ana', false); // the window asks again, as it was told of the save
    counts[0]([row(0)]);
    await new Promise((r) => setTimeout(r, 0));
    expect(counts).toHaveLength(2); // counted again
    counts[1]([row(1)]);
    await expect(after).resolves.toEqual([row(1)]);
    // The earlier caller gets the newer count too, never an older one than it asked on.
    await expect(before).resolves.toEqual([row(1)]);
  });
});
