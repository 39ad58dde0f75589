/**
 * The reader's document view. The text is cut into chunks of paragraphs;
 * each chunk near the viewport is a small read-only Lexical editor, and every
 * other chunk is an empty box of its (estimated, then measured) height. So a
 * 1 MB article with 20,000 mentions paints its first screen without building
 * the rest, and adding a mention redraws one paragraph.
 */
import { $getNodeByKey, $getRoot, $setSelection, createEditor, type LexicalEditor, type NodeKey } from 'lexical';
import type { OpenDocument } from '../document/openDocument';
import { READER_NODES } from './nodes';
import { buildParagraph, type ViewStyle } from './paragraph';

export { suggestionKey, type ViewStyle } from './paragraph';

const CHUNK_CHARS = 6000;
const CHUNK_BLOCKS = 40;
/** Up to this size a document is drawn whole (find-in-page works); longer ones only near the viewport. */
const DRAW_WHOLE_CHARS = 100_000;

interface Chunk {
  first: number;
  /** One past the last block. */
  last: number;
  el: HTMLDivElement;
  editor: LexicalEditor | null;
  /** Paragraph node key per block index, while mounted. */
  keys: Map<number, NodeKey>;
  height: number | null;
  chars: number;
}

export class DocumentView {
  private chunks: Chunk[] = [];
  private observer: IntersectionObserver | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly focusStyle: HTMLStyleElement;
  private lineHeight = 30;
  private charsPerLine = 90;
  private paraGap = 14;

  constructor(
    private readonly scroller: HTMLElement,
    private readonly host: HTMLElement,
    private readonly style: ViewStyle,
  ) {
    this.focusStyle = document.createElement('style');
    document.head.appendChild(this.focusStyle);
  }

  private store: OpenDocument | null = null;

  /**
   * Shows a document: builds chunk boxes, paints the first screen synchronously, mounts the rest on scroll.
   * `keepPlace`: the document already shown, drawn again (Review's text after each decision), stays where it was scrolled.
   */
  show(store: OpenDocument, { keepPlace = false } = {}): void {
    const place = keepPlace && this.store?.doc.id === store.doc.id ? this.scroller.scrollTop : 0;
    this.clear();
    this.store = store;
    this.measureMetrics();
    this.addChunks(0);
    this.scroller.scrollTop = 0;
    const unBlocks = store.onBlocksChanged((bs) => this.refresh(bs));
    const unGrown = store.onGrown((from) => this.grow(from));
    const unSaved = store.onSaved((ids) => this.markSaved(ids));
    this.unsubscribe = () => {
      unBlocks();
      unGrown();
      unSaved();
    };
    if (store.chars <= DRAW_WHOLE_CHARS) {
      for (const c of this.chunks) this.mount(c);
      this.scroller.scrollTop = place;
      return;
    }
    // Paint what the first screen shows now; the observer mounts the rest as it comes near.
    let y = 0;
    const screen = this.scroller.clientHeight || 800;
    for (const c of this.chunks) {
      if (y > screen * 1.5) break;
      this.mount(c);
      y += c.height ?? this.estimate(c);
    }
    this.observer = new IntersectionObserver((entries) => this.onIntersect(entries), { root: this.scroller, rootMargin: '150% 0px' });
    for (const c of this.chunks) this.observer.observe(c.el);
    this.scroller.scrollTop = place;
  }

  /** More text arrived: its chunks are drawn at once in a short document, watched in a long one. */
  private grow(fromBlock: number): void {
    for (const c of this.addChunks(fromBlock)) {
      if (this.observer) this.observer.observe(c.el);
      else this.mount(c);
    }
  }

  /** Cuts the paragraphs from `fromBlock` on into chunk boxes, appended as empty boxes of their estimated height. */
  private addChunks(fromBlock: number): Chunk[] {
    const store = this.store;
    if (!store) return [];
    const blocks = store.blocks;
    const before = this.chunks.length;
    let first = fromBlock;
    let chars = 0;
    const frag = document.createDocumentFragment();
    for (let i = fromBlock; i <= blocks.length; i++) {
      const done = i === blocks.length;
      if (!done) chars += blocks[i].end - blocks[i].start;
      if (done || chars >= CHUNK_CHARS || i + 1 - first >= CHUNK_BLOCKS) {
        const last = done ? i : i + 1;
        if (last > first) {
          const el = document.createElement('div');
          el.className = 'chunk';
          el.dataset.chunk = String(this.chunks.length);
          const chunk: Chunk = { first, last, el, editor: null, keys: new Map(), height: null, chars };
          el.style.height = `${this.estimate(chunk)}px`;
          this.chunks.push(chunk);
          frag.appendChild(el);
        }
        first = last;
        chars = 0;
      }
    }
    this.host.appendChild(frag);
    return this.chunks.slice(before);
  }

  clear(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    for (const c of this.chunks) c.editor?.setRootElement(null);
    this.chunks = [];
    this.host.textContent = '';
    this.store = null;
  }

