/**
 * Each layer's status and counts, kept until the layer changes, and the
 * change counters the document list's caches are keyed on.
 */
import { existsSync } from 'node:fs';
import type { DocumentSummary } from '../../core/api/documents';
import { countLayer, type LayerCounts } from '../../core/changes';
import type { DocumentEntry, Layer } from '../../core/model';

/** What counting reads of the workspace. */
export interface CountedLayers {
  layerPath(annotator: string, docId: string): string;
  layerIds(annotator: string): Promise<string[]>;
  layer(annotator: string, docId: string): Promise<{ readonly data: Layer }>;
}

export class LayerCountCache {
  private readonly counts = new Map<string, LayerCounts>();
  /** Layer changes so far, in all and per document: what the document list's caches are keyed on. */
  private layerChanges = 0;
  private readonly docLayerChanges = new Map<string, number>();
  private rereads = 0;

  get(annotator: string, docId: string): LayerCounts | undefined {
    return this.counts.get(`${annotator}/${docId}`);
  }

  has(annotator: string, docId: string): boolean {
    return this.counts.has(`${annotator}/${docId}`);
  }

  set(annotator: string, docId: string, counts: LayerCounts): void {
    this.counts.set(`${annotator}/${docId}`, counts);
  }

  /** A layer changed (or may have): its counts are read again when asked. */
  dropCounts(annotator: string, docId: string): void {
    this.counts.delete(`${annotator}/${docId}`);
    this.layerChanges++;
    this.docLayerChanges.set(docId, (this.docLayerChanges.get(docId) ?? 0) + 1);
  }

  /** Every layer may have changed on disk (a sync rewrote the folder). */
  reread(): void {
    this.counts.clear();
    this.layerChanges++;
    this.rereads++;
  }

  /**
   * Changes to any layer since the workspace was opened (`docId`: to that
   * document's layers). The same version means no layer changed meanwhile.
   */
  layerVersion(docId?: string): string {
    return docId === undefined ? String(this.layerChanges) : `${this.rereads}.${this.docLayerChanges.get(docId) ?? 0}`;
  }

  /** A layer's status and counts, kept until it changes. */
  async countsFor(ws: CountedLayers, annotator: string, docId: string): Promise<LayerCounts> {
    const cached = this.get(annotator, docId);
    if (cached) return cached;
    const path = ws.layerPath(annotator, docId);
    let counts: LayerCounts;
    if (!existsSync(path)) counts = { status: 'not_started', mentionCount: 0, frameCount: 0, labelCounts: {} };
    else counts = countLayer((await ws.layer(annotator, docId)).data);
    this.set(annotator, docId, counts);
    return counts;
  }

  /** Each document's summary for one annotator (`entries`: only these documents). */
  async summaries(ws: CountedLayers, annotator: string, entries: readonly DocumentEntry[]): Promise<DocumentSummary[]> {
    const out: DocumentSummary[] = [];
    // One folder listing instead of a file check per document.
    const withLayer = new Set(await ws.layerIds(annotator));
    for (const e of entries) {
      if (!withLayer.has(e.id) && !this.has(annotator, e.id)) {
        out.push({ id: e.id, title: e.title, outlet: e.outlet, date: e.date, chars: e.chars, status: 'not_started', mentionCount: 0, frameCount: 0, labelCounts: {} });
        continue;
      }
      const base = { id: e.id, title: e.title, outlet: e.outlet, date: e.date, chars: e.chars };
      try {
        out.push({ ...base, ...(await this.countsFor(ws, annotator, e.id)) });
      } catch (err) {
        out.push({ ...base, status: 'not_started', mentionCount: 0, frameCount: 0, labelCounts: {}, problem: (err as Error).message });
      }
    }
    return out;
  }
}
