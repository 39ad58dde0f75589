/**
 * The open document: its text, the analyst's layer and indexes the reader
 * needs (paragraphs, mentions per paragraph). Changes are applied here first,
 * so the highlight paints at once, then saved through the API in order.
 * A long document opens with its first screens' text and mentions, and grows
 * as the rest arrives (`appendText`, `completeWith`).
 */
import type { HistoryState, LayerContent } from '../../core/api/annotations';
import type { OpenedDocument } from '../../core/api/documents';
import { applyChange, compareMentions } from '../../core/changes';
import { blockAt } from '../../core/layout';
import type { Change, DocumentRecord, Frame, Mention, Layer } from '../../core/model';
import { paragraphs, type Block } from '../../core/text';
import type { MentionSuggestion } from '../../core/suggest/types';
import { UnsavedChanges } from './unsaved';
import { AfterPaint } from './afterPaint';
import { Overlay } from './overlay';

export type Listener = () => void;

/** A colleague's mention, or the evidence of one of their frames, drawn over the text read-only. */
export type ColleagueMark = { id: string; start: number; end: number } & ({ mention: Mention } | { frame: Frame });

export class OpenDocument {
  readonly doc: DocumentRecord;
  /** The text as far as it has arrived (whole once `textComplete`): always up to a line end. */
  text: string;
  /** The whole text's length, known from the start. */
  readonly chars: number;
  /** The paragraphs of `text`: grows as the text arrives. */
  readonly blocks: Block[];
  readonly layer: Omit<Layer, 'history'> & { history: { undo: Change[]; redo: Change[] } };
  readonly stale: boolean;
  /** False until every mention has arrived (long documents open with their first screens' mentions). */
  private mentionsComplete: boolean;
  history: HistoryState;
  /** The layer's revision on disk as this view last saw it: every save says it was made on this one. */
  revision: number;
  /** Set once this view was replaced by a reload: saves still queued for it were made on what is gone. */
  replaced = false;
  /** Mentions intersecting each block, sorted by start then longest. */
  private readonly perBlock: Mention[][];
  /** Frames whose evidence intersects each block. */
  private readonly framesPerBlock: Frame[][];
  private readonly byId = new Map<string, Mention>();
  private readonly listeners = new Set<Listener>();
  private readonly blockListeners = new Set<(blocks: Set<number>) => void>();
  private readonly growListeners = new Set<(fromBlock: number) => void>();
  version = 0;
  /** `version` as of the last paint: what the side panels show. */
  paintedVersion = 0;
  private readonly afterPaint = new AfterPaint();
  /** The recommender's suggestions drawn over the text: never part of the layer, never saved. */
  private readonly suggested = new Overlay<MentionSuggestion>(
    (m) => this.blocksOf(m),
    (blocks) => this.redrawBlocks(blocks),
  );
  /** The suggestion the keys act on (start:end:label), drawn outlined. */
  suggestionFocus: string | null = null;
  /** One colleague's mentions and frames drawn over the text, read-only (never part of the layer, never saved), and whose they are. */
  private readonly colleagueMarks = new Overlay<ColleagueMark>(
    (m) => this.blocksOf(m),
    (blocks) => this.redrawBlocks(blocks),
  );
  colleague: string | null = null;
  /** Changes applied here whose save main has not acknowledged: their marks are drawn as not saved, and the count leaves them out. */
  private readonly unsaved = new UnsavedChanges();
  private counted: { version: number; n: number } | null = null;
  private lastTracked: string[] = [];
  private readonly savedListeners = new Set<(ids: string[]) => void>();

  constructor(opened: OpenedDocument) {
    this.doc = opened.document;
    this.text = opened.document.text;
    this.chars = opened.chars ?? this.text.length;
    this.stale = opened.stale;
    this.mentionsComplete = opened.complete;
    this.history = opened.history;
    this.revision = opened.layer.revision ?? 0;
    // Local history stays empty: undo and redo are answered by main, which keeps the saved stacks.
    this.layer = { ...opened.layer, history: { undo: [], redo: [] } };
    // Layers are saved sorted; sort only what is not (an imported or hand-edited file).
    const ms = this.layer.mentions;
    for (let i = 1; i < ms.length; i++) {
      if (compareMentions(ms[i - 1], ms[i]) > 0) {
        ms.sort(compareMentions);
        break;
      }
    }
    this.blocks = paragraphs(this.text);
    this.perBlock = this.blocks.map(() => []);
    this.framesPerBlock = this.blocks.map(() => []);
    for (const m of this.layer.mentions) this.index(m);
    for (const f of this.layer.frames) this.indexFrame(f);
  }

  private blocksOf(m: { start: number; end: number }): number[] {
    const out: number[] = [];
    for (let i = blockAt(this.blocks, m.start); i < this.blocks.length && this.blocks[i].start < m.end; i++) {
      if (this.blocks[i].end > m.start) out.push(i);
    }
    return out;
  }

  private index(m: Mention): void {
    this.byId.set(m.id, m);
    for (const b of this.blocksOf(m)) this.perBlock[b].push(m);
  }

