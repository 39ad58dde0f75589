/**
 * The document list as main serves it: every document's summary (your
 * counts, colleagues' progress, undecided review items) computed once per
 * change of the workspace, each sorted and filtered view kept until then,
 * and pages cut from it, so the window asks for the rows it shows.
 */
import type { DocumentSummary } from '../core/api/documents';
import { listOf, pageFrom, viewKey, type DocumentPage, type DocumentPageQuery } from '../core/documentPage';
import { GOLD } from '../core/model';
import { progressOf, reviewState } from './review/service';
import type { Workspace } from './workspace';

/** Sorted, filtered views kept at once (the list's, the palette's, review's). */
const VIEWS = 8;

interface Summaries {
  ws: Workspace;
  annotator: string;
  /** Whether colleagues' progress and review counts were included (not while blind annotation keeps the analyst to their own layer). */
  seesAll: boolean;
  entries: Workspace['entries'];
  version: string;
  rows: DocumentSummary[];
}

export class DocumentList {
  private summaries: Summaries | null = null;
  private building: Promise<Summaries> | null = null;
  private readonly views = new Map<string, DocumentSummary[]>();
  /** Undecided review items per document, with the version of its layers they were counted on. */
  private readonly undecided = new Map<string, { version: string; count: number }>();
  private undecidedOf: Workspace | null = null;

  private fresh(ws: Workspace, annotator: string, seesAll: boolean): boolean {
    const c = this.summaries;
    return c !== null && c.ws === ws && c.annotator === annotator && c.seesAll === seesAll && c.entries === ws.entries && c.version === ws.layerVersion();
  }

  /** Every document's summary, in the order documents were added. */
  async all(ws: Workspace, annotator: string, seesAll = true): Promise<DocumentSummary[]> {
    if (this.fresh(ws, annotator, seesAll)) return this.summaries!.rows;
    // Callers at the same moment share one count; a change meanwhile makes the next call count again.
    if (!this.building) {
      const version = ws.layerVersion();
      const entries = ws.entries;
      this.building = this.count(ws, annotator, seesAll)
        .then((rows) => {
          this.summaries = { ws, annotator, seesAll, entries, version, rows };
          this.views.clear();
          return this.summaries;
        })
        .finally(() => (this.building = null));
    }
    const built = await this.building;
    // A count begun before a change this caller has seen acknowledged is not its answer: count again.
    const current = built.ws === ws && built.annotator === annotator && built.seesAll === seesAll && built.entries === ws.entries && built.version === ws.layerVersion();
    return current ? built.rows : this.all(ws, annotator, seesAll);
  }

  async page(ws: Workspace, annotator: string, query: DocumentPageQuery, seesAll = true): Promise<DocumentPage> {
    if (isPlain(query) && !this.fresh(ws, annotator, seesAll)) return this.plainPage(ws, annotator, query, seesAll);
    const all = await this.all(ws, annotator, seesAll);
    const key = viewKey(query);
    let rows = this.views.get(key);
    if (!rows) {
      rows = listOf(all, query);
      this.views.set(key, rows);
      if (this.views.size > VIEWS) this.views.delete(this.views.keys().next().value!);
    }
    return pageFrom(rows, query);
  }

  /**
   * A page of the list in the order documents were added, unfiltered: only
   * its rows are counted, so the window's first page does not wait for the
   * whole corpus to be summed up.
   */
  private async plainPage(ws: Workspace, annotator: string, query: DocumentPageQuery, seesAll: boolean): Promise<DocumentPage> {
    const entries = ws.entries;
    const n = entries.length;
    const at = (i: number) => (query.descending ? n - 1 - i : i);
    const slice: (typeof entries)[number][] = [];
    for (let i = query.offset; i < Math.min(n, query.offset + query.limit); i++) slice.push(entries[at(i)]);
    const page: DocumentPage = { rows: await this.count(ws, annotator, seesAll, slice), total: n, offset: query.offset };
    if (query.locate !== undefined) {
      const i = entries.findIndex((e) => e.id === query.locate);
      page.index = i < 0 ? -1 : at(i);
    }
    return page;
  }

  private async count(ws: Workspace, annotator: string, seesAll: boolean, entries: Workspace['entries'] = ws.entries): Promise<DocumentSummary[]> {
    const mine = await ws.summaries(annotator, entries);
    // While blind annotation keeps this analyst to their own layer, the list says nothing of colleagues' layers.
    const others = seesAll ? (await ws.annotators()).filter((a) => a !== annotator && a !== GOLD) : [];
    if (others.length === 0) return mine;
    const labellers = await labellersOf(ws, others);
    const undecided = await this.undecidedCounts(ws, [annotator, ...others], entries);
    return mine.map((d) => {
      const l = labellers.get(d.id);
      const u = undecided.get(d.id);
      return l || u !== undefined ? { ...d, ...(l && { labellers: l }), ...(u !== undefined && { undecided: u }) } : d;
    });
  }

  /** Per document at least two analysts labelled: review items nobody decided (all analysts compared). */
  private async undecidedCounts(ws: Workspace, analysts: string[], entries: Workspace['entries']): Promise<Map<string, number>> {
    if (this.undecidedOf !== ws) {
      this.undecided.clear();
      this.undecidedOf = ws;
    }
    const layers = await Promise.all(analysts.map(async (a) => new Set(await ws.layerIds(a))));
    const out = new Map<string, number>();
    for (const e of entries) {
      if (layers.filter((ids) => ids.has(e.id)).length < 2) continue;
      const version = ws.layerVersion(e.id);
      const known = this.undecided.get(e.id);
      if (known?.version === version) {
        out.set(e.id, known.count);
        continue;
      }
      try {
        const s = await reviewState(ws, e.id, analysts);
        if (s.compared.length < 2) continue;
        const p = progressOf(e.id, e.title, s, false);
        const count = p.undecided.mentions + p.undecided.frames + p.agreed.mentions + p.agreed.frames;
        this.undecided.set(e.id, { version, count });
        out.set(e.id, count);
      } catch {
        // an unreadable or stale layer is reported on the document's own row and by `parley validate`
      }
    }
    return out;
  }
}

/** A view in the order documents were added, with nothing filtered out. */
function isPlain(q: DocumentPageQuery): boolean {
  return (q.sort ?? 'added') === 'added' && !q.text?.trim() && !q.status && !q.label && !q.from && !q.to && !q.labeller && !q.undecided;
}

/** Per document, the other analysts who labelled it and their status. */
async function labellersOf(ws: Workspace, others: string[]): Promise<Map<string, NonNullable<DocumentSummary['labellers']>>> {
  const byDoc = new Map<string, NonNullable<DocumentSummary['labellers']>>();
  for (const annotator of others) {
    for (const id of await ws.layerIds(annotator)) {
      if (!ws.has(id)) continue;
      const status = (await ws.countsFor(annotator, id).catch(() => null))?.status ?? 'not_started';
      if (status !== 'not_started') byDoc.set(id, [...(byDoc.get(id) ?? []), { annotator, status }]);
    }
  }
  return byDoc;
}
