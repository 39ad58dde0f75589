/**
 * Congruence and conflict, derived from stances as the Discourse Network
 * Analyzer derives them from statements: two actors are congruent when they
 * take the same polarity toward the same target and in conflict when they
 * take opposite ones. Each shared target adds, per polarity, the smaller of
 * the two actors' frame counts (two statements each make two pairs, one and
 * three make one).
 */
/** Polarities that count as taking a side; neutral and unclear take none. */
const FAVOUR = /^(favou?r|for|pro|support|supports|agree|positive)$/i;
const AGAINST = /^(against|con|oppose|opposes|disagree|negative)$/i;

export function sideOf(polarity: string): 'favor' | 'against' | null {
  return FAVOUR.test(polarity) ? 'favor' : AGAINST.test(polarity) ? 'against' : null;
}

/** One actor's frames toward one target with one side. */
export interface Statement {
  actor: string;
  target: string;
  side: 'favor' | 'against';
  frames: number[];
}

export interface DerivedEdge {
  kind: 'congruence' | 'conflict';
  a: string;
  b: string;
  value: string;
  weight: number;
  targets: string[];
  /** The frames of the statements paired, each list in article order; merged once at the end. */
  parts: number[][];
}

/** The frames of a derived edge: its statements' frames, each once, in article order. */
export function mergedFrames(parts: readonly (readonly number[])[]): number[] {
  if (parts.length === 2 && parts[0] !== parts[1]) {
    // Two lists each in article order (one statement's frames each): merged in one pass.
    const [x, y] = parts;
    const out = new Array<number>(x.length + y.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < x.length && j < y.length) out[k++] = x[i] <= y[j] ? x[i++] : y[j++];
    while (i < x.length) out[k++] = x[i++];
    while (j < y.length) out[k++] = y[j++];
    return out;
  }
  // Several: a numeric sort of a typed array (no comparator calls), then each frame once.
  let n = 0;
  for (const p of parts) n += p.length;
  const all = new Float64Array(n);
  n = 0;
  for (const p of parts) for (const f of p) all[n++] = f;
  all.sort();
  const out: number[] = [];
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i - 1] !== all[i]) out.push(all[i]);
  return out;
}

/** Congruence and conflict pairs from the statements (actor, target, side) of a network, in the order first met. */
export function derive(statements: Iterable<Statement>, want: { congruence: boolean; conflict: boolean }): DerivedEdge[] {
  // Actors as small numbers: a pair and its kind make one numeric key, no string built per pair.
  const actorIndex = new Map<string, number>();
  const byTarget = new Map<string, { actor: number; s: Statement }[]>();
  for (const s of statements) {
    let a = actorIndex.get(s.actor);
    if (a === undefined) actorIndex.set(s.actor, (a = actorIndex.size));
    const list = byTarget.get(s.target);
    if (list) list.push({ actor: a, s });
    else byTarget.set(s.target, [{ actor: a, s }]);
  }
  const n = actorIndex.size;
  const out = new Map<number, DerivedEdge>();
  // 0: congruence in favour, 1: congruence against, 2: conflict.
  const VALUES = ['favor', 'against', 'favor/against'] as const;
  for (const list of byTarget.values()) {
    for (let i = 0; i < list.length; i++) {
      const xi = list[i];
      const x = xi.s;
      for (let j = i + 1; j < list.length; j++) {
        const yj = list[j];
        if (xi.actor === yj.actor) continue;
        const y = yj.s;
        const code = x.side === y.side ? (x.side === 'favor' ? 0 : 1) : 2;
        if (code === 2 ? !want.conflict : !want.congruence) continue;
        const lo = xi.actor < yj.actor ? xi.actor : yj.actor;
        const hi = xi.actor < yj.actor ? yj.actor : xi.actor;
        const key = (lo * n + hi) * 3 + code;
        let e = out.get(key);
        if (!e) {
          const [a, b] = x.actor < y.actor ? [x.actor, y.actor] : [y.actor, x.actor];
          out.set(key, (e = { kind: code === 2 ? 'conflict' : 'congruence', a, b, value: VALUES[code], weight: 0, targets: [], parts: [] }));
        }
        e.weight += Math.min(x.frames.length, y.frames.length);
        if (e.targets[e.targets.length - 1] !== x.target) e.targets.push(x.target);
        e.parts.push(x.frames, y.frames);
      }
    }
  }
  return [...out.values()];
}