  dispose(): void {
    this.clear();
    this.focusStyle.remove();
  }

  private measureMetrics(): void {
    const probe = document.createElement('p');
    probe.className = 'para';
    probe.style.visibility = 'hidden';
    probe.style.position = 'absolute';
    probe.textContent = 'the quick brown fox jumps over the lazy dog; Lavrov and Kerry agreed in Geneva';
    this.host.appendChild(probe);
    const width = this.host.clientWidth || 700;
    const rect = probe.getBoundingClientRect();
    const cs = getComputedStyle(probe);
    this.lineHeight = parseFloat(cs.lineHeight) || 30;
    this.paraGap = parseFloat(cs.marginBottom) || 14;
    const perChar = rect.width / probe.textContent.length || 8;
    this.charsPerLine = Math.max(20, Math.floor(width / perChar));
    probe.remove();
  }

  private estimate(c: Chunk): number {
    if (c.height !== null) return c.height;
    const blocks = this.store!.blocks;
    let lines = 0;
    for (let i = c.first; i < c.last; i++) lines += Math.max(1, Math.ceil((blocks[i].end - blocks[i].start) / this.charsPerLine));
    return lines * this.lineHeight + (c.last - c.first) * this.paraGap;
  }

  private onIntersect(entries: IntersectionObserverEntry[]): void {
    for (const e of entries) {
      const c = this.chunks[Number((e.target as HTMLElement).dataset.chunk)];
      if (!c) continue;
      if (e.isIntersecting) this.mount(c);
      else this.unmount(c);
    }
  }

  private mount(c: Chunk): void {
    if (c.editor || !this.store) return;
    const root = document.createElement('div');
    root.className = 'chunk-text';
    c.el.appendChild(root);
    const editor = createEditor({
      namespace: 'parley-reader',
      nodes: READER_NODES,
      editable: false,
      onError: (e) => console.error(e),
    });
    editor.setRootElement(root);
    c.editor = editor;
    editor.update(
      () => {
        const r = $getRoot();
        for (let i = c.first; i < c.last; i++) {
          const p = buildParagraph(this.store!, i, this.style);
          r.append(p);
          c.keys.set(i, p.getKey());
        }
      },
      { discrete: true },
    );
    c.el.style.height = '';
    c.height = c.el.offsetHeight;
  }

  private unmount(c: Chunk): void {
    if (!c.editor) return;
    c.height = c.el.offsetHeight || c.height;
    c.editor.setRootElement(null);
    c.editor = null;
    c.keys.clear();
    c.el.textContent = '';
    c.el.style.height = `${c.height}px`;
  }

  /** Redraws the given paragraphs where they are on screen. */
  refresh(blocks: Set<number>): void {
    for (const c of this.chunks) {
      if (!c.editor) continue;
      const mine = [...blocks].filter((b) => b >= c.first && b < c.last);
      if (mine.length === 0) continue;
      c.editor.update(
        () => {
          // The reader tracks the DOM selection; the paragraphs it points into are about to be replaced.
          $setSelection(null);
          for (const b of mine) {
            const key = c.keys.get(b);
            const old = key ? $getNodeByKey(key) : null;
            const p = buildParagraph(this.store!, b, this.style);
            if (old) old.replace(p);
            else $getRoot().append(p);
            c.keys.set(b, p.getKey());
          }
        },
        { discrete: true },
      );
    }
  }

  /** Marks whose changes are saved now lose their not-saved look, in place (the paragraph is not rebuilt). */
  private markSaved(ids: string[]): void {
    for (const id of ids) {
      const marks = this.host.querySelectorAll<HTMLElement>(`mark.unsaved[data-mention-id="${CSS.escape(id)}"], mark.unsaved[data-frame-id="${CSS.escape(id)}"]`);
      for (const el of marks) {
        el.classList.remove('unsaved');
        if (el.title === 'not saved yet') el.removeAttribute('title');
        else el.title = el.title.replace(/ · not saved yet$/, '');
        el.setAttribute('aria-label', (el.getAttribute('aria-label') ?? '').replace(/, not saved yet$/, ''));
      }
    }
  }

  /** Redraws every mounted paragraph (after a schema colour change, for instance). */
  refreshAll(): void {
    if (!this.store) return;
    const all = new Set<number>();
    for (const c of this.chunks) if (c.editor) for (let i = c.first; i < c.last; i++) all.add(i);
    this.refresh(all);
  }

  private chunkOfBlock(b: number): Chunk | undefined {
    return this.chunks.find((c) => b >= c.first && b < c.last);
  }

  /** Makes sure the text at `offset` is drawn and scrolls it into the middle of the view. */
  reveal(offset: number, mentionId?: string): HTMLElement | null {
    const store = this.store;
    if (!store) return null;
    let b = 0;
    while (b + 1 < store.blocks.length && store.blocks[b + 1].start <= offset) b++;
    const c = this.chunkOfBlock(b);
    if (!c) return null;
    this.mount(c);
    const target =
      (mentionId ? this.host.querySelector<HTMLElement>(`mark[data-mention-id="${CSS.escape(mentionId)}"]`) : null) ??
      this.host.querySelector<HTMLElement>(`p.para[data-start="${store.blocks[b].start}"]`);
    target?.scrollIntoView({ block: 'center' });
    return target;
  }