  private unindex(m: Mention): number[] {
    this.byId.delete(m.id);
    const bs = this.blocksOf(m);
    for (const b of bs) {
      const list = this.perBlock[b];
      const i = list.findIndex((x) => x.id === m.id);
      if (i >= 0) list.splice(i, 1);
    }
    return bs;
  }

  /** Every character and every mention is here: the document can be tagged. */
  get complete(): boolean {
    return this.mentionsComplete && this.textComplete;
  }

  get textComplete(): boolean {
    return this.text.length >= this.chars;
  }

  /**
   * Takes the next part of the text (from a line start to a line end, as
   * `documents.text` cuts it): adds its paragraphs, files the mentions and
   * frames already known that reach into them, and tells the views.
   */
  appendText(part: string): void {
    const at = this.text.length;
    const from = this.blocks.length;
    this.text += part;
    for (const b of paragraphs(part)) {
      this.blocks.push({ start: at + b.start, end: at + b.end });
      this.perBlock.push([]);
      this.framesPerBlock.push([]);
    }
    // The layer is sorted, so each new paragraph's list stays sorted.
    for (const m of this.layer.mentions) if (m.end > at) for (const b of this.blocksOf(m)) if (b >= from) this.perBlock[b].push(m);
    for (const f of this.layer.frames) if (f.evidence.end > at) for (const b of this.blocksOf(f.evidence)) if (b >= from) this.framesPerBlock[b].push(f);
    this.colleagueMarks.grow(at, from);
    for (const l of this.growListeners) l(from);
    if (this.complete) this.changed();
  }

  /** Tells the reader at once, and the side panels once the frame that draws the change is painted. */
  private notify(): void {
    for (const l of this.listeners) l();
    this.afterPaint.schedule(() => (this.paintedVersion = this.version));
  }

  /** Called after the paint that follows a change: side panels, which must never delay the highlight. */
  subscribeAfterPaint(listener: Listener): () => void {
    return this.afterPaint.subscribe(listener);
  }

  private changed(): void {
    this.version++;
    this.notify();
  }

  /** Takes the whole layer once it has arrived and redraws what is on screen. */
  completeWith(content: LayerContent): void {
    this.layer.mentions = content.mentions;
    this.layer.frames = content.frames;
    this.byId.clear();
    for (const list of this.perBlock) list.length = 0;
    for (const list of this.framesPerBlock) list.length = 0;
    for (const m of this.layer.mentions) this.index(m);
    for (const f of this.layer.frames) this.indexFrame(f);
    this.mentionsComplete = true;
    const all = new Set(this.blocks.map((_, i) => i));
    for (const l of this.blockListeners) l(all);
    this.changed();
  }

  private indexFrame(f: Frame): number[] {
    const bs = this.blocksOf(f.evidence);
    for (const b of bs) this.framesPerBlock[b].push(f);
    return bs;
  }

  private unindexFrame(f: Frame): number[] {
    const bs = this.blocksOf(f.evidence);
    for (const b of bs) {
      const list = this.framesPerBlock[b];
      const i = list.findIndex((x) => x.id === f.id);
      if (i >= 0) list.splice(i, 1);
    }
    return bs;
  }

  framesInBlock(i: number): readonly Frame[] {
    return this.framesPerBlock[i];
  }

  frame(id: string): Frame | undefined {
    return this.layer.frames.find((f) => f.id === id);
  }

  /** Mentions by id, for frame validation and summaries. */
  get mentionMap(): ReadonlyMap<string, Mention> {
    return this.byId;
  }

  mentionsInBlock(i: number): readonly Mention[] {
    return this.perBlock[i];
  }

  mention(id: string): Mention | undefined {
    return this.byId.get(id);
  }

  get mentions(): readonly Mention[] {
    return this.layer.mentions;
  }

  get frames(): readonly Frame[] {
    return this.layer.frames;
  }

  /** Mentions covering an offset, innermost (shortest) first. */
  mentionsAt(offset: number): Mention[] {
    const i = blockAt(this.blocks, offset);
    // A discontinuous mention covers its pieces, not the gaps between them.
    const covers = (m: Mention) => (m.fragments ? m.fragments.some(([s, e]) => s <= offset && offset < e) : m.start <= offset && offset < m.end);
    return (this.perBlock[i] ?? []).filter(covers).sort((a, b) => a.end - a.start - (b.end - b.start));
  }

  /** Whether a change of this mention (or frame) is not acknowledged as saved yet. */
  isUnsaved(id: string): boolean {
    return this.unsaved.has(id);
  }

  /** Changes applied here and not acknowledged as saved yet. */
  get unsavedCount(): number {
    return this.unsaved.count;
  }

  /** The mentions on disk: those added but not acknowledged are left out, those removed but not acknowledged still count. */
  get savedMentionCount(): number {
    // Read on every render of the reader's head: counted once per version.
    if (this.counted?.version !== this.version) this.counted = { version: this.version, n: this.unsaved.savedCount(this.layer.mentions) };
    return this.counted.n;
  }

  /** The layer as saved, for counts: without the mentions whose adding is not acknowledged. */
  get savedMentions(): Mention[] {
    return this.unsaved.saved(this.layer.mentions);
  }

