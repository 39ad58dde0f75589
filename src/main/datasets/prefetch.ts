/** Reading ahead: the next few documents load while the current one is written. */

/**
 * Yields `work(item)` for each item, in order, with up to `ahead` of them
 * running at once. A failure surfaces when its turn comes.
 */
export async function* inOrder<T, R>(items: readonly T[], work: (item: T) => Promise<R>, ahead: number): AsyncGenerator<R> {
  const queue: Promise<R>[] = [];
  let next = 0;
  const fill = () => {
    while (next < items.length && queue.length < ahead) {
      const p = work(items[next++]);
      // Marked as handled: if the consumer stops early, a read still in flight must not crash the process.
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
