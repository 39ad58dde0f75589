/**
 * A multi-class averaged perceptron (Collins 2002; the form Honnibal's
 * "A good part-of-speech tagger in about 200 lines" made popular). Training is
 * incremental: `update` may be called at any time, and `averaged` folds the
 * running sums into the weights used for prediction. Averaging makes the
 * result stable however the examples are ordered.
 */
export class AveragedPerceptron {
  private readonly weights = new Map<string, number[]>();
  private readonly totals = new Map<string, number[]>();
  private readonly stamps = new Map<string, number[]>();
  private instances = 0;
  private cache: Map<string, Float64Array> | null = null;
  readonly classes: string[] = [];
  private readonly classIndex = new Map<string, number>();
  /** When each class was first met: its weights are averaged over the time since, not over training that never saw it. */
  private readonly born: number[] = [];

  classOf(name: string): number {
    let i = this.classIndex.get(name);
    if (i === undefined) {
      i = this.classes.length;
      this.classes.push(name);
      this.born.push(this.instances);
      this.classIndex.set(name, i);
      this.cache = null;
    }
    return i;
  }

  get updates(): number {
    return this.instances;
  }

  /** Scores of every class for a feature set, with the averaged weights. */
  scores(features: readonly string[], out: Float64Array = new Float64Array(this.classes.length)): Float64Array {
    out.fill(0);
    return this.addScores(features, out);
  }

  /** Adds the averaged scores of more features to `out`. */
  addScores(features: readonly string[], out: Float64Array): Float64Array {
    const avg = this.averaged();
    for (const f of features) {
      const w = avg.get(f);
      if (!w) continue;
      for (let c = 0; c < w.length; c++) out[c] += w[c];
    }
    return out;
  }

  /** One training step: if `guess` was wrong, move weights towards `truth` and away from `guess`. */
  update(truth: number, guess: number, features: readonly string[]): void {
    this.instances++;
    if (truth === guess) return;
    this.cache = null;
    for (const f of features) {
      this.bump(f, truth, 1);
      this.bump(f, guess, -1);
    }
  }

  /** Counts one more training instance (a token), whether or not it changed a weight. */
  tick(): void {
    this.instances++;
    // The averages move with every instance, changed or not.
    this.cache = null;
  }

  /** Moves the weights of `features` for class `c` by `v`: one side of a structured update. */
  add(features: readonly string[], c: number, v: number): void {
    this.cache = null;
    for (const f of features) this.bump(f, c, v);
  }

  private bump(f: string, c: number, v: number): void {
    let w = this.weights.get(f);
    if (!w) {
      w = [];
      this.weights.set(f, w);
      this.totals.set(f, []);
      this.stamps.set(f, []);
    }
    const tot = this.totals.get(f) as number[];
    const ts = this.stamps.get(f) as number[];
    const before = w[c] ?? 0;
    tot[c] = (tot[c] ?? 0) + (this.instances - (ts[c] ?? 0)) * before;
    ts[c] = this.instances;
    w[c] = before + v;
  }

  /** The averaged weights, recomputed only after an update changed something. */
  averaged(): Map<string, Float64Array> {
    if (this.cache) return this.cache;
    const avg = new Map<string, Float64Array>();
    const k = this.classes.length;
    const n = this.born.map((b) => Math.max(1, this.instances - b));
    for (const [f, w] of this.weights) {
      const tot = this.totals.get(f) as number[];
      const ts = this.stamps.get(f) as number[];
      const a = new Float64Array(k);
      let any = false;
      for (let c = 0; c < w.length; c++) {
        const v = ((tot[c] ?? 0) + (this.instances - (ts[c] ?? 0)) * (w[c] ?? 0)) / n[c];
        if (v !== 0) {
          a[c] = v;
          any = true;
        }
      }
      if (any) avg.set(f, a);
    }
    this.cache = avg;
    return avg;
  }

  /** Live (not averaged) scores: what training compares against. */
  liveScores(features: readonly string[], out: Float64Array): Float64Array {
    out.fill(0);
    for (const f of features) {
      const w = this.weights.get(f);
      if (!w) continue;
      for (let c = 0; c < w.length; c++) out[c] += w[c] ?? 0;
    }
    return out;
  }
}
