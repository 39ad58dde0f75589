/**
 * Which .ann line each frame of a layer becomes: a relation type's frame an
 * R line, an equivalence's a `*` line, any other frame an event (E). brat
 * needs a relation to join exactly two annotations and an equivalence two
 * or more; frames that cannot be written so are dropped and counted, and so
 * are frames whose frame fillers were dropped.
 */
import type { Frame, Mention } from '../model';
import type { ReportBuilder } from './prepare';
import type { SchemaIndex } from './schema';

export interface FramePlan {
  /** The frames to write, in the layer's order. */
  frames: Frame[];
  /** Frame id → its .ann id: E1, R1, or *1 (an equivalence, which brat gives no id). */
  annId: Map<string, string>;
  /** From the first of a frame's arguments to the end of the last: the evidence brat's R and * lines imply. */
  stretch(f: Frame): { start: number; end: number };
}

type Span = { start: number; end: number };

/** The stretch of text over some spans; an empty one at 0 when there are none. */
export function stretchOf(spans: Span[]): Span {
  if (spans.length === 0) return { start: 0, end: 0 };
  return { start: Math.min(...spans.map((s) => s.start)), end: Math.max(...spans.map((s) => s.end)) };
}

export function sameSpan(a: Span, b: Span): boolean {
  return a.start === b.start && a.end === b.end;
}

export function planFrames(frames: Frame[], schema: SchemaIndex, mentions: Mention[], report: ReportBuilder): FramePlan {
  const mentionById = new Map(mentions.map((m) => [m.id, m]));
  const frameById = new Map(frames.map((f) => [f.id, f]));
  const annId = new Map<string, string>();
  let e = 0;
  let r = 0;
  let q = 0;
  let kept: Frame[] = [];
  for (const f of frames) {
    const def = schema.frameTypes.get(f.type)!;
    const refs = (role: string) => f.roles[role] ?? [];
    const pointing = (xs: Frame['roles'][string]) => xs.every((x) => x.kind === 'mention' || x.kind === 'frame');
    if (def.relation === 'directed' || def.relation === 'undirected') {
      if (!def.roles.every((role) => refs(role.name).length === 1 && pointing(refs(role.name)))) {
        report.unwrite('frames', 'relation without exactly one mention or frame in each of its two roles, which a brat R line needs');
        continue;
      }
      annId.set(f.id, `R${++r}`);
    } else if (def.relation === 'equivalence') {
      const members = refs(def.roles[0].name);
      if (members.length < 2 || !pointing(members)) {
        report.unwrite('frames', 'equivalence of fewer than two mentions, which a brat * line needs');
        continue;
      }
      annId.set(f.id, `*${++q}`);
    } else annId.set(f.id, `E${++e}`);
    kept.push(f);
  }
  // A frame filler must point at a frame that is written and has an id (brat's equivalences have none).
  for (let cut = true; cut; ) {
    const before = kept.length;
    kept = kept.filter((f) => {
      const ok = Object.values(f.roles).every((xs) => xs.every((x) => x.kind !== 'frame' || (annId.get(x.frameId)?.startsWith('*') === false)));
      if (!ok) {
        annId.delete(f.id);
        report.unwrite('frames', 'frame whose frame filler brat cannot point at (an equivalence, or a frame left out)');
      }
      return ok;
    });
    cut = kept.length < before;
  }
  // A frame argument counts with its own evidence, as the reader rebuilds it.
  const stretch = (f: Frame): Span => {
    const spans: Span[] = [];
    for (const xs of Object.values(f.roles)) {
      for (const x of xs) {
        const s = x.kind === 'mention' ? mentionById.get(x.mentionId) : x.kind === 'frame' ? frameById.get(x.frameId)?.evidence : undefined;
        if (s) spans.push(s);
      }
    }
    return stretchOf(spans);
  };
  return { frames: kept, annId, stretch };
}