  /** Counts a change as not saved (1) or saved again (-1); returns the paragraphs to redraw. */
  private trackUnsaved(change: Change, delta: 1 | -1): Set<number> {
    const touched = new Set<number>();
    this.lastTracked = this.unsaved.track(change, delta);
    for (const id of this.lastTracked) {
      const where = this.byId.get(id) ?? this.frame(id)?.evidence;
      if (where) for (const b of this.blocksOf(where)) touched.add(b);
    }
    return touched;
  }

  /** Main acknowledged a change applied with `unsaved`: its marks are drawn as saved. */
  acknowledge(change: Change): void {
    this.trackUnsaved(change, -1);
    this.version++;
    // The marks are restyled in place, not redrawn: a drag the analyst has begun meanwhile keeps its text.
    const saved = this.lastTracked.filter((id) => !this.unsaved.has(id));
    if (saved.length) for (const l of this.savedListeners) l(saved);
    this.notify();
  }

  /** Called with the ids of marks whose changes are all saved now. */
  onSaved(listener: (ids: string[]) => void): () => void {
    this.savedListeners.add(listener);
    return () => this.savedListeners.delete(listener);
  }

  /**
   * Applies a change locally and tells the views which paragraphs to redraw.
   * `unsaved`: the analyst's change, drawn as not saved until `acknowledge`.
   */
  apply(change: Change, unsaved = false): void {
    applyChange(this.layer as Layer, change);
    // Counted before the redraw below, so the new mark is drawn as not saved in the same paint.
    if (unsaved) this.trackUnsaved(change, 1);
    const touched = new Set<number>();
    const visit = (c: Change) => {
      switch (c.op) {
        case 'addMention':
          this.index(c.mention);
          for (const b of this.blocksOf(c.mention)) touched.add(b);
          break;
        case 'removeMention':
          for (const b of this.unindex(c.mention)) touched.add(b);
          break;
        case 'updateMention':
          for (const b of this.unindex(c.before)) touched.add(b);
          this.index(c.after);
          for (const b of this.blocksOf(c.after)) touched.add(b);
          break;
        case 'addFrame':
          for (const b of this.indexFrame(c.frame)) touched.add(b);
          break;
        case 'removeFrame':
          for (const b of this.unindexFrame(c.frame)) touched.add(b);
          break;
        case 'updateFrame':
          for (const b of this.unindexFrame(c.before)) touched.add(b);
          for (const b of this.indexFrame(c.after)) touched.add(b);
          break;
        case 'batch':
          c.changes.forEach(visit);
          break;
        default:
          break;
      }
    };
    visit(change);
    for (const b of touched) this.perBlock[b].sort(compareMentions);
    this.version++;
    if (touched.size) for (const l of this.blockListeners) l(touched);
    this.notify();
  }

  suggestionsInBlock(i: number): readonly MentionSuggestion[] {
    return this.suggested.inBlock(i);
  }

  /** Replaces the suggestions drawn over the text and redraws the paragraphs they were or are in. */
  setSuggestions(list: readonly MentionSuggestion[]): void {
    this.suggested.set(list);
  }

  colleagueInBlock(i: number): readonly ColleagueMark[] {
    return this.colleagueMarks.inBlock(i);
  }

  /** Draws one colleague's mentions and frames' evidence over the text (none: `annotator` null), redrawing the paragraphs they were or are in. */
  setColleague(annotator: string | null, layer: { mentions: readonly Mention[]; frames: readonly Frame[] } | null): void {
    this.colleague = annotator;
    const marks: ColleagueMark[] = [];
    if (annotator && layer) {
      for (const m of layer.mentions) marks.push({ id: m.id, start: m.start, end: m.end, mention: m });
      for (const f of layer.frames) marks.push({ id: f.id, start: f.evidence.start, end: f.evidence.end, frame: f });
    }
    this.colleagueMarks.set(marks);
  }

  /** Moves the outline to another suggestion, redrawing the paragraphs of the old and the new one. */
  focusSuggestion(key: string | null): void {
    if (key === this.suggestionFocus) return;
    const touched = new Set<number>();
    const at = (k: string | null) => {
      if (!k) return;
      const [start, end] = k.split(':').map(Number);
      for (const b of this.blocksOf({ start, end })) touched.add(b);
    };
    at(this.suggestionFocus);
    at(key);
    this.suggestionFocus = key;
    if (touched.size) this.redrawBlocks(touched);
  }

  private redrawBlocks(blocks: Set<number>): void {
    for (const l of this.blockListeners) l(blocks);
  }

  setHistory(history: HistoryState): void {
    this.history = history;
    this.version++;
    this.notify();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onBlocksChanged(listener: (blocks: Set<number>) => void): () => void {
    this.blockListeners.add(listener);
    return () => this.blockListeners.delete(listener);
  }

  /** Called with the first new paragraph's index each time more text arrives. */
  onGrown(listener: (fromBlock: number) => void): () => void {
    this.growListeners.add(listener);
    return () => this.growListeners.delete(listener);
  }
}
