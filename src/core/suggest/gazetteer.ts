/**
 * Names the workspace already knows, matched over word tokens: the entity
 * registry's names and aliases, and the spans analysts have labelled. It feeds
 * the tagger a feature ("this token starts a known PERSON name") and proposes
 * registry mentions directly.
 */
import type { Token } from '../tokenize';
import { tokenize } from '../tokenize';

export interface GazetteerHit {
  start: number;
  end: number;
  /** Token indices [first, last). */
  from: number;
  to: number;
  label: string;
  entityId?: string;
}

interface Entry {
  label: string;
  entityId?: string;
  /** Documents this name was labelled in; empty for registry names, which always count. */
  docs: Set<string>;
  registry: boolean;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  entries: Entry[];
}

const newNode = (): TrieNode => ({ next: new Map(), entries: [] });

export class Gazetteer {
  private readonly root = newNode();
  private size = 0;

  get count(): number {
    return this.size;
  }

  /** A registry name: matched case-sensitively, word by word, always counted. */
  addName(name: string, label: string, entityId?: string): void {
    this.entry(name, label, true, entityId);
  }

  /** A span an analyst labelled in `docId`. */
  addLabelled(quote: string, label: string, docId: string): void {
    this.entry(quote, label, false).docs.add(docId);
  }

  private entry(name: string, label: string, registry: boolean, entityId?: string): Entry {
    const words = tokenize(name).map((t) => name.slice(t.start, t.end));
    let node = this.root;
    for (const w of words) {
      let n = node.next.get(w);
      if (!n) node.next.set(w, (n = newNode()));
      node = n;
    }
    let e = node.entries.find((x) => x.label === label && x.registry === registry && x.entityId === entityId);
    if (!e) {
      e = { label, entityId, docs: new Set(), registry };
      node.entries.push(e);
      this.size++;
    }
    return e;
  }

  /**
   * Longest matches, left to right, never overlapping. With `exceptDoc`, names
   * known only from that document are left out: a tagger trained on a document
   * must not see its own labels as a feature.
   */
  match(text: string, tokens: readonly Token[], opts: { exceptDoc?: string; registryOnly?: boolean } = {}): GazetteerHit[] {
    const hits: GazetteerHit[] = [];
    const usable = (e: Entry) => e.registry || (!opts.registryOnly && e.docs.size > (opts.exceptDoc !== undefined && e.docs.has(opts.exceptDoc) ? 1 : 0));
    let i = 0;
    while (i < tokens.length) {
      let node: TrieNode | undefined = this.root;
      let best: { to: number; entry: Entry } | null = null;
      for (let j = i; j < tokens.length && node; j++) {
        // Words of a name are separated by at most one space or hyphen-less gap; a line break ends it.
        if (j > i && /[\n\r]/.test(text.slice(tokens[j - 1].end, tokens[j].start))) break;
        node = node.next.get(text.slice(tokens[j].start, tokens[j].end));
        if (!node) break;
        const e = pick(node.entries.filter(usable));
        if (e) best = { to: j + 1, entry: e };
      }
      if (best) {
        hits.push({ start: tokens[i].start, end: tokens[best.to - 1].end, from: i, to: best.to, label: best.entry.label, entityId: best.entry.entityId });
        i = best.to;
      } else i++;
    }
    return hits;
  }
}

/** Registry names win over labelled spans; among labelled spans, the label used in most documents. */
function pick(entries: Entry[]): Entry | undefined {
  let best: Entry | undefined;
  for (const e of entries) {
    if (!best || (e.registry && !best.registry) || (e.registry === best.registry && e.docs.size > best.docs.size)) best = e;
  }
  return best;
}
