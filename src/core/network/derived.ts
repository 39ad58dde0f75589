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

/** Congruence and conflict pairs from the statements (actor, target, side) of a network. */
/** The frames of a derived edge: its statements' frames, each once, in article order. */
export function mergedFrames(parts: readonly number[][]): number[] {
  if (parts.length === 2 && parts[0] !== parts[1]) return [...parts[0], ...parts[1]].sort((x, y) => x - y);
  const all = parts.flat().sort((x, y) => x - y);
  return all.filter((f, i) => i === 0 || all[i - 1] !== f);
}

export function derive(statements: Iterable<Statement>, want: { congruence: boolean; conflict: boolean }): DerivedEdge[] {
  const byTarget = new Map<string, Statement[]>();
  for (const s of statements) {
    const list = byTarget.get(s.target);
    if (list) list.push(s);
    else byTarget.set(s.target, [s]);
  }
  const out = new Map<string, DerivedEdge>();
  const add = (kind: DerivedEdge['kind'], x: Statement, y: Statement) => {
    const [a, b] = x.actor < y.actor ? [x.actor, y.actor] : [y.actor, x.actor];
    const value = kind === 'congruence' ? x.side : 'favor/against';
    const key = `${kind}\u0000${a}\u0000${b}\u0000${value}`;
    let e = out.get(key);
    if (!e) out.set(key, (e = { kind, a, b, value, weight: 0, targets: [], parts: [] }));
    e.weight += Math.min(x.frames.length, y.frames.length);
    if (e.targets[e.targets.length - 1] !== x.target) e.targets.push(x.target);
    e.parts.push(x.frames, y.frames);
  };
  for (const list of byTarget.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const x = list[i];
        const y = list[j];
        if (x.actor === y.actor) continue;
        if (x.side === y.side) {
          if (want.congruence) add('congruence', x, y);
        } else if (want.conflict) add('conflict', x, y);
      }
    }
  }
  return [...out.values()];
}
