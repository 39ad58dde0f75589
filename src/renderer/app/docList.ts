/**
 * The document list's paging: the view (sort and filters) and the rows main
 * has sent of it so far, by their place in the list. Main sorts, filters and
 * pages; the list asks for the rows it is about to show. A page that arrives
 * for a view no longer shown is dropped.
 */
import type { DocumentSummary } from '../../core/api/documents';
import { countLayer } from '../../core/changes';
import { DocumentListViewSchema, type DocumentListView, type DocumentPage } from '../../core/documentPage';
import { api } from '../api';
import type { OpenDocument } from '../document/openDocument';
import type { AppCore, DocList } from './state';

/** Rows asked of main at once. */
export const LIST_PAGE = 100;

export const emptyList = (): DocList => ({ view: {}, total: 0, rows: new Map(), loading: true });

export class DocListPager {
  /** Views of the list asked for so far: a page that arrives for an older one is dropped. */
  private generation = 0;
  /** Pages asked for and not yet here (by their first row), for the current view. */
  private readonly pending = new Set<number>();
  /** The rows the list last showed, so a refresh asks for those again. */
  private rowsShown: [number, number] = [0, LIST_PAGE];

  constructor(private readonly app: AppCore) {}

  /** The list shows rows [from, to): asks main for those it does not have yet. */
  loadRows(from: number, to: number): void {
    const app = this.app;
    this.rowsShown = [from, to];
    const { rows, view } = app.state.list;
    const generation = this.generation;
    for (let first = Math.floor(from / LIST_PAGE) * LIST_PAGE; first < to; first += LIST_PAGE) {
      if (this.pending.has(first) || rows.has(first)) continue;
      this.pending.add(first);
      api.documents
        .page({ ...view, offset: first, limit: LIST_PAGE })
        .then((page) => generation === this.generation && app.set((s) => ({ list: withPage(s.list, page) })))
        .catch((e) => generation === this.generation && app.fail(e, 'Loading the document list'))
        .finally(() => generation === this.generation && this.pending.delete(first));
    }
  }

  /** Asks for the list again (after an import, a sync, a review): the rows in view, the total, the open document's place. */
  async refresh(): Promise<void> {
    const [from, to] = this.rowsShown;
    const first = Math.floor(from / LIST_PAGE) * LIST_PAGE;
    await this.showView(this.app.state.list.view, first, Math.min(1000, Math.max(LIST_PAGE, to - first)), false);
  }

  /** Sorts or filters the list (`null`: back to every document in the order added); kept for this workspace. */
  async setView(patch: Partial<DocumentListView> | null): Promise<void> {
    const app = this.app;
    const merged = patch === null ? {} : { ...app.state.list.view, ...patch };
    const view = Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined && v !== '' && v !== false)) as DocumentListView;
    const path = app.state.info?.path;
    if (path) localStorage.setItem(listViewKey(path), JSON.stringify(view));
    app.set((s) => ({ list: { ...s.list, view, rows: new Map(), loading: true } }));
    await this.showView(view, 0, LIST_PAGE, true);
  }

  /** Asks for a view's first rows and where the open document stands in it. */
  private async showView(view: DocumentListView, offset: number, limit: number, cursorToOpen: boolean): Promise<DocumentPage | null> {
    const app = this.app;
    const generation = this.newView();
    try {
      // Main sorts and filters what it has: the changes made before the view was chosen are saved first, so a status or count they change is counted.
      await app.saves.idle().catch(() => undefined);
      if (generation !== this.generation) return null;
      const openId = app.state.doc?.doc.id;
      const page = await api.documents.page({ ...view, offset, limit, ...(openId && { locate: openId }) });
      if (generation !== this.generation) return null;
      app.set((s) => ({
        list: withPage({ view, total: page.total, rows: new Map(), loading: false }, page),
        cursor: cursorToOpen && (page.index ?? -1) >= 0 ? page.index! : Math.min(s.cursor, Math.max(0, page.total - 1)),
      }));
      return page;
    } catch (e) {
      if (generation === this.generation) app.fail(e, 'Loading the document list');
      return null;
    }
  }

  /**
   * A workspace's first page, asked for before the workspace renders, so main
   * counts it while the window draws; `shown` is the list state that shows
   * it, or null when another view was asked for meanwhile.
   */
  firstPage(path: string, locate: string | null): { view: DocumentListView; page: Promise<DocumentPage>; shown: (page: DocumentPage) => { list: DocList; cursor: number } | null } {
    const view = storedListView(path);
    const generation = this.newView();
    const page = api.documents.page({ ...view, offset: 0, limit: LIST_PAGE, ...(locate && { locate }) });
    const shown = (p: DocumentPage) =>
      generation === this.generation ? { list: withPage({ view, total: p.total, rows: new Map(), loading: false }, p), cursor: Math.max(0, p.index ?? -1) } : null;
    return { view, page, shown };
  }

  /** The document at a place in the list, asked of main when it has not arrived yet. */
  async rowAt(index: number): Promise<DocumentSummary | undefined> {
    const { rows, view } = this.app.state.list;
    const have = rows.get(index);
    if (have) return have;
    const page = await api.documents.page({ ...view, offset: index, limit: 1 });
    return page.rows[0];
  }

  private newView(): number {
    this.pending.clear();
    return ++this.generation;
  }
}

/** The list with a page of rows added. */
function withPage(list: DocList, page: DocumentPage): DocList {
  const rows = new Map(list.rows);
  page.rows.forEach((r, i) => rows.set(page.offset + i, r));
  return { ...list, rows, total: page.total, loading: false };
}

/** The list with the open document's row counted again after a save (it keeps its place until the list is asked again). */
export function rowAfter(list: DocList, s: OpenDocument): DocList {
  for (const [i, d] of list.rows) {
    if (d.id === s.doc.id) return { ...list, rows: new Map(list.rows).set(i, summaryAfter(d, s)) };
  }
  return list;
}

function summaryAfter(d: DocumentSummary, s: OpenDocument): DocumentSummary {
  // What is saved: a mention whose adding main has not acknowledged is not counted.
  const counts = countLayer({ ...s.layer, mentions: s.savedMentions });
  // Main marks a layer in progress with its first mention; mirror it without a round trip.
  if (counts.status === 'not_started' && counts.mentionCount > 0) s.layer.status = counts.status = 'in_progress';
  return { ...d, ...counts };
}

const listViewKey = (path: string) => `parley-list-view:${path}`;

/** The sort and filters last used on this workspace, or none. */
function storedListView(path: string): DocumentListView {
  try {
    const parsed = DocumentListViewSchema.safeParse(JSON.parse(localStorage.getItem(listViewKey(path)) ?? '{}'));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
