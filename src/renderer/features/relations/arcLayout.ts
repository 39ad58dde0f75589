/**
 * Where the arcs over the text go, as brat draws them: each arc rises from
 * its source, runs level above the line and comes down on its target. Arcs
 * on one line are stacked so that no two at the same height overlap (the
 * shorter nearer the text); an arc between two lines is drawn as two halves,
 * one over each line, running out to the edge of the text column.
 */
import type { Frame, FrameTypeDef, RoleFiller } from '../../../core/model';

/** One arc to draw: between two anchors (a mention, or a frame's evidence), named and coloured. */
export interface Arc {
  key: string;
  frameId: string;
  from: string;
  to: string;
  label: string;
  color: string;
  directed: boolean;
}

/** An anchor's box on screen, in the overlay's coordinates. */
export interface Box {
  left: number;
  right: number;
  top: number;
}

/** A drawn piece: an arc, or one half of an arc between two lines. */
export interface Segment {
  key: string;
  frameId: string;
  path: string;
  /** The arrowhead's triangle at the target, when directed and this piece ends there. */
  head: string | null;
  label: { x: number; y: number; text: string } | null;
  color: string;
  level: number;
  /** Top of the line it stands on. */
  y: number;
}

/** Anchor ids: a mention's own id; a frame's evidence `frame:<id>`. */
export const frameAnchor = (id: string): string => `frame:${id}`;

function fillerAnchor(f: RoleFiller): string | null {
  return f.kind === 'mention' ? f.mentionId : f.kind === 'frame' ? frameAnchor(f.frameId) : null;
}

/** The arcs of a layer's frames: a relation from source to target, an equivalence's members in a chain, any other frame's evidence to each mention (or frame) filling a role. */
export function arcsOf(frames: readonly Frame[], types: readonly FrameTypeDef[]): Arc[] {
  const byName = new Map(types.map((t) => [t.name, t]));
  const arcs: Arc[] = [];
  for (const f of frames) {
    const t = byName.get(f.type);
    const color = t?.color ?? '#888888';
    if (t?.relation === 'directed' || t?.relation === 'undirected') {
      const from = (f.roles[t.roles[0].name] ?? []).map(fillerAnchor)[0];
      const to = (f.roles[t.roles[1].name] ?? []).map(fillerAnchor)[0];
      if (from && to) arcs.push({ key: f.id, frameId: f.id, from, to, label: f.type, color, directed: t.relation === 'directed' });
    } else if (t?.relation === 'equivalence') {
      const members = (f.roles[t.roles[0].name] ?? []).map(fillerAnchor).filter((a): a is string => a !== null);
      for (let i = 1; i < members.length; i++) arcs.push({ key: `${f.id}:${i}`, frameId: f.id, from: members[i - 1], to: members[i], label: f.type, color, directed: false });
    } else {
      for (const [role, fillers] of Object.entries(f.roles)) {
        fillers.forEach((filler, i) => {
          const to = fillerAnchor(filler);
          if (to) arcs.push({ key: `${f.id}:${role}:${i}`, frameId: f.id, from: frameAnchor(f.id), to, label: role, color, directed: true });
        });
      }
    }
  }
  return arcs;
}

export interface LayoutOptions {
  /** Height between stacked arcs. */
  step: number;
  /** The text column's left and right edge, where a half-arc between lines runs out. */
  left: number;
  right: number;
  /** Width of a label of `n` characters. */
  labelWidth: (n: number) => number;
}

interface Piece {
  arc: Arc;
  x1: number;
  x2: number;
  /** Top of the line the piece stands on. */
  y: number;
  line: number;
  start: boolean;
  end: boolean;
  lo: number;
  hi: number;
  level: number;
}

const RADIUS = 4;

const center = (b: Box) => (b.left + b.right) / 2;

/**
 * Where each arc leaves its source (`key>`) and reaches its target (`key<`):
 * the arcs meeting on one box share its width out, in the order of where
 * their other ends lie, so they neither cross there nor run together.
 */
