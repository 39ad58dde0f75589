/**
 * The reader's Lexical nodes. They carry only offsets and ids: mention bodies
 * live in the document store, and the editor is a view of it (STYLE.md §5).
 */
import {
  ElementNode,
  TextNode,
  type EditorConfig,
  type LexicalNode,
  type NodeKey,
  type SerializedElementNode,
  type SerializedTextNode,
  type Spread,
} from 'lexical';

type SerializedParagraph = Spread<{ start: number }, SerializedElementNode>;

/** One line of the source text, at offset `start`. */
export class ParagraphBlockNode extends ElementNode {
  __start: number;

  static override getType(): string {
    return 'parley-paragraph';
  }
  static override clone(node: ParagraphBlockNode): ParagraphBlockNode {
    return new ParagraphBlockNode(node.__start, node.__key);
  }
  static override importJSON(json: SerializedParagraph): ParagraphBlockNode {
    return new ParagraphBlockNode(json.start);
  }
  constructor(start: number, key?: NodeKey) {
    super(key);
    this.__start = start;
  }
  override exportJSON(): SerializedParagraph {
    return { ...super.exportJSON(), start: this.__start };
  }
  override createDOM(): HTMLElement {
    const p = document.createElement('p');
    p.className = 'para';
    p.dataset.start = String(this.__start);
    return p;
  }
  override updateDOM(): boolean {
    return false;
  }
}

export interface MarkData {
  /** A mention's highlight, the evidence span a frame is anchored on, a suggested mention (drawn faint, never saved), or a colleague's mention (outlined, read-only). */
  kind: 'mention' | 'evidence' | 'suggestion' | 'colleague';
  /** A colleague's mention or frame evidence: whose. */
  owner?: string;
  /** A colleague's mark is a frame's evidence, not a mention. */
  evidence?: boolean;
  /** Shown on hover (a suggestion's label, score and source). */
  title?: string;
  /** The suggestion the keys act on. */
  current?: boolean;
  /** The mention's id, or the frame's for evidence. */
  mentionId: string;
  label: string;
  /** Accessible name: the label and what the mention refers to. */
  name: string;
  lane: number;
  color: string;
  entityId?: string;
  pending: boolean;
  /** A change of it is not acknowledged as saved yet: drawn hatched, titled so. */
  unsaved?: boolean;
  /** The fragment holds the mention's first character (a crossing overlap splits a mention). */
  first: boolean;
  /** A piece of a discontinuous mention, as "2/3": drawn as one of several marks that select the one mention. */
  piece?: string;
  /** In review: how this mention compares with the other analysts' (agree, label, overlap, single). */
  status?: string;
}

type SerializedMark = Spread<{ data: MarkData }, SerializedElementNode>;

/** A highlight: an inline element around the text of one mention (or a fragment of it). */
export class MentionMarkNode extends ElementNode {
  __data: MarkData;

  static override getType(): string {
    return 'parley-mention';
  }
  static override clone(node: MentionMarkNode): MentionMarkNode {
    return new MentionMarkNode(node.__data, node.__key);
  }
  static override importJSON(json: SerializedMark): MentionMarkNode {
    return new MentionMarkNode(json.data);
  }
  constructor(data: MarkData, key?: NodeKey) {
    super(key);
    this.__data = data;
  }
  override exportJSON(): SerializedMark {
    return { ...super.exportJSON(), data: this.__data };
  }
  override isInline(): true {
    return true;
  }
  override canBeEmpty(): false {
    return false;
  }
  override createDOM(): HTMLElement {
    const d = this.__data;
    const el = document.createElement('mark');
    if (d.kind === 'evidence') {
      el.className = 'evidence';
      el.dataset.frameId = d.mentionId;
      el.dataset.frameType = d.label;
    } else if (d.kind === 'suggestion') {
      el.className = d.current ? 'suggestion current' : 'suggestion';
      el.dataset.suggestion = d.mentionId;
      el.dataset.label = d.label;
    } else if (d.kind === 'colleague') {
      el.className = d.evidence ? 'colleague colleague-evidence' : 'colleague';
      el.dataset.colleague = d.owner ?? '';
      el.dataset.label = d.label;
    } else {
      el.className = d.pending ? 'mention pending' : 'mention';
      el.dataset.mentionId = d.mentionId;
      el.dataset.label = d.label;
    }
    el.dataset.lane = String(Math.min(d.lane, 3));
    if (d.entityId) el.dataset.entityId = d.entityId;
    if (d.status) el.dataset.status = d.status;
    if (d.first) el.dataset.first = '';
    if (d.piece) el.dataset.piece = d.piece;
    el.style.setProperty('--c', d.color);
    // A colleague's mark does nothing when clicked: a note on the text, not a control.
    el.setAttribute('role', d.kind === 'colleague' ? 'note' : 'button');
    el.setAttribute('aria-label', d.name);
    if (d.unsaved) {
      el.classList.add('unsaved');
      el.title = d.title ? `${d.title} · not saved yet` : 'not saved yet';
    } else if (d.title) el.title = d.title;
    // Not focusable: a drag that starts inside a mark must select text, not focus the mark.
    // The keyboard reaches mentions through the reader's caret and ] / [.
    return el;
  }
  override updateDOM(): boolean {
    return true;
  }
}

type SerializedSourceText = Spread<{ start: number }, SerializedTextNode>;

/** A run of source text starting at offset `start`; the DOM carries it so selections map to offsets. */
export class SourceTextNode extends TextNode {
  __start: number;

  static override getType(): string {
    return 'parley-text';
  }
  static override clone(node: SourceTextNode): SourceTextNode {
    return new SourceTextNode(node.__text, node.__start, node.__key);
  }
  static override importJSON(json: SerializedSourceText): SourceTextNode {
    return new SourceTextNode(json.text, json.start);
  }
  constructor(text: string, start: number, key?: NodeKey) {
    super(text, key);
    this.__start = start;
  }
  override exportJSON(): SerializedSourceText {
    return { ...super.exportJSON(), start: this.__start };
  }
  override createDOM(config: EditorConfig): HTMLElement {
    const dom = super.createDOM(config);
    dom.dataset.start = String(this.__start);
    return dom;
  }
  override updateDOM(prev: this, dom: HTMLElement, config: EditorConfig): boolean {
    if (prev.__start !== this.__start) dom.dataset.start = String(this.__start);
    return super.updateDOM(prev, dom, config);
  }
}

export function $isMentionMark(node: LexicalNode | null | undefined): node is MentionMarkNode {
  return node instanceof MentionMarkNode;
}

export const READER_NODES = [ParagraphBlockNode, MentionMarkNode, SourceTextNode];
