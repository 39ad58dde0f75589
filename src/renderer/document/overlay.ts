/**
 * Marks drawn over the text that are not the layer's own: the recommender's
 * suggestions, a colleague's read-only layer. Each is filed by paragraph, as
 * the layer's mentions are, so a paragraph draws only its own; replacing the
 * list tells the views which paragraphs to redraw.
 */
type Span = { start: number; end: number };

export class Overlay<T extends Span> {
  private perBlock: T[][] = [];
  private list: readonly T[] = [];

  constructor(
    private readonly blocksOf: (span: Span) => number[],
    private readonly redraw: (blocks: Set<number>) => void,
  ) {}

  inBlock(i: number): readonly T[] {
    return this.perBlock[i] ?? [];
  }

  /** Replaces the marks, redrawing the paragraphs they were or are in. */
  set(list: readonly T[]): void {
    const touched = new Set<number>();
    this.perBlock.forEach((l, i) => l.length && touched.add(i));
    const perBlock: T[][] = [];
    for (const m of list) {
      for (const b of this.blocksOf(m)) {
        (perBlock[b] ??= []).push(m);
        touched.add(b);
      }
    }
    this.perBlock = perBlock;
    this.list = list;
    if (touched.size) this.redraw(touched);
  }

  /** Files the marks that reach into paragraphs from `from` on, which arrived after the list was set (text that starts at `at`). */
  grow(at: number, from: number): void {
    for (const m of this.list) if (m.end > at) for (const b of this.blocksOf(m)) if (b >= from) (this.perBlock[b] ??= []).push(m);
  }
}
