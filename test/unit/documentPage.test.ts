import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/main/handlers';
import { handlersOn, mentionAt, textOf, workspaceWith } from './integrity/fixtures';

describe('the document list, a page at a time', () => {
  it('pages, sorts and filters in main, and says how many match', async () => {
    const dir = await workspaceWith(300, 20);
    const { handlers, session } = await handlersOn(dir);
    const api = createHandlers(session);
    for (const i of [7, 42, 250]) await handlers['annotations.change']({ docId: `d${i}`, change: { op: 'addMention', mention: mentionAt(textOf(20, `n${i}`), 0, `m${i}`) } });
    await handlers['annotations.change']({ docId: 'd42', change: { op: 'addMention', mention: mentionAt(textOf(20, 'n42'), 2, 'm42b') } });

    const first = await api['documents.page']({ offset: 0, limit: 50 });
    expect(first.total).toBe(300);
    expect(first.rows.map((r) => r.id)).toEqual(Array.from({ length: 50 }, (_, i) => `d${i}`));
    const later = await api['documents.page']({ offset: 280, limit: 50 });
    expect(later.rows.map((r) => r.id)).toEqual(Array.from({ length: 20 }, (_, i) => `d${280 + i}`));

    const byMentions = await api['documents.page']({ offset: 0, limit: 3, sort: 'mentions', descending: true });
    expect(byMentions.rows.map((r) => [r.id, r.mentionCount])).toEqual([['d42', 2], ['d250', 1], ['d7', 1]]);

    const titled = await api['documents.page']({ offset: 0, limit: 100, text: 'document 25' });
    // Every word, anywhere in the title or outlet.
    expect(titled.rows.map((r) => r.title)).toEqual(['Document 25', 'Document 125', 'Document 225', ...Array.from({ length: 10 }, (_, i) => `Document ${250 + i}`)]);
    expect(titled.total).toBe(13);

    const started = await api['documents.page']({ offset: 0, limit: 100, status: 'in_progress' });
    expect(started.rows.map((r) => r.id)).toEqual(['d7', 'd42', 'd250']);
    const labelled = await api['documents.page']({ offset: 0, limit: 100, label: 'PERSON', sort: 'title', descending: true });
    expect(labelled.rows.map((r) => r.id)).toEqual(['d7', 'd42', 'd250']);
    await expect(api['documents.page']({ offset: 0, limit: 5000 })).rejects.toThrow();
  });
});