  /** Whether some fragment of the mention is drawn inside the reader's visible area (not just mounted off screen); `whole`: all of that fragment. */
  isOnScreen(mentionId: string, whole = false): boolean {
    const view = this.scroller.getBoundingClientRect();
    const marks = this.host.querySelectorAll<HTMLElement>(`mark[data-mention-id="${CSS.escape(mentionId)}"]`);
    for (const mark of marks) {
      const r = mark.getBoundingClientRect();
      if (r.width === 0) continue;
      if (whole ? r.top >= view.top && r.bottom <= view.bottom : r.bottom > view.top && r.top < view.bottom && r.right > view.left && r.left < view.right) return true;
    }
    return false;
  }

  /** Highlights one mention's fragments and all mentions of one entity, by CSS so it survives redraws. */
  setFocus(mentionIds: readonly string[], entityId: string | null, frameId: string | null = null): void {
    const rules: string[] = [];
    if (frameId) {
      rules.push(`mark.evidence[data-frame-id="${CSS.escape(frameId)}"]{background:color-mix(in srgb,var(--c) 16%,transparent);border-bottom-style:solid}`);
      rules.push(`[data-frame-item="${CSS.escape(frameId)}"]{background:var(--accent-soft)}`);
    }
    if (mentionIds.length) {
      const sel = mentionIds.map((id) => `mark.mention[data-mention-id="${CSS.escape(id)}"]`).join(',');
      rules.push(`${sel}{outline:2px solid var(--c);outline-offset:1px;background:color-mix(in srgb,var(--c) 32%,transparent)}`);
      // The same mention in the sidebar list, without re-rendering the list.
      rules.push(`${mentionIds.map((id) => `[data-mention-item="${CSS.escape(id)}"]`).join(',')}{background:var(--accent-soft)}`);
    }
    if (entityId) {
      rules.push(`mark.mention[data-entity-id="${CSS.escape(entityId)}"]{background:color-mix(in srgb,var(--c) 40%,transparent);box-shadow:0 0 0 1px var(--c)}`);
    }
    const text = rules.join('\n');
    // Rewriting a style sheet restyles every mark drawn: only when the focus really moved.
    if (this.focusStyle.textContent !== text) this.focusStyle.textContent = text;
  }

  /** Maps a DOM point inside the reader to a text offset, or null when it is outside the text. */
  offsetAt(node: Node, offset: number): number | null {
    if (!this.host.contains(node)) return null;
    if (node.nodeType === Node.TEXT_NODE) {
      const span = node.parentElement?.closest<HTMLElement>('[data-start]');
      if (!span) return null;
      return Number(span.dataset.start) + offset;
    }
    const el = node as Element;
    if (offset < el.childNodes.length) return this.firstOffsetIn(el.childNodes[offset]) ?? this.lastOffsetIn(el);
    return this.lastOffsetIn(el);
  }

  private firstOffsetIn(node: Node): number | null {
    const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
    const span = el?.matches('span[data-start]') ? el : el?.querySelector<HTMLElement>('span[data-start]');
    return span ? Number((span as HTMLElement).dataset.start) : null;
  }

  private lastOffsetIn(el: Element): number | null {
    const spans = el.querySelectorAll<HTMLElement>('span[data-start]');
    const span = spans[spans.length - 1] ?? el.closest<HTMLElement>('span[data-start]');
    if (!span) {
      // After the last paragraph of a chunk: the start of the next drawn text.
      return null;
    }
    return Number(span.dataset.start) + (span.textContent?.length ?? 0);
  }

  /** The current DOM selection as text offsets, if it lies in the reader. */
  selection(): { start: number; end: number } | null {
    const sel = document.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const range = sel.getRangeAt(0);
    const a = this.offsetAt(range.startContainer, range.startOffset);
    const b = this.offsetAt(range.endContainer, range.endOffset);
    if (a === null || b === null || a === b) return null;
    return { start: Math.min(a, b), end: Math.max(a, b) };
  }

  /** Selects the text between two offsets (for keyboard selection from a focused mention). */
  select(start: number, end: number): void {
    const a = this.domPoint(start);
    const b = this.domPoint(end);
    if (!a || !b) return;
    const sel = document.getSelection();
    sel?.setBaseAndExtent(a[0], a[1], b[0], b[1]);
  }

  private domPoint(offset: number): [Node, number] | null {
    const spans = this.host.querySelectorAll<HTMLElement>('span[data-start]');
    for (const s of spans) {
      const start = Number(s.dataset.start);
      const len = s.textContent?.length ?? 0;
      if (offset >= start && offset <= start + len && s.firstChild) return [s.firstChild, offset - start];
    }
    return null;
  }
}