function spreadEnds(arcs: readonly Arc[], boxes: ReadonlyMap<string, Box>): Map<string, number> {
  const at = new Map<string, { end: string; toward: number }[]>();
  for (const arc of arcs) {
    const a = boxes.get(arc.from);
    const b = boxes.get(arc.to);
    if (!a || !b || arc.from === arc.to) continue;
    // The other end's side: its x on the same line, else past the edge toward its line.
    const toward = (from: Box, to: Box) => (Math.abs(from.top - to.top) < 8 ? center(to) : to.top > from.top ? Infinity : -Infinity);
    const add = (id: string, end: string, toward: number) => {
      const list = at.get(id);
      if (list) list.push({ end, toward });
      else at.set(id, [{ end, toward }]);
    };
    add(arc.from, `${arc.key}>`, toward(a, b));
    add(arc.to, `${arc.key}<`, toward(b, a));
  }
  const x = new Map<string, number>();
  for (const [id, list] of at) {
    const box = boxes.get(id)!;
    list.sort((p, q) => p.toward - q.toward);
    const width = Math.max(0, box.right - box.left - 6);
    list.forEach((e, i) => x.set(e.end, list.length === 1 ? center(box) : box.left + 3 + (width * (i + 0.5)) / list.length));
  }
  return x;
}

/** Lays the arcs out over the boxes found for their anchors; an arc whose anchor is not on screen (not drawn yet) is left out. */
export function layoutArcs(arcs: readonly Arc[], boxes: ReadonlyMap<string, Box>, o: LayoutOptions): Segment[] {
  const pieces: Piece[] = [];
  const ends = spreadEnds(arcs, boxes);
  for (const arc of arcs) {
    const a = boxes.get(arc.from);
    const b = boxes.get(arc.to);
    if (!a || !b || arc.from === arc.to) continue;
    const xa = ends.get(`${arc.key}>`)!;
    const xb = ends.get(`${arc.key}<`)!;
    const piece = (x1: number, x2: number, y: number, start: boolean, end: boolean): Piece => {
      const half = start ? o.labelWidth(arc.label.length) / 2 : 0;
      const mid = (x1 + x2) / 2;
      return { arc, x1, x2, y, line: 0, start, end, lo: Math.min(x1, x2, mid - half), hi: Math.max(x1, x2, mid + half), level: 0 };
    };
    if (Math.abs(a.top - b.top) < 8) pieces.push(piece(xa, xb, Math.min(a.top, b.top), true, true));
    else {
      const forward = a.top < b.top;
      pieces.push(piece(xa, forward ? o.right : o.left, a.top, true, false));
      pieces.push(piece(forward ? o.left : o.right, xb, b.top, false, true));
    }
  }
  // Pieces whose tops are a few pixels apart stand on one line (marks nested in others start lower); each stands on its line's top.
  const byLine: Piece[][] = [];
  for (const p of [...pieces].sort((p, q) => p.y - q.y)) {
    const line = byLine[byLine.length - 1];
    if (line && p.y - line[0].y < 8) line.push(p);
    else byLine.push([p]);
  }
  for (const line of byLine) for (const p of line) p.y = line[0].y;
  // Per line, the narrowest first: each goes one above the highest it overlaps.
  for (const line of byLine) {
    line.sort((p, q) => p.hi - p.lo - (q.hi - q.lo) || p.lo - q.lo);
    line.forEach((p, i) => {
      let level = 1;
      for (let j = 0; j < i; j++) {
        const q = line[j];
        if (p.lo < q.hi - 1 && q.lo < p.hi - 1) level = Math.max(level, q.level + 1);
      }
      p.level = level;
    });
  }
  return pieces.map((p) => {
    const top = p.y - p.level * o.step;
    const dir = p.x2 >= p.x1 ? 1 : -1;
    const r = Math.min(RADIUS, Math.abs(p.x2 - p.x1) / 2);
    const up = p.start ? `M${p.x1} ${p.y} L${p.x1} ${top + r} Q${p.x1} ${top} ${p.x1 + dir * r} ${top}` : `M${p.x1} ${top}`;
    const down = p.end ? ` L${p.x2 - dir * r} ${top} Q${p.x2} ${top} ${p.x2} ${top + r} L${p.x2} ${p.y}` : ` L${p.x2} ${top}`;
    const head = p.end && p.arc.directed ? `M${p.x2} ${p.y} L${p.x2 - 3.5} ${p.y - 6} L${p.x2 + 3.5} ${p.y - 6} Z` : null;
    const label = p.start ? { x: p.end ? (p.x1 + p.x2) / 2 : p.x1 + dir * (o.labelWidth(p.arc.label.length) / 2 + 6), y: top, text: p.arc.label } : null;
    return { key: `${p.arc.key}${p.start ? '' : ':2'}`, frameId: p.arc.frameId, path: up + down, head, label, color: p.arc.color, level: p.level, y: p.y };
  });
}
