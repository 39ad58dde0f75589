/**
 * Running asynchronous work in turn or a few at a time: one sequencer for
 * "one after another", one per key, and a limiter for "at most n at once".
 * A failure is handed to the caller whose work failed; the work queued
 * after it runs all the same.
 */

/** Runs work one after another, in the order it was given. */
export class Sequencer {
  private tail: Promise<unknown> = Promise.resolve();

  run<R>(work: () => Promise<R>): Promise<R> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Resolves once the work queued so far is done (never rejects). */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}

/** A sequencer per key: work under one key runs one after another; different keys do not wait for each other. */
export class KeyedSequencer<K> {
  private readonly tails = new Map<K, Promise<unknown>>();

  run<R>(key: K, work: () => Promise<R>): Promise<R> {
    const before = this.tails.get(key) ?? Promise.resolve();
    const run = before.then(work, work);
    const tail = run.catch(() => undefined);
    this.tails.set(key, tail);
    // Forgotten once nothing more is queued, so keys do not pile up.
    void tail.then(() => this.tails.get(key) === tail && this.tails.delete(key));
    return run;
  }

  /** Keys with work queued or running. */
  get size(): number {
    return this.tails.size;
  }
}

/** Runs work with at most `limit` running at once; the next starts as soon as one ends, in the order given. */
export class Limiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError(`a limiter needs a limit of at least 1, not ${limit}`);
  }

  async run<R>(work: () => Promise<R>): Promise<R> {
    if (this.running >= this.limit) await new Promise<void>((start) => this.waiting.push(start));
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  /** `work` on every item, at most `limit` at once, results in the items' order. */
  map<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
    return mapLimited(items, this.limit, work);
  }
}

/** `work` on every item, at most `limit` running at once (the next starts as soon as one ends), results in the items' order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

/**
 * Yields `work(item)` for each item, in order, with up to `ahead` of them
 * running at once (reading ahead while the consumer works). A failure
 * surfaces when its turn comes.
 */
export async function* aheadInOrder<T, R>(items: readonly T[], work: (item: T) => Promise<R>, ahead: number): AsyncGenerator<R> {
  const queue: Promise<R>[] = [];
  let next = 0;
  const fill = () => {
    while (next < items.length && queue.length < ahead) {
      const p = work(items[next++]);
      // Marked as handled: if the consumer stops early, work still in flight must not crash the process.
      p.catch(() => undefined);
      queue.push(p);
    }
  };
  fill();
  while (queue.length > 0) {
    const result = await queue.shift()!;
    fill();
    yield result;
  }
}
