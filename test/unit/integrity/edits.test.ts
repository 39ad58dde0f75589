import { describe, expect, it } from 'vitest';
import { handlersOn, lostMentions, mentionAt, nativeDataset, newDocs, textOf, workspaceWith } from './fixtures';

describe('no acknowledged edit is lost inside one process', () => {
  it('an import job that writes layers while the analyst keeps tagging keeps every acknowledged edit', async () => {
    const dir = await workspaceWith(30);
    const { handlers } = await handlersOn(dir);
    // The import brings labels for the documents being tagged, and 150 new documents.
    const here = Array.from({ length: 30 }, (_, i) => ({ id: `d${i}`, text: textOf(40, `n${i}`) }));
    const dataset = await nativeDataset([...here, ...newDocs(150)]);
    const { jobId } = await handlers['datasets.import']({ paths: [dataset], annotator: 'ana' });
    const acked = new Map<string, string[]>();
    let running = true;
    for (let round = 0; round < 40 && (running || round < 3); round++) {
      await Promise.all(
        here.map(async ({ id, text }) => {
          const mid = `e${round}`;
          try {
            await handlers['annotations.change']({ docId: id, change: { op: 'addMention', mention: mentionAt(text, round + 1, mid) } });
            acked.set(id, [...(acked.get(id) ?? []), mid]);
          } catch {
            // refused edits were never acknowledged
          }
        }),
      );
      running = (await handlers['jobs.get']({ jobId })).state === 'running';
    }
    while ((await handlers['jobs.get']({ jobId })).state === 'running') await new Promise((r) => setTimeout(r, 10));
    expect([...acked.values()].flat().length).toBeGreaterThanOrEqual(90);
    expect(await lostMentions(dir, 'ana', acked)).toEqual([]);
  });

  it('edits spread over more documents than the open-file cache holds are all on disk', async () => {
    const dir = await workspaceWith(300, 12);
    const { handlers } = await handlersOn(dir);
    const acked = new Map<string, string[]>();
    const calls: Promise<void>[] = [];
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 300; i++) {
        const docId = `d${i}`;
        const mid = `r${round}`;
        calls.push(
          handlers['annotations.change']({ docId, change: { op: 'addMention', mention: mentionAt(textOf(12, `n${i}`), round, mid) } }).then(() => {
            acked.set(docId, [...(acked.get(docId) ?? []), mid]);
          }),
        );
      }
    }
    await Promise.allSettled(calls);
    expect([...acked.values()].flat().length).toBe(900);
    expect(await lostMentions(dir, 'ana', acked)).toEqual([]);
  });
});
