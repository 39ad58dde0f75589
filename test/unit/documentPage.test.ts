import { describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../src/core/api/documents';
import { isoDate, listOf } from '../../src/core/documentPage';
import { reviewItems } from '../../src/core/review';
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
    // Equal counts keep the order documents were added in, whichever way the list runs.
    expect(byMentions.rows.map((r) => [r.id, r.mentionCount])).toEqual([['d42', 2], ['d7', 1], ['d250', 1]]);

    const titled = await api['documents.page']({ offset: 0, limit: 100, text: 'document 25' });
    // Every word, anywhere in the title or outlet.
    expect(titled.rows.map((r) => r.title)).toEqual(['Document 25', 'Document 125', 'Document 225', ...Array.from({ length: 10 }, (_, i) => `Document ${250 + i}`)]);
    expect(titled.total).toBe(13);

    const started = await api['documents.page']({ offset: 0, limit: 100, status: 'in_progress' });
    expect(started.rows.map((r) => r.id)).toEqual(['d7', 'd42', 'd250']);
    const labelled = await api['documents.page']({ offset: 0, limit: 100, label: 'PERSON', sort: 'title', descending: true });
    // Titles sort as a person reads them: "Document 250" after "Document 42".
    expect(labelled.rows.map((r) => r.id)).toEqual(['d250', 'd42', 'd7']);
    await expect(api['documents.page']({ offset: 0, limit: 5000 })).rejects.toThrow();
  });
});

describe('the list main keeps', () => {
  it('counts again after a change, says where the open document stands, and counts what review has left', async () => {
    const dir = await workspaceWith(50, 20);
    const ana = await handlersOn(dir, 'ana');
    const ben = await handlersOn(dir, 'ben');
    const page = () => ana.handlers['documents.page']({ offset: 0, limit: 50, sort: 'mentions', descending: true, locate: 'd30' });
    expect((await page()).index).toBe(30);

    // A change made after the list was served shows in the next page: the kept counts are dropped.
    await ana.handlers['annotations.change']({ docId: 'd30', change: { op: 'addMention', mention: mentionAt(textOf(20, 'n30'), 0, 'a1') } });
    const after = await page();
    expect(after.index).toBe(0);
    expect(after.rows[0]).toMatchObject({ id: 'd30', mentionCount: 1, status: 'in_progress' });
    expect(after.rows[0].labellers).toBeUndefined();

    // A colleague labels the same document differently: the list names them and counts two undecided items.
    await ben.handlers['annotations.change']({ docId: 'd30', change: { op: 'addMention', mention: mentionAt(textOf(20, 'n30'), 1, 'b1', 'ben') } });
    await ben.handlers['annotations.change']({ docId: 'd31', change: { op: 'addMention', mention: mentionAt(textOf(20, 'n31'), 1, 'b2', 'ben') } });
    const shared = await ana.handlers['documents.page']({ offset: 0, limit: 50, undecided: true });
    expect(shared.rows.map((r) => [r.id, r.undecided])).toEqual([['d30', 2]]);
    expect(shared.rows[0].labellers).toEqual([{ annotator: 'ben', status: 'in_progress' }]);
    const byBen = await ana.handlers['documents.page']({ offset: 0, limit: 50, labeller: 'ben', sort: 'undecided', descending: true });
    expect(byBen.rows.map((r) => r.id)).toEqual(['d30', 'd31']);

    // Deciding one item in gold leaves one.
    const review = await ana.handlers['review.document']({ docId: 'd30', annotators: ['ana', 'ben'] });
    const [first] = reviewItems(review.layers.filter((l) => l.exists));
    await ana.handlers['review.decideMention']({ docId: 'd30', annotators: ['ana', 'ben'], key: first.key, decision: { kind: 'reject' } });
    expect((await ana.handlers['documents.page']({ offset: 0, limit: 50, undecided: true })).rows.map((r) => [r.id, r.undecided])).toEqual([['d30', 1]]);
  });
});

describe('sorting and filtering a list', () => {
  const row = (id: string, over: Partial<DocumentSummary>): DocumentSummary => ({ id, title: id, chars: 10, status: 'not_started', mentionCount: 0, frameCount: 0, labelCounts: {}, ...over });
  const all = [
    row('a', { date: '2016-09-09', title: 'Kerry in Geneva', labelCounts: { PERSON: 3, GPE: 1 } }),
    row('b', { date: '2016-09', title: 'Lavrov, Kerry meet', outlet: 'Reuters', labelCounts: { PERSON: 1, GPE: 5 } }),
    row('c', { date: '2016-10-01', title: 'Ceasefire collapses' }),
    row('d', { title: 'Undated note', outlet: 'Le Monde' }),
    row('e', { date: '2015-12-31', title: 'Genève talks', labelCounts: { PERSON: 2 } }),
  ];
  const ids = (rows: DocumentSummary[]) => rows.map((r) => r.id);

  it('dates at any precision fall in a range of any precision; undated documents drop out of a dated filter', () => {
    expect(ids(listOf(all, { from: '2016-09' }))).toEqual(['a', 'b', 'c']);
    expect(ids(listOf(all, { from: '2016', to: '2016-09' }))).toEqual(['a', 'b']);
    expect(ids(listOf(all, { to: '2015' }))).toEqual(['e']);
  });

  it('reads the dates articles give, in the forms they give them', () => {
    expect(isoDate('August 27th, 2016')).toBe('2016-08-27');
    expect(isoDate('September 08, 2016')).toBe('2016-09-08');
    expect(isoDate('8 Sept. 2016 14:02')).toBe('2016-09-08');
    expect(isoDate('10.09.2016')).toBe('2016-09-10');
    expect(isoDate('2016-9-1')).toBe('2016-09-01');
    expect(isoDate('2016-09-10T12:00:00Z')).toBe('2016-09-10');
    expect(isoDate('March 2016')).toBe('2016-03');
    expect(isoDate('2016')).toBe('2016');
    expect(isoDate('4 February')).toBeUndefined();
    expect(isoDate('09/10/2016')).toBe('2016');
    const dated = [row('x', { date: 'September 08, 2016' }), row('y', { date: '4 February' }), row('z', { date: 'August 27th, 2016' })];
    expect(ids(listOf(dated, { sort: 'date' }))).toEqual(['z', 'x', 'y']);
    expect(ids(listOf(dated, { from: '2016-09' }))).toEqual(['x']);
  });

  it('sorts by the mentions of one label, keeping the order added among equals, either way', () => {
    expect(ids(listOf(all, { sort: 'mentions', sortLabel: 'GPE', descending: true }))).toEqual(['b', 'a', 'c', 'd', 'e']);
    expect(ids(listOf(all, { sort: 'mentions', sortLabel: 'PERSON' }))).toEqual(['c', 'd', 'b', 'e', 'a']);
  });

  it('matches words in the title or outlet whatever their case and accents', () => {
    expect(ids(listOf(all, { text: 'genev' }))).toEqual(['a', 'e']);
    expect(ids(listOf(all, { text: 'kerry REUTERS' }))).toEqual(['b']);
    expect(ids(listOf(all, { text: 'monde' }))).toEqual(['d']);
  });
});
